"""Exercises of notebook 00_start_here: one of each kind, to learn how they work.

* ``p1``: a prediction before the first widget (what a larger weight does to the sigmoid).
* ``q1``: a value answer, checked, with two hints and a solution: the input ``x`` at which a
  neuron with weight ``w = 3`` outputs exactly 0.5.
* ``quiz``: how the course works (hints, predictions, colours).

>>> q1.verdict(0.0)
('correct', 'correct!')
>>> q1.verdict(0.5)[0]
'wrong'
"""

from __future__ import annotations

from ._core import Question, compare
from .predict import Predict
from .quiz import Choice, Numeric, Quiz

__all__ = ["p1", "q1", "quiz"]

p1 = Predict(
    "p1", "The curve shows a neuron's output σ(w·x) for w = 1. You will drag the weight w up to "
    "4. What will the curve do?",
    choices={"a": "Get steeper: the switch from 0 to 1 gets sharper",
             "b": "Get flatter: the switch gets more gradual",
             "c": "Slide to the right without changing shape"},
    answer="a",
    why={"b": "A larger weight makes w·x grow faster with x, so the output changes faster.",
         "c": "Sliding sideways is what a bias does; a weight changes how fast the output "
              "switches."},
    reveal="w·x reaches large values sooner when w is larger, so the output goes from near 0 to "
           "near 1 over a shorter stretch of x: the curve gets steeper. It still crosses 0.5 at "
           "x = 0.",
)


def _check_halfway(answer):
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return f"answer should be a number; got {answer!r}"
    if abs(answer - 0.5) < 1e-9:
        return ("0.5 is the output you are looking for; the question asks for the input x "
                "that gives it")
    if abs(answer - 1 / 3) < 1e-6:
        return "at x = 1/3 the product w·x is 1, and σ(1) is about 0.73, not 0.5"
    return compare(answer, 0.0, "the input x")


q1 = Question(
    "q1",
    check=_check_halfway,
    hints=("Look at the curve: where is it exactly halfway between 0 and 1? Does that place "
           "depend on the weight?",
           "The sigmoid is one half where its argument is zero. For a weight that is not zero, "
           "which input makes the product of weight and input vanish?"),
    solution_code="answer = 0.0   # w·x = 3·0 = 0, and σ(0) = 1 / (1 + 1) = 0.5",
    success="Whatever the weight, the sigmoid neuron is undecided (0.5) where w·x = 0.",
)

quiz = Quiz("quiz", [
    Choice("You are stuck on an exercise. What do you try first?",
           {"a": "Show solution", "b": "Hint", "c": "Restart the kernel"},
           answer="b",
           why={"a": "The solution skips the thinking the exercise is there for: take the two "
                     "hints first, and the solution last.",
                "b": "A hint points at the idea without giving the answer away; Closer hint is "
                     "the next step.",
                "c": "A restart helps when the notebook is in a muddle, not with an exercise."}),
    Choice("Why do the notebooks ask for a prediction before you move a widget?",
           {"a": "To give you a grade",
            "b": "Committing to a guess first makes you compare, and the result sticks",
            "c": "The widget does not work without one"},
           answer="b",
           why={"a": "Predictions are not graded: a wrong guess that you notice teaches the most.",
                "c": "Every widget works without a prediction; the prediction is for you."}),
    Choice("In the course's figures and widgets, what does blue mean?",
           {"a": "A positive value, and class 1", "b": "A negative value, and class 0",
            "c": "The test data"},
           answer="a",
           why={"b": "That is orange: negative values and class 0.",
                "c": "Colours stand for signs and classes, the same in every notebook."}),
    Numeric("What is σ(0), the sigmoid of zero?", answer=0.5, tolerance=1e-3,
            why="e⁰ = 1, so σ(0) = 1 / (1 + 1) = 0.5."),
])
