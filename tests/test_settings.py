"""Settings declared once (issue #12.5) with the machine-wide preset IT installs (issue #11.5)."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path

import pytest

import boligvurdering
from boligvurdering import settings
from boligvurdering.domain.errors import InvalidValue
from boligvurdering.paths import AppPaths

PACKAGE = Path(boligvurdering.__file__).parent


@pytest.fixture
def files(tmp_path, monkeypatch):
    preset, user = tmp_path / "machine" / "preset.json", tmp_path / "data" / "settings.json"
    preset.parent.mkdir()
    user.parent.mkdir()
    monkeypatch.setenv("BOLIGVURDERING_PRESET", str(preset))
    return preset, user


def write(path: Path, data) -> None:
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")


def test_defaults_without_files(files):
    loaded = settings.load(files[1])
    assert (loaded.lock_minutes, loaded.backup_folder, loaded.kommune_number) == (10, None, None)
    assert set(loaded.sources.values()) == {"default"} and loaded.problems == ()


def test_preset_is_read_first_and_the_user_file_overrides_it(files, tmp_path):
    preset, user = files
    write(preset, {"lock_minutes": 5, "backup_folder": str(tmp_path / "share"), "kommune_number": "4601",
                   "kommune_name": "Bergen kommune"})
    loaded = settings.load(user)
    assert loaded.lock_minutes == 5 and loaded.sources["lock_minutes"] == "machine"
    assert loaded.backup_folder == tmp_path / "share" and loaded.kommune_name == "Bergen kommune"
    write(user, {"lock_minutes": 15, "kommune_number": "9999"})  # kommune: preset only, user's ignored
    loaded = settings.load(user)
    assert (loaded.lock_minutes, loaded.sources["lock_minutes"]) == (15, "user")
    assert loaded.kommune_number == "4601"


def test_invalid_values_are_ignored_and_reported(files):
    preset, user = files
    write(preset, {"lock_minutes": 500, "kommune_number": "12", "backup_folder": "relative/path"})
    write(user, "{not json")
    loaded = settings.load(user)
    assert (loaded.lock_minutes, loaded.kommune_number, loaded.backup_folder) == (10, None, None)
    assert len(loaded.problems) == 4
    assert any("mellom 1 og 240" in p for p in loaded.problems)
    assert any("fire sifre" in p for p in loaded.problems)


def test_save_validates_keeps_other_keys_and_refuses_machine_only_keys(files):
    _preset, user = files
    write(user, {"something_else": 1})
    assert settings.save(user, "lock_minutes", 20.0) == 20
    assert json.loads(user.read_text(encoding="utf-8")) == {"something_else": 1, "lock_minutes": 20}
    with pytest.raises(InvalidValue):
        settings.save(user, "lock_minutes", 0)
    with pytest.raises(InvalidValue):
        settings.save(user, "kommune_number", "4631")
    assert json.loads(user.read_text(encoding="utf-8"))["lock_minutes"] == 20


def test_backups_go_to_the_preset_folder_per_login_and_fall_back_when_unreachable(files, tmp_path):
    import getpass

    preset, _user = files
    paths = AppPaths(tmp_path / "data")
    assert paths.backups == tmp_path / "data" / "backups"
    write(preset, {"backup_folder": str(tmp_path / "share")})
    assert paths.backups == tmp_path / "share" / getpass.getuser() and paths.backups.is_dir()
    (tmp_path / "blocked").write_text("a file, not a folder", encoding="utf-8")
    write(preset, {"backup_folder": str(tmp_path / "blocked")})
    assert paths.backups == tmp_path / "data" / "backups"


def test_preset_kommune_is_the_default_below_the_teams_stored_settings(files, tmp_path):
    from boligvurdering.services.context import open_context

    write(files[0], {"kommune_number": "4601", "kommune_name": "Bergen kommune"})
    ctx = open_context(AppPaths(tmp_path / "data"), role="administrator")
    try:
        assert (ctx.plan.settings().number, ctx.plan.settings().name) == ("4601", "Bergen kommune")
        ctx.plan.save_settings({"name": "Alver kommune"})
        assert ctx.plan.settings().name == "Alver kommune"
    finally:
        ctx.close()


def test_settings_json_is_parsed_nowhere_else():
    readers = []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name != "settings.py" and ("paths.settings" in text or "settings.json" in text):
            tree = ast.parse(text)
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and node.attr in {"read_text", "read_bytes", "write_text"} \
                        and "settings" in ast.unparse(node.value):
                    readers.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert readers == []


def test_every_setting_has_a_default_that_passes_its_own_validation():
    for setting in settings.SETTINGS:
        if setting.default is not None:
            assert setting.parse(setting.default) == setting.default, setting.key
        assert setting.stored and setting.label and setting.key in settings.Settings.__dataclass_fields__
    assert os.environ.get("BOLIGVURDERING_PRESET")  # tests never read the real machine preset
