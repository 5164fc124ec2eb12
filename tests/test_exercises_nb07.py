"""Checkers of notebook 07: references pass; sum-vs-mean, unstable logs, wrong picks are named."""

import warnings

import numpy as np
import pytest

from nn_course.exercises import nb07


def placeholder(*args):
    raise NotImplementedError  # your code here


QUESTIONS = [nb07.q1, nb07.q2, nb07.q3, nb07.q4]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_placeholders_are_not_attempted(question):
    assert question.verdict(placeholder) == ("not attempted", "not attempted yet")


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_solutions_pass_their_checkers(question):
    assert question.verdict(question.reference)[0] == "correct"
    assert question.verdict(question.solution_answer())[0] == "correct"


def _sig(Z):
    return 1 / (1 + np.exp(-Z))


@pytest.mark.parametrize("answer, message", [
    (lambda Z, Y: (_sig(Z) - Y) / Z.shape[0], "divided by n only"),
    (lambda Z, Y: (_sig(Z) - Y) / Z.shape[1], "divided by k only"),
    (lambda Z, Y: _sig(Z) - Y, "1/(n k)"),
    (lambda Z, Y: (Z - Y) / Z.size, "not the logit"),
    (lambda Z, Y: (Y - _sig(Z)) / Z.size, "wrong sign"),
])
def test_q4_names_each_slip(answer, message):
    status, text = nb07.q4.verdict(answer)
    assert status == "wrong" and message in text, text


def test_derived_output_delta_matches_finite_differences():
    """The reference is the slope of the multi-label loss, measured by central differences."""
    rng = np.random.default_rng(0)
    Z, Y = rng.normal(size=(3, 2)), rng.integers(0, 2, size=(3, 2)).astype(float)

    def loss(Z):
        return np.mean(np.logaddexp(0, Z) - Y * Z)
    h, numeric = 1e-6, np.zeros_like(Z)
    for idx in np.ndindex(Z.shape):
        up, down = Z.copy(), Z.copy()
        up[idx] += h
        down[idx] -= h
        numeric[idx] = (loss(up) - loss(down)) / (2 * h)
    np.testing.assert_allclose(nb07.reference_output_delta(Z, Y), numeric, atol=1e-9)


@pytest.mark.parametrize("answer, message", [
    (lambda y_pred, y: np.mean((y_pred - y) ** 2), "mean squared error"),
    (lambda y_pred, y: np.mean(y_pred - y), "cancel"),
    (lambda y_pred, y: np.sum(np.abs(y_pred - y)), "summed"),
    (lambda y_pred, y: np.abs(y_pred - y), "one number"),
])
def test_q1_mistakes(answer, message):
    status, text = nb07.q1.verdict(answer)
    assert status == "wrong" and message in text, text


def naive_bce_pm1(z, t):
    p, y = 1 / (1 + np.exp(-z)), (t + 1) / 2
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


@pytest.mark.parametrize("answer, message", [
    (naive_bce_pm1, "overflowed"),                                          # log(0) -> inf
    (lambda z, t: np.mean(np.logaddexp(0, z) - t * z), "label -1 means y = 0"),
    (lambda z, t: -np.mean(np.logaddexp(0, -t * z)), "wrong sign"),
    (lambda z, t: np.sum(np.logaddexp(0, -t * z)), "values differ"),      # sum instead of mean
])
def test_q2_mistakes(answer, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the checker keeps the learner's warnings off the screen
        status, text = nb07.q2.verdict(answer)
    assert status == "wrong" and message in text, text


def test_q2_translating_the_labels_is_right_too():
    def via_01(z, t):
        return np.mean(np.logaddexp(0, z) - (t + 1) / 2 * z)
    assert nb07.q2.verdict(via_01)[0] == "correct"


@pytest.mark.parametrize("answer, message", [
    (lambda P, Q: -np.mean(np.sum(Q * np.log(P), axis=1)), "nan"),         # 0 * log(0)
    (lambda P, Q: -np.mean(Q * np.log(np.where(Q > 0, P, 1))), "averaged over the classes"),
    (lambda P, Q: -np.sum(Q * np.log(np.where(Q > 0, P, 1))), "summed"),
    (lambda P, Q: -np.sum(Q * np.log(np.where(Q > 0, P, 1)), axis=1), "one number per sample"),
    (lambda P, Q: np.mean(np.sum(Q * np.log(np.where(Q > 0, P, 1)), axis=1)), "wrong sign"),
])
def test_q3_mistakes(answer, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        status, text = nb07.q3.verdict(answer)
    assert status == "wrong" and message in text, text


def test_q3_reference_is_categorical_cross_entropy_for_one_hot_targets():
    from nn_course import losses
    P = np.array([[0.7, 0.2, 0.1], [0.1, 0.6, 0.3]])
    assert np.isclose(nb07.reference_soft_cross_entropy(P, np.eye(3)[[0, 1]]),
                      losses.get("cross_entropy")(P, np.array([0, 1])))
