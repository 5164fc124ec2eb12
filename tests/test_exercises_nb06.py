"""Checkers of notebook 06: the solutions pass, typical mistakes fail with the right message."""

from __future__ import annotations

import numpy as np
import pytest

from nn_course.exercises import nb06 as ex


@pytest.fixture(autouse=True)
def _progress_file(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_COURSE_PROGRESS", str(tmp_path / "progress.json"))


def placeholder(*args):
    raise NotImplementedError  # your code here


def _softmax(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3])
def test_placeholders_are_not_attempted(question):
    assert question.verdict(placeholder)[0] == "not attempted"
    assert question.verdict(None)[0] == "not attempted"


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3])
def test_solutions_pass_their_checker(question):
    namespace = {"np": np}
    exec(question.solution_text(), namespace)
    assert question.verdict(namespace[question.answer_name])[0] == "correct"


def test_q1_other_correct_forms_pass():
    assert (
        ex.q1.verdict(lambda X, W_t, b: 1 / (1 + np.exp(-(np.einsum("ni,oi->no", X, W_t) + b))))[0]
        == "correct"
    )


@pytest.mark.parametrize(
    "answer, message",
    [
        (
            lambda X, W_t, b: 1 / (1 + np.exp(-(X @ W_t + b))),
            "turned round",
        ),  # forgot the transpose
        (lambda X, W_t, b: X @ W_t.T + b, "weighted sums"),  # forgot the sigmoid
        (lambda X, W_t, b: 1 / (1 + np.exp(-(X @ W_t.T))), "bias"),
        (lambda X, W_t, b: 1 / (1 + np.exp(X @ W_t.T + b)), "wrong sign|values differ"),
    ],
)
def test_q1_mistakes(answer, message):
    status, text = ex.q1.verdict(answer)
    assert status == "wrong"
    assert any(part in text for part in message.split("|"))


@pytest.mark.parametrize(
    "answer, message",
    [
        (lambda p: np.argmax(p, axis=1), "argmax over a single column"),
        (lambda p: (p[:, 0] > 0.5).astype(int), "with >="),
        (lambda p: (p >= 0.5).astype(int), "take the single column"),
        (lambda p: p[:, 0], "0 or 1"),
        (lambda p: None, "return"),
    ],
)
def test_q2_mistakes(answer, message):
    status, text = ex.q2.verdict(answer)
    assert status == "wrong"
    assert message in text


def _relu_everywhere(X, layers):
    A = X
    for W, b in layers:
        A = np.maximum(0.0, A @ W + b)
    return _softmax(A)


def _logits(X, layers):
    A = X
    for W, b in layers[:-1]:
        A = np.maximum(0.0, A @ W + b)
    return A @ layers[-1][0] + layers[-1][1]


def _two_layers_only(X, layers):
    (W1, b1), (W2, b2) = layers[0], layers[-1]
    return _softmax(np.maximum(0.0, X @ W1 + b1) @ W2 + b2)


@pytest.mark.parametrize(
    "answer, message",
    [
        (_logits, "logits"),
        (_relu_everywhere, "output layer too"),
        (lambda X, layers: np.exp(_logits(X, layers)), "sum to 1"),
        (_two_layers_only, "raised"),  # only the first and last layer
    ],
)
def test_q3_mistakes(answer, message):
    status, text = ex.q3.verdict(answer)
    assert status == "wrong"
    assert any(part in text for part in message.split("|"))


def test_code_that_crashes_is_reported():
    status, text = ex.q3.verdict(lambda X, layers: X @ layers)
    assert status == "wrong" and "raised" in text


def test_prediction_matches_the_network():
    from nn_course.widgets.feedforward_stepper import example_network

    p = example_network().forward(np.array([[-2.0, 0.5]]))[0]
    assert ex.p1.right == "b" and p[1] > p[0]
