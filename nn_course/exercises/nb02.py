"""Exercises of notebook 02_perceptron.

* ``q1`` ``perceptron_predict(x, w, b)``: the perceptron's output for one input (step of ``w . x + b``).
* ``q2`` one application of the learning rule by hand: the new ``(w, b)`` as numbers.
* ``q3`` which logic gates a single perceptron can learn (linearly separable), as a dict.

Function answers are checked on hidden cases against :class:`nn_course.Perceptron`; value
answers against what the package computes.

>>> q1.verdict(reference_perceptron_predict)
('correct', 'correct!')
>>> q2.verdict((None, None))
('not attempted', 'not attempted yet')
"""

from __future__ import annotations

import numpy as np

from .. import datasets
from ..perceptron import Perceptron
from ._core import Question, compare

__all__ = ["q1", "q2", "q3", "reference_perceptron_predict", "Q2_SETUP", "q2_reference", "q3_reference"]


# --------------------------------------------------------------------------- q1
def reference_perceptron_predict(x, w, b):
    """1 if ``w . x + b >= 0`` else 0, for one input ``x`` (n_inputs,)."""
    z = np.dot(w, x) + b
    return 1 if z >= 0 else 0


def _q1_cases():
    rng = np.random.default_rng(2)
    cases = [  # (x, w, b): the AND gate, the edge z = 0 exactly, negative weights, 3 inputs
        ([0.0, 0.0], [1.0, 1.0], -1.5),
        ([1.0, 1.0], [1.0, 1.0], -1.5),
        ([1.0, 1.0], [1.0, 1.0], -2.0),
        ([1.0, 0.0], [-2.0, 0.5], 1.0),
        ([2.0, -1.0, 0.5], [0.3, 0.8, -1.0], 0.1),
    ]
    for _ in range(6):
        n = int(rng.integers(2, 5))
        cases.append((rng.normal(size=n).round(2).tolist(), rng.normal(size=n).round(2).tolist(),
                      round(float(rng.normal()), 2)))
    return cases


def _check_q1(func):
    for x, w, b in _q1_cases():
        p = Perceptron(n_inputs=len(x))
        p.weights, p.bias = np.array(w), b
        expected = int(p.predict(np.array([x]))[0])
        got = func(np.array(x), np.array(w), b)
        if got is None:
            return "perceptron_predict returned None: did you forget a `return`?"
        try:
            value = float(np.asarray(got, dtype=np.float64).reshape(-1)[0]) if np.size(got) == 1 else None
        except (TypeError, ValueError):
            value = None
        if value is None:
            return (f"for x = {x} your function returned {got!r}; it should return one number, 0 or 1 "
                    "(the step of the weighted sum)")
        if value not in (0.0, 1.0):
            z = float(np.dot(w, x) + b)
            if np.isclose(value, z):
                return (f"for x = {x}, w = {w}, b = {b} you returned z = {value:.4g}: apply the step, "
                        "1 if z >= 0 else 0")
            return f"for x = {x} you returned {value:.4g}; a perceptron outputs 0 or 1"
        if value != expected:
            z = float(np.dot(w, x) + b)
            if z == 0:
                return (f"for x = {x}, w = {w}, b = {b} the weighted sum is exactly 0 and the perceptron "
                        f"outputs {expected}: the step is 1 when z >= 0 (not only when z > 0)")
            if (float(np.dot(w, x)) >= 0) == bool(value) and (float(np.dot(w, x)) >= 0) != bool(expected):
                return f"for x = {x}, w = {w}, b = {b} you returned {value:.0f}; did you forget the bias b?"
            return f"for x = {x}, w = {w}, b = {b}: expected {expected}, got {value:.0f}"
    return None


q1 = Question(
    "q1",
    check=_check_q1,
    hint=("Two steps: the weighted sum of x with the weights, plus the bias (np.dot does the "
          "multiply-and-add), then the step. Check what the step gives at exactly z = 0."),
    solution=(
        "def perceptron_predict(x, w, b):\n"
        "    z = np.dot(w, x) + b\n"
        "    return 1 if z >= 0 else 0"
    ),
    success="This is all a perceptron computes: a weighted sum and a threshold.",
    reference=reference_perceptron_predict,
)


# --------------------------------------------------------------------------- q2
#: The situation of q2: current weights and bias, the learning rate, and one labelled sample.
Q2_SETUP = {"w": [0.5, -1.0], "b": 0.5, "learning_rate": 0.5, "x": [2.0, 1.0], "y": 0}


def q2_reference():
    """The new ``(w, b)`` after one application of the rule to Q2_SETUP, computed by the package."""
    s = Q2_SETUP
    p = Perceptron(n_inputs=2, lr=s["learning_rate"])
    p.weights, p.bias = np.array(s["w"], dtype=np.float64), float(s["b"])
    record = p.step(s["x"], s["y"])
    return record["weights"], record["bias"]


def _check_q2(answer):
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return "give a pair (new_w, new_b): new_w a list or array of 2 numbers, new_b a number"
    new_w, new_b = answer
    if new_w is None or new_b is None:
        raise NotImplementedError
    w_expected, b_expected = q2_reference()
    s = Q2_SETUP
    w0, b0 = np.array(s["w"]), s["b"]
    problem = compare(new_w, w_expected, "new_w")
    if problem is not None:
        got = np.asarray(new_w, dtype=np.float64)
        if got.shape == w0.shape:
            if np.allclose(got, w0):
                return ("new_w is unchanged, but the perceptron got this sample wrong: compute "
                        "z = w·x + b and y_pred first; the rule changes w whenever y_pred != y")
            step = w_expected - w0
            if np.allclose(got, w0 - step):
                return "new_w moved the wrong way: the change is learning_rate * (y - y_pred) * x, with error = y - y_pred"
            if np.allclose(got, w0 + step / s["learning_rate"]):
                return "new_w: did you forget to multiply by the learning rate?"
        return problem
    problem = compare(new_b, b_expected, "new_b")
    if problem is not None:
        if np.isclose(float(new_b), b0):
            return "new_w is right, but new_b is unchanged: the bias is updated too, by learning_rate * (y - y_pred)"
        return problem
    return None


q2 = Question(
    "q2",
    check=_check_q2,
    hint=("First predict: z = w·x + b, y_pred = 1 if z >= 0 else 0. The error is y - y_pred. Then "
          "new_w = w + learning_rate * error * x and new_b = b + learning_rate * error."),
    solution=(
        "z = 0.5*2 + (-1.0)*1 + 0.5 = 0.5, so y_pred = 1, but y = 0: error = 0 - 1 = -1.\n"
        "new_w = [0.5, -1.0] + 0.5 * (-1) * [2.0, 1.0] = [-0.5, -1.5]\n"
        "new_b = 0.5 + 0.5 * (-1) = 0.0\n"
        "new_w, new_b = [-0.5, -1.5], 0.0"
    ),
    success="The line moved away from the wrongly classified point: the rule in one step.",
)


# --------------------------------------------------------------------------- q3
def q3_reference() -> dict:
    """Gate -> whether one perceptron can learn it, decided by running the perceptron on it."""
    out = {}
    for gate in ("AND", "OR", "NAND", "NOR", "XOR"):
        X, y = datasets.logic_gate(gate.lower())
        out[gate] = Perceptron(n_inputs=2).fit(X, y, epochs=100).converged
    return out


def _check_q3(answer):
    if not isinstance(answer, dict):
        return "give a dict like {'AND': True, 'OR': ..., 'NAND': ..., 'NOR': ..., 'XOR': ...}"
    expected = q3_reference()
    missing = [g for g in expected if g not in answer]
    if missing:
        return f"the dict has no entry for {missing}"
    if all(answer[g] is None for g in expected):
        raise NotImplementedError
    for gate, separable in expected.items():
        value = answer[gate]
        if not isinstance(value, (bool, np.bool_)):
            return f"{gate}: answer True or False (got {value!r})"
        if bool(value) != separable:
            if separable:
                return (f"{gate}: it is linearly separable; find a line with perceptron_lab "
                        "(or let the rule find one) that puts its 1s on one side")
            return (f"{gate}: no single line puts its 1s on one side and its 0s on the other; "
                    "the perceptron never stops making mistakes on it")
    return None


q3 = Question(
    "q3",
    check=_check_q3,
    hint=("Draw the four points of each gate and try to separate the 1s from the 0s with one straight "
          "line, or run Perceptron(2).fit(X, y, epochs=100).converged for each gate."),
    solution="separable = {'AND': True, 'OR': True, 'NAND': True, 'NOR': True, 'XOR': False}",
    success="Only XOR needs more than a line: that is why networks have hidden layers.",
)
