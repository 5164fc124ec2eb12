"""Checkers of notebook 04: the references pass, typical mistakes fail with the right message."""

from __future__ import annotations

import numpy as np
import pytest

from nn_course.exercises import nb04 as ex


def placeholder(z):
    raise NotImplementedError  # your code here


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3])
def test_placeholder_function_is_not_attempted(question):
    assert question.verdict(placeholder) == ("not attempted", "not attempted yet")
    assert question.verdict(None)[0] == "not attempted"


# ----------------------------------------------------------------- q1 sigmoid
def test_q1_reference_and_tanh_form_pass():
    assert ex.q1.verdict(ex.q1.reference)[0] == "correct"
    assert ex.q1.verdict(lambda z: 0.5 * (1 + np.tanh(np.asarray(z) / 2)))[0] == "correct"


@pytest.mark.parametrize("wrong, message", [
    (lambda z: 1 / (1 + np.exp(-z)), "overflowed"),                     # naive: exp(1000)
    (lambda z: np.exp(z) / (1 + np.exp(z)), "overflowed"),               # the other naive form
    (lambda z: 1 / (1 + np.exp(z)), "sign inside exp"),                   # sigmoid(-z)
    (lambda z: 1 / (1 + np.exp(-np.clip(z, -30, 30))) * 0 + 0.5, "values differ"),
    (lambda z: float(1 / (1 + np.exp(-z[0]))), "shape"),                  # one number, not an array
])
def test_q1_typical_mistakes_fail(wrong, message):
    status, text = ex.q1.verdict(wrong)
    assert status == "wrong"
    assert message in text


# ----------------------------------------------------------------- q2 ReLU derivative
def test_q2_reference_and_ge_convention_pass():
    assert ex.q2.verdict(ex.q2.reference)[0] == "correct"
    assert ex.q2.verdict(lambda z: np.asarray(z) >= 0)[0] == "correct"  # booleans, other convention at 0


@pytest.mark.parametrize("wrong, message", [
    (lambda z: np.maximum(z, 0), "ReLU(z) itself"),
    (lambda z: (np.asarray(z) < 0).astype(float), "other way round"),
    (lambda z: np.ones_like(z), "values differ"),
    (lambda z: 1.0, "shape"),
    (lambda z: None, "return"),
])
def test_q2_typical_mistakes_fail(wrong, message):
    status, text = ex.q2.verdict(wrong)
    assert status == "wrong"
    assert message in text


# ----------------------------------------------------------------- q3 softmax
def test_q3_reference_passes():
    assert ex.q3.verdict(ex.q3.reference)[0] == "correct"


def _naive(Z):
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


def _columns(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def _global_max(Z):
    E = np.exp(Z - Z.max())
    return E / E.sum(axis=1, keepdims=True)


def _no_keepdims(Z):
    E = np.exp(Z - Z.max(axis=1))
    return E / E.sum(axis=1)


def _whole_batch(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum()


@pytest.mark.parametrize("wrong, message", [
    (_naive, "subtract each row's OWN maximum"),
    (_columns, "columns of your result sum to 1"),
    (_global_max, "one maximum for the whole batch"),
    (_no_keepdims, "ValueError"),
    (_whole_batch, "values differ"),
])
def test_q3_typical_mistakes_fail(wrong, message):
    status, text = ex.q3.verdict(wrong)
    assert status == "wrong"
    assert message in text


# ----------------------------------------------------------------- q4 output activations
def test_q4_reference_and_synonyms_pass():
    right = {"house price in euros": "linear", "spam or not spam": "sigmoid", "which digit 0-9": "softmax"}
    assert ex.q4.verdict(right)[0] == "correct"
    assert ex.q4.verdict({**right, "house price in euros": "Identity", "spam or not spam": "logistic"})[0] == "correct"


def test_q4_placeholder_is_not_attempted():
    assert ex.q4.verdict(dict.fromkeys(ex.TASKS))[0] == "not attempted"


@pytest.mark.parametrize("change, message", [
    ({"house price in euros": "sigmoid"}, "must not be squashed"),
    ({"spam or not spam": "softmax"}, "one probability"),
    ({"which digit 0-9": "sigmoid"}, "sum to 1"),
    ({"which digit 0-9": "relu6"}, "not an activation name"),
    ({"spam or not spam": None}, "left"),
])
def test_q4_typical_mistakes_fail(change, message):
    right = {"house price in euros": "linear", "spam or not spam": "sigmoid", "which digit 0-9": "softmax"}
    status, text = ex.q4.verdict({**right, **change})
    assert status == "wrong"
    assert message in text
