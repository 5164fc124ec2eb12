"""Checkers of notebook 04: the references pass, typical mistakes fail with the right message."""

from __future__ import annotations

import numpy as np
import pytest

from nn_course.exercises import nb04 as ex


@pytest.fixture(autouse=True)
def _progress_file(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_COURSE_PROGRESS", str(tmp_path / "progress.json"))


def placeholder(z, alpha=0.01):
    raise NotImplementedError  # your code here


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3])
def test_placeholder_function_is_not_attempted(question):
    assert question.verdict(placeholder) == ("not attempted", "not attempted yet")
    assert question.verdict(None)[0] == "not attempted"


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3])
def test_function_solutions_pass(question):
    namespace = {"np": np}
    exec(question.solution_text(), namespace)
    assert question.verdict(namespace[question.answer_name])[0] == "correct"


# ----------------------------------------------------------------- q1 softplus
def test_q1_other_stable_form_passes():
    assert ex.q1.verdict(lambda z: np.logaddexp(0.0, z))[0] == "correct"


@pytest.mark.parametrize(
    "wrong, message",
    [
        (lambda z: np.log(1 + np.exp(z)), "overflowed"),  # the naive formula
        (lambda z: np.maximum(z, 0), "correction term"),  # ReLU
        (lambda z: np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) * 0.5, "values differ"),
        (lambda z: float(np.logaddexp(0.0, z[0])), "shape"),  # one number, not an array
    ],
)
def test_q1_typical_mistakes_fail(wrong, message):
    status, text = ex.q1.verdict(wrong)
    assert status == "wrong"
    assert message in text


# ----------------------------------------------------------------- q2 leaky ReLU derivative
def test_q2_ge_convention_passes():
    assert (
        ex.q2.verdict(lambda z, alpha=0.01: np.where(np.asarray(z) >= 0, 1.0, alpha))[0]
        == "correct"
    )


@pytest.mark.parametrize(
    "wrong, message",
    [
        (lambda z, alpha=0.01: np.where(z > 0, z, alpha * z), "leaky ReLU itself"),
        (lambda z, alpha=0.01: (np.asarray(z) > 0).astype(float), "ReLU's slope"),
        (lambda z, alpha=0.01: np.where(z > 0, 1.0, 0.01), "use the alpha"),
        (lambda z, alpha=0.01: np.where(z > 0, alpha, 1.0), "other way round"),
        (lambda z, alpha=0.01: 1.0, "shape"),
        (lambda z, alpha=0.01: None, "return"),
    ],
)
def test_q2_typical_mistakes_fail(wrong, message):
    status, text = ex.q2.verdict(wrong)
    assert status == "wrong"
    assert message in text


# ----------------------------------------------------------------- q3 log-softmax
def _softmax(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def test_q3_reference_is_log_of_softmax_and_finite():
    Z = np.array([[1000.0, 0.0, -1000.0], [1.0, 2.0, 3.0]])
    out = ex.q3.reference(Z)
    assert np.all(np.isfinite(out))
    assert np.allclose(np.exp(out), _softmax(Z))
    assert out[0, 2] == pytest.approx(-2000.0)


@pytest.mark.parametrize(
    "wrong, message",
    [
        (lambda Z: np.log(_softmax(Z)), "log of 0"),  # log after the fact
        (_softmax, "probabilities themselves"),
        (lambda Z: Z - np.log(np.exp(Z).sum(axis=0, keepdims=True)), "columns"),
        (lambda Z: Z - np.log(np.exp(Z).sum(axis=1, keepdims=True)), "overflowed"),  # no shift
        (lambda Z: Z - Z.max(axis=1, keepdims=True), "values differ"),  # forgot the sum
    ],
)
def test_q3_typical_mistakes_fail(wrong, message):
    status, text = ex.q3.verdict(wrong)
    assert status == "wrong"
    assert message in text


# ----------------------------------------------------------------- q4 output activations
def test_q4_solution_and_synonyms_pass():
    namespace = {"np": np}
    exec(ex.q4.solution_text(), namespace)
    assert ex.q4.verdict(namespace["answer"])[0] == "correct"
    answer = {task: name.upper() for task, name in ex.TASKS.items()}
    answer["tomorrow's temperature in °C (1 output)"] = "identity"
    assert ex.q4.verdict(answer)[0] == "correct"


def test_q4_placeholder_is_not_attempted():
    assert ex.q4.verdict({task: None for task in ex.TASKS})[0] == "not attempted"


@pytest.mark.parametrize(
    "task, value, message",
    [
        ("does an X-ray show a fracture? (1 output)", "softmax", "always exactly 1"),
        (
            "which of 20 tags fit a photo, any number of them (20 outputs)",
            "softmax",
            "several tags",
        ),
        ("tomorrow's temperature in °C (1 output)", "relu", "any real number"),
        ("which of 5 dog breeds is in a photo (5 outputs)", "sigmoid", "sum to 1"),
        ("tomorrow's temperature in °C (1 output)", "quadratic", "not an activation name"),
    ],
)
def test_q4_typical_mistakes_fail(task, value, message):
    answer = dict(ex.TASKS)
    answer[task] = value
    status, text = ex.q4.verdict(answer)
    assert status == "wrong"
    assert message in text


def test_predictions_explain_every_wrong_choice():
    for p in (ex.p1, ex.p2):
        assert set(p.why) == set(p.choices) - {p.right}
