"""The exercise checker behind every notebook's ``ex.q1.check(...)``.

A :class:`Question` knows how to check an answer (a value, or a function it calls on hidden
cases), gives graded hints and shows the solution. ``check`` prints one clear verdict:

* ``✔ q1: correct!`` and a sentence on why it matters;
* ``✘ q1: not yet. expected shape (3, 4), got (4, 3) (it looks transposed)``;
* ``○ q1: not attempted yet ...`` for an untouched placeholder (``None``, or a function whose
  body still raises ``NotImplementedError``). This output is the same on every run, so the
  notebooks' stored outputs stay stable.

Help comes in three steps: ``hint()`` is a nudge in words (what to look at, which idea
applies), ``hint(2)`` a closer nudge, ``solution()`` the full answer. ``help()`` gives the same
three steps as buttons (what the notebooks use: nothing shows until the learner asks). Hints never
contain the answer's code or formula (``tests/test_exercises_rules.py`` enforces it).

Writing a question whose answer is a function::

    def reference_sigmoid(z):               # the answer; solution() prints its own source
        return 1 / (1 + np.exp(-z))

    def _check(answer):                     # return None if right, else what is wrong
        return compare(answer(np.array([0.0])), np.array([0.5]), "sigmoid(0)")

    q1 = Question("q1", check=_check,
                  hints=("A nudge in words.", "A closer nudge, still no code."),
                  reference=reference_sigmoid, answer_name="sigmoid",
                  success="Why it matters, in one sentence.")

A question whose answer is a value gives ``solution_code``: code that assigns ``answer_name``
(default ``"answer"``); the tests execute it and feed that value to the checker.

Every check of a real attempt is recorded in the learner's progress file
(:mod:`nn_course.exercises._progress`), under the notebook the question belongs to.
"""

from __future__ import annotations

import inspect
import re
import sys
import textwrap
from typing import Callable

import numpy as np

from . import _progress, _registry

__all__ = ["Question", "compare", "NOT_ATTEMPTED", "notebook_of"]

NOT_ATTEMPTED = "not attempted yet"


def _fmt_shape(shape) -> str:
    return str(tuple(shape))


def compare(got, expected, what: str = "your answer", rtol: float = 1e-6,
            atol: float = 1e-8) -> str | None:
    """Compare a learner's array (or number) with the expected one.

    Returns ``None`` when they match, else a message that says *what* is wrong: ``None``
    returned, wrong shape (and whether it looks transposed), NaN/inf, wrong sign, or the
    largest difference and where it is.

    >>> compare(np.ones((4, 3)), np.ones((3, 4)), "W")  # doctest: +NORMALIZE_WHITESPACE
    'W: expected shape (3, 4), got (4, 3) (it looks transposed: check the order in the
    matrix product)'
    >>> compare([1.0, -2.0], [-1.0, 2.0], "z")
    'z: has the wrong sign (every value is the negative of the expected one)'
    >>> compare(0.5, 0.5) is None
    True
    """
    if got is None:
        return f"{what} is None: did you forget a `return`?"
    expected = np.asarray(expected, dtype=np.float64)
    try:
        got = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return f"{what} should be a number or a NumPy array; got {type(got).__name__}"
    if got.shape != expected.shape:
        if got.size == expected.size and got.shape == expected.shape[::-1] and got.ndim == 2:
            return (f"{what}: expected shape {_fmt_shape(expected.shape)}, "
                    f"got {_fmt_shape(got.shape)} "
                    "(it looks transposed: check the order in the matrix product)")
        if got.size == expected.size and got.squeeze().shape == expected.squeeze().shape:
            return (f"{what}: expected shape {_fmt_shape(expected.shape)}, "
                    f"got {_fmt_shape(got.shape)} "
                    "(same numbers, wrong shape: check keepdims or reshape)")
        return f"{what}: expected shape {_fmt_shape(expected.shape)}, got {_fmt_shape(got.shape)}"
    bad = ~np.isfinite(got) & np.isfinite(expected)
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        where = f" at index {idx}" if idx else ""
        return (f"{what} contains nan or inf{where} where a finite number was expected: "
                "use a numerically stable formula (for example avoid exp of a large number)")
    if np.allclose(got, expected, rtol=rtol, atol=atol):
        return None
    if np.allclose(got, -expected, rtol=rtol, atol=atol):
        return f"{what}: has the wrong sign (every value is the negative of the expected one)"
    diff = np.abs(got - expected)
    idx = np.unravel_index(np.argmax(diff), diff.shape) if diff.ndim else ()
    where = f" at index {tuple(int(i) for i in idx)}" if idx else ""
    return (f"{what}: values differ{where}: expected {expected[idx]:.6g}, got {got[idx]:.6g}")


def notebook_of(module_name: str) -> str:
    """The notebook id of an exercise module: ``"nn_course.exercises.nb06"`` -> ``"06"``.

    A sibling module that holds part of a notebook's items (``_nb09_quiz``) records under
    the same notebook. Any other module keeps its own last name (``"test_x"``), so questions built
    in tests or scripts are recorded apart from the course's.

    >>> notebook_of("nn_course.exercises.nb06")
    '06'
    >>> notebook_of("nn_course.exercises._nb09_quiz")
    '09'
    >>> notebook_of("__main__")
    '__main__'
    """
    last = module_name.rsplit(".", 1)[-1]
    match = re.fullmatch(r"_?nb(\d\d)(?:_\w+)?", last)
    return match.group(1) if match else last


def _caller_notebook(depth: int = 2) -> str:
    """The notebook id of the module that called the constructor calling this."""
    return notebook_of(sys._getframe(depth).f_globals.get("__name__", "__main__"))


def _reference_source(reference: Callable, answer_name: str) -> str:
    """The reference's own source, dedented, its ``def`` renamed to ``answer_name``."""
    source = textwrap.dedent(inspect.getsource(reference))
    pattern = rf"^def {re.escape(reference.__name__)}\("
    renamed, count = re.subn(pattern, f"def {answer_name}(", source, count=1, flags=re.M)
    if count != 1:
        raise ValueError(f"cannot find 'def {reference.__name__}(' in the reference's source")
    return renamed.rstrip() + "\n"


def _default_answer_name(reference: Callable | None) -> str:
    if reference is None:
        return "answer"
    return re.sub(r"^_?reference_", "", reference.__name__)


@_registry.register
class Question:
    """One coding exercise.

    Parameters
    ----------
    name : str
        ``"q1"``, ``"q2"``, ...
    check : callable
        ``check(answer) -> None`` when the answer is right, else a string saying what is wrong
        (name the exact slip: expected against got). It may call the learner's function; a
        ``NotImplementedError`` from it means "not attempted yet", any other exception is
        reported as a bug in the learner's code.
    hints : tuple of str
        ``(nudge, closer nudge)``: words, never the answer's code or formula.
        ``hint()`` shows the first, ``hint(2)`` the second.
    reference : callable, optional
        The answer, as a function. :meth:`use` falls back on it, and :meth:`solution` prints
        its own source renamed to ``answer_name``, so solution and reference cannot drift.
    answer_name : str, optional
        The name the learner gives the function (or variable). Default: the reference's name
        without ``reference_``, or ``"answer"``.
    solution_code : str, optional
        For an answer that is a value: code assigning ``answer_name``. The tests run it in
        ``{"np": numpy, **namespace}`` and check the value.
    success : str
        A sentence printed after "correct!" (why it matters).
    namespace : dict, optional
        Extra names the solution code needs besides ``np`` (for example a dataset).
    notebook : str, optional
        Where progress is recorded; by default derived from the defining module (``nb06`` ->
        ``"06"``).
    hint, solution : str, optional
        The older form (one hint, a solution text); still accepted, ``hints=`` is preferred.

    Examples
    --------
    >>> q = Question("q9", check=lambda a: compare(a, 17, "the count"),
    ...              hints=("Count the arrows.", "Add one per neuron."),
    ...              solution_code="answer = 12 + 5", notebook="doc")
    >>> q.verdict(17)
    ('correct', 'correct!')
    >>> q.solution()
    q9 solution:
    answer = 12 + 5
    """

    def __init__(self, name: str, check: Callable, hints: tuple | list | None = None,
                 reference: Callable | None = None, answer_name: str | None = None,
                 solution_code: str | None = None, success: str = "",
                 namespace: dict | None = None, notebook: str | None = None, *,
                 hint: str | None = None, solution: str | None = None):
        if hints is None and hint is None:
            raise TypeError(f"Question {name!r} needs hints=(nudge, closer nudge)")
        if isinstance(hints, str):
            raise TypeError(f"Question {name!r}: hints must be a tuple of strings, got one str")
        self.name = name
        self._check = check
        self.legacy = hints is None
        self.hints = tuple(hints) if hints is not None else (hint,)
        self.reference = reference
        self.answer_name = answer_name or _default_answer_name(reference)
        self.solution_code = solution_code
        self._solution_text = solution
        self._success = success
        self.namespace = dict(namespace or {})
        self.notebook = notebook or _caller_notebook()

    # ------------------------------------------------------------------ checking
    def verdict(self, answer) -> tuple[str, str]:
        """``(status, message)``; status is ``"correct"``, ``"wrong"`` or ``"not attempted"``."""
        if answer is None or answer is Ellipsis:
            return "not attempted", NOT_ATTEMPTED
        try:
            problem = self._check(answer)
        except NotImplementedError:
            return "not attempted", NOT_ATTEMPTED
        except Exception as exc:  # the learner's code failed: say how, without a traceback
            return "wrong", f"your code raised {type(exc).__name__}: {exc}"
        if problem is None:
            return "correct", "correct!"
        return "wrong", problem

    def check(self, answer) -> None:
        """Print whether ``answer`` is right, or what is wrong with it (and record it)."""
        status, message = self.verdict(answer)
        if status == "correct":
            print(f"✔ {self.name}: correct! {self._success}".rstrip())
        elif status == "not attempted":
            print(f"○ {self.name}: not attempted yet. Replace the placeholder with your answer "
                  f"and run the cell again (stuck? ex.{self.name}.hint()).")
        else:
            print(f"✘ {self.name}: not yet. {message}")
        if status != "not attempted":
            _progress.record(self.notebook, self.name, correct=status == "correct")

    def use(self, func: Callable) -> Callable:
        """Return ``func`` if it passes, else the reference implementation (and say so).

        Lets a notebook go on running with the learner's own pieces once they work.
        """
        if self.reference is None:
            raise ValueError(f"{self.name} has no reference implementation to fall back on.")
        status, _ = self.verdict(func)
        if status == "correct":
            print(f"Using your {getattr(func, '__name__', 'function')} ({self.name} passed).")
            return func
        print(f"Using the reference {getattr(self.reference, '__name__', 'function')} until your "
              f"{self.name} passes.")
        return self.reference

    # ------------------------------------------------------------------ help
    def hint(self, level: int = 1) -> None:
        """Print hint ``level`` (1: a nudge in words, 2: a closer one)."""
        if isinstance(level, bool) or not isinstance(level, int) or level < 1:
            raise ValueError(f"hint level must be 1 or 2; got {level!r}")
        n = len(self.hints)
        if level > n:
            print(f"→ {self.name}: there is no hint {level}; the last one is "
                  f"ex.{self.name}.hint({n}), the answer is ex.{self.name}.solution().")
            return
        if self.legacy:  # the older single hint, printed as it always was
            print(f"→ {self.name} hint: {self.hints[0]}")
            return
        more = (f" (closer: ex.{self.name}.hint({level + 1}))" if level < n
                else f" (the answer: ex.{self.name}.solution())")
        print(f"→ {self.name} hint {level} of {n}: {self.hints[level - 1]}{more}")

    def help(self):
        """Three buttons, *Hint*, *Closer hint* and *Show solution*: nothing shows until one is
        clicked, and the solution asks for a second click first.

        The widget form of :meth:`hint` and :meth:`solution`, so a notebook can be run from top
        to bottom without printing any answer. Each click is counted in the progress file
        (``"hints"``); it never marks the question done.
        """
        from ._ui import help_widget

        return help_widget(self)

    def solution_text(self) -> str:
        """The full answer as code: the reference's own source, or ``solution_code``."""
        if self.solution_code is not None:
            return textwrap.dedent(self.solution_code).strip("\n") + "\n"
        if self._solution_text is not None:
            return self._solution_text.rstrip("\n") + "\n"
        if self.reference is not None:
            return _reference_source(self.reference, self.answer_name)
        raise ValueError(f"{self.name} has neither a reference nor solution_code")

    def solution(self) -> None:
        """Print the solution."""
        print(f"{self.name} solution:\n{self.solution_text()}", end="")

    def solution_answer(self):
        """Execute the solution and return the learner-style answer it defines (for tests)."""
        namespace = {"np": np, **self.namespace}
        exec(compile(self.solution_text(), f"<{self.name} solution>", "exec"), namespace)
        if self.answer_name not in namespace:
            raise ValueError(f"{self.name}: the solution does not define {self.answer_name!r}")
        return namespace[self.answer_name]

    def __repr__(self) -> str:
        return f"Question({self.name!r})"
