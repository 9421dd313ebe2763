"""Two programs from one bundle (issue #11.3): the console one runs commands, the windowed one opens
the window, opens .bvx files, and sends commands to the console program when it has no terminal."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from boligvurdering.cli import main as cli

ROOT = Path(__file__).resolve().parents[2]


def test_console_entry_points_in_pyproject():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"boligvurdering": "boligvurdering.cli.main:main", "bv": "boligvurdering.cli.main:main"}


def test_spec_builds_a_windowed_and_a_console_program_in_one_folder():
    spec = (ROOT / "installer" / "boligvurdering.spec").read_text(encoding="utf-8")
    assert 'name="Boligvurdering", console=False' in spec
    assert 'name="boligvurdering-cli", console=True' in spec
    assert "COLLECT(gui_exe, cli_exe," in spec
    assert 'collect_data_files("pikepdf")' in spec  # PDF/A colour profile sRGB.icc


@pytest.fixture
def shown(monkeypatch):
    import boligvurdering.gui.launch as launch

    calls = []
    monkeypatch.setattr(launch, "tell", lambda message, code: calls.append(("tell", message)) or code)
    monkeypatch.setattr(launch, "run_gui", lambda paths, open_file=None: calls.append(("gui", paths, open_file)) or 0)
    return calls


def test_windowed_program_without_terminal_sends_commands_to_the_console_program(shown, monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    assert cli.windowed_main(["demo"]) == 2
    assert shown[0][0] == "tell" and "boligvurdering-cli" in shown[0][1]


def test_windowed_program_with_a_terminal_runs_commands(shown, capsys):
    assert cli.windowed_main(["forms", "check"]) == 0
    assert shown == [] and capsys.readouterr().out


def test_windowed_program_opens_an_exchange_file(shown, tmp_path):
    target = tmp_path / "besøk.bvx"
    assert cli.windowed_main(["--data-dir", str(tmp_path / "d"), str(target)]) == 0
    kind, paths, open_file = shown[0]
    assert kind == "gui" and open_file == target and paths.root == (tmp_path / "d").resolve()


def test_windowed_program_without_arguments_opens_the_window(shown, tmp_path):
    assert cli.windowed_main([f"--data-dir={tmp_path}"]) == 0
    assert shown[0][0] == "gui" and shown[0][2] is None


def test_opened_bvx_file_is_imported_with_its_password(tmp_path):
    from boligvurdering.gui.open_file import import_summary
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.backup import export_visit_encrypted
    from boligvurdering.services.context import open_context
    from boligvurdering.services.demo import create_demo

    source = open_context(AppPaths(tmp_path / "a"), role="administrator")
    try:
        visit = create_demo(source)[0]
        sealed = export_visit_encrypted(source, visit, tmp_path / "x.bvx", "transport-passord-7")
    finally:
        source.close()
    target = open_context(AppPaths(tmp_path / "b"), role="administrator")
    try:
        refused = import_summary(target, sealed, lambda: "feil-passord-123")
        assert refused.startswith("Filen ble avvist") and target.visits.list() == []
        assert import_summary(target, sealed, lambda: "transport-passord-7") == \
            "Besøket for Astrid Demosen er importert."
        assert [v.id for v in target.visits.list()] == [visit]
    finally:
        target.close()
