"""The run plumbing every command shares (ocr, convert, flag, redact):

- :mod:`sandbox.run.summary`: :class:`RunSummary` (a run's account and its one exit code),
  :class:`Failure`, :class:`DocSummary`;
- :mod:`sandbox.run.inputs`: :func:`check_tools`, :func:`open_inputs`;
- :mod:`sandbox.run.sink`: :class:`Sink` (each document's files all or none), :func:`deliver`,
  :class:`Stopped`, :func:`stopped`, :func:`interrupted`;
- :mod:`sandbox.run.render`: :func:`render_format`.

The library entry (``run_ocr``) is :mod:`sandbox.api`.
"""
