"""The ``sandbox`` command line: one module per command, no logic beyond argument handling."""
