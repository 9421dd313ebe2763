"""Summary and sign-off: the team, what is missing, each member signs as themselves, the risk summary."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from boligvurdering.domain.enums import Role
from boligvurdering.domain.errors import UserError, ValidationFailed
from boligvurdering.gui.clients.visit_form import TeamPicker
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
    """The team (editable here), what is missing, each member's sign-off as themselves, the summary."""

    saved = Signal()

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.ctx = controller.ctx
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(heading(tr("Oppsummering og signering"), 15))
        self.team_box = QVBoxLayout()
        layout.addLayout(self.team_box)
        self.team: Any = None
        self.save_team_button = QPushButton(tr("Lagre team"))
        self.save_team_button.clicked.connect(self.save_team)
        layout.addWidget(self.save_team_button)
        self.team_error = InlineError()
        layout.addWidget(self.team_error)
        layout.addWidget(heading(tr("Hvem har signert?"), 12))
        intro = QLabel(tr("Hver i teamet signerer selv, innlogget som seg selv, når sin del er ferdig."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.members_label = QLabel()
        self.members_label.setWordWrap(True)
        layout.addWidget(self.members_label)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        layout.addWidget(self.missing_label)
        self.sign_button = QPushButton(tr("Signer min del"))
        self.sign_button.setMinimumHeight(32)
        self.sign_button.clicked.connect(self.toggle_sign)
        layout.addWidget(self.sign_button)
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
        self.my_signature: Any = None

    def refresh(self) -> None:
        domains = self.controller.score.get("domains", {})
        self.summary.setText("\n\n".join(short_summary(d, domains.get(d, {})) for d, _n in DOMAINS))
        visit = self.ctx.visits.get(self.controller.visit_id)
        if self.team is not None:
            discard(self.team)
        self.team = TeamPicker(self.ctx, team=[(m.member.id, m.role) for m in visit.members],
                               contact=visit.contact_member_id)
        self.team_box.addWidget(self.team)
        lines = [self._text(vm, visit.contact_member_id) for vm in visit.members]
        self.members_label.setText("\n".join(lines) or tr("Ingen i teamet for dette besøket."))
        missing = self.ctx.signoff.missing(self.controller.visit_id)
        self.missing_label.setText(tr("Dette mangler før besøket kan signeres:") + "\n"
                                   + "\n".join(f"• {m}" for m in missing) if missing else "")
        me = self.ctx.team.me()
        mine = next((vm for vm in visit.members if me is not None and vm.member.id == me.id), None)
        self.my_signature = mine.signed_at if mine is not None else None
        self.sign_button.setText(tr("Trekk min signering") if self.my_signature else tr("Signer min del"))

    @staticmethod
    def _text(vm: Any, contact_id: str | None) -> str:
        role = Role(vm.role).label() if vm.role in Role._value2member_map_ else vm.role
        text = f"{vm.member.name} – {role}"
        if vm.member.id == contact_id:
            text += tr(" (kontaktperson)")
        if vm.signed_at is not None:
            text += tr(" – signert {when}", when=vm.signed_at.astimezone().strftime("%d.%m.%Y %H:%M"))
        else:
            text += tr(" – ikke signert")
        return text

    def save_team(self) -> None:
        team, contact = self.team.team()
        if not team:
            self.team_error.show_message(tr("Velg minst ett teammedlem."))
            return
        self._run(self.team_error, lambda: self.ctx.visits.set_team(self.controller.visit_id, team, contact))

    def toggle_sign(self) -> None:
        signed = self.my_signature is None
        self._run(self.error, lambda: self.ctx.signoff.sign(self.controller.visit_id, signed))

    def _run(self, error: InlineError, action: Any) -> None:
        try:
            action()
        except ValidationFailed as exc:
            error.show_message(" ".join(p.message for p in exc.problems))
            return
        except UserError as exc:
            error.show_message(str(exc))
            return
        error.show_message("")
        self.saved.emit()
        self.refresh()
