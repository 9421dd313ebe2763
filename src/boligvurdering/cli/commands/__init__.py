"""One module per subcommand group; each has ``register(subparsers)`` and sets ``func``.

A command's ``func(args, ctx)`` returns the exit code. Modules are imported only to build the
parser; heavy imports (SQLModel, ReportLab, Alembic) happen inside ``func``.
"""

COMMAND_MODULES = (
    "boligvurdering.cli.commands.forms_cmd",
    "boligvurdering.cli.commands.visit_cmd",
    "boligvurdering.cli.commands.demo_cmd",
    "boligvurdering.cli.commands.score_cmd",
    "boligvurdering.cli.commands.user_cmd",
    "boligvurdering.cli.commands.audit_cmd",
    "boligvurdering.cli.commands.backup_cmd",
    "boligvurdering.cli.commands.plan_cmd",
    "boligvurdering.cli.commands.report_cmd",
    "boligvurdering.cli.commands.consent_cmd",
    "boligvurdering.cli.commands.screenshots_cmd",
    "boligvurdering.cli.commands.backlog_cmd",
    "boligvurdering.cli.commands.server_cmd",
    "boligvurdering.cli.commands.sync_cmd",
)
