"""Checkers of notebook 05: the references pass, typical mistakes fail with the right message."""

from __future__ import annotations

import numpy as np
import pytest

from nn_course import Network
from nn_course.exercises import nb05 as ex


@pytest.fixture(autouse=True)
def _progress_file(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_COURSE_PROGRESS", str(tmp_path / "progress.json"))


def placeholder(sizes):
    raise NotImplementedError  # your code here


def test_placeholders_are_not_attempted():
    assert ex.q1.verdict(placeholder) == ("not attempted", "not attempted yet")
    assert ex.q2.verdict(None)[0] == "not attempted"
    assert ex.q2.verdict((None, None))[0] == "not attempted"
    assert ex.q3.verdict(dict.fromkeys(ex.NAMES))[0] == "not attempted"


# ----------------------------------------------------------------- q1 parameter count
def test_q1_reference_passes():
    assert ex.q1.verdict(ex.q1.reference)[0] == "correct"


@pytest.mark.parametrize(
    "wrong, message",
    [
        (lambda s: sum(a * b for a, b in zip(s[:-1], s[1:])), "only the weights"),
        (lambda s: sum(a * b + a for a, b in zip(s[:-1], s[1:])), "one bias per INPUT"),
        (lambda s: sum(a * b for a, b in zip(s[:-1], s[1:])) + sum(s), "input layer biases"),
        (lambda s: sum(a * b + b for a, b in zip(s[:-2], s[1:-1])), "left out the output layer"),
        (lambda s: sum(s), "counted neurons"),
        (lambda s: None, "return"),
        (lambda s: 42, "expected"),
    ],
)
def test_q1_typical_mistakes_fail(wrong, message):
    status, text = ex.q1.verdict(wrong)
    assert status == "wrong"
    assert message in text


# ----------------------------------------------------------------- q2 shapes
def test_q2_reference_passes():
    assert ex.q2.verdict(((128, 64), (64,)))[0] == "correct"
    assert ex.q2.verdict([[128, 64], [64]])[0] == "correct"
    assert ex.q2.verdict(((128, 64), 64))[0] == "correct"


@pytest.mark.parametrize(
    "answer, message",
    [
        (((64, 128), (64,)), "transposed"),
        (((128, 64), (128,)), "one bias per neuron"),
        (((784, 128), (128,)), "another layer"),
        (((128, 64), (1, 64)), "1-D array"),
        (((128, 64),), "pair"),
    ],
)
def test_q2_typical_mistakes_fail(answer, message):
    status, text = ex.q2.verdict(answer)
    assert status == "wrong"
    assert message in text


# ----------------------------------------------------------------- q3 parameters vs hyperparameters
def test_q3_reference_passes():
    assert ex.q3.verdict(dict(ex.NAMES))[0] == "correct"
    assert ex.q3.verdict({k: v.upper() for k, v in ex.NAMES.items()})[0] == "correct"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"learning_rate=0.05": "parameter"}, "does not change it"),
        ({"the 9 shared weights of a convolutional layer": "hyperparameter"}, "only shared"),
        (
            {"the weights of a recurrent layer's loop-back connections": "hyperparameter"},
            "carries a weight",
        ),
        (
            {"how many neighbours a convolutional neuron reads": "parameter"},
            "chosen before training",
        ),
        ({"48, the width of the hidden layer": "parameter"}, "fixed before training"),
        ({"batch_size=16": "weight"}, "write 'parameter' or 'hyperparameter'"),
        ({"net.layers[0].W[2, 5], one weight after training": None}, "left"),
    ],
)
def test_q3_typical_mistakes_fail(change, message):
    status, text = ex.q3.verdict({**ex.NAMES, **change})
    assert status == "wrong"
    assert message in text


def test_q3_missing_key_is_named():
    answer = dict(ex.NAMES)
    del answer["batch_size=16"]
    assert "missing 'batch_size=16'" in ex.q3.verdict(answer)[1]


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3])
def test_solutions_pass_their_checker(question):
    namespace = {"np": np}
    exec(question.solution_text(), namespace)
    assert question.verdict(namespace[question.answer_name])[0] == "correct"


def test_prediction_is_the_package_count():
    assert ex.p1.number == Network.from_sizes([64, 32, 10], rng=0).n_parameters()


def test_the_quiz_answers_follow_from_the_notebook():
    # marking right and wrong answers is checked for every quiz in test_exercises_rules.py
    assert ex.quiz.items[0].right == Network.from_sizes([3, 5, 2], rng=0).n_parameters()
