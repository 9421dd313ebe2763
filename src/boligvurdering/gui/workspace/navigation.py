"""The left navigation of the workspace: forms → sections, rooms, and the office pages."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from boligvurdering.gui.workspace.controller import NO_COMPLETION, Completion
from boligvurdering.i18n import N_, tr

KEY_ROLE = Qt.ItemDataRole.UserRole + 10
ROOMS = "rooms"
TAIL = (("photos", N_("Bilder")), ("measures", N_("Tiltak og plan")),
        ("documents", N_("Dokumenter")), ("signoff", N_("Oppsummering og signering")))


class _WrappingDelegate(QStyledItemDelegate):
    """Titles that do not fit the column get a second line instead of «…» (tree views size rows
    without knowing the column width, so the height is computed here)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        view = self.parent()
        if index.column() != 0 or not isinstance(view, QTreeWidget):
            return size
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = max(view.columnWidth(0) - view.indentation() * depth - 8, 60)
        text = str(index.data() or "")
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(size.width(), max(size.height(), bounds.height() + 4))


class VisitNavigation(QTreeWidget):
    """Emits ``selected(key)`` where key is ``section:<id>``, ``room:<id>``, ``rooms`` …"""

    selected = Signal(str)

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setHeaderHidden(True)
        self.setAccessibleName(tr("Deler av besøket"))
        self.setColumnCount(2)
        self.setMinimumWidth(250)
        # long section titles wrap onto a second line instead of being cut with «…» (125 % scaling)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setItemDelegate(_WrappingDelegate(self))
        self.items: dict[str, QTreeWidgetItem] = {}
        self.rooms_item: QTreeWidgetItem | None = None
        self._build()
        self.currentItemChanged.connect(self._changed)

    def _item(self, parent: Any, key: str, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [title, ""])
        item.setData(0, KEY_ROLE, key)
        item.setToolTip(0, title)
        self.items[key] = item
        return item

    def _build(self) -> None:
        registry = self.controller.registry
        for form in registry.forms:
            top = self._item(self, f"form:{form.id}", tr(form.title))
            for section in form.sections:
                if not section.room_scoped:
                    self._item(top, f"section:{section.id}", tr(section.title))
            if any(s.room_scoped for s in form.sections):
                self.rooms_item = self._item(top, ROOMS, tr("Rom for rom"))
        for key, title in TAIL:
            self._item(self, key, tr(title))
        self.rebuild_rooms()
        self.expandAll()
        self.resizeColumnToContents(1)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, self.header().ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, self.header().ResizeMode.ResizeToContents)
        self.header().sectionResized.connect(lambda *_a: self.scheduleDelayedItemsLayout())

    def rebuild_rooms(self) -> None:
        if self.rooms_item is None:
            return
        for key in [k for k in self.items if k.startswith("room:")]:
            del self.items[key]
        self.rooms_item.takeChildren()
        for room in self.controller.rooms:
            self._item(self.rooms_item, f"room:{room.id}", room.name)
        self.rooms_item.setExpanded(True)
        self.update_marks()

    def update_marks(self) -> None:
        """Completion per section: ✓ all visible answered, ◐ some, ○ none (with counts)."""
        ctl, registry = self.controller, self.controller.registry
        for form in registry.forms:
            total = NO_COMPLETION
            for section in form.sections:
                if section.room_scoped:
                    continue
                done = ctl.completion(section)
                total = total + done
                self._mark(f"section:{section.id}", done)
            rooms = self._rooms_completion(form)
            if rooms is not None:
                total = total + rooms
                self._mark(ROOMS, rooms)
            self._mark(f"form:{form.id}", total)

    def _rooms_completion(self, form: Any) -> Completion | None:
        if not any(s.room_scoped for s in form.sections):
            return None
        total = NO_COMPLETION
        for room in self.controller.rooms:
            done = NO_COMPLETION
            for section in self.controller.registry.room_sections(room.type):
                done = done + self.controller.completion(section, room.id)
            self._mark(f"room:{room.id}", done)
            total = total + done
        return total

    def _mark(self, key: str, done: Completion) -> None:
        item = self.items.get(key)
        if item is not None:
            item.setText(1, done.text())
            item.setToolTip(1, tr("{a} av {n} synlige spørsmål besvart", a=done.answered, n=done.visible))

    def _changed(self, current: QTreeWidgetItem | None, _previous: Any) -> None:
        if current is None:
            return
        key = current.data(0, KEY_ROLE)
        if key.startswith("form:") and current.childCount():
            self.setCurrentItem(current.child(0))
            return
        self.selected.emit(key)

    def select(self, key: str) -> bool:
        item = self.items.get(key)
        if item is not None:
            self.setCurrentItem(item)
        return item is not None

    def next_key(self, step: int = 1) -> str | None:
        """The part ``step`` places after the current one, in the order shown (form headings
        with parts under them are skipped); ``None`` past either end."""
        keys = [item.data(0, KEY_ROLE) for item in self._ordered()]
        keys = [k for k in keys if not (k.startswith("form:") and self.items[k].childCount())]
        current = self.current_key()
        index = keys.index(current) + step if current in keys else 0
        return keys[index] if 0 <= index < len(keys) else None

    def _ordered(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        stack = [self.topLevelItem(i) for i in reversed(range(self.topLevelItemCount()))]
        while stack:
            item = stack.pop()
            items.append(item)
            stack.extend(item.child(i) for i in reversed(range(item.childCount())))
        return items

    def current_key(self) -> str | None:
        item = self.currentItem()
        return item.data(0, KEY_ROLE) if item is not None else None
