"""Norwegian texts for Qt's own standard buttons and dialogs.

PySide6-Essentials ships no bokmål catalogue for qtbase (only nynorsk), so «Cancel», «Yes» and
«No» would show in English. This translator answers Qt's lookups from our own ``tr()`` texts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from boligvurdering.i18n import tr

_TEXTS = {
    "OK": "OK", "&OK": "&OK", "Cancel": "Avbryt", "&Cancel": "&Avbryt", "Close": "Lukk", "&Close": "&Lukk",
    "Yes": "Ja", "&Yes": "&Ja", "No": "Nei", "&No": "&Nei", "Yes to &All": "Ja til &alle",
    "N&o to All": "N&ei til alle", "Save": "Lagre", "&Save": "&Lagre", "Open": "Åpne", "&Open": "&Åpne",
    "Apply": "Bruk", "Reset": "Tilbakestill", "Discard": "Forkast", "Don't Save": "Ikke lagre",
    "Abort": "Avbryt", "Retry": "Prøv igjen", "Ignore": "Ignorer", "Help": "Hjelp",
    "Restore Defaults": "Gjenopprett standard", "Look in:": "Se i:", "File &name:": "Fil&navn:",
    "Files of type:": "Filtype:", "&Choose": "&Velg", "Show Details...": "Vis detaljer …",
    "Hide Details...": "Skjul detaljer …",
}


class QtTexts(QTranslator):
    """Serves Norwegian (through ``tr``) for the texts Qt asks to have translated."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        text = _TEXTS.get(source)
        return tr(text) if text is not None else ""

    def isEmpty(self) -> bool:
        return False


def install(app: QCoreApplication) -> QtTexts:
    """Install the translator on ``app``; keep the returned object alive with the app."""
    translator = QtTexts(app)
    app.installTranslator(translator)
    return translator
