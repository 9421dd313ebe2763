"""PyInstaller entry point of both programs in the bundle.

``boligvurdering-cli`` (console) is the ``boligvurdering`` console script: commands, prompts, exit
codes. ``Boligvurdering`` (windowed) opens the window; see ``cli.main.windowed_main``.
"""

import sys
from pathlib import Path

from boligvurdering.cli.main import main, windowed_main

if __name__ == "__main__":
    console = Path(sys.executable).stem.lower().endswith("-cli")
    sys.exit(main() if console else windowed_main())
