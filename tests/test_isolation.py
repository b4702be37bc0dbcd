"""Network isolation, proven without touching any network we did not create.

Unit tests check the bubblewrap command line flag by flag and the mode decisions.  The
integration tests start real sandboxes: only ``lo`` and no route inside; a canary listener in a
network namespace the test creates is reachable from a control process there and unreachable
from the sandbox started there; the sandbox cannot write outside staging and /tmp, and its
/tmp vanishes even when it is killed with SIGKILL.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path, PurePosixPath

import pytest

from sandbox import isolation
from sandbox.errors import ExitCode, IsolationError
from sandbox.staged import Stage
from tests.conftest import SAMPLES, run_cli

LETTER = SAMPLES / "letter_en.png"


# --- the command line, flag by flag -------------------------------------------------------


def _argv(**kw: object) -> list[str]:
    return isolation.bwrap_argv(
        "/usr/bin/bwrap",
        ["python3", "-m", "sandbox", "ocr"],
        read_only=[Path("/data/in")],
        writable=[Path("/dev/shm/w/staging")],
        env={"PATH": "/usr/bin", "SANDBOX_INSIDE": "1"},
        **kw,  # type: ignore[arg-type]
    )


def _pairs(argv: list[str], flag: str, width: int) -> list[list[str]]:
    return [argv[i + 1 : i + 1 + width] for i, a in enumerate(argv) if a == flag]


def test_argv_namespaces_and_lifetime() -> None:
    argv = _argv()
    assert argv[0] == "/usr/bin/bwrap"
    for flag in ("--unshare-all", "--die-with-parent", "--new-session", "--clearenv"):
        assert flag in argv
    assert "--share-net" not in argv


def test_argv_environment_is_only_what_is_given() -> None:
    argv = _argv()
    assert _pairs(argv, "--setenv", 2) == [["PATH", "/usr/bin"], ["SANDBOX_INSIDE", "1"]]
    assert argv.index("--clearenv") < argv.index("--setenv")


def test_argv_system_read_only_and_nothing_from_run() -> None:
    argv = _argv()
    ro = _pairs(argv, "--ro-bind", 2)
    assert ["/usr", "/usr"] in ro and ["/data/in", "/data/in"] in ro
    assert _pairs(argv, "--bind", 2) == [["/dev/shm/w/staging", "/dev/shm/w/staging"]]
    assert not any(p[0].startswith("/run") or p[0] in ("/", "/home", "/root") for p in ro + _pairs(argv, "--bind", 2))
    assert _pairs(argv, "--remount-ro", 1) == [["/"]]
    assert _pairs(argv, "--cap-drop", 1) == [["ALL"]]


def test_argv_fresh_proc_dev_tmp_before_binds() -> None:
    argv = _argv()
    tmpfs = argv.index("--tmpfs")
    assert argv[tmpfs + 1] == "/tmp"
    assert argv.index("--proc") < argv.index("/data/in") and tmpfs < argv.index("/data/in")
    assert tmpfs < argv.index("--bind")


def test_argv_uid_mapping_and_command_last() -> None:
    argv = _argv(uid=65534)
    assert _pairs(argv, "--uid", 1) == [["65534"]] and _pairs(argv, "--gid", 1) == [["65534"]]
    assert "--unshare-user" in argv
    assert argv[argv.index("--") + 1 :] == ["python3", "-m", "sandbox", "ocr"]
    assert "--uid" not in _argv()


# --- deciding where to run ------------------------------------------------------------------


def test_network_view_from_proc_files(tmp_path: Path) -> None:
    net = tmp_path / "net"
    net.mkdir()
    (net / "dev").write_text("h1\nh2\n    lo: 0 0\n  eth0: 1 2\n")
    (net / "route").write_text("Iface\tDestination\neth0\t00000000\n")
    (net / "ipv6_route").write_text("00000000000000000000000000000001 80 0 0 0 0 lo\nfe80 40 0 0 0 0 eth0\n")
    view = isolation.network_view(tmp_path)
    assert view.interfaces == ("lo", "eth0") and view.routes == 2 and not view.isolated
    (net / "dev").write_text("h1\nh2\n    lo: 0 0\n")
    (net / "route").write_text("Iface\tDestination\n")
    (net / "ipv6_route").write_text("00000000000000000000000000000001 80 0 0 0 0 lo\n")
    assert isolation.network_view(tmp_path).isolated


def test_decide_modes(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (isolation.INSIDE_ENV, isolation.CONTAINER_ENV, isolation.BWRAP_ENV, "container"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(isolation, "in_container", lambda: False)
    monkeypatch.setattr(isolation, "bwrap_path", lambda: "/usr/bin/bwrap")
    assert isolation.decide(isolation.Mode.AUTO) == isolation.Decision(isolation.Mode.BWRAP, launch=True)
    none = isolation.decide(isolation.Mode.NONE)
    assert not none.launch and none.warning and "WITHOUT network isolation" in none.warning
    with pytest.raises(IsolationError) as err:
        isolation.decide(isolation.Mode.CONTAINER)
    assert err.value.exit_code is ExitCode.ISOLATION
    # In a network-less container, auto processes right there.
    monkeypatch.setattr(isolation, "in_container", lambda: True)
    monkeypatch.setattr(isolation, "network_view", lambda: isolation.NetworkView(("lo",), 0))
    assert isolation.decide(isolation.Mode.AUTO) == isolation.Decision(isolation.Mode.CONTAINER, launch=False)
    # A container WITH a network does not count: auto falls back to bubblewrap.
    monkeypatch.setattr(isolation, "network_view", lambda: isolation.NetworkView(("lo", "eth0"), 1))
    assert isolation.decide(isolation.Mode.AUTO).launch
    # No bubblewrap and no isolated container: refuse.
    monkeypatch.setattr(isolation, "bwrap_path", lambda: None)
    with pytest.raises(IsolationError, match="apt-get install bubblewrap"):
        isolation.decide(isolation.Mode.AUTO)
    # Inside our sandbox, a visible network is a refusal too (fail closed).
    monkeypatch.setenv(isolation.INSIDE_ENV, "1")
    with pytest.raises(IsolationError):
        isolation.decide(isolation.Mode.AUTO)


def test_socket_guard_refuses_inet_but_not_unix() -> None:
    code = (
        "import socket; from sandbox import netguard; netguard.install()\n"
        "socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).close()\n"
        "try:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\nexcept netguard.NetworkRefused:\n"
        "    print('refused')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "refused"


# --- real sandboxes -------------------------------------------------------------------------


def _sandbox_python(code: str, *, read_only: tuple[Path, ...] = ()) -> list[str]:
    return isolation._sandbox_argv([sys.executable, "-c", code], read_only, None)


@pytest.mark.slow
def test_doctor_inside_sees_only_loopback_and_no_privileges() -> None:
    res = run_cli(["doctor", "--json", "--require-isolation"])
    assert res.code == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["isolation"] == "bwrap" and report["processing_isolated"]
    assert report["interfaces"] == ["lo"] and report["routes"] == 0
    assert report["capabilities_effective"].strip("0") == ""
    assert report["no_new_privs"] and report["root_read_only"]
    if os.getuid() == 0:
        assert report["uid"] == isolation.SANDBOX_UID


@pytest.mark.slow
def test_doctor_without_isolation_fails_require() -> None:
    res = run_cli(["doctor", "--isolation", "none", "--require-isolation"])
    assert res.code == ExitCode.ISOLATION
    assert "WITHOUT network isolation" in res.stderr


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True)


@pytest.fixture
def canary_netns() -> object:
    """A network namespace of our own: lo, and a veth pair (both ends inside) with 198.51.100.7."""
    if os.getuid() != 0:
        pytest.skip("creating a network namespace needs root (CI runs as root)")
    name = f"sbxtest-{uuid.uuid4().hex[:8]}"
    _ip("netns", "add", name)
    try:
        _ip("-n", name, "link", "set", "lo", "up")
        _ip("-n", name, "link", "add", "canary0", "type", "veth", "peer", "name", "canary1")
        _ip("-n", name, "addr", "add", "198.51.100.7/24", "dev", "canary0")
        _ip("-n", name, "link", "set", "canary0", "up")
        _ip("-n", name, "link", "set", "canary1", "up")
        yield name
    finally:
        subprocess.run(["ip", "netns", "del", name], check=False, capture_output=True)


LISTENER = """
import socket, sys
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("198.51.100.7", 0)); srv.listen(4); srv.settimeout(20)
print(srv.getsockname()[1], flush=True)
hits = 0
try:
    while True:
        conn, _ = srv.accept(); hits += 1; conn.sendall(b"canary"); conn.close()
except socket.timeout:
    pass
"""
CLIENT = """
import socket, sys
try:
    s = socket.create_connection(("198.51.100.7", int(sys.argv[1])), timeout=3)
    print("REACHED", s.recv(6).decode())
except OSError as e:
    print("BLOCKED", type(e).__name__)
"""


@pytest.mark.slow
def test_canary_reachable_from_control_but_not_from_sandbox(canary_netns: str) -> None:
    listener = subprocess.Popen(
        ["ip", "netns", "exec", canary_netns, sys.executable, "-c", LISTENER], stdout=subprocess.PIPE, text=True
    )
    try:
        assert listener.stdout is not None
        port = listener.stdout.readline().strip()
        control = subprocess.run(
            ["ip", "netns", "exec", canary_netns, sys.executable, "-c", CLIENT, port],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
        assert control.strip() == "REACHED canary"
        sandboxed = subprocess.run(
            [
                "ip",
                "netns",
                "exec",
                canary_netns,
                *isolation._sandbox_argv([sys.executable, "-c", CLIENT, port], (), None),
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
        assert sandboxed.startswith("BLOCKED"), sandboxed
    finally:
        listener.kill()
        listener.wait()


WRITER = """
import json, os, sys, time
results = {}
for target in sys.argv[1:]:
    try:
        with open(target, "w") as fh:
            fh.write("x")
        results[target] = "written"
    except OSError as e:
        results[target] = e.strerror
print(json.dumps(results))
"""


@pytest.mark.slow
def test_sandbox_writes_only_to_staging_and_private_tmp(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    marker = f"/tmp/sbx-{uuid.uuid4().hex}"
    targets = [str(inputs / "evil"), "/usr/evil", "/evil", "/etc/evil", f"{Stage.INSIDE}/ok", marker]
    with Stage(1 << 20) as stage, tempfile.TemporaryFile() as out:
        code = isolation.run_inside(
            [sys.executable, "-c", WRITER, *targets], (inputs,), stage, tmp_bytes=1 << 20, stdout=out.fileno()
        )
        assert code == 0
        out.seek(0)
        result = json.loads(out.read())  # the dict printed above
        assert stage.tree is not None and stage.tree.files() == [PurePosixPath("ok")]
    assert result[str(inputs / "evil")] == "Read-only file system"
    assert result["/usr/evil"] == "Read-only file system"
    assert result["/evil"] != "written" and result["/etc/evil"] != "written"
    assert result[f"{Stage.INSIDE}/ok"] == "written" and result[marker] == "written"
    assert not (inputs / "evil").exists()
    assert not Path(marker).exists()  # the sandbox's /tmp was its own


@pytest.mark.slow
def test_sigkill_leaves_no_tmp_and_no_process(tmp_path: Path) -> None:
    tag = uuid.uuid4().hex
    code = (
        f"import time; open('/tmp/secret-{tag}', 'w').write('page pixels'); print('ready', flush=True); time.sleep(120)"
    )
    proc = subprocess.Popen([*_sandbox_python(code), tag], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while _procs_with(tag):
        assert time.monotonic() < deadline, "a sandboxed process outlived SIGKILL"
        time.sleep(0.1)
    assert not Path(f"/tmp/secret-{tag}").exists()


def _procs_with(tag: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if tag in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


@pytest.mark.slow
def test_refusal_without_bubblewrap_and_warning_without_isolation(tmp_path: Path) -> None:
    res = run_cli(["ocr", str(LETTER)], env={isolation.BWRAP_ENV: str(tmp_path / "no-bwrap")})
    assert res.code == ExitCode.ISOLATION and res.stdout == ""
    assert "apt-get install bubblewrap" in res.stderr and res.stderr.count("\n") == 1
    res = run_cli(["ocr", "--isolation", "container", str(LETTER)])
    assert res.code == ExitCode.ISOLATION and "--network none" in res.stderr
    res = run_cli(["ocr", "--isolation", "none", str(LETTER)])
    assert res.code == 0 and "Harrowgate" in res.stdout
    assert res.stderr.startswith("warning: --isolation none")


@pytest.mark.slow
def test_sandboxed_run_outputs_land_in_place(tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = run_cli(["ocr", str(LETTER), str(SAMPLES / "mixed.pdf"), "-o", str(out), "--to", "txt,pdf", "--json-summary"])
    assert res.code == 0, res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["letter_en.pdf", "letter_en.txt", "mixed.pdf", "mixed.txt"]
    assert json.loads(res.stdout)["outputs"][0] == str(out / "letter_en.txt")
