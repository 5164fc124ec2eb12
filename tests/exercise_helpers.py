"""Shared helpers for the exercise tests (``test_exercises_*.py``).

* :func:`placeholder` - the learner's untouched function (raises ``NotImplementedError``);
* :func:`verdict` - ``(status, message)`` of an answer to a question;
* :func:`exercise_modules`, :func:`items_of` - every ``nn_course.exercises.nbXX`` module and
  its questions, predictions and quiz;
* :func:`is_converted` - whether a module uses the graded-hint form everywhere;
* :func:`key_lines` - the non-trivial code lines of a solution (what a hint must not contain);
* :func:`lock_prediction`, :func:`check_quiz_answer` - drive the widgets headless.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import textwrap

import nn_course.exercises as exercises
from nn_course.exercises import Predict, Question, Quiz


def placeholder(*args, **kwargs):
    raise NotImplementedError  # your code here


def verdict(question, answer):
    return question.verdict(answer)


def exercise_modules() -> list:
    """Every per-notebook exercise module (``nb02``, ...), in order."""
    names = sorted(info.name for info in pkgutil.iter_modules(exercises.__path__)
                   if re.fullmatch(r"nb\d\d", info.name))
    return [importlib.import_module(f"nn_course.exercises.{name}") for name in names]


def items_of(module, kind) -> dict:
    """``{name: item}`` of a module's public ``Question``, ``Predict`` or ``Quiz`` objects."""
    return {name: value for name, value in vars(module).items()
            if isinstance(value, kind) and not name.startswith("_")}


def is_converted(module) -> bool:
    """A module is converted when every one of its questions uses ``hints=``."""
    return not any(q.legacy for q in items_of(module, Question).values())


def short_name(module) -> str:
    return module.__name__.rsplit(".", 1)[-1]


_TRIVIAL = re.compile(
    r"(return\s+)?[A-Za-z_][\w.]*|[\w.]+\s*=\s*[A-Za-z_][\w.]*|pass|break|continue")


def key_lines(solution: str, min_chars: int = 5) -> list[str]:
    """The solution's non-trivial code lines, whitespace removed.

    Left out: blank lines, comments, docstrings, ``def`` lines, bare names (``return Z``,
    ``A = X``), and lines shorter than ``min_chars`` once whitespace is removed. A
    ``return x`` line also yields ``x`` alone, so a hint cannot quote the returned expression.

    >>> source = ('def f(X, W):\\n    \"\"\"Doc.\"\"\"\\n'
    ...           '    Z = X @ W  # sums\\n    return np.tanh(Z)')
    >>> key_lines(source)
    ['Z=X@W', 'returnnp.tanh(Z)', 'np.tanh(Z)']
    """
    source = textwrap.dedent(solution)
    skip = set()
    try:
        tree = ast.parse(source)
    except SyntaxError:
        tree = None
    if tree is not None:
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if (isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Module)) and body
                    and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                    and isinstance(body[0].value.value, str)):
                skip.update(range(body[0].lineno, body[0].end_lineno + 1))
    lines = []
    for number, line in enumerate(source.splitlines(), start=1):
        code = line.split("#", 1)[0].strip()
        if number in skip or not code or code.startswith(("def ", "class ", "@")):
            continue
        if _TRIVIAL.fullmatch(code):
            continue
        candidates = [code]
        if code.startswith("return "):
            candidates.append(code[len("return "):])
        lines += [squeeze(c) for c in candidates if len(squeeze(c)) >= min_chars]
    return lines


def squeeze(text: str) -> str:
    """Text with every whitespace character removed."""
    return "".join(text.split())


def lock_prediction(box, value) -> str:
    """Choose ``value`` in a Predict widget, lock it in, reveal; return the verdict HTML."""
    box.controls["choice"].value = value
    box.controls["lock"].click()
    box.controls["reveal"].click()
    return box.views["verdict"].value


def check_quiz_answer(box, number: int, value) -> str:
    """Answer question ``number`` of a Quiz widget and press Check; return its verdict HTML."""
    box.controls[f"choice{number}"].value = value
    box.controls[f"check{number}"].click()
    return box.views[f"verdict{number}"].value


__all__ = ["placeholder", "verdict", "exercise_modules", "items_of", "is_converted",
           "short_name", "key_lines", "squeeze", "lock_prediction", "check_quiz_answer",
           "Predict", "Question", "Quiz"]
