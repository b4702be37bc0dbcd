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
    assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
    (container,) = pod["containers"]
    sec = container["securityContext"]
    assert sec["readOnlyRootFilesystem"] is True and sec["allowPrivilegeEscalation"] is False
    assert sec["capabilities"]["drop"] == ["ALL"]
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


@pytest.mark.slow
def test_the_slurm_array_script_runs_every_shard(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    make_documents(src, 8)
    bindir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}", "SLURM_ARRAY_TASK_COUNT": "2",
           "SLURM_CPUS_PER_TASK": "1", "SLURM_ARRAY_TASK_MIN": "0"}  # fmt: skip
    env.pop("OCR_IMAGE", None)
    assert shutil.which("sandbox", path=env["PATH"])
    for task in ("0", "1"):
        proc = subprocess.run(
            ["bash", str(DEPLOY / "slurm" / "ocr-array.sh"), str(src), str(out)],
            env={**env, "SLURM_ARRAY_TASK_ID": task}, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert proc.returncode in (0, 6), proc.stderr  # 6: the broken PDF of the set
    report = run_cli(["report", str(out)])
    assert "done 9, failed 1" in report.stdout and "unfinished 0" in report.stdout
