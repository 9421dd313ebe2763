"""Room walk-through: add rooms by type; each room shows its sections, measurements, photos."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.enums import RoomType
from boligvurdering.domain.errors import UserError
from boligvurdering.gui.widgets import InlineError, discard, heading
from boligvurdering.gui.workspace.section_page import QuestionsView
from boligvurdering.i18n import tr


def confirm_delete(parent: QWidget, what: str) -> bool:
    """The only modal during a visit: confirming that something is deleted."""
    answer = QMessageBox.question(parent, tr("Slette?"), tr("Vil du slette {what}? Svarene i rommet slettes også.", what=what))
    return answer == QMessageBox.StandardButton.Yes


class RoomsPage(QScrollArea):
    """Overview: add a room and open it."""

    open_room = Signal(str)

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(heading(tr("Rom for rom"), 15))
        intro = QLabel(tr("Gå gjennom boligen sammen med brukeren. Legg til rommene dere ser på, "
                          "og mål dører, terskler og snuplass i hvert rom."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        add = QHBoxLayout()
        self.type_combo = QComboBox()
        for room_type in RoomType:
            self.type_combo.addItem(room_type.label(), room_type.value)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(tr("Navn (valgfritt, f.eks. «Bad oppe»)"))
        self.add_button = QPushButton(tr("Legg til rom"))
        for w in (self.type_combo, self.name_edit, self.add_button):
            w.setMinimumHeight(34)
            add.addWidget(w)
        layout.addLayout(add)
        self.error = InlineError()
        layout.addWidget(self.error)
        self.list_box = QVBoxLayout()
        layout.addLayout(self.list_box)
        layout.addStretch(1)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(inner)
        self.add_button.clicked.connect(self.add_room)
        self.name_edit.returnPressed.connect(self.add_room)
        controller.rooms_changed.connect(self.refresh)
        self.refresh()

    def add_room(self) -> None:
        try:
            room = self.controller.add_room(self.type_combo.currentData(), self.name_edit.text())
        except UserError as exc:
            self.error.show_message(str(exc))
            return
        self.error.show_message("")
        self.name_edit.clear()
        self.open_room.emit(room.id)

    def refresh(self) -> None:
        while self.list_box.count():
            item = self.list_box.takeAt(0)
            if item.widget():
                discard(item.widget())
        if not self.controller.rooms:
            self.list_box.addWidget(QLabel(tr("Ingen rom ennå — velg romtype og trykk «Legg til rom».")))
        for room in self.controller.rooms:
            button = QPushButton(f"{room.name}  ·  {RoomType(room.type).label()}  →")
            button.setMinimumHeight(36)
            button.setStyleSheet("text-align: left; padding-left: 8px;")
            button.clicked.connect(lambda _c=False, rid=room.id: self.open_room.emit(rid))
            self.list_box.addWidget(button)


class RoomPage(QScrollArea):
    """One room: name, its room-scoped sections and its photos."""

    deleted = Signal()
    saved = Signal()

    def __init__(self, controller: Any, room: Any, photos: QWidget | None = None, clock: Any = None) -> None:
        super().__init__()
        self.controller, self.room = controller, room
        self.photos = photos
        inner = QWidget()
        layout = QVBoxLayout(inner)
        top = QHBoxLayout()
        self.title = heading(room.name, 15)
        top.addWidget(self.title, 1)
        self.name_edit = QLineEdit(room.name)
        self.name_edit.setMaximumWidth(240)
        self.name_edit.setToolTip(tr("Gi rommet nytt navn (Enter lagrer)"))
        self.delete_button = QPushButton(tr("Slett rommet"))
        top.addWidget(QLabel(tr("Navn:")))
        top.addWidget(self.name_edit)
        top.addWidget(self.delete_button)
        layout.addLayout(top)
        layout.addWidget(QLabel(RoomType(room.type).label()))
        self.error = InlineError()
        layout.addWidget(self.error)
        sections = list(controller.registry.room_sections(room.type))
        self.questions = QuestionsView(controller, sections, room.id, clock=clock)
        self.questions.saved.connect(self.saved)
        layout.addWidget(self.questions)
        if photos is not None:
            layout.addWidget(heading(tr("Bilder fra rommet"), 12))
            layout.addWidget(photos)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(inner)
        self.name_edit.editingFinished.connect(self.rename)
        self.delete_button.clicked.connect(self.delete)
        self.confirm = confirm_delete

    def refresh(self) -> None:
        self.questions.refresh()

    def rename(self) -> None:
        name = self.name_edit.text().strip()
        if name == self.room.name:
            return
        try:
            self.controller.rename_room(self.room.id, name)
        except UserError as exc:
            self.error.show_message(str(exc))
            return
        self.error.show_message("")
        self.title.setText(name)
        self.room = next((r for r in self.controller.rooms if r.id == self.room.id), self.room)
        self.saved.emit()

    def delete(self) -> None:
        if self.confirm(self, self.room.name):
            self.controller.delete_room(self.room.id)
            self.deleted.emit()
