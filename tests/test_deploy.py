"""Issue 14's deployment files: Kubernetes manifests valid against the schema (offline, pinned
version) and hardened; the Slurm array script runs real shards with the installed CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from tests.conftest import ROOT, run_cli
from tests.test_batch import make_documents

KUBERNETES = "1.33.0"  # the schema version the manifests are checked against
DEPLOY = ROOT / "deploy"


def _docs(name: str) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all((DEPLOY / "kubernetes" / name).read_text(encoding="utf-8")) if doc]


@pytest.mark.parametrize("name", ["job.yaml", "networkpolicy.yaml"])
def test_manifests_pass_the_kubernetes_schema(name: str) -> None:
    for doc in _docs(name):
        kubernetes_validate.validate(doc, KUBERNETES, strict=True)


def test_the_job_is_an_indexed_hardened_batch() -> None:
    (job,) = _docs("job.yaml")
    spec = job["spec"]
    assert spec["completionMode"] == "Indexed" and spec["backoffLimitPerIndex"] >= 1
    pod = spec["template"]["spec"]
    assert pod["automountServiceAccountToken"] is False and pod["restartPolicy"] == "Never"
    assert pod["securityContext"]["runAsNonRoot"] is True
    profile = pod["securityContext"]["seccompProfile"]
    assert profile["type"] == "Localhost" and profile["localhostProfile"] == "profiles/ocr-sandbox-bwrap.json"
    assert (DEPLOY / "kubernetes" / "seccomp" / "ocr-sandbox-bwrap.json").is_file()
    assert pod["hostUsers"] is False
    (container,) = pod["containers"]
    sec = container["securityContext"]
    assert sec["readOnlyRootFilesystem"] is True and sec["allowPrivilegeEscalation"] is False
    assert sec["capabilities"]["drop"] == ["ALL"] and sec["procMount"] == "Unmasked"
    assert {"name": "SANDBOX_ISOLATION", "value": "bwrap"} in container["env"]
    assert container["resources"]["requests"] and container["resources"]["limits"]
    args = container["args"]
    assert args[args.index("--shard") + 1] == f"auto/{spec['completions']}"  # one shard per index
    assert "--resume" in args
    mounts = {m["mountPath"]: m for m in container["volumeMounts"]}
    assert mounts["/data/in"]["readOnly"] is True and "/data/out" in mounts
    (policy,) = _docs("networkpolicy.yaml")
    assert sorted(policy["spec"]["policyTypes"]) == ["Egress", "Ingress"]
    assert policy["spec"]["ingress"] == [] and policy["spec"]["egress"] == []
    selector = policy["spec"]["podSelector"]["matchLabels"]
    assert selector.items() <= spec["template"]["metadata"]["labels"].items()  # it covers the Job's pods


def _array_task(src: Path, out: Path, task: str, shards: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(DEPLOY / "slurm" / "ocr-array.sh"), str(src), str(out), shards],
        env={**env, "SLURM_ARRAY_TASK_ID": task}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.mark.slow
def test_the_slurm_array_script_runs_every_shard_and_reruns_single_tasks(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    make_documents(src, 8)
    bindir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}", "SLURM_CPUS_PER_TASK": "1"}
    env.pop("OCR_IMAGE", None)
    assert shutil.which("sandbox", path=env["PATH"])
    # the first submission ran only tasks 0 and 2 of 4 (--array=0-3, two lost); the re-run submits
    # --array=1,3 alone, with Slurm's own view of that smaller array
    for task in ("0", "2"):
        proc = _array_task(src, out, task, "4", {**env, "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "0"})
        assert proc.returncode in (0, 6), proc.stderr  # 6: the broken PDF of the set
    assert "never started: 1, 3" in run_cli(["report", str(out)]).stdout
    rerun = {**env, "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_MIN": "1"}
    for task in ("1", "3"):
        proc = _array_task(src, out, task, "4", rerun)
        assert proc.returncode in (0, 6), proc.stderr
    report = run_cli(["report", str(out)])
    assert "done 9, failed 1" in report.stdout and "unfinished 0" in report.stdout
    before = {p: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    again = _array_task(src, out, "3", "4", rerun)  # everything of shard 3 is done: nothing redone
    assert again.returncode in (0, 6)
    assert {p: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == before
    bad = _array_task(src, out, "5", "4", env)
    assert bad.returncode == 2 and "not a shard of 4" in bad.stderr
