"""The Windows installer script and its generated version (issue #11.5); cannot run iscc on Linux,
so the script is checked for what IT relies on, and the preset example is validated for real."""

from __future__ import annotations

import importlib.util
import json
import tomllib
from pathlib import Path

from boligvurdering import __version__, settings

ROOT = Path(__file__).resolve().parents[2]
ISS = (ROOT / "installer" / "boligvurdering.iss").read_text(encoding="utf-8")


def _version_info():
    spec = importlib.util.spec_from_file_location("version_info", ROOT / "installer" / "version_info.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_version_is_generated_from_pyproject(tmp_path):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert __version__ == version
    module = _version_info()
    module.write(tmp_path)
    assert (tmp_path / "version.iss").read_text(encoding="utf-8") == f'#define AppVersion "{version}"\n'
    resource = (tmp_path / "version_info.txt").read_text(encoding="utf-8")
    assert f"StringStruct('ProductVersion', '{version}')" in resource
    assert module.numbers("1.2.3rc1") == (1, 2, 3, 0)
    assert '#include "..\\build\\version.iss"' in ISS and "AppVersion=0" not in ISS


def test_per_machine_and_per_user_silent_install():
    assert "PrivilegesRequired=admin" in ISS and "PrivilegesRequiredOverridesAllowed=commandline dialog" in ISS
    assert "DefaultDirName={autopf}\\Boligvurdering" in ISS  # Program Files, or LocalAppData\Programs per user
    assert "/VERYSILENT" in ISS and "skipifsilent" in ISS


def test_start_menu_icon_and_bvx_association():
    assert 'Name: "{autoprograms}\\Boligvurdering"; Filename: "{app}\\Boligvurdering.exe"' in ISS
    assert "SetupIconFile=..\\resources\\boligvurdering.ico" in ISS and (ROOT / "resources" / "boligvurdering.ico").is_file()
    assert 'Subkey: "Software\\Classes\\.bvx"' in ISS
    assert '"""{app}\\Boligvurdering.exe"" ""%1"""' in ISS  # the windowed program opens the file


def test_preset_goes_where_the_settings_module_reads_it():
    assert 'DestDir: "{commonappdata}\\boligvurdering"; DestName: "preset.json"' in ISS
    assert settings.PRESET_FILE == "preset.json"


def test_example_preset_is_valid(tmp_path, monkeypatch):
    example = ROOT / "installer" / "preset.example.json"
    monkeypatch.setenv("BOLIGVURDERING_PRESET", str(example))
    loaded = settings.load(tmp_path / "settings.json")
    data = json.loads(example.read_text(encoding="utf-8"))
    assert loaded.kommune_number == data["kommune_number"] and loaded.lock_minutes == data["lock_minutes"]
    assert set(data) <= set(settings.BY_KEY)


def test_uninstall_keeps_user_data_unless_asked():
    assert "usPostUninstall" in ISS and "not UninstallSilent" in ISS and "MB_DEFBUTTON2" in ISS
    assert "{app}" not in ISS.split("DataDir := ExpandConstant(")[1].split(")")[0]
