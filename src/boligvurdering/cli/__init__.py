"""Command-line interface: ``boligvurdering [--data-dir DIR] [SUBCOMMAND]``."""
