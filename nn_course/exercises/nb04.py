"""Exercises of notebook 04_activation_functions.

* ``q1``: a numerically stable sigmoid (finite and warning-free for z = ±1000).
* ``q2``: the derivative of ReLU.
* ``q3``: softmax of a batch of logits (each row sums to 1, stable for large logits).
* ``q4``: which output activation for which task.

>>> from nn_course.exercises import nb04 as ex
>>> ex.q1.verdict(ex.q1.reference)
('correct', 'correct!')
"""

from __future__ import annotations

import numpy as np

from .. import activations
from ._core import Question, compare

__all__ = ["q1", "q2", "q3", "q4"]


def _call_quietly(func, z, what):
    """Call ``func(z)``; a NumPy overflow or 0/0 becomes a message. Returns ``(result, problem)``."""
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        try:
            return func(z.copy()), None
        except FloatingPointError as error:
            if "overflow" in str(error):
                return None, (f"{what} overflowed ('{error}'): exp of a large number is too big for a "
                              "float. Rearrange the formula so exp only ever sees numbers <= 0.")
            return None, (f"{what} gave 0/0 or inf/inf ('{error}'), which is nan: exp of the "
                          "inputs under- or overflowed.")


# ------------------------------------------------------------------------ q1: stable sigmoid
def reference_sigmoid(z):
    """Stable sigmoid: exp(-|z|) never overflows."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


_Z_SIGMOID = np.array([-1000.0, -30.0, -2.0, -0.5, 0.0, 0.5, 2.0, 30.0, 1000.0])


def _check_sigmoid(sigmoid):
    for z, what in ((np.array([0.0, 2.0, -2.0]), "sigmoid([0, 2, -2])"),
                    (_Z_SIGMOID, "sigmoid(z) for z from -1000 to 1000"),
                    (_Z_SIGMOID.reshape(3, 3), "sigmoid of a (3, 3) batch")):
        got, problem = _call_quietly(sigmoid, z, what)
        if problem:
            return problem
        expected = activations.sigmoid(z)
        if got is not None and np.shape(got) == expected.shape and np.allclose(got, 1.0 - expected) \
                and not np.allclose(expected, 0.5):
            return f"{what} looks like sigmoid(-z): check the sign inside exp (sigmoid(2) is about 0.88)"
        problem = compare(got, expected, what)
        if problem:
            return problem
    return None


q1 = Question(
    "q1",
    check=_check_sigmoid,
    hint=("1 / (1 + np.exp(-z)) overflows for z = -1000 (exp(1000) is too big for a float). For "
          "negative z, multiply top and bottom by exp(z): sigmoid(z) = exp(z) / (1 + exp(z)). "
          "Compute e = np.exp(-np.abs(z)) once and pick the right form with np.where(z >= 0, ...)."),
    solution=("def sigmoid(z):\n"
              "    z = np.asarray(z, dtype=float)\n"
              "    e = np.exp(-np.abs(z))          # never overflows: the exponent is <= 0\n"
              "    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))"),
    success="Your sigmoid survives any input: this is how the package computes it.",
    reference=reference_sigmoid,
)


# ------------------------------------------------------------------------ q2: ReLU derivative
def reference_relu_derivative(z):
    """1 where z > 0, else 0 (the value at exactly 0 is a convention)."""
    return (np.asarray(z, dtype=np.float64) > 0).astype(np.float64)


# z = 0 is left out: the derivative is undefined there and either 0 or 1 is a fine convention.
_Z_RELU = np.array([[-3.0, -0.5, 0.25, 4.0], [2.5, -1e-3, 1e-3, -7.0]])


def _check_relu_derivative(relu_derivative):
    got = relu_derivative(_Z_RELU.copy())
    expected = reference_relu_derivative(_Z_RELU)
    if got is not None:
        arr = np.asarray(got, dtype=np.float64)
        if arr.shape == expected.shape and np.allclose(arr, np.maximum(_Z_RELU, 0.0)):
            return ("you returned ReLU(z) itself; the derivative is the slope: 1 where z > 0 "
                    "and 0 where z < 0")
        if arr.shape == expected.shape and np.allclose(arr, 1.0 - expected):
            return "the derivative is 1 for positive z and 0 for negative z; yours is the other way round"
    return compare(got, expected, "relu_derivative(z)")


q2 = Question(
    "q2",
    check=_check_relu_derivative,
    hint=("ReLU is the line z for z > 0 (slope 1) and the constant 0 for z < 0 (slope 0). A "
          "comparison like z > 0 gives True/False; .astype(float) turns it into 1.0/0.0."),
    solution="def relu_derivative(z):\n    return (np.asarray(z) > 0).astype(float)",
    success="Where a ReLU's input is negative no gradient flows through it: a 'dead' unit.",
    reference=reference_relu_derivative,
)


# ------------------------------------------------------------------------ q3: softmax of a batch
def reference_softmax(Z):
    """Row-wise softmax of logits Z (n_samples, n_classes), stable for large logits."""
    Z = np.asarray(Z, dtype=np.float64)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


_Z_SOFTMAX_SMALL = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [2.0, -1.0, 0.5], [-1.0, 4.0, 0.0]])
_Z_SOFTMAX_LARGE = np.array([[1000.0, 1001.0, 1002.0], [-1000.0, -999.0, -1001.0], [5.0, 0.0, -5.0],
                             [800.0, 0.0, -800.0]])


def _check_softmax(softmax):
    got = softmax(_Z_SOFTMAX_SMALL.copy())
    expected = reference_softmax(_Z_SOFTMAX_SMALL)
    if got is not None:
        arr = np.asarray(got, dtype=np.float64)
        if arr.shape == expected.shape and np.allclose(arr.sum(axis=0), 1.0) \
                and not np.allclose(arr.sum(axis=1), 1.0):
            return ("the columns of your result sum to 1, not the rows: softmax works along each "
                    "sample's row, so sum with axis=1 (and keepdims=True)")
    problem = compare(got, expected, "softmax of a (4, 3) batch of small logits")
    if problem:
        return problem
    got, problem = _call_quietly(softmax, _Z_SOFTMAX_LARGE, "softmax of logits like [1000, 1001, 1002]")
    if problem is None:
        problem = compare(got, reference_softmax(_Z_SOFTMAX_LARGE), "softmax of large logits")
        if problem is None:
            return None
    if "nan" in problem or "0/0" in problem or "overflowed" in problem:
        return (problem + " Fix: subtract each row's OWN maximum, Z - Z.max(axis=1, keepdims=True) "
                "(it does not change softmax); one maximum for the whole batch is not enough when "
                "rows are far apart.")
    return problem


q3 = Question(
    "q3",
    check=_check_softmax,
    hint=("exp of each logit divided by the row's sum of exps. Work on the whole batch: "
          "E = np.exp(Z - Z.max(axis=1, keepdims=True)), then E / E.sum(axis=1, keepdims=True). "
          "keepdims keeps the (n, 1) shape so the division broadcasts along each row."),
    solution=("def softmax(Z):\n"
              "    Z = np.asarray(Z, dtype=float)\n"
              "    E = np.exp(Z - Z.max(axis=1, keepdims=True))   # largest exponent is 0\n"
              "    return E / E.sum(axis=1, keepdims=True)"),
    success="Each row is now a probability distribution over the classes, even for huge logits.",
    reference=reference_softmax,
)


# ------------------------------------------------------------------------ q4: output activations
TASKS = ("house price in euros", "spam or not spam", "which digit 0-9")
_ANSWERS = {"house price in euros": "linear", "spam or not spam": "sigmoid", "which digit 0-9": "softmax"}
_SYNONYMS = {"identity": "linear", "none": "linear", "logistic": "sigmoid"}
_WHY = {
    "house price in euros": ("a price can be any size, so the output must not be squashed: "
                             "use 'linear' (the weighted sum itself)"),
    "spam or not spam": ("two classes need one probability P(spam) between 0 and 1: use 'sigmoid' on "
                         "one output"),
    "which digit 0-9": ("ten classes need ten probabilities that sum to 1: use 'softmax' over ten "
                        "outputs"),
}


def _check_outputs(answer):
    if not isinstance(answer, dict):
        return f"answer should be a dict from task to activation name; got {type(answer).__name__}"
    if all(value is None for value in answer.values()):
        raise NotImplementedError
    missing = [task for task in TASKS if task not in answer]
    if missing:
        return f"the dict is missing the task {missing[0]!r}; keep the three keys as given"
    for task in TASKS:
        value = answer[task]
        if value is None:
            return f"you left {task!r} as None"
        name = _SYNONYMS.get(str(value).lower(), str(value).lower())
        if name not in activations.ACTIVATIONS:
            return f"{task!r}: {value!r} is not an activation name; choose from {activations.names()}"
        if name != _ANSWERS[task]:
            return f"{task!r}: not {value!r}. {_WHY[task]}"
    return None


q4 = Question(
    "q4",
    check=_check_outputs,
    hint=("Ask what the output must look like: any real number? one probability? several "
          "probabilities that add up to 1? Then look at each activation's output range."),
    solution=("answer = {\n"
              "    \"house price in euros\": \"linear\",   # any real number\n"
              "    \"spam or not spam\": \"sigmoid\",      # one probability in (0, 1)\n"
              "    \"which digit 0-9\": \"softmax\",       # ten probabilities summing to 1\n"
              "}"),
    success="The output activation follows from what the prediction has to be.",
)
