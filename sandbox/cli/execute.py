"""Carry out a :class:`~sandbox.request.Request` where isolation holds, and say how it went.

Called in the process that processes documents: inside bubblewrap, inside a network-less
container, or here with ``--isolation none``.  One function per command; each returns the
exit code (see the table in README.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sandbox.cli.report import Reporter
from sandbox.errors import ExitCode
from sandbox.request import Request

if TYPE_CHECKING:
    from sandbox.batch import Recorder
    from sandbox.run.context import RunContext
    from sandbox.run.summary import RunSummary


def _recorder(request: Request) -> Recorder | None:
    """The batch journal of this run: written here, or (inside bubblewrap) reported to the
    launcher, which moves each finished document into place before recording it."""
    if request.batch is None or request.output is None:
        return None
    from sandbox import courier, journal
    from sandbox.batch import Recorder

    linked = courier.connect()
    if linked is not None:
        return Recorder(request.batch, request.output.folder, linked.post)
    path = journal.path_for(request.output.folder, request.batch.shard, request.batch.shards)
    journal.clear_scratch(request.output.folder, request.batch.shard, request.batch.shards)

    def emit(record: dict[str, Any]) -> str | None:
        journal.append(path, record)
        return None

    return Recorder(request.batch, request.output.folder, emit)


def _finished(recorder: Recorder | None, summary: RunSummary) -> None:
    """Close the batch journal with the run's totals (when the run keeps one)."""
    if recorder is not None:
        recorder.finished(summary.seconds, sum(d.pages for d in summary.documents), summary.exit_code)
        from sandbox import courier, journal

        if courier.connect() is None:  # the journal is written here (inside bubblewrap: the launcher's)
            journal.drop_scratch(recorder.scratch)


def _context(request: Request, write_dir: Path | None, reporter: Reporter, recorder: Recorder | None) -> RunContext:
    """What every runner hands its ``run_*``: ``--force``, the staging folder, stdin and the progress hooks."""
    from sandbox.run.context import RunContext

    return RunContext(request.force, write_dir, sys.stdin.buffer, reporter.start, reporter.advance, recorder)


def _reporter(request: Request, summary_on_stdout: bool = False) -> Reporter:
    """The progress bar and summary lines of this run (quiet when stdout carries the summary)."""
    return Reporter(quiet=request.display.quiet or summary_on_stdout, verbose=request.display.verbose)


def _done(
    request: Request, summary: RunSummary, recorder: Recorder | None, reporter: Reporter, where: Path | None
) -> int:
    """The end of an ocr or convert run: the journal closed, the summary lines (and the JSON
    summary on stdout with ``--json-summary``); the run's exit code."""
    summary.allow_empty = request.display.allow_empty
    _finished(recorder, summary)
    reporter.report(summary, where)
    if request.display.json_summary:
        sys.stdout.write(json.dumps(summary.to_dict(), ensure_ascii=False, indent=1) + "\n")
    return summary.exit_code


def ocr(request: Request, write_dir: Path | None) -> int:
    """Run an ``ocr`` request: its outputs, the summary on stderr (or JSON on stdout); the exit code."""
    from sandbox import api

    output = request.output.path if request.output else None
    reporter = _reporter(request, request.display.json_summary)
    recorder = _recorder(request)
    with reporter:
        context = _context(request, write_dir, reporter, recorder)
        summary = api.run_ocr(
            list(request.inputs), request.settings, list(request.formats), output, stdout=sys.stdout.buffer,
            context=context,
        )  # fmt: skip
    return _done(request, summary, recorder, reporter, output)


def convert(request: Request, write_dir: Path | None) -> int:
    """Run a ``convert`` or ``sanitize`` request; the exit code."""
    from sandbox.convert.run import run_convert

    assert request.output is not None and request.convert is not None
    reporter = _reporter(request, request.display.json_summary)
    recorder = _recorder(request)
    with reporter:
        context = _context(request, write_dir, reporter, recorder)
        summary = run_convert(
            list(request.inputs), request.settings, request.output.path, request.convert,
            out_is_file=request.output.is_file, context=context,
        )  # fmt: skip
    return _done(request, summary, recorder, reporter, request.output.folder)


def flag(request: Request, write_dir: Path | None) -> int:
    """Run a ``flag`` request: the review file, and what it holds on stderr (never its text); the exit code."""
    from sandbox.redact.flag import run_flag

    assert request.output is not None and request.policy is not None
    reporter = _reporter(request)
    with reporter:
        codes = request.redact.codes if request.redact is not None else "check"
        context = _context(request, write_dir, reporter, None)
        summary = run_flag(
            list(request.inputs), request.settings, request.policy, request.output.path, codes=codes, context=context
        )
    reporter.report(summary, None)
    if summary.outputs and not request.display.quiet:
        name = request.output.path.name
        sys.stderr.write(f"review file written: {name} (CONFIDENTIAL: it contains the flagged text)\n")
        if summary.unread:
            sys.stderr.write(f"{summary.unread} unread region(s) of ink: decide each in the review file\n")
    return summary.exit_code


def redact(request: Request, write_dir: Path | None) -> int:
    """Run a ``redact`` request: burnt, verified outputs and the rules' counts; the exit code."""
    from sandbox.redact.apply import run_redact

    assert request.output is not None and request.policy is not None and request.redact is not None
    options, display = request.redact, request.display
    reporter = _reporter(request, display.json_summary)
    recorder = _recorder(request)
    with reporter:
        context = _context(request, write_dir, reporter, recorder)
        summary = run_redact(
            list(request.inputs), request.settings, request.policy, request.output.path, list(options.formats),
            review=request.review, unread=options.unread, keep_names=options.keep_names, views=options.views,
            codes=options.codes, context=context,
        )  # fmt: skip
    _finished(recorder, summary)
    reporter.report(summary, request.output.path)
    if not (display.quiet or display.json_summary) and summary.verified:
        rules = ", ".join(f"{rule} {n}" for rule, n in sorted(summary.rules.items())) or "nothing flagged"
        sys.stderr.write(f"redacted {summary.boxes} box(es): {rules}; verified: {len(summary.verified)} document(s)\n")
        if summary.unread:
            sys.stderr.write(f"kept {summary.unread} unread region(s) of ink (--unread keep); see the report\n")
        from sandbox.terminal import stderr_is_terminal

        if not options.keep_names and stderr_is_terminal():  # the mapping goes to the terminal only
            for stem, source in summary.names:
                sys.stderr.write(f"  {stem} ← {source}\n")
    if display.json_summary:
        data = summary.to_dict() | {"rules": dict(summary.rules), "boxes": summary.boxes}
        sys.stdout.write(json.dumps(data, indent=1) + "\n")
    return summary.exit_code


def verify(request: Request, write_dir: Path | None) -> int:
    """Run a ``verify`` request: one line per file (ok, or each problem); 9 if any file failed."""
    from sandbox.redact.verify import run_verify

    assert request.policy is not None
    reporter = _reporter(request)
    with reporter:
        results = run_verify(
            list(request.inputs), request.settings, request.policy, request.review, reporter.start, reporter.advance
        )
    failed = 0
    for res in results:
        if res.problems:
            failed += 1
            for problem in res.problems:
                sys.stderr.write(f"sandbox: verify: {res.file}: {problem}\n")
        elif not request.display.quiet:
            sys.stderr.write(f"{res.file}: ok\n")
        for warning in res.warnings:
            sys.stderr.write(f"sandbox: verify: warning: {res.file}: {warning}\n")
    return int(ExitCode.VERIFY) if failed else 0


def execute(request: Request, write_dir: Path | None) -> int:
    """Carry out ``request`` by its command's runner (:mod:`sandbox.cli.commands`)."""
    from sandbox.cli.commands import runner

    return runner(request.command)(request, write_dir)
