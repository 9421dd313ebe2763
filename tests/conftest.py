"""Shared fixtures: offscreen Qt, a temporary data folder per test, an open context."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

import pytest

from boligvurdering.gui.qtfix import protect_none

protect_none()  # PySide6 6.12 + Python 3.11 reference leaks (see gui/qtfix.py), for every Qt test

from boligvurdering.paths import AppPaths  # noqa: E402


@pytest.fixture
def paths(tmp_path):
    return AppPaths(tmp_path / "data")


@pytest.fixture
def ctx(paths):
    from boligvurdering.services.context import open_context

    context = open_context(paths, role="administrator")
    yield context
    context.close()


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch, tmp_path):
    """Keep the developer's real data folder out of tests."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # the CLI signs in (or creates the first administrator) with these (docs/SECURITY.md)
    monkeypatch.setenv("BOLIGVURDERING_USER", "testadmin")
    monkeypatch.setenv("BOLIGVURDERING_PASSWORD", "test-passord-123")
    # no machine-wide preset (boligvurdering.settings) unless a test writes one here
    monkeypatch.setenv("BOLIGVURDERING_PRESET", str(tmp_path / "no-preset" / "preset.json"))


_FS_IOC_GETFLAGS, _FS_IOC_SETFLAGS, _FS_IMMUTABLE_FL = 0x80086601, 0x40086602, 0x10


def _set_immutable(folder, on: bool) -> None:
    """``chattr +i``/``-i`` done with the ioctl itself, so no external program is needed."""
    import array
    import fcntl
    import os

    fd = os.open(folder, os.O_RDONLY)
    try:
        flags = array.array("l", [0])
        fcntl.ioctl(fd, _FS_IOC_GETFLAGS, flags, True)
        flags[0] = flags[0] | _FS_IMMUTABLE_FL if on else flags[0] & ~_FS_IMMUTABLE_FL
        fcntl.ioctl(fd, _FS_IOC_SETFLAGS, flags)
    finally:
        os.close(fd)


@pytest.fixture
def make_read_only():
    """Make a folder read-only for this process, also when tests run as root (CI does).

    Root ignores permission bits, so there the folder is made immutable (the ``chattr +i``
    ioctl; ext4/xfs/tmpfs). Yields ``apply(folder)``; it returns ``restore()``, and everything
    is made writable again at teardown in any case.
    """
    import os

    undo = []

    def apply(folder):
        if os.geteuid() != 0:
            os.chmod(folder, 0o500)
            undo.append(lambda: os.chmod(folder, 0o700))
        else:
            _set_immutable(folder, True)
            undo.append(lambda: _set_immutable(folder, False))
        return restore

    def restore():
        while undo:
            undo.pop()()

    yield apply
    restore()
