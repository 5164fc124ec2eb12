"""Checkers of notebook 07: references pass; sum-vs-mean, unstable logs and wrong picks are named."""

import warnings

import numpy as np
import pytest

from nn_course.exercises import nb07


def placeholder(*args):
    raise NotImplementedError  # your code here


@pytest.mark.parametrize("question", [nb07.q1, nb07.q2, nb07.q3])
def test_placeholders_are_not_attempted(question):
    assert question.verdict(placeholder) == ("not attempted", "not attempted yet")


def test_references_are_correct():
    assert nb07.q1.verdict(nb07.reference_mse)[0] == "correct"
    assert nb07.q2.verdict(nb07.reference_bce_from_logits)[0] == "correct"
    assert nb07.q3.verdict(nb07.reference_categorical_cross_entropy)[0] == "correct"


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
