"""The container, built and run for real with podman (``../shared/container`` helpers).

Runs with the flags of docs/deployment.md: no network, read-only root, tmpfs /tmp, no capabilities, no
new privileges, a non-root uid, inputs read-only and the output directory writable.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow

HELPERS = ROOT.parent / "shared" / "container"
IMAGE = "localhost/ocr-sandbox:test"
UID = 10001


def run_argv(
    image: str,
    inputs: Path,
    output: Path,
    args: Sequence[str],
    entrypoint: str | None = None,
    env: dict[str, str] | None = None,
    name: str | None = None,
    cpus: float | None = None,
) -> list[str]:
    """The hardened run line from the README, for podman; `cpus` caps the container as a slow
    node would be."""
    argv = [
        "podman",
        "run",
        "--rm",
        "--network",
        "none",
        "--read-only",
        "--tmpfs",
        "/tmp:rw,noexec,nosuid,size=1g",
        "--cap-drop",
        "ALL",
        "--security-opt",
        "no-new-privileges",
        "--user",
        f"{UID}:{UID}",
        "-v",
        f"{inputs}:/data/in:ro",
        "-v",
        f"{output}:/data/out",
    ]
    if entrypoint:
        argv += ["--entrypoint", entrypoint]
    for key, value in (env or {}).items():
        argv += ["-e", f"{key}={value}"]
    if name:
        argv += ["--name", name]
    if cpus:
        argv += ["--cpus", str(cpus)]
    return [*argv, image, *args]


@pytest.fixture(scope="module")
def image() -> str:
    if not (HELPERS / "build").exists():
        if os.environ.get("CI"):
            pytest.fail(f"podman helpers not found at {HELPERS}")
        pytest.skip("podman helpers (../shared/container) are not on this machine")
    subprocess.run([str(HELPERS / "setup-podman")], check=True, capture_output=True, timeout=900)
    build = subprocess.run(
        [str(HELPERS / "build"), "-q", "-t", IMAGE, str(ROOT)], capture_output=True, text=True, timeout=1500
    )
    assert build.returncode == 0, build.stderr[-3000:]
    return IMAGE


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    inputs = tmp_path / "in"
    shutil.copytree(SAMPLES, inputs)
    out = tmp_path / "out"
    out.mkdir()
    if os.getuid() == 0:
        os.chown(out, UID, UID)  # the container's user must write here
    else:
        out.chmod(0o777)
    return inputs, out


def test_container_only_loopback_no_route(image: str, dirs: tuple[Path, Path]) -> None:
    res = subprocess.run(
        run_argv(image, *dirs, ["/proc/net/dev", "/proc/net/route"], entrypoint="cat"),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = res.stdout.splitlines()
    interfaces = [line.split(":")[0].strip() for line in lines[2:] if ":" in line]
    assert interfaces == ["lo"]
    assert lines[-1].startswith("Iface")  # the route table is empty


def test_container_doctor_requires_isolation(image: str, dirs: tuple[Path, Path]) -> None:
    res = subprocess.run(
        run_argv(image, *dirs, ["doctor", "--require-isolation", "--json"]),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["isolation"] == "container" and report["processing_isolated"]
    assert report["uid"] == UID and report["root_read_only"] and report["no_new_privs"]
    assert set(report["languages"]) >= {"eng", "chi_sim", "chi_tra"}


def test_container_ocr_of_samples(image: str, dirs: tuple[Path, Path]) -> None:
    inputs, out = dirs
    for sidecar in [p for p in inputs.iterdir() if p.suffix not in (".png", ".jpg", ".tiff", ".pdf")]:
        sidecar.unlink()  # text is a document too now, and --to pdf prints it with LibreOffice, not in this image
    res = subprocess.run(
        run_argv(image, inputs, out, ["ocr", "in", "-o", "out", "--to", "txt,pdf,json", "--json-summary"]),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    documents = [p for p in SAMPLES.iterdir() if p.suffix in (".png", ".jpg", ".tiff", ".pdf")]
    assert summary["files"] == len(documents) and not summary["failures"]
    assert "Harrowgate Marine Engineering" in (out / "letter_en.txt").read_text()
    assert "Incident Report" in (out / "report_scanned.txt").read_text()
    assert (out / "mixed.pdf").stat().st_size > 0
    assert (out / "letter_en.txt").stat().st_uid == UID
    # Chinese is read by PP-OCR, its models from the image itself (the container has no network)
    res = subprocess.run(
        run_argv(image, inputs, out, ["ocr", "in/notice_zh_hans.png", "-l", "auto", "--to", "json"]),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode == 0, res.stderr
    page = json.loads(res.stdout)["pages"][0]
    assert page["engine"] == "ppocr" and page["languages"].startswith("chi_sim")
    assert "安全检查" in "".join(w["text"] for line in page["lines"] for w in line["words"])


def test_container_redaction(image: str, dirs: tuple[Path, Path]) -> None:
    inputs, out = dirs
    res = subprocess.run(
        run_argv(
            image,
            inputs,
            out,
            [
                "redact",
                "in/letter_en.png",
                "in/report_scanned.pdf",
                "-o",
                "out",
                "--to",
                "pdf,txt",
                "--terms",
                "in/terms.txt",
            ],
        ),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode == 0, res.stderr
    text = (out / "redacted-001.txt").read_text()
    assert "█████" in text and "daniel.okafor@" not in text and "Eleanor Whitfield" not in text
    assert (out / "redacted-002.report.json").exists()
    res = subprocess.run(
        run_argv(
            image, inputs, out, ["verify", "--terms", "in/terms.txt", "out/redacted-001.pdf", "out/redacted-002.pdf"]
        ),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode == 0, res.stderr


def _writable(folder: Path) -> Path:
    folder.mkdir()
    if os.getuid() == 0:
        os.chown(folder, UID, UID)
    else:
        folder.chmod(0o777)
    return folder


def test_container_shards_as_an_indexed_job(image: str, tmp_path: Path) -> None:
    """The Indexed Job contract: N pods, each told its index in JOB_COMPLETION_INDEX, one
    shared output volume; one pod killed mid-way and retried with --resume (as
    backoffLimitPerIndex does); together they write exactly what one unsharded run writes."""
    from tests.test_batch import make_documents, outputs

    inputs = tmp_path / "in"
    make_documents(inputs, 12)
    out, single = _writable(tmp_path / "out"), _writable(tmp_path / "single")
    args = ["ocr", "in", "--to", "txt,pdf", "-q", "-j", "1"]
    sharded = [*args, "-o", "out", "--shard", "auto/3", "--resume"]
    victim = f"ocr-sandbox-test-{os.getpid()}-1"
    # The victim runs as a slow node (a fifth of a core): its documents take seconds each, so
    # the kill lands mid-shard; at full speed a shard's few small documents finish within the
    # time podman takes to kill (the race that failed a CI run).
    procs = [
        subprocess.Popen(
            run_argv(image, inputs, out, sharded, env={"JOB_COMPLETION_INDEX": str(i)},
                     name=victim if i == 1 else None, cpus=0.2 if i == 1 else None),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        for i in range(3)
    ]  # fmt: skip
    from sandbox import journal

    deadline, killed = time.monotonic() + 300, False
    while time.monotonic() < deadline and procs[1].poll() is None:
        if any(r.get("kind") == "document" for r in journal.records(journal.path_for(out, 1, 3))):
            killed = subprocess.run(["podman", "kill", victim], capture_output=True, timeout=60).returncode == 0
            break  # the node dies mid-shard
        time.sleep(0.05)
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode in (0, 6, 137), err[-2000:]  # 6: the broken PDF's shard; 137: killed
    assert killed and procs[1].returncode != 0
    assert not any(r.get("kind") == "run" for r in journal.records(journal.path_for(out, 1, 3)))  # mid-shard
    retry = subprocess.run(
        run_argv(image, inputs, out, sharded, env={"JOB_COMPLETION_INDEX": "1"}), capture_output=True, timeout=600
    )
    assert retry.returncode in (0, 6), retry.stderr[-2000:]
    whole = subprocess.run(run_argv(image, inputs, single, [*args, "-o", "out"]), capture_output=True, timeout=600)
    assert whole.returncode == 6, whole.stderr[-2000:]
    assert outputs(out) == outputs(single) and len(outputs(out)) == 26  # 13 documents, txt and pdf
    report = subprocess.run(
        [sys.executable, "-m", "sandbox", "report", str(out), "--json"], capture_output=True, text=True, timeout=60
    )
    found = json.loads(report.stdout)
    assert found["done"] == 13 and found["missing_shards"] == [] and found["unfinished"] == []


def test_pod_reproduction(image: str, dirs: tuple[Path, Path]) -> None:
    """deploy/kubernetes/job.yaml as a pod would run it: the default network (an eth0 is there),
    the Job's user, read-only root, no capabilities, no new privileges, the shipped seccomp
    profile and an unmasked /proc (procMount: Unmasked).  Documents are processed in bubblewrap
    inside it, where only lo exists and the sandbox's own filter is stacked on the pod's."""
    inputs, out = dirs
    profile = ROOT / "deploy" / "kubernetes" / "seccomp" / "ocr-sandbox-bwrap.json"
    pod = [
        "podman", "run", "--rm", "--read-only", "--tmpfs", "/tmp:rw,nosuid,size=2g", "--cap-drop", "ALL",
        "--security-opt", "no-new-privileges", "--security-opt", f"seccomp={profile}",
        "--security-opt", "unmask=ALL", "--user", f"{UID}:{UID}", "-e", "SANDBOX_ISOLATION=bwrap",
        "-e", "JOB_COMPLETION_INDEX=0", "-v", f"{inputs}:/data/in:ro", "-v", f"{out}:/data/out",
    ]  # fmt: skip
    seen = subprocess.run([*pod, "--entrypoint", "cat", image, "/proc/net/dev"], capture_output=True, text=True)
    assert "eth0" in seen.stdout or "tap0" in seen.stdout  # the pod itself has a network
    doctor = subprocess.run([*pod, image, "doctor", "--json", "--require-isolation"], capture_output=True, text=True)
    assert doctor.returncode == 0, doctor.stderr
    report = json.loads(doctor.stdout)
    assert report["isolation"] == "bwrap" and report["interfaces"] == ["lo"] and report["routes"] == 0
    assert report["seccomp"] == "2" and report["inet_socket"] == "refused (EAFNOSUPPORT)" and report["no_new_privs"]
    assert report["tmp_bytes"] == 2048 * 1024 * 1024
    args = ["ocr", "/data/in/letter_en.png", "-o", "/data/out", "--to", "txt", "--shard", "auto/1", "--resume"]
    job = subprocess.run([*pod, image, *args], capture_output=True, text=True, timeout=300)
    assert job.returncode == 0, job.stderr
    assert "Harrowgate Marine Engineering" in (out / "letter_en.txt").read_text()
    # the same pod without procMount: Unmasked cannot build the sandbox, and says so in one line
    masked = [*pod[: pod.index("unmask=ALL") - 1], *pod[pod.index("unmask=ALL") + 1 :]]
    refused = subprocess.run([*masked, image, *args], capture_output=True, text=True, timeout=300)
    assert refused.returncode == 8 and refused.stderr.count("\n") == 1 and "bubblewrap" in refused.stderr
