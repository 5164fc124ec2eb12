"""Exercises of 02_perceptron: solutions pass, typical mistakes get the right message."""

from __future__ import annotations

import numpy as np
import pytest

from nn_course import Perceptron, datasets
from nn_course.exercises import nb02 as ex
from nn_course.exercises.quiz import Choice


@pytest.fixture(autouse=True)
def _progress_file(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_COURSE_PROGRESS", str(tmp_path / "progress.json"))


def wrong(question, answer):
    status, message = question.verdict(answer)
    assert status == "wrong", message
    return message


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3], ids=lambda q: q.name)
def test_solutions_pass_their_own_checker(question):
    assert question.verdict(question.solution_answer()) == ("correct", "correct!")


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3], ids=lambda q: q.name)
def test_hints_are_words_with_two_levels(question):
    assert len(question.hints) == 2
    solution_lines = {" ".join(line.split()) for line in question.solution_text().splitlines()
                      if "=" in line and not line.lstrip().startswith("#")}
    for hint in question.hints:
        assert not any(line in " ".join(hint.split()) for line in solution_lines)
        assert "=" not in hint and "np." not in hint


def test_placeholders_are_not_attempted():
    assert ex.q1.verdict((None, None))[0] == "not attempted"
    assert ex.q2.verdict((None, None))[0] == "not attempted"
    assert ex.q3.verdict(dict.fromkeys(ex.Q3_GATES))[0] == "not attempted"


def test_q1_accepts_any_nor_line_and_names_the_gate_it_got():
    assert ex.q1.verdict(([-2.0, -3.0], 1.0))[0] == "correct"
    assert "computes OR, the exact opposite" in wrong(ex.q1, ([1.0, 1.0], -0.5))
    assert "computes AND" in wrong(ex.q1, ([1.0, 1.0], -1.5))
    assert "outputs 1 for every input" in wrong(ex.q1, ([0.0, 0.0], 0.0))
    assert "on inputs [(1, 0), (1, 1)]" in wrong(ex.q1, ([1.0, -1.0], 0.5))
    assert "a pair (w, b)" in wrong(ex.q1, [1.0, 2.0, 3.0])


def test_q1_solution_really_computes_nor_with_the_package():
    w, b = ex.q1.solution_answer()
    X, y = datasets.logic_gate("nor")
    p = Perceptron(n_inputs=2)
    p.weights, p.bias = np.array(w), b
    assert p.predict(X).tolist() == y.tolist()


def test_q2_mistakes():
    s = ex.Q2_SETUP
    w0, b0, lr, x = np.array(s["w"]), s["b"], s["learning_rate"], np.array(s["x"])
    assert "unchanged" in wrong(ex.q2, (w0, b0))
    assert "wrong way" in wrong(ex.q2, (w0 + lr * x, b0 + lr))
    assert "learning rate" in wrong(ex.q2, (w0 - x, b0 - 1.0))
    assert "bias is updated too" in wrong(ex.q2, (w0 - lr * x, b0))
    assert "values differ" in wrong(ex.q2, (w0 - lr * x, b0 + lr))
    assert "pair" in wrong(ex.q2, [0.1, 0.2, 0.3])


def test_q2_success_message_says_what_the_update_did():
    """The line moves toward the point: its z moves from the wrong sign to the right one."""
    w_new, b_new = ex.q2_reference()
    s = ex.Q2_SETUP
    z_before = np.dot(s["w"], s["x"]) + s["b"]
    z_after = np.dot(w_new, s["x"]) + b_new
    assert z_before >= 0 and s["y"] == 0 and z_after < 0
    assert f"from {z_before:g} to {z_after:g}" in ex.q2._success
    assert "toward" in ex.q2._success and "away from" not in ex.q2._success


def test_q3_mistakes():
    right = ex.q3_reference()
    assert "XNOR: no single line" in wrong(ex.q3, {**right, "XNOR": True})
    assert "x2 only: it is linearly separable" in wrong(ex.q3, {**right, "x2 only": False})
    assert "no entry for ['x1 OR NOT x2']" in wrong(
        ex.q3, {k: v for k, v in right.items() if k != "x1 OR NOT x2"})
    assert "True or False" in wrong(ex.q3, {**right, "XNOR": "no"})
    assert "give a dict" in wrong(ex.q3, [True, False, True, True])


def test_q3_asks_about_gates_the_notebook_has_not_classified():
    named = {"AND", "OR", "NAND", "NOR", "XOR"}
    assert not named & set(ex.Q3_GATES)
    X, _ = datasets.logic_gate("and")
    for outputs in ex.Q3_GATES.values():
        assert all(outputs != list(datasets.logic_gate(g.lower())[1]) for g in named)
        assert len(outputs) == len(X)


@pytest.mark.parametrize("gate,expected", [("x1 AND NOT x2", True), ("x2 only", True),
                                           ("x1 OR NOT x2", True), ("XNOR", False)])
def test_q3_reference_comes_from_the_perceptron(gate, expected):
    assert ex.q3_reference()[gate] is expected


def test_check_prints_a_verdict(capsys):
    ex.q1.check((None, None))
    assert "not attempted yet" in capsys.readouterr().out
    ex.q1.check(([-1.0, -1.0], 0.5))
    assert "✔ q1: correct!" in capsys.readouterr().out


def test_predictions_match_the_lab():
    """p2: the lab's first step on AND from zero updates the bias only, to -1."""
    from nn_course.widgets import perceptron_lab

    lab = perceptron_lab("AND")
    lab.controls["reset"].click()
    lab.controls["step"].click()
    assert lab.perceptron.n_updates == 1
    assert lab.perceptron.weights.tolist() == [0.0, 0.0] and lab.controls["b"].value == -1.0
    assert ex.p2.right == "b" and ex.p1.right == "a"


def test_quiz_explains_every_wrong_option_and_has_the_right_numbers():
    assert 3 <= len(ex.quiz) <= 5
    for item in ex.quiz.items:
        if isinstance(item, Choice):
            assert all(item.why.get(k, "").strip() for k in item.options if k != item.right)
    assert ex.quiz.items[3].right == (2 / 0.5) ** 2
    for number, item in enumerate(ex.quiz.items, start=1):
        assert ex.quiz.mark(number, item.right)[0] is True
