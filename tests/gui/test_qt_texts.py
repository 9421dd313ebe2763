from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from boligvurdering.gui.app import create_application


def test_standard_buttons_are_norwegian(qtbot):
    create_application()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Avbryt"
    message = QMessageBox(QMessageBox.Icon.Question, "Slette?", "Vil du slette rommet?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(message)
    texts = {b.text().replace("&", "") for b in message.buttons()}
    assert texts == {"Ja", "Nei"}
