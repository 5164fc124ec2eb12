"""Exercises of notebook 07_loss_functions: each applies an idea of the notebook to a new case.

* ``q1`` ``mae(y_pred, y)``: the mean absolute error, a regression loss the notebook does not
  compute (it computes the mean squared error).
* ``q2`` ``bce_pm1_from_logits(z, t)``: binary cross-entropy for labels written as -1 / +1,
  from the logits, so that ``z = +-1000`` still gives a finite number.
* ``q3`` ``soft_cross_entropy(P, Q)``: categorical cross-entropy against soft targets ``Q`` (each
  row a probability distribution), where ``P`` may be exactly 0 where ``Q`` is 0.
* ``q4`` ``output_delta(Z, Y)``: derive, then compute, ``dL/dZ`` for ``k`` sigmoid outputs whose
  binary cross-entropy is averaged over all ``n * k`` entries: ``(sigmoid(Z) - Y) / (n k)``.

Checked on hidden cases against ``nn_course.losses``.

>>> q2.verdict(reference_bce_pm1_from_logits)
('correct', 'correct!')
"""

from __future__ import annotations

import warnings

import numpy as np

from .. import losses
from ._core import Question, compare
from .predict import Predict
from .quiz import Choice, Numeric, Quiz

__all__ = ["q1", "q2", "q3", "q4", "p1", "quiz", "reference_mae", "reference_bce_pm1_from_logits",
           "reference_soft_cross_entropy", "reference_output_delta"]


# --------------------------------------------------------------------------- references
def reference_mae(y_pred, y):
    """``mean(|y_pred - y|)`` over every entry."""
    return float(np.mean(np.abs(np.asarray(y_pred) - np.asarray(y))))


def reference_bce_pm1_from_logits(z, t):
    """``mean(log(1 + e^(-t z)))``: binary cross-entropy of ``sigmoid(z)``
    for labels t = -1 / +1."""
    z, t = np.asarray(z, dtype=np.float64), np.asarray(t, dtype=np.float64)
    return float(np.mean(np.logaddexp(0.0, -t * z)))


def reference_soft_cross_entropy(P, Q):
    """``-mean_i sum_c Q_ic log P_ic``, a term with ``Q_ic = 0`` counting 0
    even where ``P_ic = 0``."""
    P, Q = np.asarray(P, dtype=np.float64), np.asarray(Q, dtype=np.float64)
    logs = np.log(np.where(Q > 0, P, 1.0))  # log 1 = 0 where the target is 0
    return float(-np.mean(np.sum(Q * logs, axis=1)))


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
        return None, (f"{what} should return one number (the mean over the samples); "
                      f"got an array of shape {np.shape(got)}")
    return float(got), None


# --------------------------------------------------------------------------- checks
def _check_q1(func):
    rng = np.random.default_rng(71)
    for shape in ((6,), (4, 1), (5, 3)):
        y_pred, y = rng.normal(size=shape), rng.normal(size=shape)
        got, problem = _scalar(_quietly(func, y_pred.copy(), y.copy()), "mae")
        if problem:
            return problem
        expected = reference_mae(y_pred, y)
        if np.isclose(got, np.mean((y_pred - y) ** 2)):
            return ("that is the mean squared error: take the size of each error (abs), "
                    "not its square")
        if np.isclose(got, np.mean(y_pred - y)) or np.isclose(got, np.mean(y - y_pred)):
            return ("positive and negative errors cancel in your mean: average the size of each "
                    "error, np.abs, so every error counts")
        if np.isclose(got, np.sum(np.abs(y_pred - y))) and y.size > 1:
            return "you summed the errors' sizes; the mean absolute error divides by their number"
        problem = compare(got, expected, f"mae on arrays of shape {shape}")
        if problem:
            return problem
    return None


def _check_q2(func):
    bce = losses.get("binary_cross_entropy")
    rng = np.random.default_rng(72)
    cases = [(rng.normal(size=6) * 2, rng.choice([-1.0, 1.0], size=6)),
             (np.array([3.0, -2.0, 0.0]), np.array([1.0, -1.0, 1.0])),
             (np.array([1000.0, -1000.0, 40.0, -40.0]), np.array([-1.0, 1.0, 1.0, -1.0])),
             (np.array([800.0, -800.0]), np.array([1.0, -1.0]))]
    for z, t in cases:
        got, problem = _scalar(_quietly(func, z.copy(), t.copy()), "bce_pm1_from_logits")
        if problem:
            return problem
        expected = bce.from_logits(z[:, None], (t + 1) / 2)
        what = f"bce_pm1_from_logits(z={np.round(z, 2).tolist()}, t={t.tolist()})"
        if not np.isfinite(got):
            return (f"{what} gave {got}: exp or log overflowed. Compute from the logit with "
                    "np.logaddexp, never through p")
        if np.isclose(got, np.mean(np.logaddexp(0, z) - t * z)) and not np.isclose(got, expected):
            return ("you used the -1 / +1 label as if it were the 0/1 label y of section 5; "
                    "a label -1 means y = 0")
        problem = compare(got, expected, what, rtol=1e-6, atol=1e-9)
        if problem:
            return problem
    return None


def _check_q3(func):
    ce = losses.get("cross_entropy")
    rng = np.random.default_rng(73)
    P1, Q1 = rng.dirichlet(np.ones(3), size=5), rng.dirichlet(np.ones(3), size=5)
    # Soft targets with zeros; P is exactly 0 only where the target is 0.
    P2 = np.array([[0.8, 0.2, 0.0], [0.0, 0.7, 0.3], [0.2, 0.0, 0.8]])
    Q2 = np.array([[0.9, 0.1, 0.0], [0.0, 0.5, 0.5], [0.25, 0.0, 0.75]])
    labels = rng.integers(0, 4, size=3)  # one-hot rows: the categorical cross-entropy
    P3, Q3 = rng.dirichlet(np.ones(4), size=3), np.eye(4)[labels]
    for P, Q in ((P1, Q1), (P2, Q2), (P3, Q3)):
        raw = _quietly(func, P.copy(), Q.copy())
        if raw is not None and np.ndim(raw) == 1:
            return ("got one number per sample: the loss is the mean over the samples of each "
                    "sample's sum over the classes")
        got, problem = _scalar(raw, "soft_cross_entropy")
        if problem:
            return problem
        expected = reference_soft_cross_entropy(P, Q)
        what = f"soft_cross_entropy(P of shape {P.shape}, Q={np.round(Q, 2).tolist()})"
        if not np.isfinite(got):
            return (f"{what} gave {got}: where P is 0 the target is 0 too, and 0 * log(0) is nan "
                    "in NumPy. Such a term counts 0: never take the log of those entries")
        if np.isclose(got, expected / P.shape[1]):
            return ("you averaged over the classes too: sum over the classes, then average over "
                    "the samples")
        if np.isclose(got, expected * len(P)):
            return "you summed over the samples; the loss is the mean over the samples"
        problem = compare(got, expected, what)
        if problem:
            return problem
    labels = np.array([0, 2, 1])
    P = rng.dirichlet(np.ones(3), size=3)
    if not np.isclose(_quietly(func, P, np.eye(3)[labels]), ce(P, labels)):
        return "with one-hot targets the result should equal the categorical cross-entropy"
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
            if (got.shape == wrong.shape and np.allclose(got, wrong)
                    and not np.allclose(wrong, expected)):
                return message
        return problem
    return None


q1 = Question(
    "q1",
    check=_check_q1,
    hints=("Like the mean squared error, but every error counts by its size, not by its square: "
           "an error of -2 and one of +2 cost the same.",
           "NumPy has a function for the size (absolute value) of every entry; average those over "
           "every entry, so the result is one number."),
    reference=reference_mae,
    answer_name="mae",
    success="MAE grows in proportion to an error; MSE's square punishes big errors much harder.",
)

q2 = Question(
    "q2",
    check=_check_q2,
    hints=("A label -1 / +1 is the same information as a label 0 / 1. Either translate the label, "
           "or write section 5's stable form of the loss (in terms of the logit) for y = 1 and for "
           "y = 0 and compare the two.",
           "Which simple arithmetic sends -1 to 0 and +1 to 1? After that, section 8's stable form "
           "applies unchanged: never compute p."),
    reference=reference_bce_pm1_from_logits,
    answer_name="bce_pm1_from_logits",
    success="Both label conventions give the same loss; computing from logits keeps it finite.",
)

q3 = Question(
    "q3",
    check=_check_q3,
    hints=("Write out the double sum of section 4 with Q in place of the one-hot y. A term whose "
           "target is 0 contributes 0 whatever P is, but NumPy computes 0 * log(0) as nan.",
           "Before taking the log, replace P by 1 wherever the target is 0 (log 1 = 0, so those "
           "terms vanish); then sum over the classes of each row and average over the rows."),
    reference=reference_soft_cross_entropy,
    answer_name="soft_cross_entropy",
    success="With one-hot targets this is section 4's cross-entropy; soft targets are used for "
            "label smoothing and for data whose labellers disagree.",
)

q4 = Question(
    "q4",
    check=_check_q4,
    hints=("Each logit appears in exactly one term of the double sum. The slope of that term is "
           "the one-sample result of section 5; the constant in front of the sums stays.",
           "Do the smallest case by hand: with one sample and one output the double sum has a "
           "single term, and section 5 gives its slope. With more entries each logit still sits in "
           "one term; ask what the factor in front of the sums does to that slope."),
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
           {"a": "(p - y) p (1 - p)", "b": "p - y", "c": "-log p_y"},
           answer="b",
           why={"a": "That extra factor is what MSE through a sigmoid picks up; with cross-entropy "
                     "the activation's slope cancels.",
                "b": "The log-sum-exp route of section 5: -y_m from the linear part, p_m from the "
                     "log of the sum.",
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
           {"a": "the logarithm needs numbers below 1",
            "b": "a sum would point the gradient in a different direction",
            "c": "so the size of the gradient, and a good learning rate, do not depend on the "
                 "batch size"},
           answer="c",
           why={"b": "A sum gives the same direction, n times longer: the mean only rescales it.",
                "a": ("The mean is taken after the logarithm; "
                      "it has nothing to do with its domain.")}),
])
