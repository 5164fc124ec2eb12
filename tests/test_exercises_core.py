"""The exercise checker framework: ``compare`` messages and ``Question`` verdicts.

Every notebook's exercises are built on these two pieces, so their messages are pinned here:
a learner reads them, and the notebooks' stored outputs (under nbval) depend on them being
deterministic.
"""

from __future__ import annotations

import numpy as np
import pytest

from nn_course.exercises import Question, compare
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
        assert compare(None, [1.0], "sigmoid(0)") == "sigmoid(0) is None: did you forget a `return`?"

    def test_default_name(self):
        assert compare(None, 1.0) == "your answer is None: did you forget a `return`?"

    def test_not_a_number(self):
        assert compare("abc", 1.0, "z") == "z should be a number or a NumPy array; got str"
        assert compare({"a": 1}, 1.0, "z") == "z should be a number or a NumPy array; got dict"
        assert compare([[1.0], [1.0, 2.0]], [1.0], "z") == "z should be a number or a NumPy array; got list"

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
        assert msg == ("sigmoid(z) contains nan or inf at index (1,) where a finite number was expected: "
                       "use a numerically stable formula (for example avoid exp of a large number)")

    def test_inf_in_a_matrix_and_a_scalar(self):
        msg = compare([[0.0, 1.0], [np.inf, 0.0]], np.zeros((2, 2)), "A")
        assert msg.startswith("A contains nan or inf at index (1, 0) where a finite number was expected")
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
        assert compare(got, np.ones((2, 2)) * [1.0, 1.0], "W") == "W: values differ at index (0, 1): expected 1, got -1"

    def test_value_difference_of_scalars(self):
        assert compare(2.0, 1.0, "x") == "x: values differ: expected 1, got 2"

    def test_tolerances(self):
        assert compare(1.001, 1.0, rtol=1e-2) is None
        assert compare(1.001, 1.0) is not None
        assert compare(1e-9, 0.0) is None, "atol lets tiny values pass as zero"


# ----------------------------------------------------------------------------- Question
def reference_sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1.0 + np.exp(-np.abs(z))))


def _check_sigmoid(f):
    problem = compare(f(np.array([0.0])), np.array([0.5]), "sigmoid([0])")
    if problem:
        return problem
    with np.errstate(over="ignore"):
        return compare(f(np.array([-1000.0, 1000.0])), np.array([0.0, 1.0]), "sigmoid([-1000, 1000])")


def make_question(**kwargs):
    options = dict(name="q1", check=_check_sigmoid, hint="Use np.exp.", solution="def sigmoid(z): ...",
                   success="Now you can squash any number into (0, 1).", reference=reference_sigmoid)
    options.update(kwargs)
    return Question(**options)


def placeholder(z):
    raise NotImplementedError  # your code here


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
        assert message == "your code raised AttributeError: 'numpy.ndarray' object has no attribute 'nonexistent'"

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
            "✘ q1: not yet. sigmoid([0]): has the wrong sign (every value is the negative of the expected one)",
            "○ q1: not attempted yet. Replace the placeholder with your answer and run the cell again "
            "(stuck? ex.q1.hint()).",
            "○ q1: not attempted yet. Replace the placeholder with your answer and run the cell again "
            "(stuck? ex.q1.hint()).",
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
        assert q.verdict(16) == ("wrong", "the number of parameters: values differ: expected 17, got 16")
        assert q.verdict(None)[0] == "not attempted"
        q.check(16)
        assert capsys.readouterr().out == "✘ q2: not yet. the number of parameters: values differ: expected 17, got 16\n"

    def test_hint_and_solution(self, capsys):
        q = make_question()
        q.hint()
        q.solution()
        assert capsys.readouterr().out == ("→ q1 hint: Use np.exp. (the answer: ex.q1.solution())\n"
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
        assert capsys.readouterr().out == "Using the reference reference_sigmoid until your q1 passes.\n"

    def test_no_reference(self):
        q = make_question(reference=None)
        with pytest.raises(ValueError, match="q1 has no reference implementation"):
            q.use(reference_sigmoid)
