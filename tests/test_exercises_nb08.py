"""Checkers of notebook 08: references pass; the likely slips are named."""

import math

import numpy as np
import pytest

from nn_course.autodiff import Value
from nn_course.exercises import nb08


def placeholder(*args):
    raise NotImplementedError  # your code here


QUESTIONS = [nb08.q4, nb08.q5, nb08.q6, nb08.q1, nb08.q2, nb08.q3]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_placeholders_are_not_attempted(question):
    assert question.verdict(placeholder) == ("not attempted", "not attempted yet")


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_solutions_pass_their_checkers(question):
    assert question.verdict(question.reference)[0] == "correct"
    assert question.verdict(question.solution_answer())[0] == "correct"


def _a(x, w, b):
    return np.tanh(w * x + b)


@pytest.mark.parametrize("answer, message", [
    (lambda x, w, b, y: (2 * (_a(x, w, b) - y) * x, 2 * (_a(x, w, b) - y)), "1 - a**2"),
    (lambda x, w, b, y: ((_a(x, w, b) - y) * (1 - _a(x, w, b) ** 2) * x,
                         (_a(x, w, b) - y) * (1 - _a(x, w, b) ** 2)), "factor 2"),
    (lambda x, w, b, y: (2 * (y - _a(x, w, b)) * (1 - _a(x, w, b) ** 2) * x,
                         2 * (y - _a(x, w, b)) * (1 - _a(x, w, b) ** 2)), "wrong sign"),
    (lambda x, w, b, y: (2 * (_a(x, w, b) - y) * (1 - _a(x, w, b) ** 2),) * 2, "dz/dw = x"),
    (lambda x, w, b, y: 0.0, "two numbers"),
])
def test_q4_mistakes(answer, message):
    status, text = nb08.q4.verdict(answer)
    assert status == "wrong" and message in text


@pytest.mark.parametrize("answer, message", [
    (lambda P, Y, W2, A1: ((P - Y) / len(P)) @ W2.T, "f' is missing"),
    (lambda P, Y, W2, A1: ((P - Y) / len(P)) @ W2 * (1 - A1 ** 2), "wrong transpose"),
    (lambda P, Y, W2, A1: ((P - Y) @ W2.T) * (1 - A1 ** 2), "forgot the batch mean"),
    (lambda P, Y, W2, A1: (((P - Y) / len(P)) @ W2.T * (1 - A1 ** 2)).sum(axis=0), "axis 0"),
    (lambda P, Y, W2, A1: (((P - Y) / len(P))[:, None, :] * W2[None]).sum(axis=1) * (1 - A1 ** 2),
     "wrong axis"),
    (lambda P, Y, W2, A1: ((P - Y) / len(P)) @ W2.T * A1 * (1 - A1), "sigmoid"),
    (lambda P, Y, W2, A1: ((Y - P) / len(P)) @ W2.T * (1 - A1 ** 2), "wrong sign"),
])
def test_q5_names_each_slip(answer, message):
    status, text = nb08.q5.verdict(answer)
    assert status == "wrong" and message in text, text


def test_q6_mistakes():
    def uphill(w, lr, steps):
        w = np.array(w, dtype=float)
        for _ in range(steps):
            w = w + lr * np.array([2 * (w[0] - 1), 8 * (w[1] + 2)])
        return w

    def half_slopes(w, lr, steps):
        w = np.array(w, dtype=float)
        for _ in range(steps):
            w = w - lr * np.array([w[0] - 1, 4 * (w[1] + 2)])
        return w

    def no_shift(w, lr, steps):
        w = np.array(w, dtype=float)
        for _ in range(steps):
            w = w - lr * np.array([2 * w[0], 8 * w[1]])
        return w

    assert "uphill" in nb08.q6.verdict(uphill)[1]
    assert "power rule" in nb08.q6.verdict(half_slopes)[1]
    assert "(1, -2)" in nb08.q6.verdict(no_shift)[1]
    assert "one step" in nb08.q6.verdict(lambda w, lr, steps: nb08.reference_descend(w, lr, 1))[1]


def test_q6_reference_reaches_the_minimum():
    np.testing.assert_allclose(nb08.reference_descend([3.0, 0.0], 0.1, 200), [1.0, -2.0], atol=1e-9)

def _mul_without_plus_equals(a, b):
    out = Value(a.data * b.data, (a, b), "*")

    def _backward():
        a.grad = b.data * out.grad
        b.grad = a.data * out.grad
    out._backward = _backward
    return out


def _mul_without_out_grad(a, b):
    out = Value(a.data * b.data, (a, b), "*")

    def _backward():
        a.grad += b.data
        b.grad += a.data
    out._backward = _backward
    return out


@pytest.mark.parametrize("answer, message", [
    (_mul_without_plus_equals, "use +="),
    (_mul_without_out_grad, "out.grad"),
    (lambda a, b: Value(a.data * b.data), "remember its inputs"),
    (lambda a, b: a.data * b.data, "new Value"),
])
def test_q1_mistakes(answer, message):
    status, text = nb08.q1.verdict(answer)
    assert status == "wrong" and message in text, text


def test_q2_wrong_derivative_is_caught():
    def sigmoid_slope(a):
        t = math.tanh(a.data)
        out = Value(t, (a,), "tanh")

        def _backward():
            a.grad += t * (1 - t) * out.grad
        out._backward = _backward
        return out
    assert nb08.q2.verdict(sigmoid_slope)[0] == "wrong"


def _backward_forgetting_the_seed(root):
    order = []

    def visit(v):
        if v not in order:
            for c in v._prev:
                visit(c)
            order.append(v)
    visit(root)
    for v in reversed(order):
        v._backward()


def _backward_in_the_wrong_order(root):
    order = []

    def visit(v):
        if v not in order:
            for c in v._prev:
                visit(c)
            order.append(v)
    visit(root)
    root.grad = 1.0
    for v in order:  # inputs first: gradients are passed on before they arrive
        v._backward()


@pytest.mark.parametrize("answer, message", [
    (_backward_forgetting_the_seed, "start at 1"),
    (_backward_in_the_wrong_order, "walk the list backwards"),
])
def test_q3_mistakes(answer, message):
    status, text = nb08.q3.verdict(answer)
    assert status == "wrong" and message in text, text
