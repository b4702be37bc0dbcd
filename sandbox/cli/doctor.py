"""``sandbox doctor``: report isolation and tools as seen from where processing runs."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from sandbox.cli.common import IsolationOpt, handles_errors
from sandbox.errors import ExitCode, IsolationError
from sandbox.isolation import Mode


def _inside_report() -> dict[str, Any]:
    """Run the probe inside a bubblewrap sandbox, built exactly as processing builds it."""
    import tempfile

    from sandbox import isolation
    from sandbox.limits import load

    isolation.preflight()
    tmp_bytes = load().tmp_mb * 1024 * 1024
    with tempfile.TemporaryFile() as out:
        code = isolation.run_inside(
            [sys.executable, "-m", "sandbox", "doctor", "--probe"], (), None, tmp_bytes=tmp_bytes, stdout=out.fileno()
        )
        out.seek(0)
        raw = out.read(1 << 20)
    try:
        if code != 0:
            raise ValueError(code)
        data: dict[str, Any] = json.loads(raw)
    except ValueError:
        raise IsolationError(
            "the probe inside the bubblewrap sandbox failed; run with --isolation none to compare"
        ) from None
    return data


@handles_errors
def doctor(
    isolation: IsolationOpt = Mode.AUTO,
    require_isolation: Annotated[
        bool, typer.Option("--require-isolation", help="Exit 8 unless processing runs without a network.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable report.")] = False,
    probe: Annotated[bool, typer.Option("--probe", hidden=True)] = False,
) -> None:
    """Check isolation, privileges and tools where documents would be processed."""
    from sandbox import doctor as checks
    from sandbox import isolation as iso

    if probe:
        sys.stdout.write(json.dumps(checks.probe()) + "\n")
        return
    try:
        decision = iso.decide(isolation)
        mode, error = decision.mode.value, None
        if decision.warning:
            sys.stderr.write(decision.warning + "\n")
        report = _inside_report() if decision.launch else checks.probe()
    except IsolationError as exc:
        mode, error = "refused", exc.message
        report = checks.probe()
    report = {"isolation": mode, "isolation_error": error, **report}
    isolated = error is None and mode != Mode.NONE.value and report["network_isolated"]
    report["processing_isolated"] = isolated
    if as_json:
        sys.stdout.write(json.dumps(report, indent=1) + "\n")
    else:
        _print(report)
    if require_isolation and not isolated:
        sys.stderr.write("sandbox: error: processing would not be network-isolated here (see the report)\n")
        raise typer.Exit(int(ExitCode.ISOLATION))


def _print(r: dict[str, Any]) -> None:
    def line(name: str, value: object, ok: bool | None = None) -> None:
        mark = "" if ok is None else ("ok   " if ok else "WARN ")
        typer.echo(f"{mark:5}{name:22} {value}")

    line(
        "isolation",
        r["isolation"] + (f" ({r['isolation_error']})" if r["isolation_error"] else ""),
        r["processing_isolated"],
    )
    line("network interfaces", ", ".join(r["interfaces"]) or "none", set(r["interfaces"]) <= {"lo"})
    line("routes", r["routes"], r["routes"] == 0)
    line("user", f"uid {r['uid']} gid {r['gid']}", r["uid"] != 0)
    line("capabilities", r["capabilities_effective"], r["capabilities_effective"].strip("0") == "")
    line("no_new_privs", r["no_new_privs"], r["no_new_privs"])
    line("seccomp", r["seccomp"], r["seccomp"] == "2")
    line("internet sockets", r["inet_socket"], r["inet_socket"] != "allowed")
    if r.get("tmp_bytes"):
        line("/tmp size", f"{r['tmp_bytes'] // (1024 * 1024)} MiB")
    line("read-only root", r["root_read_only"], r["root_read_only"])
    line("proxy variables", ", ".join(r["proxy_variables"]) or "none", not r["proxy_variables"])
    line("tesseract", r["tesseract"] or "MISSING (apt-get install tesseract-ocr)", r["tesseract"] is not None)
    line(
        "tesseract in process",
        r.get("tesseract_in_process") or "not available: one tesseract run per page (apt-get install libtesseract5)",
        r.get("tesseract_in_process") is not None,
    )
    line("poppler", r["poppler"] or "MISSING (apt-get install poppler-utils)", r["poppler"] is not None)
    line("languages", ", ".join(r["languages"]) or "none", bool(r["languages"]))
