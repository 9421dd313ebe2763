"""«Språk og målform»: the user's own screen language, and (for team leads) the kommune's målform for letters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.errors import UserError
from boligvurdering.gui.widgets import OK_STYLE, InlineError
from boligvurdering.i18n import DOCUMENT_LANGUAGES, LANGUAGES, set_ui_language, tr, ui_language
from boligvurdering.services.language import LanguageService, language_names

if TYPE_CHECKING:
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.context import AppContext

LEADS = ("teamleder", "administrator")


def _combo(codes: tuple[str, ...], current: str) -> QComboBox:
    combo = QComboBox()
    names = language_names()
    for code in codes:
        combo.addItem(names[code], code)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.setMinimumHeight(32)
    return combo


class LanguageDialog(QDialog):
    """Choose and save; a new screen language applies at once (the caller rebuilds the window)."""

    def __init__(self, ctx: AppContext, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.paths = LanguageService(ctx), paths
        self.setWindowTitle(tr("Språk og målform"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.ui = _combo(LANGUAGES, self.service.user_language())
        form.addRow(tr("Språk i programmet (for deg)"), self.ui)
        self.malform = _combo(DOCUMENT_LANGUAGES, self.service.kommune_malform())
        self.malform.setEnabled(getattr(ctx, "role", "") in LEADS)
        form.addRow(tr("Kommunens målform i brev og dokumenter"), self.malform)
        note = QLabel(tr("Brev til en bruker lages på brukerens foretrukne målform hvis den er registrert, "
                         "ellers på kommunens målform."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error, self.status = InlineError(), QLabel()
        self.status.setStyleSheet(OK_STYLE)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(tr("Lagre"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton(tr("Lukk"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> bool:
        from boligvurdering.gui.ui_language import remember

        self.error.show_message("")
        code = self.ui.currentData()
        try:
            self.service.set_user_language(code)
            if self.malform.isEnabled() and self.malform.currentData() != self.service.kommune_malform():
                self.service.set_kommune_malform(self.malform.currentData())
            remember(self.paths, code)
        except (UserError, OSError) as exc:
            self.error.show_message(str(exc))
            return False
        if code != ui_language():
            set_ui_language(code)
            self.accept()  # the window is rebuilt in the new language; this dialog speaks the old one
            return True
        self.status.setText(tr("✓ Lagret."))
        return True


def open_language_dialog(window: Any) -> LanguageDialog:
    """Show the dialog; a changed screen language rebuilds ``window`` at once."""
    dialog = LanguageDialog(window.ctx, window.paths, window)
    before = ui_language()
    dialog.exec()
    if ui_language() != before:
        window.retranslate()
    return dialog


def install_language_menu(window: Any) -> Any:
    """Add «Vis → Språk og målform …» for every user; returns the action."""
    menu = window.menuBar().findChild(QMenu, "menuView")
    menu.addSeparator()
    return menu.addAction(tr("&Språk og målform …"), lambda: open_language_dialog(window))
