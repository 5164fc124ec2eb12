"""Exercises of notebook 03_artificial_neuron.

* ``q1`` the weighted sum ``z`` of one neuron for one input, as a number (by hand or with NumPy).
* ``q2`` ``weighted_sums(X, w, b)``: ``z`` for a whole batch at once, shape (n_samples,).
* ``q3`` ``sigmoid(z)``: numerically stable, no overflow for ``|z|`` up to 1000.
* ``q4`` ``neuron_output(X, w, b)``: a sigmoid neuron's outputs for a batch, shape (n_samples,).

Checked on hidden cases against :class:`nn_course.Neuron` and ``activations.get("sigmoid")``.

>>> q2.verdict(reference_weighted_sums)
('correct', 'correct!')
"""

from __future__ import annotations

import numpy as np

from .. import activations
from ..neuron import Neuron
from ._core import Question, compare

__all__ = ["q1", "q2", "q3", "q4", "Q1_SETUP", "reference_weighted_sums", "reference_sigmoid",
           "reference_neuron_output"]

#: The neuron and input of q1.
Q1_SETUP = {"x": [2.0, -1.0, 0.5], "w": [0.4, 0.3, -1.2], "b": 0.25}


def reference_weighted_sums(X, w, b):
    """``X @ w + b``: one weighted sum per row of ``X`` (n_samples, n_inputs); shape (n_samples,)."""
    return np.asarray(X, dtype=np.float64) @ np.asarray(w, dtype=np.float64) + b


def reference_sigmoid(z):
    """``1 / (1 + exp(-z))`` written so ``exp`` never sees a large positive number."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def reference_neuron_output(X, w, b):
    """``sigmoid(X @ w + b)``, shape (n_samples,)."""
    return reference_sigmoid(reference_weighted_sums(X, w, b))


def _batch_cases():
    rng = np.random.default_rng(3)
    for n, k in ((5, 3), (7, 2), (1, 4), (6, 6)):
        yield rng.normal(size=(n, k)), rng.normal(size=k), float(rng.normal())


# --------------------------------------------------------------------------- q1
def _check_q1(answer):
    s = Q1_SETUP
    expected = Neuron(s["w"], s["b"], "linear").z(s["x"])
    if np.ndim(answer) != 0:
        return f"give one number, the weighted sum z; got an array of shape {np.shape(answer)}"
    without_b = expected - s["b"]
    if np.isclose(float(answer), without_b):
        return "close: that is w·x without the bias; add b"
    return compare(float(answer), expected, "z")


q1 = Question(
    "q1",
    check=_check_q1,
    hint="Multiply each input by its weight, add the three products, then add the bias.",
    solution="z = 0.4*2.0 + 0.3*(-1.0) + (-1.2)*0.5 + 0.25   # = 0.8 - 0.3 - 0.6 + 0.25 = 0.15",
    success="z is just a weighted sum plus a bias.",
)


# --------------------------------------------------------------------------- q2
def _check_q2(func):
    for X, w, b in _batch_cases():
        expected = Neuron(w, b, "linear").z(X)
        got = func(X.copy(), w.copy(), b)
        if got is None:
            return "weighted_sums returned None: did you forget a `return`?"
        got_arr = np.asarray(got, dtype=np.float64)
        if got_arr.shape != expected.shape and got_arr.size == expected.size + 0 and got_arr.ndim == 2:
            return (f"expected shape {expected.shape} (one z per sample), got {got_arr.shape}: "
                    "use X @ w with w of shape (n_inputs,), not a column")
        if got_arr.shape == expected.shape and np.allclose(got_arr, expected - b):
            return "z without the bias: add b"
        problem = compare(got, expected, f"weighted_sums on X of shape {X.shape}")
        if problem:
            return problem
    return None


q2 = Question(
    "q2",
    check=_check_q2,
    hint="Row i of X is sample i, so X @ w gives every sample's w·x at once (shape (n_samples,)); then add b.",
    solution="def weighted_sums(X, w, b):\n    return X @ w + b",
    success="One matrix-vector product computes the neuron for a whole batch.",
    reference=reference_weighted_sums,
)


# --------------------------------------------------------------------------- q3
_Z_CASES = np.array([-1000.0, -50.0, -2.0, 0.0, 0.5, 3.0, 50.0, 1000.0])


def _check_q3(func):
    expected = activations.get("sigmoid")(_Z_CASES)
    try:
        with np.errstate(over="raise", invalid="raise"):
            got = func(_Z_CASES.copy())
    except FloatingPointError as exc:
        return (f"sigmoid overflowed ({exc}) for z in {_Z_CASES.tolist()}: exp(1000) is too big for a float. "
                "Use exp(-|z|), which is never larger than 1, and pick the formula by the sign of z")
    if np.ndim(got) == 0 and got is not None:
        return "sigmoid must work on a whole array z and return an array of the same shape (use np.exp, not math.exp)"
    return compare(got, expected, "sigmoid(z)")


q3 = Question(
    "q3",
    check=_check_q3,
    hint=("For z >= 0 use 1 / (1 + exp(-z)); for z < 0 use exp(z) / (1 + exp(z)). Both only ever "
          "exponentiate a number <= 0. np.exp(-np.abs(z)) and np.where do it for a whole array."),
    solution=(
        "def sigmoid(z):\n"
        "    e = np.exp(-np.abs(z))            # never overflows\n"
        "    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))"
    ),
    success="Stable for any z: exactly what the package's activations do.",
    reference=reference_sigmoid,
)


# --------------------------------------------------------------------------- q4
def _check_q4(func):
    for X, w, b in _batch_cases():
        expected = Neuron(w, b, "sigmoid").output(X)
        got = func(X.copy(), w.copy(), b)
        got_arr = None if got is None else np.asarray(got, dtype=np.float64)
        if got_arr is not None and got_arr.shape == expected.shape:
            if np.allclose(got_arr, X @ w + b):
                return "these are the weighted sums z: apply the sigmoid to get the outputs"
            if np.allclose(got_arr, 1 - expected):
                return "outputs are 1 - sigmoid(z): check the sign inside exp (sigmoid(z) = 1 / (1 + exp(-z)))"
        problem = compare(got, expected, f"neuron_output on X of shape {X.shape}")
        if problem:
            return problem
    X = np.array([[400.0, -300.0]])   # z = 1100: exp(z) overflows in a naive formula
    with np.errstate(over="ignore", invalid="ignore"):
        got = func(X, np.array([2.0, -1.0]), 0.0)
    return compare(got, np.array([1.0]), "neuron_output for an input with z = 1100")


q4 = Question(
    "q4",
    check=_check_q4,
    hint="Combine your two functions: the output is sigmoid(weighted_sums(X, w, b)).",
    solution="def neuron_output(X, w, b):\n    return sigmoid(X @ w + b)",
    success="That is logistic regression: a sigmoid neuron's output is a probability.",
    reference=reference_neuron_output,
)
