"""Packaging hook: ship the repository's top-level data folders inside the package.

The repository keeps ``forms/`` (questionnaires, rules, catalogue) and ``resources/`` (fonts,
icon, licence texts) at the top level; the wheel carries them as ``boligvurdering/_forms`` and
``boligvurdering/_resources``, next to ``boligvurdering/store/migrations``. Everything else is
declared in ``pyproject.toml``. ``boligvurdering.resources`` is the one reader of these folders.
"""

from pathlib import Path

from setuptools import find_packages, setup

DATA_FOLDERS = {"boligvurdering._forms": "forms", "boligvurdering._resources": "resources"}


def data_packages() -> dict[str, list[str]]:
    """Every folder below the data folders as a data-only package with all its files."""
    found = {}
    for package, folder in DATA_FOLDERS.items():
        for sub in [Path(folder), *sorted(p for p in Path(folder).rglob("*") if p.is_dir())]:
            name = ".".join([package, *sub.relative_to(folder).parts])
            found[name] = ["*"]
    return found


DATA = data_packages()

setup(
    packages=[*find_packages("src"), *DATA],
    package_dir={"": "src", **DATA_FOLDERS},
    package_data={
        **DATA,
        "boligvurdering.store": ["migrations/*.py", "migrations/*.mako", "migrations/versions/*.py"],
        "boligvurdering.server": ["migrations/*.py", "migrations/*.mako", "migrations/versions/*.py"],
    },
)
