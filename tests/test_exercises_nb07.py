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
    (lambda y_pred, y: np.sum((y_pred - y) ** 2), "summed"),
    (lambda y_pred, y: np.sqrt(np.mean((y_pred - y) ** 2)), "RMSE"),
    (lambda y_pred, y: np.mean(np.abs(y_pred - y)), "absolute"),
    (lambda y_pred, y: (y_pred - y) ** 2, "one number"),
])
def test_q1_mistakes(answer, message):
    status, text = nb07.q1.verdict(answer)
    assert status == "wrong" and message in text


def naive_bce(z, y):
    p = 1 / (1 + np.exp(-z))
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def clipped_bce(z, y):
    p = np.clip(1 / (1 + np.exp(-z)), 1e-7, 1 - 1e-7)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


@pytest.mark.parametrize("answer, message", [
    (naive_bce, "overflowed"),                                            # log(0) -> inf
    (clipped_bce, "values differ"),                                       # finite but wrong far out
    (lambda z, y: -np.mean(np.logaddexp(0, z) - y * z), "wrong sign"),
    (lambda z, y: np.sum(np.logaddexp(0, z) - y * z), "values differ"),  # sum instead of mean
])
def test_q2_mistakes(answer, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the checker keeps the learner's warnings off the screen
        status, text = nb07.q2.verdict(answer)
    assert status == "wrong" and message in text


def one_hot_ce(P, y):
    Y = np.eye(P.shape[1])[y]
    return -np.mean(np.sum(Y * np.log(P), axis=1))


@pytest.mark.parametrize("answer, message", [
    (one_hot_ce, "nan"),                                                        # 0 * log(0)
    (lambda P, y: -np.sum(np.log(P[np.arange(len(y)), y])), "summed"),
    (lambda P, y: np.mean(np.log(P[np.arange(len(y)), y])), "wrong sign"),
    (lambda P, y: -np.log(P[:, y]), "P[:, y]"),
])
def test_q3_mistakes(answer, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        status, text = nb07.q3.verdict(answer)
    assert status == "wrong" and message in text
