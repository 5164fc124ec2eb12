"""The exercise framework: ``compare`` messages, ``Question`` verdicts and graded help,
``Predict`` and ``Quiz`` (code and widget forms) and the progress file.

Every notebook's exercises are built on these pieces, so their messages are pinned here:
a learner reads them, and the notebooks' stored outputs (under nbval) depend on them being
deterministic.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest
from exercise_helpers import check_quiz_answer, lock_prediction, placeholder

from nn_course.exercises import (Choice, Numeric, Predict, ProgressWarning, Question, Quiz, compare,
                                 progress, progress_widget)
from nn_course.exercises import _progress
from nn_course.exercises._core import NOT_ATTEMPTED


# ----------------------------------------------------------------------------- compare
class TestCompare:
    def test_match_returns_none(self):
        assert compare(0.5, 0.5) is None
        assert compare([1.0, 2.0], np.array([1.0, 2.0])) is None
        assert compare(np.zeros((2, 3)), np.zeros((2, 3)), "W") is None
        assert compare(1.0 + 1e-9, 1.0) is None, "within the default tolerance"
        assert compare(np.array([1, 2]), [1.0, 2.0]) is None, "ints compare equal to floats"

    def test_none_means_a_forgotten_return(self):
        assert compare(None, [1.0], "sigmoid(0)") == (
            "sigmoid(0) is None: did you forget a `return`?")

    def test_default_name(self):
        assert compare(None, 1.0) == "your answer is None: did you forget a `return`?"

    def test_not_a_number(self):
        assert compare("abc", 1.0, "z") == "z should be a number or a NumPy array; got str"
        assert compare({"a": 1}, 1.0, "z") == "z should be a number or a NumPy array; got dict"
        assert compare([[1.0], [1.0, 2.0]], [1.0], "z") == (
            "z should be a number or a NumPy array; got list")

    def test_wrong_shape(self):
        msg = compare(np.ones((2, 3)), np.ones(5), "A")
        assert msg == "A: expected shape (5,), got (2, 3)"

    def test_transposed(self):
        msg = compare(np.ones((4, 3)), np.ones((3, 4)), "W")
        assert msg == ("W: expected shape (3, 4), got (4, 3) "
                       "(it looks transposed: check the order in the matrix product)")

    def test_transposed_only_for_matrices(self):
        msg = compare(np.ones((3, 4, 5)), np.ones((5, 4, 3)), "T")
        assert msg == "T: expected shape (5, 4, 3), got (3, 4, 5)"
        assert "transposed" not in msg

    def test_same_numbers_wrong_shape(self):
        msg = compare(np.ones((1, 3)), np.ones(3), "b")
        assert msg == ("b: expected shape (3,), got (1, 3) "
                       "(same numbers, wrong shape: check keepdims or reshape)")
        msg = compare(np.ones(3), np.ones((3, 1)), "y")
        assert "same numbers, wrong shape" in msg

    def test_nan_with_index(self):
        msg = compare([1.0, np.nan], [1.0, 2.0], "sigmoid(z)")
        assert msg == ("sigmoid(z) contains nan or inf at index (1,) "
                       "where a finite number was expected: "
                       "use a numerically stable formula (for example avoid exp of a large number)")

    def test_inf_in_a_matrix_and_a_scalar(self):
        msg = compare([[0.0, 1.0], [np.inf, 0.0]], np.zeros((2, 2)), "A")
        assert msg.startswith(
            "A contains nan or inf at index (1, 0) where a finite number was expected")
        msg = compare(float("nan"), 1.0, "loss")
        assert msg.startswith("loss contains nan or inf where a finite number was expected")

    def test_inf_expected_is_fine(self):
        assert compare([np.inf, 1.0], [np.inf, 1.0]) is None

    def test_wrong_sign(self):
        assert compare([1.0, -2.0], [-1.0, 2.0], "z") == (
            "z: has the wrong sign (every value is the negative of the expected one)")
        assert compare(-0.25, 0.25, "dL/dw") == (
            "dL/dw: has the wrong sign (every value is the negative of the expected one)")

    def test_value_difference_names_the_largest(self):
        msg = compare([1.0, 2.0, 3.5], [1.0, 2.1, 3.0], "a")
        assert msg == "a: values differ at index (2,): expected 3, got 3.5"

    def test_value_difference_in_a_matrix(self):
        got = np.array([[1.0, -1.0], [0.0, 0.0]])
        assert compare(got, np.ones((2, 2)) * [1.0, 1.0], "W") == (
            "W: values differ at index (0, 1): expected 1, got -1")

    def test_value_difference_of_scalars(self):
        assert compare(2.0, 1.0, "x") == "x: values differ: expected 1, got 2"

    def test_tolerances(self):
        assert compare(1.001, 1.0, rtol=1e-2) is None
        assert compare(1.001, 1.0) is not None
        assert compare(1e-9, 0.0) is None, "atol lets tiny values pass as zero"


# ----------------------------------------------------------------------------- Question
def reference_sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-np.abs(z))),
                    np.exp(-np.abs(z)) / (1.0 + np.exp(-np.abs(z))))


def _check_sigmoid(f):
    problem = compare(f(np.array([0.0])), np.array([0.5]), "sigmoid([0])")
    if problem:
        return problem
    with np.errstate(over="ignore"):
        return compare(f(np.array([-1000.0, 1000.0])), np.array([0.0, 1.0]),
                       "sigmoid([-1000, 1000])")


def make_question(**kwargs):
    options = dict(name="q1", check=_check_sigmoid, hint="Use np.exp.",
                   solution="def sigmoid(z): ...",
                   success="Now you can squash any number into (0, 1).",
                   reference=reference_sigmoid)
    options.update(kwargs)
    return Question(**options)


def unstable_sigmoid(z):
    """exp(z) / (exp(z) + 1): inf / inf = nan for large z."""
    with np.errstate(over="ignore", invalid="ignore"):
        return np.exp(z) / (np.exp(z) + 1.0)


class TestQuestion:
    def test_reference_is_correct(self):
        assert make_question().verdict(reference_sigmoid) == ("correct", "correct!")

    @pytest.mark.parametrize("answer", [None, Ellipsis, placeholder])
    def test_placeholders_are_not_attempted(self, answer):
        assert make_question().verdict(answer) == ("not attempted", NOT_ATTEMPTED)

    def test_wrong_answer_message_comes_from_check(self):
        status, message = make_question().verdict(lambda z: 1.0 / (1.0 + np.exp(z)))
        assert status == "wrong"
        assert message.startswith("sigmoid([-1000, 1000]): values differ")

    def test_unstable_formula_is_reported(self):
        status, message = make_question().verdict(unstable_sigmoid)
        assert status == "wrong"
        assert "contains nan or inf" in message and "numerically stable" in message

    def test_raising_learner_code(self):
        def buggy(z):
            return z.nonexistent

        status, message = make_question().verdict(buggy)
        assert status == "wrong"
        assert message == ("your code raised AttributeError: "
                           "'numpy.ndarray' object has no attribute 'nonexistent'")

    def test_returning_none(self):
        def forgot_return(z):
            1.0 / (1.0 + np.exp(-z))

        assert make_question().verdict(forgot_return) == (
            "wrong", "sigmoid([0]) is None: did you forget a `return`?")

    def test_check_prints_the_three_verdicts(self, capsys):
        q = make_question()
        q.check(reference_sigmoid)
        q.check(lambda z: -reference_sigmoid(z))
        q.check(placeholder)
        q.check(None)
        lines = capsys.readouterr().out.splitlines()
        assert lines == [
            "✔ q1: correct! Now you can squash any number into (0, 1).",
            "✘ q1: not yet. sigmoid([0]): has the wrong sign "
            "(every value is the negative of the expected one)",
            "○ q1: not attempted yet. Replace the placeholder with your answer "
            "and run the cell again (stuck? ex.q1.hint()).",
            "○ q1: not attempted yet. Replace the placeholder with your answer "
            "and run the cell again (stuck? ex.q1.hint()).",
        ]

    def test_check_is_deterministic(self, capsys):
        q = make_question()
        outputs = []
        for _ in range(2):
            for answer in (reference_sigmoid, unstable_sigmoid, placeholder, lambda z: 1 / 0):
                q.check(answer)
            outputs.append(capsys.readouterr().out)
        assert outputs[0] == outputs[1]
        assert "your code raised ZeroDivisionError: division by zero" in outputs[0]

    def test_success_sentence_is_optional(self, capsys):
        make_question(success="").check(reference_sigmoid)
        assert capsys.readouterr().out == "✔ q1: correct!\n"

    def test_value_answers(self, capsys):
        q = Question("q2", check=lambda a: compare(a, 17, "the number of parameters"),
                     hint="Count weights and biases.", solution="17")
        assert q.verdict(17) == ("correct", "correct!")
        assert q.verdict(16) == ("wrong",
                                 "the number of parameters: values differ: expected 17, got 16")
        assert q.verdict(None)[0] == "not attempted"
        q.check(16)
        assert capsys.readouterr().out == ("✘ q2: not yet. the number of parameters: "
                                           "values differ: expected 17, got 16\n")

    def test_hint_and_solution(self, capsys):
        q = make_question()
        q.hint()
        q.solution()
        assert capsys.readouterr().out == (
            "→ q1 hint: Use np.exp.\n"
            "q1 solution:\ndef sigmoid(z): ...\n")

    def test_repr(self):
        assert repr(make_question()) == "Question('q1')"


class TestUse:
    def test_passing_function_is_used(self, capsys):
        def my_sigmoid(z):
            return reference_sigmoid(z)

        assert make_question().use(my_sigmoid) is my_sigmoid
        assert capsys.readouterr().out == "Using your my_sigmoid (q1 passed).\n"

    @pytest.mark.parametrize("answer", [placeholder, unstable_sigmoid, lambda z: 1 / 0])
    def test_falls_back_to_the_reference(self, answer, capsys):
        got = make_question().use(answer)
        assert got is reference_sigmoid
        assert capsys.readouterr().out == (
            "Using the reference reference_sigmoid until your q1 passes.\n")

    def test_no_reference(self):
        q = make_question(reference=None)
        with pytest.raises(ValueError, match="q1 has no reference implementation"):
            q.use(reference_sigmoid)


# ----------------------------------------------------------------------------- graded help
def reference_double(x):
    """Twice x."""
    return 2 * x


def _check_double(f):
    return compare(f(np.arange(3.0)), np.arange(3.0) * 2, "double([0, 1, 2])")


def graded(**kwargs):
    options = dict(check=_check_double, hints=("Think about what doubling means.",
                                               "Adding a number to itself doubles it."),
                   reference=reference_double, answer_name="double", notebook="test")
    options.update(kwargs)
    return Question("q1", **options)


class TestGradedHelp:
    def test_two_hint_levels(self, capsys):
        q = graded()
        q.hint()
        q.hint(2)
        q.hint(3)
        assert capsys.readouterr().out.splitlines() == [
            "→ q1 hint 1 of 2: Think about what doubling means. (closer: ex.q1.hint(2))",
            "→ q1 hint 2 of 2: Adding a number to itself doubles it. "
            "(the answer: ex.q1.solution())",
            "→ q1: there is no hint 3; the last one is ex.q1.hint(2), "
            "the answer is ex.q1.solution().",
        ]

    @pytest.mark.parametrize("level", [0, -1, 1.5, "2", True])
    def test_bad_hint_level(self, level):
        with pytest.raises(ValueError, match="hint level must be 1 or 2"):
            graded().hint(level)

    def test_solution_is_the_reference_source_renamed(self, capsys):
        q = graded()
        q.solution()
        assert capsys.readouterr().out == ('q1 solution:\ndef double(x):\n    """Twice x."""\n'
                                           "    return 2 * x\n")
        assert q.verdict(q.solution_answer()) == ("correct", "correct!")

    def test_default_answer_name_drops_reference(self):
        assert graded(answer_name=None).answer_name == "double"

    def test_value_solution_code(self, capsys):
        q = Question("q2", check=lambda a: compare(a, 17, "count"), hints=("a", "b"),
                     solution_code="answer = 3 * 4 + 5", notebook="test")
        q.solution()
        assert capsys.readouterr().out == "q2 solution:\nanswer = 3 * 4 + 5\n"
        assert q.solution_answer() == 17

    def test_solution_code_sees_the_namespace(self):
        q = Question("q3", check=lambda a: compare(a, [2.0, 4.0]), hints=("a", "b"),
                     solution_code="answer = data * 2", namespace={"data": np.array([1.0, 2.0])},
                     notebook="test")
        assert q.verdict(q.solution_answer())[0] == "correct"

    def test_solution_must_define_the_answer(self):
        q = Question("q4", check=lambda a: None, hints=("a", "b"), solution_code="x = 1",
                     notebook="test")
        with pytest.raises(ValueError, match="does not define 'answer'"):
            q.solution_answer()

    def test_hints_are_required_and_a_tuple(self):
        with pytest.raises(TypeError, match="needs hints="):
            Question("q1", check=_check_double, reference=reference_double)
        with pytest.raises(TypeError, match="tuple of strings"):
            Question("q1", check=_check_double, hints="one string")

    def test_older_form_still_works(self):
        q = make_question()
        assert q.legacy and q.hints == ("Use np.exp.",)
        assert not graded().legacy

    def test_notebook_comes_from_the_defining_module(self):
        from nn_course.exercises._core import notebook_of

        assert notebook_of("nn_course.exercises.nb06") == "06"
        q = Question("q1", check=_check_double, hints=("a", "b"))
        assert q.notebook == "test_exercises_core"


# ----------------------------------------------------------------------------- progress fixture
@pytest.fixture
def store(tmp_path, monkeypatch):
    """A fresh progress file for one test, and a clean session memory."""
    path = tmp_path / "progress.json"
    monkeypatch.setenv("NN_COURSE_PROGRESS", str(path))
    monkeypatch.setattr(_progress, "_memory", {})
    monkeypatch.setattr(_progress, "_warned", set())
    return path


def _stored(path):
    return json.loads(path.read_text(encoding="utf-8"))["notebooks"]


# ----------------------------------------------------------------------------- help buttons
class TestHelpWidget:
    """``ex.qN.help()``: nothing shows before a click, then hint 1, hint 2, the solution."""

    HINT1, HINT2 = "Think about what doubling means.", "Adding a number to itself doubles it."

    def test_nothing_is_shown_before_a_click(self, store):
        box = graded().help()
        assert box.views["shown"].value == ""
        assert [b.description for b in box.children[1].children] == [
            "Hint", "Closer hint", "Show solution"]
        assert "Stuck on q1?" in repr(box)[:110], "a fixed title: the same saved text every run"
        assert self.HINT1 not in repr(box) and "def double" not in repr(box)
        assert not store.exists(), "nothing is recorded before a click"

    def test_buttons_reveal_hint_1_hint_2_then_the_confirmed_solution(self, store):
        box = graded().help()
        box.controls["hint1"].click()
        shown = box.views["shown"].value
        assert self.HINT1 in shown and self.HINT2 not in shown and "def double" not in shown
        box.controls["hint2"].click()
        shown = box.views["shown"].value
        assert shown.index(self.HINT1) < shown.index(self.HINT2) and "def double" not in shown
        box.controls["solution"].click()
        assert box.controls["solution"].description == "Sure? Try the hints first"
        assert "def double" not in box.views["shown"].value, "the first click only asks"
        box.controls["solution"].click()
        shown = box.views["shown"].value
        assert "def double(x):" in shown and "return 2 * x" in shown
        assert box.controls["solution"].description == "Show solution"

    def test_the_solution_alone_needs_the_confirmation_too(self, store):
        box = graded().help()
        box.controls["solution"].click()
        assert box.views["shown"].value == ""
        box.controls["solution"].click()
        assert "def double(x):" in box.views["shown"].value
        assert self.HINT1 not in box.views["shown"].value

    def test_help_is_recorded_apart_and_never_marks_the_question_done(self, store):
        q = graded()
        box = q.help()
        box.controls["hint1"].click()
        box.controls["hint1"].click()   # shown already: not counted twice
        box.controls["hint2"].click()
        assert _stored(store)["test"]["q1"] == {"hints": 2}
        box.controls["solution"].click()
        box.controls["solution"].click()
        assert _stored(store)["test"]["q1"] == {"hints": 3, "solution_seen": True}
        q.check(lambda x: x)               # a wrong attempt keeps the help count
        assert _stored(store)["test"]["q1"] == {"hints": 3, "solution_seen": True,
                                                "status": "tried", "tries": 1}

    def test_prose_wraps_between_words_and_code_anywhere(self, store):
        box = graded().help()
        box.controls["hint1"].click()
        box.controls["solution"].click()
        box.controls["solution"].click()
        shown = box.views["shown"].value
        hint_div = shown[:shown.index("</div>")]
        assert "word-break: normal" in hint_div and "anywhere" not in hint_div
        code = shown[shown.index("<pre"):]
        assert "overflow-wrap: anywhere" in code and "white-space: pre-wrap" in code

    def test_text_is_escaped(self, store):
        q = graded(hints=("Compare a < b & see.", "Then c > d, still words."))
        box = q.help()
        box.controls["hint1"].click()
        assert "a &lt; b &amp; see." in box.views["shown"].value


# ----------------------------------------------------------------------------- Predict
def make_predict(**kwargs):
    options = dict(choices={"a": "slides", "b": "turns", "c": "stays"}, answer="b",
                   why={"a": "Sliding is what the bias does.", "c": "w1 is in the slope."},
                   reveal="Doubling w1 changes the slope, so the line turns.", notebook="test")
    options.update(kwargs)
    return Predict("p1", "Double w1: what does the line do?", **options)


class TestPredict:
    def test_reveal_refuses_before_a_prediction(self, store, capsys):
        make_predict().reveal()
        assert capsys.readouterr().out == (
            "○ p1: make your prediction first (ex.p1.answer(...) or the widget), then reveal.\n")

    def test_wrong_prediction(self, store, capsys):
        p = make_predict()
        p.answer("a")
        p.reveal()
        assert capsys.readouterr().out.splitlines() == [
            "✎ p1: prediction locked in: a) slides. Now try it, then reveal what happens.",
            "✘ p1: you predicted a) slides; what happens is b) turns. Sliding is what the bias "
            "does. Doubling w1 changes the slope, so the line turns.",
        ]

    def test_right_prediction(self, store, capsys):
        p = make_predict()
        p.answer("B")
        p.reveal()
        assert capsys.readouterr().out.splitlines()[-1] == (
            "✔ p1: you predicted b) turns: that is what happens. Doubling w1 changes the slope, "
            "so the line turns.")

    def test_invalid_prediction(self, store, capsys):
        p = make_predict()
        p.answer("d")
        assert capsys.readouterr().out == "✘ p1: pick one of a, b, c; got 'd'\n"
        assert p.prediction is None

    def test_numeric_with_tolerance(self, store, capsys):
        p = Predict("p2", "How many parameters?", number=17, tolerance=1, reveal="12 + 4 + 1.",
                    notebook="test")
        p.answer("19")
        p.reveal()
        p.answer(16)
        p.reveal()
        out = capsys.readouterr().out.splitlines()
        assert out[1] == "✘ p2: you predicted 19; what happens is 17 (± 1). 12 + 4 + 1."
        assert out[3] == "✔ p2: you predicted 16: that is what happens. 12 + 4 + 1."
        p.answer("many")
        assert capsys.readouterr().out == "✘ p2: type a number (for example 17); got 'many'\n"

    @pytest.mark.parametrize("kwargs, message", [
        (dict(answer="z"), "answer must be one of"),
        (dict(choices=None, answer=None), "either choices="),
        (dict(number=3), "either choices="),
        (dict(reveal=" "), "reveal= must say"),
        (dict(why={"d": "?"}), "options that do not exist"),
        (dict(choices={"a": "only"}, answer="a"), "at least 2 choices"),
    ])
    def test_bad_definitions(self, kwargs, message):
        with pytest.raises(ValueError, match=message):
            make_predict(**kwargs)

    def test_widget_wrong_then_a_fresh_widget_right(self, store):
        p = make_predict()
        box = p.widget()
        assert repr(box).startswith("ExerciseBox(children=(HTML(value='<b>Predict (p1).</b> Double")
        assert box.controls["reveal"].disabled
        box.controls["lock"].click()
        assert "choose your prediction first" in box.views["verdict"].value
        html = lock_prediction(box, "c")
        assert "✘" in html and "you predicted c) stays; what happens is b) turns" in html
        assert "w1 is in the slope." in html
        assert box.controls["choice"].disabled and box.controls["lock"].disabled
        html = lock_prediction(p.widget(), "b")
        assert "✔" in html and "that is what happens" in html
        assert "nn-view" in box.views["verdict"]._dom_classes

    def test_numeric_widget(self, store):
        p = Predict("p2", "How many?", number=17, reveal="Count.", notebook="test")
        box = p.widget()
        box.controls["choice"].value = "x"
        box.controls["lock"].click()
        assert "type a number" in box.views["verdict"].value
        assert "✔" in lock_prediction(box, " 17 ")

    def test_predictions_are_recorded(self, store):
        p = make_predict()
        p.answer("a")
        assert _stored(store)["test"]["p1"] == {"answer": "a", "status": "answered", "tries": 1}


# ----------------------------------------------------------------------------- Quiz
def make_quiz():
    return Quiz("quiz", [
        Choice("Which squashes into (0, 1)?", {"a": "tanh", "b": "sigmoid", "c": "ReLU"},
               answer="b", why={"a": "tanh gives (-1, 1).", "b": "1 / (1 + e^-z) is in (0, 1).",
                                "c": "ReLU has no upper bound."}),
        Numeric("Weights of a 2-3-1 network (no biases)?", answer=9, why="2*3 + 3*1."),
        Choice("Is XOR linearly separable?", {"y": "yes", "n": "no"}, answer="n",
               why={"y": "No line puts (0,1) and (1,0) apart from (0,0) and (1,1)."}),
    ], notebook="test")


class TestQuiz:
    def test_every_wrong_option_must_explain_itself(self):
        with pytest.raises(ValueError, match=r"missing for \['c'\]"):
            Choice("?", {"a": "x", "b": "y", "c": "z"}, answer="a", why={"b": "no"})
        with pytest.raises(ValueError, match="needs why="):
            Numeric("?", answer=3)
        with pytest.raises(ValueError, match="answer must be one of"):
            Choice("?", {"a": "x", "b": "y"}, answer="q", why={"a": "x", "b": "y"})
        with pytest.raises(TypeError, match="Choice or Numeric"):
            Quiz("quiz", ["what?"], notebook="test")

    def test_code_form(self, store, capsys):
        quiz = make_quiz()
        quiz.answer(1, "a")
        quiz.answer(1, "b")
        quiz.answer(2, 8)
        quiz.answer(2, "9")
        quiz.answer(3, "maybe")
        assert quiz.score() == 2
        assert capsys.readouterr().out.splitlines() == [
            "✘ 1: not quite; you answered a) tanh. tanh gives (-1, 1).",
            "✔ 1: right: b) sigmoid. 1 / (1 + e^-z) is in (0, 1).",
            "✘ 2: not quite; you answered 8. 2*3 + 3*1.",
            "✔ 2: right: 9. 2*3 + 3*1.",
            "✘ 3: pick one of y, n; got 'maybe'",
            "quiz: 2 of 3 right (1 not answered yet)",
        ]

    @pytest.mark.parametrize("number", [0, 4, "1", True])
    def test_bad_question_number(self, number, store):
        with pytest.raises(ValueError, match="question number must be 1..3"):
            make_quiz().answer(number, "a")

    def test_widget(self, store):
        quiz = make_quiz()
        box = quiz.widget()
        assert repr(box).startswith("ExerciseBox(children=(HTML(value='<b>Quiz.</b> 3 questions")
        box.controls["check1"].click()
        assert "choose an answer first" in box.views["verdict1"].value
        html = check_quiz_answer(box, 1, "c")
        assert "✘" in html and "ReLU has no upper bound." in html
        assert "0 of 3 right" in box.views["score"].value
        assert "✔" in check_quiz_answer(box, 1, "b")
        assert "✔" in check_quiz_answer(box, 2, "9")
        assert "✔" in check_quiz_answer(box, 3, "n")
        assert "3 of 3 right" in box.views["score"].value

    def test_quiz_answers_are_recorded(self, store):
        quiz = make_quiz()
        quiz.answer(1, "b")
        entry = _stored(store)["test"]["quiz"]
        assert entry["status"] == "tried"
        assert entry["answers"] == {"1": {"answer": "b", "correct": True}}
        quiz.answer(2, 9)
        quiz.answer(3, "n")
        entry = _stored(store)["test"]["quiz"]
        assert entry["status"] == "correct" and set(entry["answers"]) == {"1", "2", "3"}


# ----------------------------------------------------------------------------- progress
class TestProgress:
    def test_checks_are_recorded(self, store):
        q = graded()
        q.check(placeholder)                       # not attempted: not recorded
        assert not store.exists()
        q.check(lambda x: 3 * x)
        assert _stored(store) == {"test": {"q1": {"status": "tried", "tries": 1}}}
        q.check(reference_double)
        q.check(lambda x: 3 * x)                   # once correct, it stays done
        assert _stored(store)["test"]["q1"] == {"status": "correct", "tries": 3}

    def test_survives_a_kernel_restart(self, store):
        graded().check(reference_double)
        code = ("from nn_course.exercises import _progress; "
                "print(_progress.load()['test']['q1']['status']); "
                "_progress.record('test', 'p1', answer='b')")
        env = {**os.environ, "NN_COURSE_PROGRESS": str(store)}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, check=True).stdout
        assert out == "correct\n"
        assert _progress.load()["test"]["p1"]["answer"] == "b"   # written by the other process

    def test_default_path_is_the_working_folder(self, monkeypatch, tmp_path):
        monkeypatch.delenv("NN_COURSE_PROGRESS", raising=False)
        monkeypatch.chdir(tmp_path)
        assert _progress.progress_path() == tmp_path / "nn_course_progress.json"

    def test_corrupt_file_warns_once_and_is_kept(self, store, capsys):
        store.write_text("{not json", encoding="utf-8")
        q = graded()
        with pytest.warns(ProgressWarning, match="not valid progress JSON") as caught:
            q.check(reference_double)
            q.check(reference_double)
        assert len(caught) == 1
        assert capsys.readouterr().out.startswith("✔ q1: correct!")
        assert (store.parent / "progress.json.corrupt").read_text(encoding="utf-8") == "{not json"
        assert _stored(store)["test"]["q1"]["status"] == "correct"

    @pytest.mark.parametrize("content", ['{"version": 1}', "[1, 2]", '{"notebooks": {"06": 3}}'])
    def test_wrong_layout_counts_as_corrupt(self, store, content):
        store.write_text(content, encoding="utf-8")
        with pytest.warns(ProgressWarning, match="not valid"):
            assert _progress.load() == {}

    def test_unwritable_path_warns_and_keeps_the_session(self, tmp_path, monkeypatch, capsys):
        blocker = tmp_path / "a_file"
        blocker.write_text("", encoding="utf-8")
        monkeypatch.setenv("NN_COURSE_PROGRESS", str(blocker / "progress.json"))
        monkeypatch.setattr(_progress, "_memory", {})
        monkeypatch.setattr(_progress, "_warned", set())
        q = graded()
        with pytest.warns(ProgressWarning, match="Cannot save progress") as caught:
            q.check(lambda x: x)
            q.check(reference_double)
        assert len(caught) == 1 and "keeps working" in str(caught[0].message)
        assert capsys.readouterr().out.splitlines()[-1].startswith("✔ q1: correct!")
        assert _progress.load()["test"]["q1"] == {"status": "correct", "tries": 2}

    def test_unreadable_path_warns(self, tmp_path, monkeypatch):
        folder = tmp_path / "progress.json"
        folder.mkdir()                               # a folder where the file should be
        monkeypatch.setenv("NN_COURSE_PROGRESS", str(folder))
        monkeypatch.setattr(_progress, "_memory", {})
        monkeypatch.setattr(_progress, "_warned", set())
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            graded().check(reference_double)
        assert [type(w.message) for w in caught] == [ProgressWarning]

    def test_write_is_atomic(self, store, monkeypatch):
        graded().check(reference_double)
        before = store.read_bytes()
        calls = []

        def failing_replace(src, dst):
            calls.append((os.path.dirname(src), os.fspath(dst)))
            raise OSError("disk full")

        monkeypatch.setattr(_progress.os, "replace", failing_replace)
        with pytest.warns(ProgressWarning, match="disk full"):
            _progress.record("test", "q2", correct=True)
        assert calls == [(str(store.parent), str(store))], "a temporary file beside it, replaced"
        assert store.read_bytes() == before, "the old file is untouched"
        assert sorted(p.name for p in store.parent.iterdir()) == ["progress.json"], "no temp left"

    def test_progress_table(self, store, capsys):
        from nn_course.exercises import nb06

        nb06.q1.check(nb06.reference_layer_forward)
        capsys.readouterr()
        progress()
        lines = capsys.readouterr().out.splitlines()
        assert lines[0] == f"Your progress (saved in {store}):"
        row = next(line for line in lines if "06_feedforward" in line)
        assert row.split()[:3] == ["◐", "06_feedforward", "tried"]
        assert "02_perceptron" in "\n".join(lines)

    def test_progress_widget(self, store):
        from nn_course.exercises import nb06

        box = progress_widget()
        assert repr(box).startswith("ExerciseBox(children=(HTML(value='<b>Your progress.</b>")
        assert "06_feedforward</td><td>not started" in box.views["table"].value
        nb06.q1.check(nb06.reference_layer_forward)
        box.controls["refresh"].click()
        assert "06_feedforward</td><td>tried" in box.views["table"].value
