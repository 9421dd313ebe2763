"""«Innstillinger»: the kommune's settings (stored in the database) and the idle lock (settings.json)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from boligvurdering import settings
from boligvurdering.domain.errors import UserError
from boligvurdering.domain.formatting import format_number, parse_decimal
from boligvurdering.gui.widgets import OK_STYLE, InlineError, heading
from boligvurdering.i18n import N_, tr

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

FIELDS = {
    "name": N_("Kommunens navn"),
    "number": N_("Kommunenummer (fire sifre)"),
    "grant_cap": N_("Høyeste tilskudd til tilpasning (kr)"),
    "grant_income_limit": N_("Inntektsgrense for tilskudd (kr per år)"),
    "grant_income_limit_per_member": N_("Tillegg per ekstra person i husstanden (kr)"),
    "startlan_rate": N_("Rente på startlån (prosent)"),
    "startlan_years": N_("Nedbetalingstid for startlån (år)"),
    "startlan_max_years": N_("Lengste nedbetalingstid (år)"),
}
TEXT_FIELDS = ("name", "number")
LOCK = "lock_minutes"


def save_lock_minutes(paths: Any, minutes: float) -> None:
    """Store ``lock_minutes`` in settings.json (boligvurdering.settings), keeping the other keys there."""
    settings.save(paths.settings, LOCK, minutes)


class SettingsDialog(QDialog):
    """Edit and save; every problem is shown under its field, nothing is saved until all are valid."""

    saved = Signal()

    def __init__(self, ctx: AppContext, paths: Any, parent: QWidget | None = None, idle_lock: Any = None) -> None:
        super().__init__(parent)
        self.ctx, self.paths, self.idle_lock = ctx, paths, idle_lock
        self.setWindowTitle(tr("Innstillinger"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Kommunen"), 12))
        form = QFormLayout()
        layout.addLayout(form)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, InlineError] = {}
        for key, label in {**{k: tr(v) for k, v in FIELDS.items()}, LOCK: tr(settings.BY_KEY[LOCK].label)}.items():
            if key == LOCK:
                layout.addWidget(heading(tr("Denne maskinen"), 12))
                form = QFormLayout()
                layout.addLayout(form)
            edit, error = QLineEdit(), InlineError()
            edit.setMinimumHeight(32)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(edit)
            box.addWidget(error)
            form.addRow(label, box)
            self.edits[key], self.errors[key] = edit, error
        self.edits[LOCK].setPlaceholderText(tr("1–240"))
        self.status = QLabel()
        self.status.setStyleSheet(OK_STYLE)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(tr("Lagre"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton(tr("Lukk"), QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.load()

    def load(self) -> None:
        from boligvurdering.gui.startup import lock_minutes

        settings = self.ctx.plan.settings()
        for key in FIELDS:
            value = getattr(settings, key)
            self.edits[key].setText(str(value) if key in TEXT_FIELDS else format_number(value, 2))
        self.edits[LOCK].setText(format_number(lock_minutes(self.paths)))

    def _values(self) -> tuple[dict[str, Any], float | None]:
        values: dict[str, Any] = {}
        for key in FIELDS:
            text = self.edits[key].text().strip()
            if key in TEXT_FIELDS:
                values[key] = text
                continue
            try:
                values[key] = parse_decimal(text)
            except ValueError:
                self.errors[key].show_message(tr("Skriv et tall, for eksempel 150 000 eller 4,5."))
        minutes: float | None = None
        with contextlib.suppress(ValueError):
            minutes = parse_decimal(self.edits[LOCK].text())
        try:
            minutes = settings.BY_KEY[LOCK].parse(minutes)
        except UserError as exc:
            self.errors[LOCK].show_message(str(exc))
            minutes = None
        return values, minutes

    def save(self) -> bool:
        """Validate, store and apply; returns whether everything was saved."""
        self.status.clear()
        for error in self.errors.values():
            error.show_message("")
        values, minutes = self._values()
        if any(e.text() for e in self.errors.values()):
            return False
        for key, value in values.items():  # one by one, so a refusal lands under its own field
            try:
                self.ctx.plan.save_settings({key: value})
            except UserError as exc:
                self.errors[key].show_message(str(exc).replace(key, f"«{tr(FIELDS[key])}»"))
        if any(e.text() for e in self.errors.values()):
            return False
        assert minutes is not None
        try:
            save_lock_minutes(self.paths, minutes)
        except OSError as exc:
            self.errors[LOCK].show_message(tr("Kunne ikke lagre innstillingen: {e}", e=exc.strerror or exc))
            return False
        if self.idle_lock is not None:
            self.idle_lock.set_minutes(minutes)
        self.status.setText(tr("✓ Lagret."))
        self.load()
        self.saved.emit()
        return True
