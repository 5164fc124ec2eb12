"""The rules every exercise and every notebook follows (see CONTRIBUTING.md).

For every question of every ``nn_course.exercises.nbXX`` module:

* its solution is real: the solution code, executed, passes the question's own checker;
* no hint (either level) contains a non-trivial code line of the solution;
* every Predict and the Quiz, answered right and wrong, give the right message (code form).

A module still in the older form (one ``hint=`` string, a hand-written solution) is an
expected failure until its questions use ``hints=``; from then on it is held to every rule.

For every notebook: the cells that call ``.hint(``, ``.solution(`` or ``.reveal(`` are saved
un-run (no outputs, no execution count), the cells that ran are numbered 1..n, and no saved
output (nor the widget state saved in the notebook's metadata) holds the text of a hint or a
line of a solution. In a notebook whose help is given by buttons, every Question has its
``ex.qN.help()`` cell, so the learner reaches the hints without typing.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import notebook_paths
from exercise_helpers import (Predict, Question, Quiz, exercise_modules, is_converted, items_of,
                              key_lines, short_name, squeeze)
from run_notebooks import reveals_answer

MODULES = exercise_modules()
QUESTIONS = [(m, name) for m in MODULES for name in items_of(m, Question)]
PREDICTS = [(m, name) for m in MODULES for name in items_of(m, Predict)]
QUIZZES = [(m, name) for m in MODULES for name in items_of(m, Quiz)]


def _id(pair) -> str:
    module, name = pair
    return f"{short_name(module)}.{name}"


def _require_converted(module, request) -> None:
    if not is_converted(module):
        request.applymarker(pytest.mark.xfail(
            reason=f"{short_name(module)} still uses the older single hint= form; it is held to "
                   "the rules once every Question uses hints=(nudge, closer nudge)", strict=False))


# ----------------------------------------------------------------------------- questions
@pytest.mark.parametrize("pair", QUESTIONS, ids=_id)
def test_solution_passes_its_own_checker(pair, request):
    module, name = pair
    _require_converted(module, request)
    question = getattr(module, name)
    answer = question.solution_answer()
    assert question.verdict(answer) == ("correct", "correct!"), (
        f"{_id(pair)}: its solution does not pass its checker:\n{question.solution_text()}")


@pytest.mark.parametrize("pair", QUESTIONS, ids=_id)
def test_hints_hold_no_line_of_the_solution(pair, request):
    module, name = pair
    _require_converted(module, request)
    question = getattr(module, name)
    assert len(question.hints) == 2, f"{_id(pair)}: give two hints (a nudge, a closer nudge)"
    lines = key_lines(question.solution_text())
    assert lines, f"{_id(pair)}: the solution has no code line to check against"
    leaks = [(level, line) for level, hint in enumerate(question.hints, start=1)
             for line in lines if line in squeeze(hint)]
    assert not leaks, f"{_id(pair)}: hints quote the solution: {leaks}"


@pytest.mark.parametrize("pair", QUESTIONS, ids=_id)
def test_hints_are_words(pair, request):
    module, name = pair
    _require_converted(module, request)
    for level, hint in enumerate(getattr(module, name).hints, start=1):
        assert len(hint.split()) >= 5, f"{_id(pair)} hint {level} is too short to nudge: {hint!r}"


@pytest.mark.parametrize("module", [m for m in MODULES if short_name(m) != "nb00"],
                         ids=short_name)
def test_a_converted_notebook_closes_with_a_quiz_of_3_to_5(module, request):
    _require_converted(module, request)
    quizzes = items_of(module, Quiz)
    assert "quiz" in quizzes, f"{short_name(module)} has no `quiz`"
    assert 3 <= len(quizzes["quiz"]) <= 5


# ----------------------------------------------------------------------------- Predict, Quiz
def _fresh(item):
    item.prediction = None
    if isinstance(item, Quiz):
        item.answers.clear()
    return item


@pytest.mark.parametrize("pair", PREDICTS, ids=_id)
def test_predict_right_and_wrong(pair, capsys):
    module, name = pair
    p = _fresh(getattr(module, name))
    p.reveal()
    assert capsys.readouterr().out.startswith(f"○ {name}: make your prediction first")
    if p.choices is not None:
        wrong = [key for key in p.choices if key != p.right]
        for key in wrong:
            p.answer(key)
            p.reveal()
            out = capsys.readouterr().out
            assert f"✘ {name}: you predicted {key})" in out and p.reveal_text in out
            assert p.why.get(key, "") in out
        p.answer(p.right)
    else:
        p.answer(p.number + p.tolerance + max(1.0, abs(p.number)))
        p.reveal()
        assert f"✘ {name}: you predicted" in capsys.readouterr().out
        p.answer(p.number)
    p.reveal()
    out = capsys.readouterr().out
    assert f"✔ {name}: you predicted" in out and p.reveal_text in out
    _fresh(p)


@pytest.mark.parametrize("pair", QUIZZES, ids=_id)
def test_quiz_right_and_wrong(pair, capsys):
    module, name = pair
    quiz = _fresh(getattr(module, name))
    for number, item in enumerate(quiz.items, start=1):
        wrong = ([k for k in item.options if k != item.right] if hasattr(item, "options")
                 else [item.right + item.tolerance + max(1.0, abs(item.right))])
        for value in wrong:
            quiz.answer(number, value)
            out = capsys.readouterr().out
            assert out.startswith(f"✘ {number}: not quite") and item.explain(value) in out
        quiz.answer(number, item.right)
        assert capsys.readouterr().out.startswith(f"✔ {number}: right")
    assert quiz.score() == len(quiz.items)
    _fresh(quiz)


# ----------------------------------------------------------------------------- notebooks
@pytest.mark.parametrize("pair", QUIZZES, ids=_id)
def test_a_quiz_does_not_put_every_right_answer_on_one_letter(pair):
    """Three or more multiple-choice questions whose answers are all "a" teach a pattern."""
    module, name = pair
    letters = [item.right for item in getattr(module, name).items if hasattr(item, "options")]
    if len(letters) < 3:
        pytest.skip(f"{len(letters)} multiple-choice questions: no pattern to avoid")
    assert len(set(letters)) > 1, f"every right answer is {letters[0]!r}: move some"


def _code_cells(path: Path) -> list[dict]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [c for c in cells if c["cell_type"] == "code"]


def _source(cell) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def _module_of(path: Path):
    return {short_name(m)[2:]: m for m in MODULES}.get(path.name[:2])


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_no_saved_output_reveals_an_answer(path: Path, request):
    module = _module_of(path)
    if module is not None:
        _require_converted(module, request)
    shown = [i for i, cell in enumerate(_code_cells(path), start=1)
             if reveals_answer(_source(cell))
             and (cell.get("outputs") or cell.get("execution_count") is not None)]
    assert not shown, (f"{path.name}: code cells {shown} call hint/solution/reveal and are saved "
                       f"run; re-execute with: python tests/run_notebooks.py notebooks/{path.name}")


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_run_cells_are_numbered_1_to_n(path: Path, request):
    module = _module_of(path)
    if module is not None:
        _require_converted(module, request)
    cells = [c for c in _code_cells(path) if _source(c).strip() and not reveals_answer(_source(c))]
    counts = [c.get("execution_count") for c in cells]
    assert counts == list(range(1, len(cells) + 1)), (
        f"{path.name}: execution counts {counts}; re-execute with: "
        f"python tests/run_notebooks.py notebooks/{path.name}")


def _widget_kind(cell) -> str | None:
    """``"exercise"`` for a Predict/Quiz/progress widget, ``"try"`` for any other widget."""
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "application/vnd.jupyter.widget-view+json" in data:
            text = data.get("text/plain", "")
            text = text if isinstance(text, str) else "".join(text)
            return "exercise" if text.startswith("ExerciseBox(") else "try"
    return None


def _require_converted_notebook(path: Path, request) -> None:
    module = _module_of(path)
    if module is None:
        request.applymarker(pytest.mark.xfail(
            reason=f"{path.name} has no exercise module nn_course/exercises/nb{path.name[:2]}.py "
                   "yet", strict=False))
    else:
        _require_converted(module, request)


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_every_try_it_widget_follows_a_prediction(path: Path, request):
    """Between two Try-it widgets (and before the first) there is a Predict widget."""
    _require_converted_notebook(path, request)
    unpredicted, predicted = [], False
    for index, cell in enumerate(_code_cells(path), start=1):
        if "ex.p" in _source(cell) and ".widget()" in _source(cell):
            predicted = True
        elif _widget_kind(cell) == "try":
            if not predicted:
                unpredicted.append(index)
            predicted = False
    assert not unpredicted, (f"{path.name}: the widgets of code cells {unpredicted} have no "
                             "Predict question (ex.pN.widget()) before them")


@pytest.mark.parametrize("path", [p for p in notebook_paths() if p.name[:2] != "00"],
                         ids=lambda p: p.name)
def test_the_notebook_ends_with_a_quiz(path: Path, request):
    """A "## Quiz" section with ex.quiz.widget(), after the exercises and before the summary."""
    _require_converted_notebook(path, request)
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    headings = [i for i, c in enumerate(cells)
                if c["cell_type"] == "markdown" and _source(c).lstrip().startswith("## Quiz")]
    assert headings, f"{path.name} has no '## Quiz' section"
    after = [_source(c) for c in cells[headings[-1]:] if c["cell_type"] == "code"]
    assert any("ex.quiz.widget()" in source for source in after), (
        f"{path.name}: the Quiz section has no `ex.quiz.widget()` cell")
    later = [_source(c) for c in cells[headings[-1] + 1:] if c["cell_type"] == "markdown"]
    sections = [s.lstrip() for s in later if s.lstrip().startswith("## ")]
    assert all(s.startswith(("## Summary", "## Next")) for s in sections), (
        f"{path.name}: the Quiz should close the notebook (only the summary after it)")


# ----------------------------------------------------------------------------- help buttons
def _uses_help_buttons(path: Path) -> bool:
    """A notebook converted to the help buttons: no cell calls ``.hint(`` or ``.solution(``."""
    return not any(re.search(r"\.(hint|solution)\(", _source(c)) for c in _code_cells(path))


@pytest.mark.parametrize("path", [p for p in notebook_paths() if _module_of(p) is not None],
                         ids=lambda p: p.name)
def test_every_question_has_a_help_cell(path: Path, request):
    """The hints are one click away: each Question ``qN`` has a cell ``ex.qN.help()``."""
    if not _uses_help_buttons(path):
        request.applymarker(pytest.mark.xfail(
            reason=f"{path.name} still gives help in cells that call hint()/solution()",
            strict=False))
    sources = {_source(c).strip() for c in _code_cells(path)}
    names = sorted(items_of(_module_of(path), Question))
    missing = [name for name in names if f"ex.{name}.help()" not in sources]
    assert not missing, f"{path.name}: no `ex.qN.help()` cell for {missing}"


def _strings(node):
    """Every string inside a JSON value (outputs, widget state), HTML entities decoded."""
    if isinstance(node, str):
        yield html.unescape(node)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        yield from _strings("".join(node) if all(isinstance(v, str) for v in node) else None)
        for value in node:
            if not isinstance(value, str):
                yield from _strings(value)


def _saved_text(path: Path) -> str:
    """All text the notebook stores besides its sources: outputs and saved widget state."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    outputs = [c.get("outputs", []) for c in notebook["cells"] if c["cell_type"] == "code"]
    widgets = notebook.get("metadata", {}).get("widgets", {})
    return squeeze("\n".join(_strings([outputs, widgets])))


def _answers_of(module) -> list[tuple[str, str]]:
    """``(what, squeezed text)`` of every hint and every solution of ``module``.

    A solution counts as a whole: its single lines often repeat the task's own data or a formula
    the text shows on purpose.
    """
    found = []
    for name, question in items_of(module, Question).items():
        found += [(f"{name} hint {level}", squeeze(hint))
                  for level, hint in enumerate(question.hints, start=1)]
        try:
            found.append((f"{name} solution", squeeze(question.solution_text())))
        except ValueError:  # a question with no solution text at all has nothing to leak
            pass
    return found


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_no_saved_output_holds_a_hint_or_solution(path: Path):
    """Not in a cell's outputs, and not in the widget state saved in the metadata."""
    module = _module_of(path)
    if module is None:
        pytest.skip(f"{path.name} has no exercise module")
    saved = _saved_text(path)
    leaks = [what for what, text in _answers_of(module) if text and text in saved]
    assert not leaks, (f"{path.name} shows answers in its saved outputs or widget state: {leaks}; "
                       f"re-execute with: python tests/run_notebooks.py notebooks/{path.name}")


def test_the_leak_test_sees_outputs_and_widget_state(tmp_path):
    """The check above finds a hint printed in an output and one saved in widget state."""
    module = MODULES[0]
    hint = next(h for q in items_of(module, Question).values() for h in q.hints)
    first = next(iter(items_of(module, Question)))
    assert (f"{first} hint 1", squeeze(hint)) in _answers_of(module)
    printed = {"cells": [{"cell_type": "code", "source": "", "outputs": [
        {"output_type": "stream", "name": "stdout", "text": ["→ ", hint[:30], hint[30:]]}]}]}
    state = {"cells": [], "metadata": {"widgets": {"state": {"m": {"state": {
        "value": "<div>" + html.escape(hint) + "</div>"}}}}}}
    for notebook in (printed, state):
        path = tmp_path / "nb.ipynb"
        path.write_text(json.dumps(notebook), encoding="utf-8")
        assert squeeze(hint) in _saved_text(path)
