"""The closing quiz of a notebook: 3 to 5 questions, multiple choice or numeric.

Every wrong option explains why it is wrong (the constructor refuses an option without its
explanation), so a wrong answer teaches something::

    quiz = Quiz("quiz", [
        Choice("Which activation outputs values between 0 and 1?",
               {"a": "tanh", "b": "sigmoid", "c": "ReLU"}, answer="b",
               why={"a": "tanh outputs values between -1 and 1.",
                    "b": "sigmoid squashes every number into (0, 1).",
                    "c": "ReLU is unbounded above."}),
        Numeric("How many weights (no biases) does a 2-3-1 network have?", answer=9,
                why="2*3 between input and hidden layer, 3*1 into the output."),
    ])

Code form: ``ex.quiz.answer(1, "b")`` (1-based), ``ex.quiz.score()``. Widget form:
``ex.quiz.widget()``. Answers are recorded in the progress file.

>>> import os, tempfile
>>> saved = os.environ.get("NN_COURSE_PROGRESS")
>>> os.environ["NN_COURSE_PROGRESS"] = os.path.join(tempfile.mkdtemp(), "p.json")
>>> q = Quiz("quiz", [Numeric("2 + 2?", answer=4, why="Count.")], notebook="doc")
>>> q.answer(1, 5)
✘ 1: not quite; you answered 5. Count.
>>> q.answer(1, 4)
✔ 1: right: 4. Count.
>>> os.environ["NN_COURSE_PROGRESS"] = saved or ""
"""

from __future__ import annotations

from ..style import fmt
from . import _progress, _registry
from ._core import _caller_notebook

__all__ = ["Quiz", "Choice", "Numeric"]


class Choice:
    """A multiple-choice quiz question.

    Parameters
    ----------
    question : str
    options : dict
        Key -> option text (2 or more).
    answer : str
        The key of the right option.
    why : dict
        Key -> explanation. Every wrong option must have one; the right one may.
    """

    def __init__(self, question: str, options: dict, answer: str, why: dict):
        options = {str(k): str(v) for k, v in options.items()}
        if len(options) < 2:
            raise ValueError(f"Choice needs at least 2 options; got {len(options)}")
        if answer not in options:
            raise ValueError(f"Choice answer must be one of {sorted(options)}; got {answer!r}")
        why = {str(k): str(v) for k, v in (why or {}).items()}
        missing = [key for key in options if key != answer and not why.get(key, "").strip()]
        if missing:
            raise ValueError(f"every wrong option needs its explanation in why=; missing for "
                             f"{missing} in {question!r}")
        unknown = sorted(set(why) - set(options))
        if unknown:
            raise ValueError(f"why= names options that do not exist: {unknown}")
        self.question, self.options, self.right, self.why = question, options, answer, why

    def parse(self, value) -> str:
        key = str(value).strip() if value is not None else ""
        key = key if key in self.options else key.lower()
        if key not in self.options:
            raise ValueError(f"pick one of {', '.join(self.options)}; got {value!r}")
        return key

    def is_right(self, value) -> bool:
        return value == self.right

    def describe(self, value) -> str:
        return f"{value}) {self.options[value]}"

    def explain(self, value) -> str:
        return self.why.get(value, "")


class Numeric:
    """A quiz question whose answer is a number (right within ``tolerance``).

    ``why`` explains how to get the number; it is shown after every answer.
    """

    def __init__(self, question: str, answer: float, tolerance: float = 0.0, why: str = ""):
        if not str(why).strip():
            raise ValueError(f"Numeric needs why= (how to get the number) for {question!r}")
        if tolerance < 0:
            raise ValueError(f"tolerance must be >= 0; got {tolerance}")
        self.question, self.right, self.tolerance, self.why = (
            question, float(answer), float(tolerance), str(why))

    def parse(self, value) -> float:
        try:
            number = float(str(value).strip()) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            raise ValueError(f"type a number; got {value!r}") from None
        if number != number:
            raise ValueError("type a number, not nan")
        return number

    def is_right(self, value) -> bool:
        return abs(value - self.right) <= self.tolerance + 1e-12

    def describe(self, value) -> str:
        return fmt(value, 6)

    def explain(self, value) -> str:
        return self.why


@_registry.register
class Quiz:
    """A notebook's closing quiz: a list of :class:`Choice` and :class:`Numeric` questions."""

    def __init__(self, name: str, items: list, notebook: str | None = None):
        items = list(items)
        if not items:
            raise ValueError(f"Quiz {name!r} needs at least one question")
        bad = [type(item).__name__ for item in items if not isinstance(item, (Choice, Numeric))]
        if bad:
            raise TypeError(f"Quiz items must be Choice or Numeric; got {bad}")
        self.name = name
        self.items = items
        self.notebook = notebook or _caller_notebook()
        self.answers: dict[int, tuple] = {}  # number -> (value, right?)

    def _item(self, number):
        valid = isinstance(number, int) and not isinstance(number, bool)
        if not valid or not 1 <= number <= len(self.items):
            raise ValueError(f"question number must be 1..{len(self.items)}; got {number!r}")
        return self.items[number - 1]

    def mark(self, number: int, value) -> tuple[bool | None, str]:
        """Check one answer and record it: ``(right?, message)``; ``None`` when unreadable."""
        item = self._item(number)
        try:
            value = item.parse(value)
        except ValueError as error:
            return None, f"✘ {number}: {error}"
        right = item.is_right(value)
        self.answers[number] = (value, right)
        all_right = (len(self.answers) == len(self.items)
                     and all(r for _, r in self.answers.values()))
        _progress.record(self.notebook, self.name, correct=all_right,
                         answers={str(number): {"answer": value, "correct": right}})
        said = item.describe(value)
        head = (f"✔ {number}: right: {said}." if right
                else f"✘ {number}: not quite; you answered {said}.")
        return right, " ".join(part for part in (head, item.explain(value)) if part)

    def answer(self, number: int, value) -> None:
        """Answer question ``number`` (1-based) and print the verdict with its explanation."""
        print(self.mark(number, value)[1])

    def score_text(self) -> str:
        right = sum(r for _, r in self.answers.values())
        missing = len(self.items) - len(self.answers)
        text = f"{self.name}: {right} of {len(self.items)} right"
        return text + (f" ({missing} not answered yet)" if missing else "")

    def score(self) -> int:
        """Print and return how many questions are answered right."""
        print(self.score_text())
        return sum(r for _, r in self.answers.values())

    def widget(self):
        """Every question with its choices or number box, a Check button and a verdict."""
        from ._ui import quiz_widget

        return quiz_widget(self)

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return f"Quiz({self.name!r}, {len(self.items)} questions)"
