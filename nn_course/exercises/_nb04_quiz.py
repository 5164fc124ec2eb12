"""The Predict questions and the closing quiz of notebook 04_activation_functions.

Data only: each question with its options, the right answer and why every other option is
wrong. :mod:`nn_course.exercises.nb04` re-exports them (``ex.p1``, ``ex.quiz``), and they
record progress under notebook ``"04"`` like its coding questions.
"""

from __future__ import annotations

from .predict import Predict
from .quiz import Choice, Numeric, Quiz

__all__ = ["p1", "p2", "quiz"]


# ------------------------------------------------------------------------ predictions
p1 = Predict(
    "p1",
    "With the sigmoid, you are about to drag scale s from 1 to 4 (as if every weight were four "
    "times larger). What will the grey saturated bands do?",
    choices={
        "a": "Grow: the sigmoid goes flat at smaller z",
        "b": "Shrink: larger weights make the sigmoid steeper everywhere",
        "c": "Stay the same: the sigmoid's shape does not depend on the weights",
    },
    answer="a",
    why={
        "b": "Steeper in the middle, yes, but the middle gets narrower: u = 4z reaches the flat "
        "ends four times sooner.",
        "c": "The sigmoid itself does not change, but it now receives u = 4z, so every z is "
        "pushed four times further out.",
    },
    reveal="The bands grow. The activation receives u = 4z, so it reaches its flat ends at a "
    "four times smaller z: large weights push a sigmoid neuron into saturation.",
)

p2 = Predict(
    "p2",
    "You are about to make every weighted sum of the 10-neuron chain three times larger "
    "(spread = 3). What will the ReLU product of slopes do?",
    choices={
        "a": "Fall towards 0, like the sigmoid's",
        "b": "Stay exactly the same",
        "c": "Grow above 1",
    },
    answer="b",
    why={
        "a": "ReLU's slope does not fade for large z: it is exactly 1 for every z > 0.",
        "c": "No ReLU slope is above 1, so a product of them cannot grow above 1 (the weights, "
        "left aside here, are another story).",
    },
    reveal="The ReLU product does not change: multiplying z by 3 keeps its sign, and ReLU's slope "
    "depends only on the sign (1 active, 0 inactive). The sigmoid and tanh products fall "
    "much further, because most z now land in their flat ends.",
)


# ------------------------------------------------------------------------ quiz
quiz = Quiz(
    "quiz",
    [
        Choice(
            "A neuron's weighted sum is z = 8. With which activation is its slope f'(8) nearly 0?",
            {"a": "linear", "b": "ReLU", "c": "leaky ReLU", "d": "sigmoid"},
            answer="d",
            why={
                "a": (
                    "The linear activation has slope 1 everywhere."
                ),
                "b": "ReLU's slope is exactly 1 for every z > 0, however large.",
                "c": "Leaky ReLU is ReLU for z > 0: slope 1.",
                "d": "Right: sigmoid'(8) is about 0.0003; z = 8 is deep in the flat end "
                "(saturated).",
            },
        ),
        Choice(
            "Three neurons in a chain, all with the linear activation. What can the chain compute "
            "from its input x?",
            {
                "a": "Any curve, if the weights are large enough",
                "b": "Only a straight line w·x + b",
                "c": "A line with two kinks, one per extra neuron",
            },
            answer="b",
            why={
                "a": "Larger weights only make the line steeper: w3·w2·w1 is still one number.",
                "b": "Right: the weights multiply into one weight w = w3·w2·w1 and the biases "
                "into one bias.",
                "c": "Kinks come from ReLU switching on or off; the linear activation never "
                "switches.",
            },
        ),
        Choice(
            "A ReLU neuron's weighted sum is negative for every input of the training data. What "
            "happens to its weights during training?",
            {
                "a": "They do not change at all: the neuron is dead",
                "b": "They change slowly, as in a saturated sigmoid",
                "c": "They grow until the neuron switches on",
            },
            answer="a",
            why={
                "a": "Right: output 0 and slope 0 for every input, so no gradient reaches its "
                "weights or bias.",
                "b": "Slowly would need a small slope; ReLU's slope for z < 0 is exactly 0, so "
                "there is no signal at all.",
                "c": "Nothing pushes them: the gradient that would move them is exactly 0.",
            },
        ),
        Numeric(
            "Softmax of the logits [3, 3, 3, 3]: what is the probability of the first class?",
            answer=0.25,
            tolerance=0.001,
            why="Equal logits give equal exponentials, so each class gets 1/4 = 0.25.",
        ),
        Choice(
            "The logits [1000, 1001] give nan in the naive softmax. Why does subtracting 1001 from "
            "both fix it?",
            {
                "a": "It changes the probabilities a little, but they still sum to 1",
                "b": "It rounds the logits to smaller numbers, a small price in accuracy",
                "c": "The exponentials then fit in a float, and softmax does not change",
            },
            answer="c",
            why={
                "a": "The probabilities do not change at all; that is why the trick is safe.",
                "b": "Nothing is rounded: subtracting a number from both logits is exact here.",
                "c": "Right: adding the same number to every logit multiplies top and bottom of "
                "softmax by the same factor, so the result is exactly the same.",
            },
        ),
    ],
)
