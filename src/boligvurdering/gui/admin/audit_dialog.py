"""«Tilgangslogg»: the access log (team lead/administrator), its check and a CSV export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.enums import Role
from boligvurdering.domain.errors import UserError
from boligvurdering.gui.admin.audit_words import action_text, details_text, record_text
from boligvurdering.gui.clients.register import _table
from boligvurdering.gui.models import SORT_ROLE, Column, RecordTableModel
from boligvurdering.gui.widgets import ERROR_STYLE, OK_STYLE, heading
from boligvurdering.gui.workers import TaskRunner
from boligvurdering.i18n import N_, tr

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

REASONS = {"prev_hash": N_("lenken til oppføringen før er brutt"), "hash": N_("innholdet er endret etterpå")}


def ask_csv_path(parent: QWidget) -> str | None:
    """Ask where to save the CSV file."""
    path, _ = QFileDialog.getSaveFileName(parent, tr("Eksporter tilgangsloggen"), "tilgangslogg.csv",
                                          tr("CSV-filer (*.csv)"))
    return path or None


def export_csv(ctx: AppContext, path: Path) -> int:
    """``audit.export_csv`` with a full disk or a read-only folder as an expected failure."""
    from boligvurdering.services import audit

    try:
        return audit.export_csv(ctx, path)
    except OSError as exc:
        raise UserError(tr("Kunne ikke lagre filen {path}: {reason}", path=path, reason=exc.strerror or exc)) from exc


def _role(value: str) -> str:
    try:
        return Role(value).label()
    except ValueError:
        return value


def _at(value: Any) -> str:
    """The time as everywhere else: dd.mm.åååå tt:mm:ss, in local time."""
    from datetime import datetime

    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value).replace("T", " ")[:19]
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d.%m.%Y %H:%M:%S")


def audit_model(parent: Any = None) -> RecordTableModel:
    """Rows of ``audit.entries`` (dicts)."""
    return RecordTableModel([
        Column(tr("Nr."), lambda e: str(e["seq"]), lambda e: e["seq"], align_right=True),
        Column(tr("Tidspunkt"), lambda e: _at(e["at"]), lambda e: str(e["at"])),
        Column(tr("Utført av"), lambda e: e["actor"] or tr("(system)")),  # the signed-in user, not a client
        Column(tr("Rolle"), lambda e: _role(e["role"])),
        Column(tr("Handling"), lambda e: action_text(e["action"])),
        Column(tr("Post"), lambda e: record_text(e["record_type"], e["record_id"])),
        Column(tr("Detaljer"), lambda e: details_text(e["details"])),
    ], parent)


def chain_message(report: Any) -> tuple[bool, str]:
    """A ``ChainReport`` in Norwegian."""
    if report.ok:
        return True, tr("✓ Loggen er i orden: {n} oppføringer kontrollert, ingen er endret eller fjernet.",
                        n=report.checked)
    fallback = N_("en oppføring mangler foran den") if "seq" in report.reason else report.reason
    reason = tr(REASONS.get(report.reason, fallback))
    return False, tr("✗ Oppføring nr. {seq} stemmer ikke ({reason}). Loggen kan være endret etterpå — "
                     "kontakt den som har ansvar for sikkerheten.", seq=report.broken_seq, reason=reason)


class AuditDialog(QDialog):
    """Lists the log (newest first), checks the chain, exports CSV. Slow work runs in the worker."""

    loaded = Signal()
    verified = Signal()
    exported = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, runner: TaskRunner | None = None,
                 ask_path: Callable[[QWidget], str | None] = ask_csv_path) -> None:
        super().__init__(parent)
        self.ctx, self.ask_path = ctx, ask_path
        self.runner = runner or TaskRunner(self)
        self.setWindowTitle(tr("Tilgangslogg"))
        self.resize(1100, 600)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Tilgangslogg"), 13))
        intro = QLabel(tr("Hvem har sett eller endret hva, og når. Loggen kan ikke endres; "
                          "«Kontroller loggen» viser om noen har prøvd."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.refresh_button = QPushButton(tr("Oppdater"))
        self.verify_button = QPushButton(tr("Kontroller loggen"))
        self.export_button = QPushButton(tr("Eksporter CSV …"))
        for button in (self.refresh_button, self.verify_button, self.export_button):
            button.setMinimumHeight(34)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        self.model = audit_model(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = _table(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 1)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.refresh_button.clicked.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self.export)
        self.refresh()

    def _say(self, ok: bool, text: str) -> None:
        self.result.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.result.setText(text)

    def _failed(self, signal: Any) -> Callable[[BaseException], None]:
        def show(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self._say(False, "⚠ " + str(exc))
                signal.emit()
        return show

    def refresh(self) -> None:
        from boligvurdering.services import audit

        self.count.setText(tr("Henter loggen …"))
        self.runner.run(audit.entries, self.ctx, on_done=self._loaded, on_error=self._failed(self.loaded))

    def _loaded(self, rows: list[dict[str, Any]]) -> None:
        if not shiboken6.isValid(self):
            return
        self.model.set_rows(rows)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.count.setText(tr("{n} oppføringer, nyeste først.", n=len(rows)) if rows
                           else tr("Loggen er tom."))
        self.loaded.emit()

    def verify(self) -> None:
        from boligvurdering.services import audit

        self._say(True, tr("Kontrollerer …"))
        self.runner.run(audit.verify, self.ctx, on_done=self._verified, on_error=self._failed(self.verified))

    def _verified(self, report: Any) -> None:
        if shiboken6.isValid(self):
            self._say(*chain_message(report))
            self.verified.emit()

    def export(self) -> None:
        path = self.ask_path(self)
        if not path:
            return
        self._say(True, tr("Eksporterer …"))
        self.runner.run(export_csv, self.ctx, Path(path),
                        on_done=lambda n: self._exported(n, path), on_error=self._failed(self.exported))

    def _exported(self, count: int, path: str) -> None:
        if shiboken6.isValid(self):
            self._say(True, tr("✓ {n} oppføringer lagret i {path}.", n=count, path=path))
            self.exported.emit()
