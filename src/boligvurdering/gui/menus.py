"""The menu bar, like a Windows program: Fil, Rediger, Vis, Administrasjon (by role), Hjelp.

Every action here is also reachable elsewhere; the menu gives each one a name and a shortcut
that can be found. ``install_menus(window)`` returns the actions by key (tests trigger them)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from boligvurdering.domain.errors import UserError
from boligvurdering.gui.about import AboutDialog
from boligvurdering.i18n import N_, tr

TEXT_SIZES = (100, 125, 150)
SHORTCUTS = (
    ("Ctrl+F", N_("Finn en bruker (på Arbeidsliste: søk i sakene)")),
    ("Ctrl+N", N_("Ny bruker")),
    ("Ctrl+Shift+N", N_("Nytt besøk for brukeren som er valgt")),
    ("Ctrl+L", N_("Lås skjermen")),
    ("Ctrl+Z", N_("Angre siste svar")),
    ("Ctrl+PgDn / Ctrl+PgUp", N_("Neste / forrige del av besøket")),
    (N_("Alt+Pil ned / Alt+Pil opp"), N_("Neste / forrige spørsmål")),
    (N_("J / N"), N_("Svar ja / nei på spørsmålet som har fokus")),
    ("1–5", N_("Velg svaralternativ")),
    ("Enter", N_("Gå til neste spørsmål")),
    ("Delete", N_("Fjern svaret")),
    (N_("Mellomrom"), N_("Start og stopp stoppeklokken, tell en reisning")),
    ("Ctrl+Q", N_("Avslutt")),
)


def _action(menu: QMenu, text: str, slot: Callable[[], Any], keys: str = "") -> QAction:
    action = menu.addAction(text)
    if keys:
        action.setShortcut(QKeySequence(keys))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def install_menus(window: QMainWindow) -> dict[str, QAction]:
    """Build the whole menu bar for ``window`` (a ``MainWindow`` with its pages populated)."""
    from boligvurdering.gui.admin.menu import install_admin_menu

    for old in window.menuBar().findChildren(QMenu):  # a rebuild (new language) replaces every menu
        old.setObjectName("")
        old.deleteLater()
    window.menuBar().clear()
    actions: dict[str, QAction] = {}
    files = window.menuBar().addMenu(tr("&Fil"))
    files.setObjectName("menuFile")  # menus are found by name, never by their translated title
    actions["new_client"] = _action(files, tr("&Ny bruker"), lambda: new_client(window), "Ctrl+N")
    actions["new_visit"] = _action(files, tr("Nytt &besøk"), lambda: new_visit(window), "Ctrl+Shift+N")
    files.addSeparator()
    actions["import"] = _action(files, tr("&Importer besøk …"), lambda: import_visits(window))
    actions["export"] = _action(files, tr("&Eksporter besøket …"), lambda: export_visit(window))
    files.addSeparator()
    actions["lock"] = _action(files, tr("&Lås skjermen"), window.lock_screen, "Ctrl+L")
    actions["quit"] = _action(files, tr("&Avslutt"), window.close, "Ctrl+Q")
    edit = window.menuBar().addMenu(tr("&Rediger"))
    edit.setObjectName("menuEdit")
    actions["undo"] = _action(edit, tr("&Angre siste svar"), lambda: undo_answer(window), "Ctrl+Z")
    actions.update(_view_menu(window))
    window.admin_actions = install_admin_menu(window)
    actions.update({f"admin_{k}": a for k, a in window.admin_actions.items()})
    actions.update(_help_menu(window))
    for action in actions.values():  # shortcuts work wherever the focus is in the window
        if not action.shortcut().isEmpty():
            window.addAction(action)
    return actions


def _view_menu(window: Any) -> dict[str, QAction]:
    view = window.menuBar().addMenu(tr("&Vis"))
    view.setObjectName("menuView")
    risk = view.addAction(tr("&Risikopanel"))
    risk.setCheckable(True)
    risk.setChecked(window.state.risk_panel_open)
    risk.toggled.connect(lambda on: set_risk_panel(window, on))
    actions = {"risk_panel": risk}
    sizes = view.addMenu(tr("&Tekststørrelse"))
    group = QActionGroup(sizes)
    for percent in TEXT_SIZES:
        action = sizes.addAction(tr("{p} %", p=percent))
        action.setCheckable(True)
        action.setChecked(percent == window.state.text_scale)
        action.triggered.connect(lambda _c=False, p=percent: set_text_size(window, p))
        group.addAction(action)
        actions[f"text_{percent}"] = action
    return actions


def _help_menu(window: Any) -> dict[str, QAction]:
    help_menu = window.menuBar().addMenu(tr("&Hjelp"))
    help_menu.setObjectName("menuHelp")
    actions = {"shortcuts": _action(help_menu, tr("&Hurtigtaster"), lambda: show_shortcuts(window), "F1")}
    help_menu.addSeparator()
    actions["about"] = _action(help_menu, tr("&Om Boligvurdering …"),
                               lambda: AboutDialog(window.paths, window).exec())
    return actions


# actions ------------------------------------------------------------------------------------------
def new_client(window: Any) -> None:
    window.tabs.setCurrentWidget(window.clients_page)
    window.clients_page.show_new_client()


def new_visit(window: Any) -> None:
    window.tabs.setCurrentWidget(window.clients_page)
    if window.clients_page.client is None:
        window.statusBar().showMessage(tr("Velg først brukeren besøket gjelder."), 8000)
        return
    window.clients_page.show_new_visit()


def undo_answer(window: Any) -> None:
    workspace = window.visits_page.workspace if window.visits_page is not None else None
    if workspace is None or not workspace.undo_last_answer():
        window.statusBar().showMessage(tr("Det er ikke noe svar å angre."), 6000)
        return
    window.tabs.setCurrentWidget(window.visits_page)
    window.statusBar().showMessage(tr("Siste svar er angret."), 6000)


def set_risk_panel(window: Any, shown: bool) -> None:
    window.state.risk_panel_open = shown
    workspace = window.visits_page.workspace if window.visits_page is not None else None
    if workspace is not None:
        workspace.risk_toggle.setChecked(not shown)


def set_text_size(window: Any, percent: int) -> None:
    """100/125/150 % of the program's base font (the whole window follows)."""
    app = QApplication.instance()
    base = app.property("_base_point_size") or app.font().pointSizeF()
    app.setProperty("_base_point_size", base)
    font = app.font()
    font.setPointSizeF(base * percent / 100)
    app.setFont(font)
    window.state.text_scale = percent


def show_shortcuts(window: QWidget) -> None:
    rows = "".join(f"<tr><td><b>{tr(keys)}</b></td><td>{tr(text)}</td></tr>" for keys, text in SHORTCUTS)
    box = QMessageBox(QMessageBox.Icon.Information, tr("Hurtigtaster"),
                      f"<table cellpadding='3'>{rows}</table>", QMessageBox.StandardButton.Close, window)
    box.open()
    window.shortcuts_box = box  # type: ignore[attr-defined]  # kept for tests and to stay alive


def import_visits(window: Any, choose: Callable[[QWidget], list[str]] | None = None,
                  password: Callable[[], str] | None = None) -> list[Any]:
    """Fil → Importer besøk: exchange files (``.bvx`` opened with the password they were sealed
    with); a refused file is listed and stores nothing."""
    from boligvurdering.services.exchange import ExchangeService

    names = (choose or _choose_import)(window)
    if not names:
        return []
    asked = _once(password or (lambda: _ask_password(window, tr("Passordet filen ble låst med:"))))
    outcomes = ExchangeService(window.ctx).import_paths([Path(n) for n in names], password=asked)
    refused = [o for o in outcomes if o.status == "refused"]
    message = tr("{n} besøk importert.", n=len(outcomes) - len(refused))
    if refused:
        message += " " + tr("{n} fil(er) avvist: {why}", n=len(refused),
                            why="; ".join(p.message for o in refused for p in o.problems)[:300])
    window.statusBar().showMessage(message, 15000)
    window.clients_page.refresh()
    window.visits_page.refresh()
    return outcomes


def export_visit(window: Any, choose: Callable[[QWidget], str | None] | None = None,
                 password: Callable[[], str] | None = None) -> Path | None:
    """Fil → Eksporter besøket: the open visit as a password-sealed exchange file (``.bvx``),
    so personal data never leaves the program unencrypted."""
    from boligvurdering.services.backup import export_visit_encrypted

    workspace = window.visits_page.workspace if window.visits_page is not None else None
    if workspace is None:
        window.statusBar().showMessage(tr("Åpne besøket du vil eksportere først."), 8000)
        return None
    name = (choose or _choose_export)(window)
    secret = (password or (lambda: _ask_password(window, tr("Velg et passord for filen (minst 10 tegn). "
                                                            "Mottakeren trenger det for å åpne filen:"))))()
    if not name or not secret:
        return None
    try:
        path = export_visit_encrypted(window.ctx, workspace.visit_id, Path(name).with_suffix(".bvx"), secret)
    except (UserError, OSError) as exc:
        window.statusBar().showMessage(getattr(exc, "message", None) or str(exc), 15000)
        return None
    window.statusBar().showMessage(tr("Besøket er eksportert til {path}.", path=path), 15000)
    return path


def _once(ask: Callable[[], str]) -> Callable[[], str]:
    """Ask for the password at most once however many files need it."""
    memo: list[str] = []
    return lambda: memo[0] if memo else (memo.append(ask()) or memo[0])


def _ask_password(parent: QWidget, label: str) -> str:
    text, ok = QInputDialog.getText(parent, tr("Passord"), label, QLineEdit.EchoMode.Password)
    return text if ok else ""


def _choose_import(parent: QWidget) -> list[str]:
    names, _ = QFileDialog.getOpenFileNames(parent, tr("Importer besøk"), str(Path.home()),
                                            tr("Besøksfiler (*.bvx *.json)"))
    return names


def _choose_export(parent: QWidget) -> str | None:
    name, _ = QFileDialog.getSaveFileName(parent, tr("Eksporter besøket"), str(Path.home() / "besok.bvx"),
                                          tr("Låste besøksfiler (*.bvx)"))
    return name or None
