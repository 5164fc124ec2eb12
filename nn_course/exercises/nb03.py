"""Exercises, prediction and quiz of notebook 03_artificial_neuron.

* ``p1`` before the neuron explorer: what a zero weight does.
* ``q1`` the input ``x2`` that puts a sigmoid neuron's output at exactly 0.5 (a number).
* ``q2`` ``predict_classes(X, w, b)``: the class a sigmoid neuron predicts for every row.
* ``q3`` ``sigmoid(z)``: numerically stable, no overflow for ``|z|`` up to 1000.
* ``q4`` the weight and bias of a one-input neuron with a given midpoint and slope.
* ``quiz`` four closing questions.

Checked against :class:`nn_course.Neuron` and ``activations.get("sigmoid")``.

>>> q2.verdict(reference_predict_classes)
('correct', 'correct!')
>>> q4.verdict(q4.solution_answer())
('correct', 'correct!')
"""

from __future__ import annotations

import numpy as np

from .. import activations
from ..neuron import Neuron
from ._core import Question, compare
from .predict import Predict
from .quiz import Choice, Numeric, Quiz

__all__ = ["p1", "q1", "q2", "q3", "q4", "quiz", "Q1_SETUP", "Q4_SETUP",
           "reference_predict_classes", "reference_sigmoid", "sigmoid_slope_at_zero"]

_SIGMOID = activations.get("sigmoid")


def sigmoid_slope_at_zero(h: float = 1e-6) -> float:
    """The sigmoid's slope at z = 0, measured as rise over run (it is 1/4).

    >>> round(sigmoid_slope_at_zero(), 6)
    0.25
    """
    return float(_SIGMOID(np.array(h)) - _SIGMOID(np.array(-h))) / (2 * h)


# --------------------------------------------------------------------------- p1
p1 = Predict(
    "p1",
    "In the explorer you will set w2 to 0 and then drag x2 from one end to the other. What "
    "will the neuron's output do?",
    choices={"a": "Change, but less than before", "b": "Not change at all",
             "c": "Drop to 0, because a zero weight switches the neuron off"},
    answer="b",
    why={"a": "x2 enters only through the product w2*x2, and 0 times anything is exactly 0.",
         "c": "The other inputs and the bias still count: z is the sum of the other products "
              "plus b, and the output is f of that."},
    reveal="Nothing changes: the term w2*x2 is 0 whatever x2 is, so z, and the output, do not "
           "depend on x2. A zero weight means 'ignore this input'.",
)


# --------------------------------------------------------------------------- q1
#: The neuron of q1: two inputs, sigmoid, the first input fixed.
Q1_SETUP = {"w": [0.4, -0.8], "b": 0.2, "x1": 1.5}


def _q1_expected() -> float:
    s = Q1_SETUP
    return -(s["w"][0] * s["x1"] + s["b"]) / s["w"][1]


def _check_q1(answer):
    if answer is None:
        raise NotImplementedError
    if np.ndim(answer) != 0:
        return f"give one number, the input x2; got an array of shape {np.shape(answer)}"
    s = Q1_SETUP
    x2 = float(answer)
    neuron = Neuron(s["w"], s["b"], "sigmoid")
    output = neuron.output([s["x1"], x2])
    if np.isclose(output, 0.5):
        return None
    w1, w2 = s["w"]
    if np.isclose(w1 * s["x1"] + w2 * x2 + s["b"], 0.5):
        return (f"with x2 = {x2:g} the weighted sum z is 0.5, so the output is sigmoid(0.5) = "
                f"{output:.4f}: the output is 0.5 at a different z")
    if np.isclose(w1 * s["x1"] + w2 * x2, 0.0):
        return f"with x2 = {x2:g}, z = w·x without the bias is 0; the bias counts too"
    if np.isclose(x2, -_q1_expected()):
        return f"with x2 = {x2:g} the output is {output:.4f}: check the sign when you solve for x2"
    return f"with x2 = {x2:g} the neuron's output is {output:.4f}, not 0.5"


def _q1_solution_code() -> str:
    s = Q1_SETUP
    return (f"w1, w2, b, x1 = {s['w'][0]}, {s['w'][1]}, {s['b']}, {s['x1']}\n"
            "# sigmoid(z) = 0.5 exactly when z = 0, so solve w1*x1 + w2*x2 + b = 0 for x2:\n"
            "x2 = -(w1 * x1 + b) / w2\n"
            "answer = x2")


q1 = Question(
    "q1",
    check=_check_q1,
    hints=("The sigmoid gives exactly 0.5 for one value of its input z. Which value is it, and "
           "what does that tell you about the weighted sum at the x2 you are looking for?",
           "Set the whole weighted sum, bias included, equal to that value. Only x2 is unknown, "
           "so it is one linear equation in one unknown; mind the sign of w2 when you divide."),
    solution_code=_q1_solution_code(),
    success="Output 0.5 means z = 0: the point lies exactly on the neuron's decision line.",
)


# --------------------------------------------------------------------------- q2
def reference_predict_classes(X, w, b):
    """The class (0 or 1) a sigmoid neuron predicts for each row of X (n_samples, n_inputs).

    sigmoid(z) >= 0.5 exactly when z >= 0, so the sigmoid itself is not needed.
    """
    z = np.asarray(X, dtype=np.float64) @ np.asarray(w, dtype=np.float64) + b
    return (z >= 0).astype(int)


def _class_cases():
    rng = np.random.default_rng(3)
    yield np.array([[1.0, 1.0], [2.0, 0.5], [-1.0, 0.0]]), np.array([1.0, -1.0]), 0.0  # z = 0
    for n, k in ((5, 3), (7, 2), (1, 4), (6, 6)):
        yield rng.normal(size=(n, k)), rng.normal(size=k), float(rng.normal())


def _check_q2(func):
    for X, w, b in _class_cases():
        expected = Neuron(w, b, "sigmoid").predict(X)
        got = func(X.copy(), w.copy(), b)
        if got is None:
            return "predict_classes returned None: did you forget a `return`?"
        got_arr = np.asarray(got, dtype=np.float64)
        z = X @ w + b
        if got_arr.shape == expected.shape and not np.all(np.isin(got_arr, (0.0, 1.0))):
            if np.allclose(got_arr, _SIGMOID(z)):
                return ("these are the probabilities sigmoid(z); turn each into a class, 1 where "
                        "it is at least 0.5")
            if np.allclose(got_arr, z):
                return "these are the weighted sums z; turn each into a class, 0 or 1"
            return f"a class is 0 or 1; got values like {got_arr.ravel()[:3].tolist()}"
        if got_arr.shape == expected.shape and not np.array_equal(got_arr, expected):
            if np.array_equal(got_arr, 1 - expected):
                return "every class is flipped: class 1 is where z is positive"
            at_zero = np.isclose(z, 0.0) & (got_arr != expected)
            if at_zero.any():
                return ("where z = 0 exactly, sigmoid(z) = 0.5, which counts as class 1 "
                        "(probability at least 0.5); check your comparison")
        problem = compare(got, expected, f"predict_classes on X of shape {X.shape}")
        if problem:
            return problem
    return None


q2 = Question(
    "q2",
    check=_check_q2,
    hints=("A sigmoid output is at least 0.5 exactly when its input z is at least 0 (section 4). "
           "So the class only depends on the sign of each weighted sum.",
           "Compute every weighted sum at once with one matrix-vector product plus the bias, as "
           "in section 3, then compare with zero and turn the True/False answers into 1/0."),
    reference=reference_predict_classes,
    answer_name="predict_classes",
    success="The class needs only the sign of z: the decision line z = 0 is all that matters.",
)


# --------------------------------------------------------------------------- q3
def reference_sigmoid(z):
    """``1 / (1 + exp(-z))`` written so that ``exp`` never sees a large positive number."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))                       # at most 1: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


_Z_CASES = np.array([-1000.0, -50.0, -2.0, 0.0, 0.5, 3.0, 50.0, 1000.0])


def _check_q3(func):
    expected = _SIGMOID(_Z_CASES)
    try:
        with np.errstate(over="raise", invalid="raise"):
            got = func(_Z_CASES.copy())
    except FloatingPointError as exc:
        return (f"sigmoid overflowed ({exc}) for z in {_Z_CASES.tolist()}: exp(1000) is too big "
                "for a float. Only ever exponentiate a number that is 0 or below")
    if got is None:
        return "sigmoid returned None: did you forget a `return`?"
    if np.ndim(got) == 0:
        return ("sigmoid must work on a whole array z and return an array of the same shape "
                "(use np.exp, not math.exp)")
    return compare(got, expected, "sigmoid(z)")


q3 = Question(
    "q3",
    check=_check_q3,
    hints=("The textbook formula overflows for only one sign of z. For that sign, rewrite the "
           "fraction so that the exponential is of a number that is 0 or below (multiply its "
           "top and bottom by the same thing).",
           "Use the textbook form where z is at least 0 and your rewritten form where z is "
           "negative. One exponential, of a number that is never positive, can serve both forms, "
           "and NumPy can pick between two arrays element by element."),
    reference=reference_sigmoid,
    answer_name="sigmoid",
    success="Stable for any z: exactly what the package's activations do.",
)


# --------------------------------------------------------------------------- q4
#: The neuron asked for in q4: one input, sigmoid, output 0.5 at ``midpoint`` with ``slope``.
Q4_SETUP = {"midpoint": 2.0, "slope": 1.0}


def _q4_expected() -> tuple[float, float]:
    w = Q4_SETUP["slope"] / sigmoid_slope_at_zero()
    return w, -w * Q4_SETUP["midpoint"]


def _check_q4(answer):
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return "give a pair (w, b): the weight and the bias, two numbers"
    w, b = answer
    if w is None or b is None:
        raise NotImplementedError
    if np.ndim(w) != 0 or np.ndim(b) != 0:
        return f"w and b are single numbers (one input); got w = {w!r}, b = {b!r}"
    w, b = float(w), float(b)
    if w == 0:
        return "with w = 0 the output is the same for every input: the curve is flat"
    midpoint, slope = Q4_SETUP["midpoint"], Q4_SETUP["slope"]
    got_mid = -b / w
    h = 1e-6
    got_slope = float(_SIGMOID(np.array(w * (midpoint + h) + b))
                      - _SIGMOID(np.array(w * (midpoint - h) + b))) / (2 * h)
    if not np.isclose(got_mid, midpoint):
        if np.isclose(got_mid, -midpoint):
            return (f"the output is 0.5 at x = {got_mid:g}, not {midpoint:g}: check the sign of "
                    "the bias (0.5 where w*x + b = 0)")
        return f"the output is 0.5 at x = {got_mid:g}; it should be at x = {midpoint:g}"
    if not np.isclose(got_slope, slope, rtol=1e-4):
        if np.isclose(w, slope):
            return (f"with w = {w:g} the slope at the midpoint is {got_slope:.4g}: the sigmoid's "
                    "own slope at its midpoint is not 1, and w multiplies it")
        return (f"the midpoint is right, but the slope there is {got_slope:.4g}; it should be "
                f"{slope:g}")
    return None


q4 = Question(
    "q4",
    check=_check_q4,
    hints=("Two facts from section 5 give two equations: where the output of sigmoid(w*x + b) "
           "is 0.5, and how steep the curve is there. Use one fact for each unknown.",
           "Find the weight first: the plain sigmoid's slope at its midpoint (printed in section "
           "5) gets multiplied by the weight. Then pick the bias that puts the midpoint at the "
           "requested input."),
    solution_code=(f"midpoint, slope = {Q4_SETUP['midpoint']}, {Q4_SETUP['slope']}\n"
                   f"sigmoid_slope_at_0 = {sigmoid_slope_at_zero():.2f}   # printed in section 5\n"
                   "w = slope / sigmoid_slope_at_0   # the input is scaled by w: w times steeper\n"
                   "b = -w * midpoint                # output 0.5 where w*x + b = 0\n"
                   "answer = (w, b)"),
    success="Weight = steepness, bias / weight = position: two numbers place the switch.",
)


# --------------------------------------------------------------------------- quiz
quiz = Quiz("quiz", [
    Numeric(
        "A neuron has weights w = (2, -1), bias b = 0.5 and gets the input x = (1, 3). What is "
        "its weighted sum z?",
        answer=float(Neuron([2.0, -1.0], 0.5, "linear").z([1.0, 3.0])), tolerance=1e-9,
        why="z = 2*1 + (-1)*3 + 0.5 = 2 - 3 + 0.5 = -0.5.",
    ),
    Choice(
        "X has shape (100, 3) and w has shape (3,). What is the shape of X @ w + b?",
        {"a": "(3,)", "b": "(100,)", "c": "(100, 3)"},
        answer="b",
        why={"a": "That would be one number per input; the product sums over the inputs.",
             "b": "Right: one weighted sum per row, that is per example.",
             "c": "The matrix-vector product sums each row's products into one number; adding "
                  "the bias does not add a dimension."},
    ),
    Choice(
        "A sigmoid neuron outputs exactly 0.5 for some input. What is its weighted sum z there?",
        {"a": "1", "b": "0.5", "c": "0"},
        answer="c",
        why={"a": "sigmoid(1) is about 0.73.",
             "b": "sigmoid(0.5) is about 0.62: the output and z are different numbers.",
             "c": "Right: sigmoid(0) = 1 / (1 + 1) = 0.5."},
    ),
    Choice(
        "You double every weight and the bias of a sigmoid neuron with two inputs. What "
        "happens?",
        {"a": "The decision line stays; outputs move closer to 0 or 1",
         "b": "The decision line moves; outputs stay the same",
         "c": "Nothing at all changes"},
        answer="a",
        why={"a": "Right: z doubles everywhere, so z = 0 happens at the same points, but away "
                  "from the line the sigmoid is pushed further toward 0 or 1.",
             "b": "The line is where z = 0; doubling z does not change where it is zero.",
             "c": "The predicted classes stay, but the probabilities change: the neuron becomes "
                  "more sure."},
    ),
])
