"""Checkers of notebook 08: references pass; missing chain factors, transposes and sign errors are named."""

import numpy as np
import pytest

from nn_course.exercises import nb08


def placeholder(*args):
    raise NotImplementedError  # your code here


@pytest.mark.parametrize("question", [nb08.q1, nb08.q2, nb08.q3])
def test_placeholders_are_not_attempted(question):
    assert question.verdict(placeholder) == ("not attempted", "not attempted yet")


def test_references_are_correct():
    assert nb08.q1.verdict(nb08.reference_neuron_gradients)[0] == "correct"
    assert nb08.q2.verdict(nb08.reference_dense_backward)[0] == "correct"
    assert nb08.q3.verdict(nb08.reference_gradient_descent_step)[0] == "correct"


def _a(x, w, b):
    return np.tanh(w * x + b)


@pytest.mark.parametrize("answer, message", [
    (lambda x, w, b, y: (2 * (_a(x, w, b) - y) * x, 2 * (_a(x, w, b) - y)), "1 - a**2"),
    (lambda x, w, b, y: ((_a(x, w, b) - y) * (1 - _a(x, w, b) ** 2) * x,
                         (_a(x, w, b) - y) * (1 - _a(x, w, b) ** 2)), "factor 2"),
    (lambda x, w, b, y: (2 * (y - _a(x, w, b)) * (1 - _a(x, w, b) ** 2) * x,
                         2 * (y - _a(x, w, b)) * (1 - _a(x, w, b) ** 2)), "wrong sign"),
    (lambda x, w, b, y: (2 * (_a(x, w, b) - y) * (1 - _a(x, w, b) ** 2),) * 2, "dz/dw = x"),
    (lambda x, w, b, y: (2 * (_a(x, w, b) - y) * _a(x, w, b) * (1 - _a(x, w, b)) * x,
                         2 * (_a(x, w, b) - y) * _a(x, w, b) * (1 - _a(x, w, b))), "sigmoid's derivative"),
    (lambda x, w, b, y: 0.0, "two numbers"),
])
def test_q1_mistakes(answer, message):
    status, text = nb08.q1.verdict(answer)
    assert status == "wrong" and message in text


def _delta(grad_a, a):
    return grad_a * a * (1 - a)


@pytest.mark.parametrize("answer, message", [
    (lambda X, W, b, z, a, g: (_delta(g, a).T @ X, _delta(g, a).sum(0), _delta(g, a) @ W.T), "transposed"),
    (lambda X, W, b, z, a, g: (X.T @ g, g.sum(0), g @ W.T), "skips the activation"),
    (lambda X, W, b, z, a, g: (X.T @ _delta(g, a), _delta(g, a).mean(0), _delta(g, a) @ W.T), "sum"),
    (lambda X, W, b, z, a, g: (X.T @ _delta(g, a), _delta(g, a).sum(0), _delta(g, a)), "grad_X"),
    (lambda X, W, b, z, a, g: (X.T @ _delta(g, a), _delta(g, a).sum(0)), "three arrays"),
])
def test_q2_mistakes(answer, message):
    status, text = nb08.q2.verdict(answer)
    assert status == "wrong" and message in text


def in_place_without_return(w, grad, learning_rate):
    w -= learning_rate * grad


@pytest.mark.parametrize("answer, message", [
    (lambda w, g, lr: w + lr * g, "uphill"),
    (lambda w, g, lr: w - g, "learning rate"),
    (in_place_without_return, "returned None"),
    (lambda w, g, lr: w - lr, "values differ"),
])
def test_q3_mistakes(answer, message):
    status, text = nb08.q3.verdict(answer)
    assert status == "wrong" and message in text
