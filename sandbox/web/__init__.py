"""``sandbox serve``: a local web page for the people who use online converters today.

app.py       the Starlette application: pages, uploads, downloads, and its own security
             (loopback, one-time token → session cookie, Host and Origin checks, CSRF, CSP)
jobs.py      a job: uploads in the private work directory, the same CLI commands run in the
             network-less sandbox, progress from their journals, results, clean-up
pages.py     the templates rendered in the visitor's language; rule ids as kinds people know
i18n.py      the message catalogues (locales/*.po, one file a language) and the choice of one
reasons.py   the CLI's error lines and exit codes → why a file failed, as a catalogue key
The web process never parses a document: it stores uploads, starts the CLI, and reads back
only the outputs (and the review file ``flag`` writes, which is our own JSON).
"""
