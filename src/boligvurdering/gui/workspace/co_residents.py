"""«Andre i husstanden»: name, relation and yearly income of each other member (HB 7.S.13).

Stored through ``ctx.plan.save_household(visit_id, {"co_residents": [...]})``: the plan
service validates (name required, income an amount) and the application prints every person.
A refusal is shown under the list and what was stored stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.errors import AccessDenied, UserError
from boligvurdering.domain.formatting import format_number, parse_decimal
from boligvurdering.gui.widgets import InlineError, heading
from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

MAX_ROWS = 19  # the plan service's limit


class CoResidentsEditor(QWidget):
    """One row of three fields per person; «Lagre husstandsmedlemmer» stores them all."""

    saved = Signal()

    def __init__(self, ctx: AppContext, visit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.visit_id = ctx, visit_id
        self.rows: list[tuple[QLineEdit, QLineEdit, QLineEdit]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(tr("Andre i husstanden"), 12))
        self.grid = QGridLayout()
        for col, head in enumerate((tr("Navn"), tr("Relasjon"), tr("Inntekt per år (kr)"))):
            self.grid.addWidget(QLabel(f"<b>{head}</b>"), 0, col)
        layout.addLayout(self.grid)
        self.error = InlineError()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(tr("Legg til person"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.save_button = QPushButton(tr("Lagre husstandsmedlemmer"))
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def add_row(self, person: dict[str, Any] | None = None) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        """A new (or stored) person's fields; the last row gets the focus when added by the user."""
        if len(self.rows) >= MAX_ROWS:
            self.error.show_message(tr("Høyst {n} personer kan registreres.", n=MAX_ROWS))
            return self.rows[-1]
        person = person or {}
        name, relation, income = QLineEdit(), QLineEdit(), QLineEdit()
        name.setPlaceholderText(tr("Fornavn Etternavn"))
        relation.setPlaceholderText(tr("f.eks. ektefelle"))
        income.setPlaceholderText(tr("kr, f.eks. 265 000"))
        n = len(self.rows) + 1
        for widget, label in ((name, tr("Navn")), (relation, tr("Relasjon")), (income, tr("Inntekt per år"))):
            widget.setAccessibleName(tr("{label}, person {n} i husstanden", label=label, n=n))
            widget.setMinimumHeight(32)
        name.setText(str(person.get("name") or ""))
        relation.setText(str(person.get("relation") or ""))
        amount = person.get("income_year")
        income.setText("" if amount is None else format_number(amount, 0))
        row = len(self.rows) + 1
        for col, widget in enumerate((name, relation, income)):
            self.grid.addWidget(widget, row, col)
        self.rows.append((name, relation, income))
        if not person:
            name.setFocus()
        return name, relation, income

    def load(self) -> None:
        """Show the stored members (nothing for a role that may not see the household economy)."""
        try:
            stored = self.ctx.plan.household(self.visit_id).get("co_residents") or []
        except AccessDenied as exc:
            self.setEnabled(False)
            self.setToolTip(str(exc))
            return
        for fields in self.rows:
            for widget in fields:
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.rows = []
        for person in stored:
            self.add_row(person)
        self.error.show_message("")

    def people(self) -> list[dict[str, Any]]:
        """The typed rows (empty rows left out); raises ``UserError`` for an income that is no amount."""
        out = []
        for name, relation, income in self.rows:
            texts = [w.text().strip() for w in (name, relation, income)]
            if not any(texts):
                continue
            amount: Any = None
            if texts[2]:
                try:
                    amount = parse_decimal(texts[2])
                except ValueError:
                    raise UserError(tr("Inntekten til «{name}» må være et beløp, for eksempel 265 000.",
                                       name=texts[0] or "?")) from None
            out.append({"name": texts[0], "relation": texts[1], "income_year": amount})
        return out

    def save(self) -> bool:
        """Store every typed person; on a refusal the message is shown and the stored list stays."""
        try:
            self.ctx.plan.save_household(self.visit_id, {"co_residents": self.people()})
        except UserError as exc:
            self.error.show_message(str(exc))
            return False
        self.load()
        self.error.show_message("")
        self.saved.emit()
        return True
