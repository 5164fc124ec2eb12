"""Checkers of notebook 06: the references pass, typical mistakes get a message that names them."""

import numpy as np
import pytest

from nn_course.exercises import nb06


def placeholder(*args):
    raise NotImplementedError  # your code here


def verdict(question, answer):
    return question.verdict(answer)


@pytest.mark.parametrize("question", [nb06.q1, nb06.q2, nb06.q3])
def test_placeholders_are_not_attempted(question):
    assert verdict(question, placeholder) == ("not attempted", "not attempted yet")
    assert verdict(question, None)[0] == "not attempted"


def test_references_are_correct():
    assert verdict(nb06.q1, nb06.reference_layer_forward)[0] == "correct"
    assert verdict(nb06.q2, nb06.reference_predict_class)[0] == "correct"
    assert verdict(nb06.q3, nb06.reference_network_forward)[0] == "correct"


@pytest.mark.parametrize("answer, message", [
    (lambda X, W, b: 1 / (1 + np.exp(-(X @ W))), "bias"),                      # forgot the bias
    (lambda X, W, b: X @ W + b, "apply the sigmoid"),                           # forgot the activation
    (lambda X, W, b: 1 / (1 + np.exp(-(W.T @ X.T + b[:, None]))), "transposed"),  # columns as samples
    (lambda X, W, b: 1 / (1 + np.exp(X @ W + b)), "values differ"),             # sign inside exp
])
def test_q1_mistakes(answer, message):
    status, text = verdict(nb06.q1, answer)
    assert status == "wrong"
    assert message in text


@pytest.mark.parametrize("answer, message", [
    (lambda P: np.argmax(P, axis=0), "axis=1"),        # down the columns
    (lambda P: P.max(axis=1), "index"),                # the probability, not the class
    (lambda P: np.argmin(P, axis=1), "values differ"),  # smallest instead of largest
    (lambda P: np.argmax(P), "expected shape"),         # flattened argmax
])
def test_q2_mistakes(answer, message):
    status, text = verdict(nb06.q2, answer)
    assert status == "wrong"
    assert message in text


def _softmax(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def _softmax_columns(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


@pytest.mark.parametrize("answer, message", [
    (lambda X, W1, b1, W2, b2: np.tanh(X @ W1 + b1) @ W2 + b2, "softmax"),           # logits
    (lambda X, W1, b1, W2, b2: np.exp(np.tanh(X @ W1 + b1) @ W2 + b2), "sum to 1"),   # not normalised
    (lambda X, W1, b1, W2, b2: _softmax(np.tanh(X @ W1) @ W2), "values differ"),      # forgot biases
    (lambda X, W1, b1, W2, b2: _softmax_columns(np.tanh(X @ W1 + b1) @ W2 + b2), "sum to 1"),  # axis=0
    (lambda X, W1, b1, W2, b2: _softmax(np.tanh(X @ W1 + b1)), "expected shape"),     # stopped a layer early
])
def test_q3_mistakes(answer, message):
    status, text = verdict(nb06.q3, answer)
    assert status == "wrong"
    assert message in text


def test_code_that_crashes_is_reported():
    status, text = verdict(nb06.q1, lambda X, W, b: X @ W.T)
    assert status == "wrong" and "ValueError" in text
