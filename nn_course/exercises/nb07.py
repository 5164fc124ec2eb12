"""Exercises of notebook 07_loss_functions: three losses, written so they never give inf or nan.

* ``q1`` ``mse(y_pred, y)``: mean squared error of two arrays of the same shape.
* ``q2`` ``bce_from_logits(z, y)``: binary cross-entropy of ``sigmoid(z)`` against 0/1 labels,
  computed from the logits ``z`` so that ``z = +-1000`` still gives a finite number.
* ``q3`` ``categorical_cross_entropy(P, y)``: from probabilities ``P`` (n, k) and integer labels
  ``y`` (n,), where other classes' probabilities may be exactly 0.
* ``q4`` ``output_delta(Z, Y)``: derive, then compute, ``dL/dZ`` for ``k`` sigmoid outputs whose
  binary cross-entropy is averaged over all ``n * k`` entries: ``(sigmoid(Z) - Y) / (n k)``.

Checked on hidden cases against ``nn_course.losses``.

>>> q2.verdict(reference_bce_from_logits)
('correct', 'correct!')
"""

from __future__ import annotations

import warnings

import numpy as np

from .. import losses
from ._core import Question, compare
from .predict import Predict
from .quiz import Choice, Numeric, Quiz

__all__ = ["q1", "q2", "q3", "q4", "p1", "quiz", "reference_mse", "reference_bce_from_logits",
           "reference_categorical_cross_entropy", "reference_output_delta"]


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


def reference_output_delta(Z, Y):
    """``dL/dZ = (sigmoid(Z) - Y) / (n k)`` for a binary cross-entropy averaged over every entry."""
    P = 1 / (1 + np.exp(-Z))
    n, k = Z.shape
    return (P - Y) / (n * k)


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


def _check_q4(func):
    rng = np.random.default_rng(74)
    for n, k in ((4, 3), (2, 5), (1, 2)):
        Z, Y = rng.normal(size=(n, k)) * 2, rng.integers(0, 2, size=(n, k)).astype(float)
        got = _quietly(func, Z.copy(), Y.copy())
        if got is None:
            return "output_delta returned None: did you forget a `return`?"
        got = np.asarray(got, dtype=np.float64)
        expected = reference_output_delta(Z, Y)
        problem = compare(got, expected, f"dL/dZ for Z of shape {(n, k)}")
        if not problem:
            continue
        P = 1 / (1 + np.exp(-Z))
        slips = [((P - Y) / n, "you divided by n only: the mean runs over all n * k entries, so "
                               "each one carries a factor 1/(n k)"),
                 ((P - Y) / k, "you divided by k only: the mean runs over all n * k entries"),
                 (P - Y, "each term of a mean carries the factor 1/(n k): the slope of one term is "
                         "p - y, the mean scales it"),
                 ((Z - Y) / (n * k), "use the probability sigmoid(Z), not the logit Z itself"),
                 ((Y - P) / (n * k), "wrong sign: the slope of log(1 + e^z) - y z is p - y")]
        for wrong, message in slips:
            if got.shape == wrong.shape and np.allclose(got, wrong) and not np.allclose(wrong, expected):
                return message
        return problem
    return None


q1 = Question(
    "q1",
    check=_check_q1,
    hints=("Three operations, in order: the difference of the two arrays, squaring, then an "
           "average.",
           "The average runs over every entry (NumPy's mean of the whole array), so the result is "
           "one number, not one per sample."),
    reference=reference_mse,
    answer_name="mse",
    success="MSE punishes big errors much more than small ones (the square).",
)

q2 = Question(
    "q2",
    check=_check_q2,
    hints=("Never compute p: section 5 rewrote the loss in terms of z alone, in four lines.",
           "The result has a log(1 + e^z) term. NumPy has a function that computes the log of a "
           "sum of two exponentials without overflow, and 1 is e to the power 0."),
    reference=reference_bce_from_logits,
    answer_name="bce_from_logits",
    success="Computing from logits is exact and stable; it is what the package and Keras do.",
)

q3 = Question(
    "q3",
    check=_check_q3,
    hints=("Only the true class's probability counts for each sample: pick one entry per row, "
           "and never take the log of the others.",
           "Index P with two arrays at once, the row numbers and the labels; then average minus "
           "the log of what you picked."),
    reference=reference_categorical_cross_entropy,
    answer_name="categorical_cross_entropy",
    success="Cross-entropy only asks: how much probability did the network give the right answer?",
)

q4 = Question(
    "q4",
    check=_check_q4,
    hints=("Each logit appears in exactly one term of the double sum. The slope of that term is "
           "the one-sample result of section 5; the constant in front of the sums stays.",
           "The answer has the shape of Z: each entry is the sigmoid of its logit minus its "
           "target, "
           "divided by the number of entries the mean runs over (samples and outputs together)."),
    reference=reference_output_delta,
    answer_name="output_delta",
    success="Derive, then compute: every output delta in the course is built this way.",
)

p1 = Predict(
    "p1",
    "Far from the answer (the curve the wrong way round, the sigmoid saturated), which loss "
    "surface will be flatter around your dot?",
    choices={"a": "mean squared error", "b": "cross-entropy", "c": "both equally steep"},
    answer="a",
    why={"b": "Cross-entropy's slope with respect to z is p - y, largest exactly when the network "
              "is confidently wrong.",
         "c": "Their slopes differ by the factor p(1 - p) (section 6), tiny when the sigmoid "
              "is saturated."},
    reveal="MSE: its slope carries the sigmoid's slope p(1 - p), almost 0 where the neuron is "
           "saturated, so the surface is a plateau. Cross-entropy keeps the slope p - y there.",
)

quiz = Quiz("quiz", [
    Choice("For a softmax output with cross-entropy, dL/dz of one sample is ...",
           {"a": "p - y", "b": "(p - y) p (1 - p)", "c": "-log p_y"},
           answer="a",
           why={"a": "The log-sum-exp route of section 5: -y_m from the linear part, p_m from the "
                     "log of the sum.",
                "b": "That extra factor is what MSE through a sigmoid picks up; with cross-entropy "
                     "the activation's slope cancels.",
                "c": "That is the loss itself, not its slope."}),
    Numeric("A batch has 4 samples and 3 classes. Sample 1 has p = (0.2, 0.5, 0.3) and its true "
            "class is the second. What is dL/dz for sample 1's second logit?", answer=-0.125,
            tolerance=1e-3,
            why="(p - y) / n for that entry: (0.5 - 1) / 4 = -0.125."),
    Choice("A sigmoid output says p = 0.01 for a sample of class 1. Which loss gives the larger "
           "correction to z?",
           {"a": "binary cross-entropy", "b": "MSE on p", "c": "both the same"},
           answer="a",
           why={"b": "Its slope 2(p - y) p(1 - p) carries p(1 - p), about 0.01 here: a whisper.",
                "c": "The two slopes differ by the factor 2 p(1 - p)."}),
    Choice("Why is the loss the mean over the batch rather than the sum?",
           {"a": "so the size of the gradient, and a good learning rate, do not depend on the "
                 "batch size",
            "b": "a sum would point the gradient in a different direction",
            "c": "the logarithm needs numbers below 1"},
           answer="a",
           why={"b": "A sum gives the same direction, n times longer: the mean only rescales it.",
                "c": "The mean is taken after the logarithm; it has nothing to do with its domain."}),
])
