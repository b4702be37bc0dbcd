"""Allow ``python -m sandbox``."""

from sandbox.cli.app import main

if __name__ == "__main__":
    main()
