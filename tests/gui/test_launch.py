from boligvurdering.gui.launch import has_display


def test_display_detection():
    assert has_display({"DISPLAY": ":0"}, "linux")
    assert has_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert has_display({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not has_display({}, "linux")
    assert has_display({}, "win32")


def test_cli_without_display_says_so(tmp_path, monkeypatch, capsys):
    from boligvurdering.cli.main import main

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert main(["--data-dir", str(tmp_path / "d")]) == 2
    assert "Fant ingen skjerm" in capsys.readouterr().err
