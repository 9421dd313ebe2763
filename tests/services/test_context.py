"""The composition root (issue #12 item 3): typed services, no default role, no services import cycle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import boligvurdering.services as services_pkg
from boligvurdering.domain.errors import AccessDenied
from boligvurdering.security.instance_lock import InstanceLock
from boligvurdering.services.answers import AnswerService
from boligvurdering.services.clients import ClientService
from boligvurdering.services.consent import ConsentService
from boligvurdering.services.context import AppContext, open_context
from boligvurdering.services.files import FileStore
from boligvurdering.services.visits import VisitService

SRC = Path(services_pkg.__file__).parents[2]
SERVICE_MODULES = sorted(p.stem for p in Path(services_pkg.__file__).parent.glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("module", SERVICE_MODULES)
def test_each_service_module_imports_alone(module):
    done = subprocess.run([sys.executable, "-c", f"import boligvurdering.services.{module}"],
                          capture_output=True, text=True, env={"PYTHONPATH": str(SRC)}, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_services_import_each_other_at_module_level_only_without_cycle():
    """Module-level imports between service modules form no cycle (a cycle forced inner imports)."""
    graph: dict[str, set[str]] = {}
    for name in SERVICE_MODULES:
        tree = ast.parse((Path(services_pkg.__file__).parent / f"{name}.py").read_text(encoding="utf-8"))
        deps = set()
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("boligvurdering.services"):
                deps |= ({a.name for a in node.names} if node.module == "boligvurdering.services"
                         else {node.module.rsplit(".", 1)[1]})
        graph[name] = deps & set(SERVICE_MODULES)

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for nxt in graph[start] - seen:
            if nxt == target or reaches(nxt, target, seen | {nxt}):
                return True
        return False

    cyclic = [name for name in SERVICE_MODULES if reaches(name, name, set())]
    assert cyclic == []


def test_context_without_role_is_not_an_administrator(paths):
    ctx = open_context(paths)
    try:
        assert ctx.role == ""
        with pytest.raises(AccessDenied):
            ctx.clients.search("")
    finally:
        ctx.close()


def test_services_are_typed_attributes(ctx):
    assert isinstance(ctx, AppContext)
    assert isinstance(ctx.clients, ClientService) and ctx.clients is ctx.clients
    assert isinstance(ctx.visits, VisitService) and isinstance(ctx.answers, AnswerService)
    assert isinstance(ctx.consent, ConsentService) and isinstance(ctx.files, FileStore)


def test_file_store_follows_the_cipher_and_close_releases_the_lock(paths):
    ctx = open_context(paths, role="administrator")
    plain = ctx.files
    assert plain.cipher is None and ctx.files is plain

    class Cipher:
        def encrypt(self, data: bytes, aad: bytes) -> bytes:
            return data[::-1]

        def decrypt(self, data: bytes, aad: bytes) -> bytes:
            return data[::-1]

    ctx.file_cipher = Cipher()  # type: ignore[assignment]
    assert ctx.files is not plain and ctx.files.cipher is ctx.file_cipher
    ctx.instance_lock = InstanceLock(paths.lock_file).acquire()
    ctx.close()
    assert ctx.instance_lock is None
    InstanceLock(paths.lock_file).acquire().release()  # free again


#: Service-to-service imports made inside functions: none left. The access-log writer sits below
#: ``access`` (services/audit_log.py), ``auth`` builds the context without the context re-exporting it,
#: and the encrypted exchange file is read in ``exchange`` (not ``backup``).
INNER_ALLOWED: set[tuple[str, str]] = set()


def test_service_modules_import_each_other_at_module_level():
    inner = set()
    for name in SERVICE_MODULES:
        tree = ast.parse((Path(services_pkg.__file__).parent / f"{name}.py").read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("boligvurdering.services"):
                    inner |= {(name, a.name) for a in node.names} if node.module == "boligvurdering.services" \
                        else {(name, node.module.rsplit(".", 1)[1])}
    assert inner - INNER_ALLOWED == set()
