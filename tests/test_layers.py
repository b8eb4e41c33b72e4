"""The import contract: the package is a house of floors, and imports only go down.

Floors, bottom to top (``report`` and ``render`` share one)::

    core < loading < schema < rules < check < fixing < running < report, render < lsp < cli

A module may import from its own floor or any floor below, at module level and inside
functions alike (an import inside a function is still a dependency; it only runs later). The
public façade ``cardlint/__init__.py`` and ``__main__.py`` stand outside the floors: they may
import anything, and no module on a floor may import them (``from cardlint import rules`` names
the subpackage ``cardlint.rules``, not the façade, and is fine).

No two modules may import each other, directly or round a longer loop, counting imports inside
functions: a loop hidden behind a function-level import is still two modules that cannot be
understood (or moved) one without the other. Imports under ``if TYPE_CHECKING:`` are left out
of the loop check, and only of it: they never run, so they cannot leave a module half
initialised, and naming a sibling's type in an annotation is the usual way a module on one
floor refers to a peer whose code it does not need. They still obey the floors, because a type
from a floor above is still a dependency on that floor's ideas.

The checker reads the source with :mod:`ast`; it never imports the package. Its own tests plant
an upward import, a loop and a module on no floor in a scratch package, so it cannot pass by
finding nothing.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "cardlint"

FLOORS: Mapping[str, int] = {
    "core": 0,
    "loading": 1,
    "schema": 2,
    "rules": 3,
    "check": 4,
    "fixing": 5,
    "running": 6,
    "report": 7,
    "render": 7,
    "lsp": 8,
    "cli": 9,
}
"""Subpackage -> floor; a module's floor is its subpackage's."""

REGISTRY_NAMES = "RULE_MODULES"
"""A module-level tuple of sibling module names that the module imports with importlib."""

OUTSIDE = frozenset({PACKAGE, f"{PACKAGE}.__main__"})
"""The façade and the entry point: on no floor, importing anything, imported by no floor."""


class Import(NamedTuple):
    """One import statement's target as a module name, where it is written, and whether it
    only runs for a type checker."""

    source: str
    target: str
    file: Path
    line: int
    type_checking: bool


def module_files(root: Path) -> dict[str, Path]:
    """Module name -> file, for every ``.py`` file of the package under ``root``."""
    found: dict[str, Path] = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def floor_of(module: str) -> str | None:
    """The floor name (the subpackage) of ``module``; ``None`` outside the floors or on none."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in FLOORS else None


class _Source(NamedTuple):
    """The module being read: its name, the package relative imports start from, its file."""

    name: str
    package: str
    file: Path
    modules: Mapping[str, Path]


def imports(root: Path) -> Iterator[Import]:
    """Every import of a package module by a package module, at any depth in the file (one
    per statement and target, so ``from a import b, c`` of one module counts once)."""
    modules = module_files(root)
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        source = _Source(name, package, path, modules)
        found = _walk(tree, source, type_checking=False)
        yield from dict.fromkeys([*found, *_registered(tree, source)])


def _registered(tree: ast.Module, source: _Source) -> Iterator[Import]:
    """The rule registry imports its modules by name (``RULE_MODULES``, with importlib): those
    are imports too, so a rule module that imported the registry would show as a loop."""
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == REGISTRY_NAMES for t in node.targets)
            and isinstance(node.value, ast.Tuple | ast.List)
        ):
            for item in node.value.elts:
                if isinstance(item, ast.Constant) and isinstance(item.value, str):
                    target = f"{source.package}.{item.value}"
                    yield Import(source.name, target, source.file, item.lineno, False)


def _walk(node: ast.AST, source: _Source, *, type_checking: bool) -> Iterator[Import]:
    """The imports inside ``node``, at any depth; ``if TYPE_CHECKING:`` bodies are marked."""
    for child in ast.iter_child_nodes(node):
        for target in _targets(child, source.package, source.modules):
            line = getattr(child, "lineno", 0)
            yield Import(source.name, target, source.file, line, type_checking)
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            yield from _walk(ast.Module(child.body, []), source, type_checking=True)
            yield from _walk(ast.Module(child.orelse, []), source, type_checking=type_checking)
        else:
            yield from _walk(child, source, type_checking=type_checking)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(node: ast.AST, package: str, modules: Mapping[str, Path]) -> Iterator[str]:
    """The package modules one import statement names (``from a import b`` names module
    ``a.b`` when that is a module, else ``a``)."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name == PACKAGE or alias.name.startswith(PACKAGE + "."):
                yield _existing(alias.name, modules)
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*anchor, base] if base else anchor)
        if base != PACKAGE and not base.startswith(PACKAGE + "."):
            return
        for alias in node.names:
            child = f"{base}.{alias.name}"
            yield child if child in modules else _existing(base, modules)


def _existing(module: str, modules: Mapping[str, Path]) -> str:
    """``module``, or its nearest enclosing package that is a module of the package."""
    while module not in modules and "." in module:
        module = module.rpartition(".")[0]
    return module


# -- the three checks --------------------------------------------------------------------------


def unassigned(root: Path) -> list[str]:
    """Modules that are neither on a floor nor the façade."""
    return [
        f"{path.relative_to(root)}: {module} is on no floor; add its subpackage to FLOORS"
        for module, path in module_files(root).items()
        if module not in OUTSIDE and floor_of(module) is None
    ]


def upward(root: Path) -> list[str]:
    """Imports that point to a higher floor, or from a floor to the façade."""
    problems = []
    for found in imports(root):
        here = floor_of(found.source)
        if here is None:
            continue  # the façade and __main__ may import anything (unassigned() covers others)
        there = floor_of(found.target)
        where = f"{found.file.relative_to(root)}:{found.line}"
        if found.target in OUTSIDE:
            problems.append(
                f"{where}: {found.source} (floor {here}) imports {found.target}, the façade "
                "above every floor; import the module that defines the name"
            )
        elif there is not None and FLOORS[there] > FLOORS[here]:
            problems.append(
                f"{where}: {found.source} (floor {here}) imports {found.target} "
                f"(floor {there}, higher)"
            )
    return problems


def cycles(root: Path) -> list[str]:
    """Each loop of imports (leaving out TYPE_CHECKING-only ones), with one edge per step."""
    edges: dict[str, dict[str, Import]] = {}
    for found in imports(root):
        if not found.type_checking and found.target != found.source:
            edges.setdefault(found.source, {}).setdefault(found.target, found)
    problems = []
    for component in _strongly_connected({k: list(v) for k, v in edges.items()}):
        loop = _loop_through(component, edges)
        steps = [
            f"{edges[a][b].file.relative_to(root)}:{edges[a][b].line}: {a} "
            f"(floor {floor_of(a)}) imports {b} (floor {floor_of(b)})"
            for a, b in zip(loop, loop[1:] + loop[:1], strict=True)
        ]
        others = sorted(set(component) - set(loop))
        more = f"\n  (also in this tangle: {', '.join(others)})" if others else ""
        problems.append("import cycle:\n  " + "\n  ".join(steps) + more)
    return problems


def _strongly_connected(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; only components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(graph.get(start, ())))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph.get(child, ()))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def _loop_through(component: list[str], edges: Mapping[str, Mapping[str, Import]]) -> list[str]:
    """One shortest loop inside ``component`` through its first module (breadth first)."""
    members = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(edges.get(node, {})):
            if child == start:
                return paths[node]
            if child in members and child not in paths:
                paths[child] = [*paths[node], child]
                queue.append(child)
    return component  # unreachable for a strongly connected component


# -- the contract on cardlint itself -----------------------------------------------------------


def test_every_module_is_on_a_floor() -> None:
    assert unassigned(SOURCE) == []


def test_no_import_points_up_a_floor() -> None:
    problems = upward(SOURCE)
    assert not problems, "imports up the floors:\n" + "\n".join(problems)


def test_no_modules_import_each_other() -> None:
    problems = cycles(SOURCE)
    assert not problems, "\n".join(problems)


def test_the_checker_sees_the_package() -> None:
    # A guard against a checker that passes because it reads nothing.
    found = list(imports(SOURCE))
    assert len(module_files(SOURCE)) > 50 and len(found) > 200
    assert any(i.source == "cardlint.check.engine" and not i.type_checking for i in found)
    assert any(i.type_checking for i in found)
    assert any(i.target == "cardlint.rules.p015_time_limit" for i in found)  # the registry


# -- the checker catches what it is for ---------------------------------------------------------


def _scratch(tmp_path: Path, files: Mapping[str, str]) -> Path:
    for name, text in {"__init__.py": "", **files}.items():
        path = tmp_path / PACKAGE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


SCRATCH_FLOORS = {
    "core/__init__.py": "",
    "core/span.py": "X = 1\n",
    "loading/__init__.py": "",
    "cli/__init__.py": "",
    "cli/main.py": "from cardlint.core.span import X\n",
}


@pytest.mark.parametrize(
    "text",
    [
        "from cardlint.cli.main import run\n",
        "import cardlint.cli.main\n",
        "from cardlint import cli\n",
        "from ..cli import main\n",
        "def f():\n    if True:\n        from cardlint.cli import main\n",
        "import typing\nif typing.TYPE_CHECKING:\n    from cardlint.cli.main import X\n",
    ],
)
def test_a_planted_upward_import_is_caught(tmp_path: Path, text: str) -> None:
    root = _scratch(tmp_path, {**SCRATCH_FLOORS, "core/text.py": "import os\n\n" + text})
    problems = upward(root)
    assert len(problems) == 1, problems
    line = text.count("\n", 0, text.index("cli")) + 3
    assert problems[0].startswith(f"cardlint/core/text.py:{line}: cardlint.core.text (floor core)")
    assert "(floor cli, higher)" in problems[0]


def test_importing_the_facade_from_a_floor_is_caught(tmp_path: Path) -> None:
    root = _scratch(tmp_path, {**SCRATCH_FLOORS, "core/text.py": "from cardlint import X\n"})
    assert [p.split(": ")[0] for p in upward(root)] == ["cardlint/core/text.py:1"]
    assert "the façade" in upward(root)[0]


def test_downward_and_same_floor_imports_pass(tmp_path: Path) -> None:
    files = {**SCRATCH_FLOORS, "core/text.py": "from cardlint.core import span\n"}
    files["__init__.py"] = "from cardlint.cli.main import X\n"  # the façade may
    assert upward(_scratch(tmp_path, files)) == []


def test_a_planted_cycle_is_caught_even_inside_a_function(tmp_path: Path) -> None:
    files = {
        **SCRATCH_FLOORS,
        "core/a.py": "from cardlint.core import b\n",
        "core/b.py": "def f():\n    from cardlint.core.a import g\n",
    }
    problems = cycles(_scratch(tmp_path, files))
    assert len(problems) == 1
    assert (
        "cardlint/core/a.py:1: cardlint.core.a (floor core) imports cardlint.core.b"
        in (problems[0])
    )
    assert (
        "cardlint/core/b.py:2: cardlint.core.b (floor core) imports cardlint.core.a"
        in (problems[0])
    )


def test_a_rule_importing_the_registry_is_a_cycle(tmp_path: Path) -> None:
    files = {
        **SCRATCH_FLOORS,
        "rules/__init__.py": 'RULE_MODULES = (\n    "a001_x",\n)\n',
        "rules/a001_x.py": "def check():\n    from cardlint.rules import RULE_MODULES\n",
    }
    [problem] = cycles(_scratch(tmp_path, files))
    assert "cardlint/rules/__init__.py:2: cardlint.rules (floor rules) imports" in problem


def test_a_type_checking_cycle_is_allowed(tmp_path: Path) -> None:
    files = {
        **SCRATCH_FLOORS,
        "core/a.py": "from cardlint.core import b\n",
        "core/b.py": "import typing\nif typing.TYPE_CHECKING:\n    from cardlint.core.a import A\n",
    }
    assert cycles(_scratch(tmp_path, files)) == []


def test_a_module_on_no_floor_is_caught(tmp_path: Path) -> None:
    root = _scratch(tmp_path, {**SCRATCH_FLOORS, "attic/__init__.py": "", "loose.py": ""})
    assert [p.split(":")[0] for p in unassigned(root)] == [
        "cardlint/attic/__init__.py",
        "cardlint/loose.py",
    ]
