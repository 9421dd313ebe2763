"""``boligvurdering backup`` and ``boligvurdering restore FIL``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.cli.main import CliContext


def register(sub: Any) -> None:
    sub.add_parser("backup", help=tr("lag en kryptert sikkerhetskopi nå")).set_defaults(func=run_backup)
    res = sub.add_parser("restore", help=tr("gjenopprett fra en sikkerhetskopi (kontrolleres først)"))
    res.add_argument("file", type=Path, metavar="FIL")
    res.set_defaults(func=run_restore)
    sub.add_parser("backups", help=tr("list sikkerhetskopiene")).set_defaults(func=run_list)


def run_backup(_args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.backup import create_backup

    print(tr("Sikkerhetskopi lagret: {path}", path=create_backup(ctx.app)))
    return 0


def run_list(_args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.backup import backups

    for path in backups(ctx.paths):
        print(path)
    return 0


def run_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    """Works even when the current database is damaged: only the key store is needed to sign in."""
    from boligvurdering.cli.commands.user_cmd import credentials
    from boligvurdering.security.instance_lock import InstanceLock
    from boligvurdering.security.keystore import Keystore
    from boligvurdering.services.auth import check_username
    from boligvurdering.services.backup import restore_file

    user, password = credentials()
    ctx.paths.ensure()
    with InstanceLock(ctx.paths.lock_file):
        key = Keystore.load(ctx.paths.keystore).unwrap(user, password)
        info = restore_file(ctx.paths, key, args.file, actor_role_check=check_username(user))
    from boligvurdering.services import audit
    from boligvurdering.services.auth import unlock

    app = unlock(ctx.paths, user, password, auto_backup=False)
    try:
        audit.rebase_after_restore(app, Path(args.file).name)
    finally:
        app.close()
    print(tr("Gjenopprettet fra {path} (skjema {rev}). Den forrige databasen er lagt i sikkerhetskopimappen.",
             path=info.path, rev=info.revision))
    return 0
