"""The exercise checker behind every notebook's ``ex.q1.check(...)``.

A :class:`Question` knows how to check an answer (a value, or a function it calls on hidden
cases), gives a hint and shows the solution. ``check`` prints one clear verdict:

* ``✔ q1: correct!`` and a sentence on why it matters;
* ``✘ q1: not yet. expected shape (3, 4), got (4, 3) (it looks transposed)``;
* ``○ q1: not attempted yet ...`` for an untouched placeholder (``None``, or a function whose
  body still raises ``NotImplementedError``). This output is the same on every run, so the
  notebooks' stored outputs stay stable.

Writing a question::

    def _check(answer):                     # return None if right, else what is wrong
        return compare(answer(np.array([0.0])), np.array([0.5]), "sigmoid(0)")

    q1 = Question("q1", check=_check, hint="...", solution="def sigmoid(z): ...",
                  reference=reference_sigmoid)
"""

from __future__ import annotations

from typing import Callable

import numpy as np

__all__ = ["Question", "compare", "NOT_ATTEMPTED"]

NOT_ATTEMPTED = "not attempted yet"


class _NotAttempted(Exception):
    pass


def _fmt_shape(shape) -> str:
    return str(tuple(shape))


def compare(got, expected, what: str = "your answer", rtol: float = 1e-6, atol: float = 1e-8) -> str | None:
    """Compare a learner's array (or number) with the expected one.

    Returns ``None`` when they match, else a message that says *what* is wrong: ``None``
    returned, wrong shape (and whether it looks transposed), NaN/inf, wrong sign, or the
    largest difference and where it is.

    >>> compare(np.ones((4, 3)), np.ones((3, 4)), "W")
    'W: expected shape (3, 4), got (4, 3) (it looks transposed: check the order in the matrix product)'
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
            return (f"{what}: expected shape {_fmt_shape(expected.shape)}, got {_fmt_shape(got.shape)} "
                    "(it looks transposed: check the order in the matrix product)")
        if got.size == expected.size and got.squeeze().shape == expected.squeeze().shape:
            return (f"{what}: expected shape {_fmt_shape(expected.shape)}, got {_fmt_shape(got.shape)} "
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


class Question:
    """One exercise.

    Parameters
    ----------
    name : str
        ``"q1"``, ``"q2"``, ...
    check : callable
        ``check(answer) -> None`` when the answer is right, else a string saying what is wrong.
        It may call the learner's function; a ``NotImplementedError`` from it means "not
        attempted yet", any other exception is reported as a bug in the learner's code.
    hint, solution : str
        Shown by :meth:`hint` and :meth:`solution`.
    success : str
        A sentence printed after "correct!" (why it matters).
    reference : callable, optional
        The reference implementation, used by :meth:`use` until the learner's one passes.
    """

    def __init__(self, name: str, check: Callable, hint: str, solution: str, success: str = "",
                 reference: Callable | None = None):
        self.name = name
        self._check = check
        self._hint = hint
        self._solution = solution
        self._success = success
        self.reference = reference

    def verdict(self, answer) -> tuple[str, str]:
        """Return ``(status, message)`` with status ``"correct"``, ``"wrong"`` or ``"not attempted"``."""
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
        """Print whether ``answer`` is right, or what is wrong with it."""
        status, message = self.verdict(answer)
        if status == "correct":
            print(f"✔ {self.name}: correct! {self._success}".rstrip())
        elif status == "not attempted":
            print(f"○ {self.name}: not attempted yet. Replace the placeholder with your answer and "
                  f"run the cell again (stuck? ex.{self.name}.hint()).")
        else:
            print(f"✘ {self.name}: not yet. {message}")

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

    def hint(self) -> None:
        """Print a hint."""
        print(f"→ {self.name} hint: {self._hint}")

    def solution(self) -> None:
        """Print the solution."""
        print(f"{self.name} solution:\n{self._solution}")

    def __repr__(self) -> str:
        return f"Question({self.name!r})"
