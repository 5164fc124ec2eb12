"""Predict first: the learner commits to a prediction before moving a Try-it widget.

Asking for a prediction before showing what happens makes the result stick: the learner
compares the outcome with what they expected, not with nothing. A :class:`Predict` is either
multiple choice or a number with a tolerance::

    p1 = Predict("p1", "You are about to double w1. What will the decision line do?",
                 choices={"a": "Slide parallel to itself", "b": "Turn", "c": "Stay put"},
                 answer="b", why={"a": "Sliding is what the bias does.", "c": "..."},
                 reveal="Doubling w1 changes the line's slope, so it turns.")
    p2 = Predict("p2", "How many parameters will the network have?", number=17, tolerance=0,
                 reveal="3*4 + 4 weights and biases, then 4*1 + 1.")

Code form: ``ex.p1.answer("b")`` locks the prediction in, ``ex.p1.reveal()`` says what happens
and why, against the prediction. Widget form: ``ex.p1.widget()``. Both are recorded in the
progress file.

>>> p = Predict("p9", "Sign of sigmoid(-3) - 0.5?", choices={"a": "positive", "b": "negative"},
...             answer="b", why={"a": "sigmoid is below 0.5 for negative inputs."},
...             reveal="sigmoid(-3) is about 0.047.", notebook="doc")
>>> p.reveal()
○ p9: make your prediction first (ex.p9.answer(...) or the widget), then reveal.
"""

from __future__ import annotations

from ..style import fmt
from . import _progress, _registry
from ._core import _caller_notebook

__all__ = ["Predict"]


@_registry.register
class Predict:
    """A prediction question asked before a Try-it widget.

    Parameters
    ----------
    name : str
        ``"p1"``, ``"p2"``, ...
    prompt : str
        The question (what is about to happen?).
    choices : dict, optional
        Option key -> text, for multiple choice. Give either ``choices`` and ``answer``, or
        ``number``.
    answer : str, optional
        The key of the right option.
    why : dict, optional
        Option key -> why that option is right or wrong, shown after the reveal.
    number, tolerance : float, optional
        For a numeric prediction: the right value, and how far off still counts as right.
    reveal : str
        What happens, and why (shown after the learner has committed).
    notebook : str, optional
        Where progress is recorded (default: derived from the defining module).
    """

    def __init__(self, name: str, prompt: str, choices: dict | None = None,
                 answer: str | None = None, *, why: dict | None = None,
                 number: float | None = None, tolerance: float = 0.0, reveal: str,
                 notebook: str | None = None):
        if (choices is None) == (number is None):
            raise ValueError(f"Predict {name!r}: give either choices= (with answer=) or number=")
        if choices is not None:
            choices = {str(k): str(v) for k, v in choices.items()}
            if len(choices) < 2:
                raise ValueError(f"Predict {name!r}: needs at least 2 choices; got {len(choices)}")
            if answer not in choices:
                raise ValueError(f"Predict {name!r}: answer must be one of {sorted(choices)}; "
                                 f"got {answer!r}")
        why = {str(k): str(v) for k, v in (why or {}).items()}
        unknown = sorted(set(why) - set(choices or {}))
        if unknown:
            raise ValueError(f"Predict {name!r}: why= names options that do not exist: {unknown}")
        if tolerance < 0:
            raise ValueError(f"Predict {name!r}: tolerance must be >= 0; got {tolerance}")
        if not str(reveal).strip():
            raise ValueError(f"Predict {name!r}: reveal= must say what happens and why")
        self.name = name
        self.prompt = prompt
        self.choices = choices
        self.right = answer
        self.why = why
        self.number = None if number is None else float(number)
        self.tolerance = float(tolerance)
        self.reveal_text = str(reveal)
        self.notebook = notebook or _caller_notebook()
        self.prediction = None

    # ------------------------------------------------------------------ logic
    def _parse(self, value):
        """The prediction as stored (an option key, or a float); ValueError when invalid."""
        if self.choices is not None:
            key = str(value).strip() if value is not None else ""
            key = key if key in self.choices else key.lower()
            if key not in self.choices:
                raise ValueError(f"pick one of {', '.join(sorted(self.choices))}; got {value!r}")
            return key
        try:
            number = float(str(value).strip()) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            raise ValueError(f"type a number (for example {fmt(self.number)}); "
                             f"got {value!r}") from None
        if number != number:  # nan
            raise ValueError("type a number, not nan")
        return number

    def is_right(self, prediction) -> bool:
        """Whether ``prediction`` (an option key or a number) is what happens."""
        if self.choices is not None:
            return prediction == self.right
        return abs(float(prediction) - self.number) <= self.tolerance + 1e-12

    def describe(self, prediction) -> str:
        """``"b) Turn"`` for an option, ``"17"`` for a number."""
        if self.choices is not None:
            return f"{prediction}) {self.choices[prediction]}"
        return fmt(prediction)

    def lock(self, value) -> str:
        """Record a prediction; return the message that confirms it (ValueError if invalid)."""
        self.prediction = self._parse(value)
        _progress.record(self.notebook, self.name, answer=self.prediction)
        return (f"✎ {self.name}: prediction locked in: {self.describe(self.prediction)}. "
                "Now try it, then reveal what happens.")

    def verdict(self) -> tuple[str, str]:
        """``(status, message)`` of the reveal: ``"right"``, ``"wrong"`` or ``"no prediction"``."""
        if self.prediction is None:
            return "no prediction", (f"○ {self.name}: make your prediction first "
                                     f"(ex.{self.name}.answer(...) or the widget), then reveal.")
        said = self.describe(self.prediction)
        why = self.why.get(self.prediction, "") if self.choices is not None else ""
        if self.is_right(self.prediction):
            message = f"✔ {self.name}: you predicted {said}: that is what happens."
            status = "right"
        else:
            if self.choices is not None:
                happens = self.describe(self.right)
            else:
                margin = f" (± {fmt(self.tolerance)})" if self.tolerance else ""
                happens = fmt(self.number) + margin
            message = f"✘ {self.name}: you predicted {said}; what happens is {happens}."
            status = "wrong"
        return status, " ".join(part for part in (message, why, self.reveal_text) if part)

    # ------------------------------------------------------------------ code form
    def answer(self, value) -> None:
        """Lock in a prediction: an option key (``"b"``) or a number."""
        try:
            print(self.lock(value))
        except ValueError as error:
            print(f"✘ {self.name}: {error}")

    def reveal(self) -> None:
        """Print what happens and why, against the prediction (asks for one first)."""
        print(self.verdict()[1])

    # ------------------------------------------------------------------ widget form
    def widget(self):
        """The prompt, the choices (or a number box), a Lock-in button, then a Reveal button."""
        from ._ui import predict_widget

        return predict_widget(self)

    def __repr__(self) -> str:
        return f"Predict({self.name!r})"
