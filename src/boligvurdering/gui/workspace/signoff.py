"""Summary and sign-off: the risk summary in words and each team member's «my part is done»."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from boligvurdering.domain.enums import Role
from boligvurdering.domain.errors import UserError
from boligvurdering.gui.widgets import InlineError, discard, heading
from boligvurdering.gui.workspace.risk_panel import DOMAINS, level_text
from boligvurdering.i18n import tr


def short_summary(domain: str, result: dict[str, Any], most: int = 3) -> str:
    """The level in words and the first reasons; the risk panel has them all."""
    reasons = list(result.get("reasons") or [])
    text = level_text(domain, {**result, "reasons": reasons[:most]})
    if len(reasons) > most:
        text += tr(" … og {n} til", n=len(reasons) - most)
    return text


class SignoffPage(QScrollArea):
    saved = Signal()

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(heading(tr("Oppsummering og signering"), 15))
        layout.addWidget(heading(tr("Hvem har gjort sin del?"), 12))
        intro = QLabel(tr("Hvert teammedlem krysser av når sin del av besøket er ferdig."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.members_box = QVBoxLayout()
        layout.addLayout(self.members_box)
        self.error = InlineError()
        layout.addWidget(self.error)
        layout.addWidget(heading(tr("Hva fant vi?"), 12))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(inner)
        self.boxes: dict[str, QCheckBox] = {}

    def refresh(self) -> None:
        score = self.controller.score
        domains = score.get("domains", {})
        self.summary.setText("\n\n".join(short_summary(d, domains.get(d, {})) for d, _n in DOMAINS))
        visit = self.controller.ctx.visits.get(self.controller.visit_id)
        while self.members_box.count():
            item = self.members_box.takeAt(0)
            if item.widget():
                discard(item.widget())
        self.boxes = {}
        if not visit.members:
            self.members_box.addWidget(QLabel(tr("Ingen i teamet for dette besøket.")))
        for vm in visit.members:
            box = QCheckBox(self._text(vm, visit.contact_member_id))
            box.setMinimumHeight(32)
            box.setChecked(vm.signed_at is not None)
            box.toggled.connect(lambda on, mid=vm.member.id: self.sign(mid, on))
            self.members_box.addWidget(box)
            self.boxes[vm.member.id] = box

    @staticmethod
    def _text(vm: Any, contact_id: str | None) -> str:
        role = Role(vm.role).label() if vm.role in Role._value2member_map_ else vm.role
        text = f"{vm.member.name} – {role}"
        if vm.member.id == contact_id:
            text += tr(" (kontaktperson)")
        if vm.signed_at is not None:
            text += tr(" – ferdig {when}", when=vm.signed_at.astimezone().strftime("%d.%m.%Y %H:%M"))
        return text

    def sign(self, member_id: str, signed: bool) -> None:
        try:
            self.controller.ctx.visits.sign(self.controller.visit_id, member_id, signed)
        except UserError as exc:
            self.error.show_message(str(exc))
            return
        self.error.show_message("")
        self.saved.emit()
        self.refresh()
