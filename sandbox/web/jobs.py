"""Jobs of the web page: each runs the CLI exactly as a user would, isolated as the CLI is."""

from __future__ import annotations

import json
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sandbox import journal

TASKS: dict[str, tuple[str, ...]] = {  # task → the formats offered
    "ocr": ("txt", "pdf", "docx", "xlsx", "html", "md"),
    "convert": ("pdf", "png", "jpeg", "tiff", "docx", "xlsx", "html", "md", "txt"),
    "sanitize": ("pdf",),
    "redact": ("pdf",),
}
LANGS = ("auto", "eng", "chi_sim+eng", "chi_tra+eng")
MAX_FILES = 50


def safe_name(name: str, fallback: str = "document") -> str:
    """A file name for a download header: no path, no control characters, not empty."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" and ch not in '"<>:|?*')
    name = re.sub(r"\s+", " ", name).strip(" .")
    return name[:120] or fallback


@dataclass
class Upload:
    stored: str  # 001.pdf: the name on disk (never the client's)
    shown: str  # the client's file name, for display (always escaped) and download names


@dataclass
class Job:
    id: str
    task: str
    fmt: str
    lang: str
    folder: Path
    uploads: list[Upload]
    state: str = "queued"  # queued, running, review, done, failed
    error: str = ""
    created: float = field(default_factory=time.monotonic)
    seconds: float = 0.0
    downloaded: set[str] = field(default_factory=set)

    @property
    def inputs(self) -> Path:
        return self.folder / "in"

    @property
    def out(self) -> Path:
        return self.folder / "out"

    def outputs(self) -> list[str]:
        if not self.out.is_dir():
            return []
        return sorted(
            str(p.relative_to(self.out)) for p in self.out.rglob("*") if p.is_file() and journal.DIR not in p.parts
        )

    def progress(self) -> dict[str, str]:
        """Each upload's state from the run's journal: done, failed, skipped, or waiting."""
        states: dict[str, str] = {}
        for path in journal.files(self.out):
            for record in journal.records(path):
                name = record.get("input")
                if record.get("kind") == "document" and isinstance(name, str):
                    states[name.rsplit("/", 1)[-1]] = str(record.get("status"))
        return {u.stored: states.get(u.stored, "waiting") for u in self.uploads}

    def download_name(self, output: str) -> str:
        """``001.txt`` → the uploaded file's name with the output's extension."""
        stem = output.rsplit("/", 1)[-1]
        for upload in self.uploads:
            base = upload.stored.rsplit(".", 1)[0]
            if stem.startswith(base):
                shown = upload.shown.rsplit(".", 1)[0] if "." in upload.shown else upload.shown
                return safe_name(shown + stem[len(base) :])
        return safe_name(stem)


def _cli(args: list[str], isolation: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "sandbox", *args, "--isolation", isolation],
        stdin=subprocess.DEVNULL, capture_output=True, check=False, timeout=24 * 3600,
    )  # fmt: skip


def _message(proc: subprocess.CompletedProcess[bytes]) -> str:
    """The CLI's one-line errors (they name the stored file and the cause, never document text)."""
    lines = [ln for ln in proc.stderr.decode("utf-8", "replace").splitlines() if ln.startswith("sandbox: error:")]
    return "; ".join(ln.removeprefix("sandbox: error: ") for ln in lines[:5]) or f"exit {proc.returncode}"


class JobStore:
    """Jobs in memory, their files in the private work directory; removed after download or ``ttl``."""

    def __init__(self, root: Path, isolation: str, ttl: float = 3600.0) -> None:
        self.root, self.isolation, self.ttl = root, isolation, ttl
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()

    def create(self, task: str, fmt: str, lang: str, files: list[tuple[str, bytes]]) -> Job:
        job_id = secrets.token_urlsafe(12)
        folder = self.root / job_id
        (folder / "in").mkdir(parents=True)
        uploads = []
        for n, (shown, data) in enumerate(files, 1):
            ext = Path(safe_name(shown)).suffix.lower()
            ext = ext if re.fullmatch(r"\.[a-z0-9]{1,5}", ext) else ""
            stored = f"{n:03d}{ext}"
            (folder / "in" / stored).write_bytes(data)
            uploads.append(Upload(stored, safe_name(shown)))
        job = Job(job_id, task, fmt, lang, folder, uploads)
        with self.lock:
            self.jobs[job_id] = job
        threading.Thread(target=self._run, args=(job,), daemon=True).start()
        return job

    def get(self, job_id: str) -> Job | None:
        with self.lock:
            return self.jobs.get(job_id)

    def _run(self, job: Job) -> None:
        started = time.monotonic()
        job.state = "running"
        inputs, out = str(job.inputs), str(job.out)
        common = ["-q", "--resume", "-o", out]
        if job.task == "ocr" and job.fmt in ("txt", "pdf"):
            proc = _cli(["ocr", inputs, *common, "--to", job.fmt, "-l", job.lang], self.isolation)
        elif job.task in ("ocr", "convert"):
            lang = job.lang if job.lang != "auto" or job.fmt in ("docx", "xlsx", "html", "md", "txt") else "eng"
            proc = _cli(["convert", inputs, *common, "--to", job.fmt, "-l", lang], self.isolation)
        elif job.task == "sanitize":
            proc = _cli(["convert", inputs, *common, "--sanitize"], self.isolation)
        else:
            self._flag(job)
            return
        self._finish(job, proc, started)

    def _finish(self, job: Job, proc: subprocess.CompletedProcess[bytes], started: float) -> None:
        job.seconds += time.monotonic() - started
        if proc.returncode != 0:
            job.error = _message(proc)
        job.state = "done" if job.outputs() else "failed"

    # --- redaction: flag → review in the browser → redact → verify ---------------------------

    def _flag(self, job: Job) -> None:
        started = time.monotonic()
        review = job.folder / "review.json"
        lang = "eng" if job.lang == "auto" else job.lang  # a review file records real languages
        proc = _cli(["flag", str(job.inputs), "-o", str(review), "-q", "-l", lang], self.isolation)
        if proc.returncode not in (0, 6) or not review.exists():
            job.error, job.state = _message(proc), "failed"
            return
        previews = job.folder / "previews"
        shown = _cli(["convert", str(job.inputs), "-o", str(previews), "--to", "png", "--dpi", "100", "-q"],
                     self.isolation)  # fmt: skip
        if shown.returncode not in (0, 6):
            job.error, job.state = _message(shown), "failed"
            return
        job.seconds += time.monotonic() - started
        job.state = "review"

    def review(self, job: Job) -> dict[str, Any]:
        """What the review page shows: per document its page pictures and the findings' boxes."""
        data = json.loads((job.folder / "review.json").read_text(encoding="utf-8"))
        docs = []
        for doc in data.get("documents", []):
            stored = str(doc.get("file", "")).rsplit("/", 1)[-1]
            base = stored.rsplit(".", 1)[0]
            pictures = sorted(p.name for p in (job.folder / "previews").glob(f"{base}*.png"))
            upload = next((u for u in job.uploads if u.stored == stored), None)
            docs.append(
                {
                    "sha256": doc.get("sha256"),
                    "name": upload.shown if upload else stored,
                    "sizes": doc.get("sizes", {}),
                    "pictures": pictures,
                    "findings": [
                        {k: f.get(k) for k in ("id", "page", "rule", "boxes", "text", "context", "decision")}
                        for f in doc.get("findings", [])
                    ],
                }
            )
        return {"dpi": data.get("settings", {}).get("dpi", 300), "documents": docs}

    def apply(self, job: Job, decisions: dict[str, str], boxes: list[dict[str, Any]]) -> None:
        """Write the reviewer's decisions into the review file and redact with exactly it."""
        path = job.folder / "review.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        for doc in data.get("documents", []):
            for finding in doc.get("findings", []):
                choice = decisions.get(str(finding.get("id")))
                finding["decision"] = choice if choice in ("redact", "keep") else "redact"
            mine = [b for b in boxes if b.get("sha256") == doc.get("sha256")]
            doc.setdefault("manual", {"terms": [], "boxes": []})["boxes"] = [
                {"page": int(b["page"]), "box": [int(v) for v in b["box"]]} for b in mine
            ]
        edited = job.folder / "review-decided.json"
        edited.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        job.state = "running"
        threading.Thread(target=self._redact, args=(job, edited), daemon=True).start()

    def _redact(self, job: Job, review: Path) -> None:
        started = time.monotonic()
        proc = _cli(["redact", str(job.inputs), "-o", str(job.out), "--review", str(review), "-q", "--resume"],
                    self.isolation)  # fmt: skip
        pdfs = [str(job.out / name) for name in job.outputs() if name.endswith(".pdf")]
        if proc.returncode == 0 and pdfs:
            check = _cli(["verify", *pdfs, "--review", str(review), "-q"], self.isolation)
            if check.returncode != 0:
                for name in pdfs:  # not proven clean: nothing is offered
                    Path(name).unlink(missing_ok=True)
                proc = check
        self._finish(job, proc, started)

    # --- clean-up ------------------------------------------------------------------------------

    def downloaded(self, job: Job, name: str | None) -> None:
        """After the zip, or every output once, the job's files go."""
        job.downloaded.add(name or "*")
        if name is None or set(job.outputs()) <= job.downloaded:
            threading.Timer(5.0, self.remove, args=(job.id,)).start()  # let the response finish

    def remove(self, job_id: str) -> None:
        with self.lock:
            job = self.jobs.pop(job_id, None)
        if job is not None:
            shutil.rmtree(job.folder, ignore_errors=True)

    def sweep(self) -> None:
        now = time.monotonic()
        for job_id, job in list(self.jobs.items()):
            if now - job.created > self.ttl and job.state not in ("running", "queued"):
                self.remove(job_id)
