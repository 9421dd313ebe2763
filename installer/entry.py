"""PyInstaller entry point: the same main as the ``boligvurdering`` console script."""

import sys

from boligvurdering.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
