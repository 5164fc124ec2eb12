"""Exercises of notebook 07_loss_functions: three losses, written so they never give inf or nan.

* ``q1`` ``mse(y_pred, y)``: mean squared error of two arrays of the same shape.
* ``q2`` ``bce_from_logits(z, y)``: binary cross-entropy of ``sigmoid(z)`` against 0/1 labels,
  computed from the logits ``z`` so that ``z = +-1000`` still gives a finite number.
* ``q3`` ``categorical_cross_entropy(P, y)``: from probabilities ``P`` (n, k) and integer labels
  ``y`` (n,), where other classes' probabilities may be exactly 0.

Checked on hidden cases against ``nn_course.losses``.

>>> q2.verdict(reference_bce_from_logits)
('correct', 'correct!')
"""

from __future__ import annotations

import warnings

import numpy as np

from .. import losses
from ._core import Question, compare

__all__ = ["q1", "q2", "q3", "reference_mse", "reference_bce_from_logits",
           "reference_categorical_cross_entropy"]


# --------------------------------------------------------------------------- references
def reference_mse(y_pred, y):
    """``mean((y_pred - y)^2)`` over every entry."""
    return float(np.mean((np.asarray(y_pred) - np.asarray(y)) ** 2))


def reference_bce_from_logits(z, y):
    """``mean(log(1 + e^z) - y z)``: binary cross-entropy of ``sigmoid(z)``, stable for any z."""
    z, y = np.asarray(z, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def reference_categorical_cross_entropy(P, y):
    """``-mean(log P[i, y_i])``: only the true class's probability matters."""
    P, y = np.asarray(P, dtype=np.float64), np.asarray(y)
    return float(-np.mean(np.log(P[np.arange(len(y)), y])))


def _quietly(func, *args):
    # A naive formula may warn (overflow, log of 0); the verdict explains it, so no warning shows.
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return func(*args)


def _scalar(got, what):
    if got is None:
        return None, f"{what} returned None: did you forget a `return`?"
    if np.ndim(got) != 0:
        return None, (f"{what} should return one number (the mean over the samples); got an array of "
                      f"shape {np.shape(got)}")
    return float(got), None


# --------------------------------------------------------------------------- checks
def _check_q1(func):
    rng = np.random.default_rng(71)
    mse = losses.get("mse")
    for shape in ((6,), (4, 1), (5, 3)):
        y_pred, y = rng.normal(size=shape), rng.normal(size=shape)
        got, problem = _scalar(_quietly(func, y_pred.copy(), y.copy()), "mse")
        if problem:
            return problem
        expected = mse(y_pred, y)
        if np.isclose(got, np.sum((y_pred - y) ** 2)) and not np.isclose(got, expected):
            return "you summed the squared errors; the mean squared error divides by their number (np.mean)"
        if np.isclose(got, np.sqrt(expected)):
            return "that is the root of the mean squared error (RMSE): leave out the square root"
        if np.isclose(got, np.mean(np.abs(y_pred - y))):
            return "that is the mean absolute error: square the differences instead of taking abs"
        problem = compare(got, expected, f"mse on arrays of shape {shape}")
        if problem:
            return problem
    return None


def _check_q2(func):
    bce = losses.get("binary_cross_entropy")
    rng = np.random.default_rng(72)
    cases = [(rng.normal(size=6) * 2, rng.integers(0, 2, size=6).astype(float)),
             (np.array([3.0, -2.0, 0.0]), np.array([1.0, 0.0, 1.0])),
             (np.array([1000.0, -1000.0, 40.0, -40.0]), np.array([0.0, 1.0, 1.0, 0.0])),
             (np.array([800.0, -800.0]), np.array([1.0, 0.0]))]
    for z, y in cases:
        got, problem = _scalar(_quietly(func, z.copy(), y.copy()), "bce_from_logits")
        if problem:
            return problem
        expected = bce.from_logits(z[:, None], y)
        if not np.isfinite(got):
            return (f"bce_from_logits(z={np.round(z, 1).tolist()}, ...) gave {got}: exp or log overflowed. "
                    "Use log(1 + e^z) - y z with np.logaddexp(0, z), which is finite for every z")
        problem = compare(got, expected, f"bce_from_logits(z={np.round(z, 2).tolist()}, y={y.tolist()})",
                          rtol=1e-6, atol=1e-9)
        if problem:
            return problem
    return None


def _check_q3(func):
    ce = losses.get("cross_entropy")
    rng = np.random.default_rng(73)
    P1 = rng.dirichlet(np.ones(3), size=5)
    y1 = rng.integers(0, 3, size=5)
    # Confident and right: the other classes' probabilities are exactly 0.
    P2 = np.array([[1.0, 0.0, 0.0], [0.0, 0.7, 0.3], [0.2, 0.0, 0.8]])
    y2 = np.array([0, 1, 2])
    P3 = rng.dirichlet(np.ones(4), size=2)
    y3 = np.array([3, 1])
    for P, y in ((P1, y1), (P2, y2), (P3, y3)):
        raw = _quietly(func, P.copy(), y.copy())
        if raw is not None and np.ndim(raw) == 2:
            return ("got a matrix: P[:, y] picks whole columns. Use P[np.arange(n), y] to pick "
                    "one entry per row, the true class's probability")
        got, problem = _scalar(raw, "categorical_cross_entropy")
        if problem:
            return problem
        expected = ce(P, y)
        if not np.isfinite(got):
            return (f"got {got} on probabilities containing exact zeros: 0 * log(0) is nan. Take the log of "
                    "the true class's probability only, P[np.arange(n), y]")
        if np.isclose(got, expected * len(y)) and len(y) > 1:
            return "you summed over the samples; the loss is the mean over the samples"
        problem = compare(got, expected, f"categorical_cross_entropy(P of shape {P.shape}, y={y.tolist()})")
        if problem:
            return problem
    return None


q1 = Question(
    "q1",
    check=_check_q1,
    hint="Subtract, square, then average over every entry: np.mean((y_pred - y) ** 2).",
    solution="def mse(y_pred, y):\n    return np.mean((y_pred - y) ** 2)",
    success="MSE punishes big errors much more than small ones (the square).",
    reference=reference_mse,
)

q2 = Question(
    "q2",
    check=_check_q2,
    hint=("With p = sigmoid(z), -[y log p + (1 - y) log(1 - p)] simplifies to log(1 + e^z) - y z. "
          "np.logaddexp(0, z) computes log(e^0 + e^z) without overflow."),
    solution="def bce_from_logits(z, y):\n    return np.mean(np.logaddexp(0, z) - y * z)",
    success="Computing from logits is exact and stable; it is what the package and Keras do.",
    reference=reference_bce_from_logits,
)

q3 = Question(
    "q3",
    check=_check_q3,
    hint=("Only the true class counts: p_true = P[np.arange(len(y)), y] picks one probability per row; "
          "the loss is -np.mean(np.log(p_true))."),
    solution=("def categorical_cross_entropy(P, y):\n"
              "    p_true = P[np.arange(len(y)), y]\n"
              "    return -np.mean(np.log(p_true))"),
    success="Cross-entropy only asks: how much probability did the network give the right answer?",
    reference=reference_categorical_cross_entropy,
)
