"""The package's shape, checked from its source: a newcomer can read it in an afternoon.

These tests read ``nn_course/**/*.py`` with :mod:`ast` (nothing is imported), and check:

* the import graph has no cycle (imports inside functions count too), with one documented
  upward import: ``Network.fit`` calls ``training.fit``;
* the core (everything outside ``nn_course/widgets/`` and ``nn_course/exercises/``) never
  imports ipywidgets or a widget module, directly or through other modules, and an exercise
  module reaches ipywidgets only through ``nn_course.exercises._ui``, imported inside the
  function that builds a widget form (so ``import nn_course.exercises.nbXX`` stays widget-free);
* modules stay under about 400 lines and functions under 80 (docstrings not counted);
* colour codes (``#RRGGBB`` or ``#RGB``) are written only in ``nn_course/style.py``.

Each exception below is listed with its reason.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "nn_course"

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80

#: The one import that goes "upwards" (from the network to the training loop that uses it):
#: ``Network.fit`` is a documented convenience that calls ``training.fit``.
#: (importer module, function that imports, imported module)
ALLOWED_UPWARD = {("nn_course.network", "Network.fit", "nn_course.training")}

#: Imports that close a cycle today, with the reason: (importer, function, imported module).
KNOWN_CYCLE_EDGES: dict = {}


#: Modules allowed over MAX_MODULE_LINES lines, with the reason.
LONG_MODULES = {
    "nn_course.widgets.playground": "the playground widget: one large interactive view whose "
    "controls, layout and callbacks belong together (its model lives in playground_model)",
}

#: Functions allowed over MAX_FUNCTION_LINES lines (body without docstring), with the reason.
LONG_FUNCTIONS: dict[str, str] = {}

#: Files (relative to nn_course/) that may write colour codes, with the reason.
COLOUR_FILES = {
    "style.py": "the one place the course's colours are defined",
}

#: Exercise modules that import widget code at module level, with the reason.
EXERCISES_IMPORTING_WIDGETS: dict[str, str] = {}


# ----------------------------------------------------------------------------- reading the source
def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _resolve(importer: str, node: ast.ImportFrom) -> str:
    """The absolute name of ``from <dots><module> import ...`` inside ``importer``."""
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    if not _is_package(importer):
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _targets(importer: str, node) -> list[str]:
    """The modules an import statement names (a submodule when ``from pkg import submodule``)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    source = _resolve(importer, node)
    found = []
    for alias in node.names:
        sub = f"{source}.{alias.name}"
        found.append(sub if sub in MODULES else source)
    return found


def _is_type_checking(test) -> bool:
    """``if TYPE_CHECKING:`` blocks hold imports for annotations only: they never run."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str):
    """Yield ``(target, scope, at_top)`` for every import in module ``name``.

    ``scope`` is the dotted name of the enclosing function (e.g. ``"Network.fit"``), or ``""``;
    ``at_top`` is True for imports that run when the module is imported (outside functions).
    """

    def visit(node, scope, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for target in _targets(name, child):
                    yield target, scope, not in_function
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                yield from visit(ast.Module(body=child.orelse, type_ignores=[]), scope, in_function)
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inner = f"{scope}.{child.name}" if scope else child.name
                yield from visit(child, inner, True)
            elif isinstance(child, ast.ClassDef):
                inner = f"{scope}.{child.name}" if scope else child.name
                yield from visit(child, inner, in_function)
            else:
                yield from visit(child, scope, in_function)

    yield from visit(TREES[name], "", False)


@functools.cache
def _graph(top_only: bool = False, skip: frozenset = frozenset()) -> dict[str, set[str]]:
    """Edges between the package's own modules, plus edges to outside top-level packages.

    ``skip``: edges ``(importer, function, imported)`` to leave out.
    """
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name in MODULES:
        for target, scope, at_top in _imports(name):
            if (top_only and not at_top) or (name, scope, target) in skip:
                continue
            if target in MODULES:
                graph[name].add(target)
            elif not target.startswith("nn_course"):
                graph[name].add(target.split(".")[0])
    return graph


def _reachable(graph, start: str) -> dict[str, str]:
    """Modules reachable from ``start``, each with the module that first led to it.

    Importing a module runs its parent packages' ``__init__`` too, so those count as reached.
    """
    came_from = {start: ""}
    todo = [start]
    while todo:
        current = todo.pop()
        nxt = set(graph.get(current, ()))
        parts = current.split(".")
        nxt |= {".".join(parts[:i]) for i in range(1, len(parts)) if ".".join(parts[:i]) in MODULES}
        for target in sorted(nxt):
            if target not in came_from:
                came_from[target] = current
                todo.append(target)
    return came_from


def _chain(came_from, end: str) -> str:
    steps = [end]
    while came_from[steps[-1]]:
        steps.append(came_from[steps[-1]])
    return " -> ".join(reversed(steps))


def _is_core(name: str) -> bool:
    return not name.startswith(("nn_course.widgets", "nn_course.exercises"))


def _is_widget_code(name: str) -> bool:
    return name == "ipywidgets" or name.startswith("nn_course.widgets")


# ----------------------------------------------------------------------------- (a) no cycles
def _find_cycle(graph):
    """One import cycle as a list of modules, or None (depth-first search)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def dfs(node):
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in MODULES:
                continue
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (found := dfs(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := dfs(start)):
            return found
    return None


def test_the_source_is_found():
    assert {"nn_course.network", "nn_course.plotting", "nn_course.widgets._base"} <= set(MODULES)


def test_the_import_graph_has_no_cycle():
    cycle = _find_cycle(_graph(skip=frozenset(ALLOWED_UPWARD | set(KNOWN_CYCLE_EDGES))))
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_core_has_no_cycle_besides_network_fit():
    graph = _graph(skip=frozenset(ALLOWED_UPWARD))
    core = {name: {t for t in graph[name] if _is_core(t)} for name in MODULES if _is_core(name)}
    cycle = _find_cycle(core)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_import_exceptions_are_still_needed():
    # If Network.fit stops importing training, or a listed cycle edge goes, drop its exception.
    edges = {(name, scope, target) for name in MODULES for target, scope, _ in _imports(name)}
    assert ALLOWED_UPWARD <= edges
    assert set(KNOWN_CYCLE_EDGES) <= edges


def test_the_cycle_finder_finds_a_cycle():
    graph = {"nn_course.network": {"nn_course.training"}, "nn_course.training": set()}
    assert _find_cycle(graph) is None
    graph["nn_course.training"].add("nn_course.network")
    assert _find_cycle(graph) == ["nn_course.network", "nn_course.training", "nn_course.network"]


# ----------------------------------------------------------------------------- (b) widget-free core
@pytest.mark.parametrize("name", sorted(n for n in MODULES if _is_core(n)))
def test_core_modules_never_reach_widget_code(name):
    """Counting imports inside functions too: a core function must not need ipywidgets."""
    came_from = _reachable(_graph(skip=frozenset(ALLOWED_UPWARD)), name)
    bad = sorted(m for m in came_from if _is_widget_code(m))
    assert not bad, f"{name} reaches widget code: " + _chain(came_from, bad[0])


def test_the_reach_finder_counts_imports_inside_functions():
    TREES["_probe"] = ast.parse(
        "import numpy\nif TYPE_CHECKING:\n    import pandas\ndef draw():\n    import ipywidgets\n"
    )
    try:
        assert list(_imports("_probe")) == [("numpy", "", True), ("ipywidgets", "draw", False)]
    finally:
        del TREES["_probe"]
    graph = {"nn_course.linear": {"nn_course.features"}, "nn_course.features": {"ipywidgets"}}
    came_from = _reachable(graph, "nn_course.linear")
    assert _chain(came_from, "ipywidgets") == "nn_course.linear -> nn_course.features -> ipywidgets"


@pytest.mark.parametrize(
    "name",
    sorted(
        n for n in MODULES if n.startswith("nn_course.exercises") and n != "nn_course.exercises._ui"
    ),
)
def test_exercise_modules_import_widgets_only_when_building_a_widget(name):
    """``import nn_course.exercises.nbXX`` must not import ipywidgets; only ``_ui`` may, and
    the others import ``_ui`` inside the function that builds a widget form."""
    if name in EXERCISES_IMPORTING_WIDGETS:
        pytest.skip(EXERCISES_IMPORTING_WIDGETS[name])
    came_from = _reachable(_graph(top_only=True), name)
    bad = sorted(m for m in came_from if _is_widget_code(m) or m == "nn_course.exercises._ui")
    assert not bad, f"importing {name} imports widget code: " + _chain(came_from, bad[0])


def test_only_ui_imports_ipywidgets_among_exercises():
    direct = {
        name
        for name in MODULES
        if name.startswith("nn_course.exercises")
        for target, _, _ in _imports(name)
        if _is_widget_code(target)
    }
    assert direct <= {"nn_course.exercises._ui"} | set(EXERCISES_IMPORTING_WIDGETS)


# ----------------------------------------------------------------------------- (c) module size
@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_short(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    if name in LONG_MODULES:
        pytest.skip(f"{lines} lines: {LONG_MODULES[name]}")
    assert lines <= MAX_MODULE_LINES, (
        f"{name} has {lines} lines (> {MAX_MODULE_LINES}): split it along a seam"
    )


def test_long_module_exceptions_are_still_needed():
    short = [
        n
        for n in LONG_MODULES
        if n in MODULES
        and len(MODULES[n].read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES
    ]
    assert not short, f"now short enough, remove from LONG_MODULES: {short}"


# ----------------------------------------------------------------------------- (d) function size
def _function_lengths(name: str):
    """Yield ``(qualified name, lines)``; lines run from ``def`` to the end of the body, less
    the docstring's lines (decorators not counted)."""

    def visit(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                qual = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    lines = child.end_lineno - child.lineno + 1
                    first = child.body[0]
                    if (
                        isinstance(first, ast.Expr)
                        and isinstance(first.value, ast.Constant)
                        and isinstance(first.value.value, str)
                    ):
                        lines -= first.end_lineno - first.lineno + 1
                    yield qual, lines
                yield from visit(child, qual + ".")
            else:
                yield from visit(child, prefix)

    yield from visit(TREES[name], f"{name}:")


ALL_FUNCTIONS = dict(f for name in MODULES for f in _function_lengths(name))


@pytest.mark.parametrize("qualname", sorted(ALL_FUNCTIONS))
def test_functions_stay_short(qualname):
    if qualname in LONG_FUNCTIONS:
        pytest.skip(LONG_FUNCTIONS[qualname])
    lines = ALL_FUNCTIONS[qualname]
    assert lines <= MAX_FUNCTION_LINES, (
        f"{qualname} has {lines} lines without its docstring (> {MAX_FUNCTION_LINES})"
    )


def test_long_function_exceptions_still_exist():
    assert set(LONG_FUNCTIONS) <= set(ALL_FUNCTIONS)


def test_function_lengths_leave_out_the_docstring():
    src = 'def f():\n    """one\n\n    two\n    """\n    return 1\n'
    TREES["_probe"] = ast.parse(src)
    try:
        assert dict(_function_lengths("_probe")) == {"_probe:f": 2}
    finally:
        del TREES["_probe"]


# ----------------------------------------------------------------------------- (e) colours
#: ``#RRGGBB`` or ``#RGB``, not part of a word and not an HTML entity like ``&#123;``.
HEX_COLOUR = re.compile(r"(?<![&\w])#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![0-9a-fA-F\w])")


def test_the_colour_pattern_matches_colour_codes_only():
    assert HEX_COLOUR.findall("fill='#0072B2' stroke=\"#555\"") == ["#0072B2", "#555"]
    assert not HEX_COLOUR.findall("&#123; # noqa: E501 #1234 #abcdefg")


@pytest.mark.parametrize("name", sorted(MODULES))
def test_colour_codes_live_in_style(name):
    path = MODULES[name]
    rel = path.relative_to(PACKAGE).as_posix()
    if rel in COLOUR_FILES:
        pytest.skip(COLOUR_FILES[rel])
    found = [
        f"line {i}: {m}"
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for m in HEX_COLOUR.findall(line)
    ]
    assert not found, f"{rel} writes colour codes (name them in nn_course/style.py): {found}"


def test_colour_exceptions_are_still_needed():
    clean = [
        rel
        for rel in COLOUR_FILES
        if not HEX_COLOUR.search((PACKAGE / rel).read_text(encoding="utf-8"))
    ]
    assert not clean, f"no colour codes left, remove from COLOUR_FILES: {clean}"
