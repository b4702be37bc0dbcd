"""Jobs of the web page: each runs the CLI exactly as a user would, isolated as the CLI is."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sandbox import formats, journal
from sandbox.cli.report import PROGRESS_ENV, PROGRESS_PREFIX
from sandbox.web import reasons

TASKS: dict[str, tuple[str, ...]] = {  # task → the formats offered ("convert": the registry's web formats)
    "word": ("docx",),  # Scan to Word
    "excel": ("xlsx",),  # Scan to Excel: the page's tables, one sheet each
    "ocr": ("txt", "md", "html"),  # Picture to text
    "searchable": ("pdf",),  # Searchable PDF
    "convert": formats.web_targets(),  # Change the format (sandbox.formats: web=True)
    "sanitize": ("pdf",),  # Remove hidden content
    "redact": ("pdf",),  # Black out sensitive information
}
# Each task and format has ``task.<id>.name`` / ``.desc`` and ``format.<id>.name`` / ``.desc`` in
# the page's catalogues (sandbox/web/locales/*.po); each language ``lang.<id>``.
LANGS = ("auto", "chi_sim+eng", "chi_tra+eng", "eng")
PACKS = ("markings", "pii-cn", "pii-intl", "names")  # the redaction policy's packs offered as checkboxes
DEFAULT_PACKS = ("markings", "pii-cn", "pii-intl")  # ticked at first (the built-in policy's; names are proposals)
OUTPUT_SUFFIX = {"searchable": "-searchable", "sanitize": "-cleaned", "redact": "-redacted"}
MAX_FILES = 50


def safe_name(name: str, fallback: str = "document") -> str:
    """A file name for a download header: no path, no control characters, not empty."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" and ch not in '"<>:|?*')
    name = re.sub(r"\s+", " ", name).strip(" .")
    return name[:120] or fallback


@dataclass
class Upload:
    """One uploaded file: the name it is stored under (never the client's) and the client's name, for display only."""

    stored: str  # 001.pdf: the name on disk (never the client's)
    shown: str  # the client's file name, for display (always escaped) and download names


@dataclass(frozen=True)
class Redaction:
    """What a redaction job looks for: typed terms and the policy's packs; names kept or not."""

    terms: tuple[str, ...] = ()
    packs: tuple[str, ...] = DEFAULT_PACKS
    keep_names: bool = False


@dataclass
class Job:
    """One task of the web page: its uploads, state and per-file reasons for failure (kinds, never text)."""

    id: str
    task: str
    fmt: str
    lang: str
    folder: Path
    uploads: list[Upload]
    redaction: Redaction = field(default_factory=Redaction)
    state: str = "queued"  # queued, running, review, done, failed
    reasons: dict[str, str] = field(default_factory=dict)  # stored name → why it failed (reasons.py kind)
    error: str = ""  # why the job as a whole failed (a kind), "" if it did not
    pages: tuple[int, int] = (0, 0)  # pages done, pages in all, of the step running now (from the CLI)
    created: float = field(default_factory=time.monotonic)
    seconds: float = 0.0
    downloaded: set[str] = field(default_factory=set)

    @property
    def inputs(self) -> Path:
        """The folder the uploads are stored in."""
        return self.folder / "in"

    @property
    def out(self) -> Path:
        """The folder the job's outputs are written to."""
        return self.folder / "out"

    @property
    def password_file(self) -> Path:
        """Where a PDF password given on the page is kept for the job (never in a command line)."""
        return self.folder / "password"

    @property
    def needs_password(self) -> bool:
        """True when a file failed because it is encrypted or the password was wrong."""
        return any(kind in ("encrypted", "wrong_password") for kind in self.reasons.values())

    @property
    def shown_state(self) -> str:
        """The state as the page names it: a failure that a password can mend is "password"."""
        return "password" if self.state == "failed" and self.needs_password else self.state

    def outputs(self) -> list[str]:
        """The output files a user may download, relative and sorted; journals and JSON summaries are left out."""
        if not self.out.is_dir():
            return []
        return sorted(
            str(p.relative_to(self.out))
            for p in self.out.rglob("*")
            if p.is_file() and journal.DIR not in p.parts and not p.name.endswith(".json")
        )

    def _documents(self) -> dict[str, dict[str, Any]]:
        latest: dict[str, dict[str, Any]] = {}
        for path in journal.files(self.out):
            for record in journal.records(path):
                name = record.get("input")
                if record.get("kind") == "document" and isinstance(name, str):
                    latest[name.rsplit("/", 1)[-1]] = record
        return latest

    def progress(self) -> dict[str, str]:
        """Each upload's state from the run's journal: done, failed, skipped, or waiting."""
        latest = self._documents()
        states = {name: str(record.get("status")) for name, record in latest.items()}
        for name in self.reasons:
            states.setdefault(name, "failed")
        return {u.stored: states.get(u.stored, "waiting") for u in self.uploads}

    def counts(self) -> dict[str, int]:
        """Files finished out of all, and the pages of the finished ones (from the journal)."""
        latest = self._documents()
        mine = {u.stored for u in self.uploads}
        return {
            "files_done": sum(1 for name in latest if name in mine),
            "files_total": len(self.uploads),
            "pages_done": sum(int(r.get("pages", 0) or 0) for n, r in latest.items() if r.get("status") == "done"),
        }

    def download_name(self, output: str) -> str:
        """``001.txt`` → the uploaded file's name with the output's extension, and a word saying
        what the file is (``-searchable``, ``-redacted``); a redaction without kept names keeps
        the neutral ``redacted-001.pdf``."""
        stem = output.rsplit("/", 1)[-1]
        suffix = OUTPUT_SUFFIX.get(self.task, "")
        for upload in self.uploads:
            base = upload.stored.rsplit(".", 1)[0]
            if stem.startswith(base) and (self.task != "redact" or self.redaction.keep_names):
                shown = upload.shown.rsplit(".", 1)[0] if "." in upload.shown else upload.shown
                rest = stem[len(base) :]
                ext = rest.rsplit(".", 1)[-1] if "." in rest else ""
                if not suffix and ext and upload.stored.endswith("." + ext):
                    suffix = "-converted"  # same type as the upload: never the very same name
                if suffix and "." in rest:
                    head, _, ext = rest.rpartition(".")
                    rest = f"{head}{suffix}.{ext}"
                return safe_name(shown + rest)
        return safe_name(stem)


def _cli(
    args: list[str], isolation: str, on_progress: Callable[[int, int], None] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """One CLI run for a job; it dies with this thread (so with ``serve``, however it ends).
    With ``on_progress``, the CLI reports pages done / pages in all (two numbers a line on its
    standard error, see ``sandbox.cli.report``) and they are passed on as they come."""
    from sandbox.lifetime import die_with_parent_of

    if on_progress is None:
        return subprocess.run(
            [sys.executable, "-m", "sandbox", *args, "--isolation", isolation],
            stdin=subprocess.DEVNULL, capture_output=True, check=False, timeout=24 * 3600,
            preexec_fn=die_with_parent_of(os.getpid()),
        )  # fmt: skip
    command = [sys.executable, "-m", "sandbox", *args, "--isolation", isolation]
    kept: list[bytes] = []
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, PROGRESS_ENV: "lines"}, preexec_fn=die_with_parent_of(os.getpid()),
    ) as proc:  # fmt: skip
        assert proc.stderr is not None
        for raw in proc.stderr:
            counted = _PROGRESS.match(raw)
            if counted:
                on_progress(int(counted.group(1)), int(counted.group(2)))
            else:
                kept.append(raw)
        code = proc.wait()
    return subprocess.CompletedProcess(command, code, b"", b"".join(kept))


_PROGRESS = re.compile(rb"^" + re.escape(PROGRESS_PREFIX.encode()) + rb"(\d+)/(\d+)\s*$")


def _command(task: str, fmt: str, lang: str) -> list[str]:
    """The CLI command (without inputs and outputs) of a task that is not a redaction."""
    if task == "sanitize":
        return ["convert", "--sanitize"]
    if task in ("ocr", "searchable") and fmt in ("txt", "pdf"):
        return ["ocr", "--to", fmt, "-l", lang]
    lang = lang if lang != "auto" or fmt in ("docx", "xlsx", "html", "md", "txt") else "eng"
    return ["convert", "--to", fmt, "-l", lang]


def _private_file(path: Path, text: str) -> None:
    """A file only this user can read (0600 from its creation), replaced if it exists."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)


class JobStore:
    """Jobs in memory, their files in the private work directory; removed after download or ``ttl``."""

    def __init__(self, root: Path, isolation: str, ttl: float = 3600.0) -> None:
        self.root, self.isolation, self.ttl = root, isolation, ttl
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()

    def create(
        self, task: str, fmt: str, lang: str, files: list[tuple[str, bytes]], redaction: Redaction | None = None
    ) -> Job:
        """Store the uploads under numbered names, register the job and start it on its own thread; returns the job at
        once.
        """
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
        job = Job(job_id, task, fmt, lang, folder, uploads, redaction or Redaction())
        with self.lock:
            self.jobs[job_id] = job
        threading.Thread(target=self._run, args=(job,), daemon=True).start()
        return job

    def get(self, job_id: str) -> Job | None:
        """The job with this id, or None."""
        with self.lock:
            return self.jobs.get(job_id)

    def retry(self, job: Job, password: str) -> None:
        """Run the job again with a password for its encrypted PDFs, given to the CLI through a
        0600 file in the job's private folder (never an argument); the file goes after the run."""
        _private_file(job.password_file, password + "\n")
        job.reasons, job.error, job.state = {}, "", "queued"
        threading.Thread(target=self._run, args=(job,), daemon=True).start()

    @staticmethod
    def _counter(job: Job) -> Callable[[int, int], None]:
        job.pages = (0, 0)

        def count(done: int, total: int) -> None:
            job.pages = (done, total)

        return count

    def _password(self, job: Job) -> list[str]:
        return ["--password-file", str(job.password_file)] if job.password_file.exists() else []

    def _run(self, job: Job) -> None:
        started = time.monotonic()
        job.state = "running"
        if job.task == "redact":
            self._flag(job)
            return
        try:
            args = [*_command(job.task, job.fmt, job.lang), str(job.inputs), "-q", "--resume", "-o", str(job.out)]
            proc = _cli([*args, *self._password(job)], self.isolation, self._counter(job))
        finally:
            job.password_file.unlink(missing_ok=True)
        self._finish(job, proc, started)

    def _finish(self, job: Job, proc: subprocess.CompletedProcess[bytes], started: float) -> None:
        job.seconds += time.monotonic() - started
        per_file, general = reasons.parse(proc.stderr.decode("utf-8", "replace"), proc.returncode)
        job.reasons.update(per_file)
        job.error = general
        done = bool(job.outputs())
        if not done and not job.error and not job.reasons:
            skipped = all(state == "skipped" for state in job.progress().values())
            job.error = (
                "no_documents" if skipped else reasons.kind_of("", proc.returncode) if proc.returncode else "nothing"
            )
        job.state = "done" if done else "failed"

    # --- redaction: flag → review in the browser → redact → verify ---------------------------

    def _flag(self, job: Job) -> None:
        started = time.monotonic()
        review = job.folder / "review.json"
        # "auto": each page's languages are detected; the review records them and the burn reads in them
        lang = job.lang
        extra = self._password(job)
        if job.redaction.terms:
            _private_file(job.folder / "terms.txt", "\n".join(job.redaction.terms) + "\n")
            extra += ["--terms", str(job.folder / "terms.txt")]
        packs = ", ".join(json.dumps(p) for p in job.redaction.packs if p in PACKS)
        _private_file(job.folder / "policy.toml", f"version = 1\npacks = [{packs}]\n")
        extra += ["--policy", str(job.folder / "policy.toml")]
        proc = _cli(["flag", str(job.inputs), "-o", str(review), "-q", "--force", "-l", lang, *extra], self.isolation,
                    self._counter(job))  # fmt: skip
        if proc.returncode not in (0, 6) or not review.exists():
            self._failed(job, proc, started)
            return
        previews = job.folder / "previews"
        shown = _cli(["convert", str(job.inputs), "-o", str(previews), "--to", "png", "--dpi", "100", "-q", "--force",
                      *self._password(job)], self.isolation)  # fmt: skip
        if shown.returncode not in (0, 6):
            self._failed(job, shown, started)
            return
        job.seconds += time.monotonic() - started
        job.state = "review"

    def _failed(self, job: Job, proc: subprocess.CompletedProcess[bytes], started: float) -> None:
        job.seconds += time.monotonic() - started
        per_file, general = reasons.parse(proc.stderr.decode("utf-8", "replace"), proc.returncode)
        job.reasons.update(per_file)
        job.error = general or ("" if per_file else "other")
        job.state = "failed"
        if not job.needs_password:
            job.password_file.unlink(missing_ok=True)

    def review(self, job: Job) -> dict[str, Any]:
        """What the review page shows: per document its page pictures and the findings' boxes
        (with their kind for unread ink and form structure: ``signature``, ``checkbox ticked``)."""
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
                        {
                            k: f.get(k)
                            for k in ("id", "page", "rule", "kind", "match", "boxes", "text", "context", "decision")
                        }
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
        names = ["--keep-names"] if job.redaction.keep_names else []
        try:
            proc = _cli(["redact", str(job.inputs), "-o", str(job.out), "--review", str(review), "-q", "--resume",
                         *names, *self._password(job)], self.isolation, self._counter(job))  # fmt: skip
        finally:
            job.password_file.unlink(missing_ok=True)
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
        """Forget the job and delete its folder (uploads and outputs); an unknown id does nothing."""
        with self.lock:
            job = self.jobs.pop(job_id, None)
        if job is not None:
            shutil.rmtree(job.folder, ignore_errors=True)

    def sweep(self) -> None:
        """Remove every finished job older than the store's time to live; queued and running jobs are kept."""
        now = time.monotonic()
        for job_id, job in list(self.jobs.items()):
            if now - job.created > self.ttl and job.state not in ("running", "queued"):
                self.remove(job_id)
