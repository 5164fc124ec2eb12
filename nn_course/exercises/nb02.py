"""Exercises, predictions and quiz of notebook 02_perceptron.

* ``p1`` before the lab: what dragging the bias does to the decision line.
* ``p2`` before "learn one step": does the rule update on AND's first example, from zero?
* ``q1`` weights and bias of a perceptron that computes NOR (a gate the lab does not have).
* ``q2`` one application of the learning rule by hand: the new ``(w, b)`` as numbers.
* ``q3`` which of four new gates a single perceptron can learn (linearly separable), as
  a dict.
* ``quiz`` four closing questions.

Answers are checked against what :class:`nn_course.Perceptron` computes.

>>> q1.verdict(q1.solution_answer())
('correct', 'correct!')
>>> q2.verdict((None, None))
('not attempted', 'not attempted yet')
"""

from __future__ import annotations

import numpy as np

from .. import datasets
from ..perceptron import Perceptron
from ._core import Question, compare
from .predict import Predict
from .quiz import Choice, Numeric, Quiz

__all__ = ["p1", "p2", "q1", "q2", "q3", "quiz", "Q2_SETUP", "Q3_GATES", "q2_reference",
           "q3_reference", "gate_outputs"]

_GATES = ("AND", "OR", "NAND", "NOR", "XOR")


def gate_outputs(w, b) -> list[int]:
    """The outputs of a perceptron with weights ``w`` (2,) and bias ``b`` on (0,0), (0,1),
    (1,0), (1,1), computed by :class:`nn_course.Perceptron`.

    >>> gate_outputs([1.0, 1.0], -1.5)
    [0, 0, 0, 1]
    """
    X, _ = datasets.logic_gate("and")
    p = Perceptron(n_inputs=2)
    p.weights, p.bias = np.asarray(w, dtype=np.float64), float(b)
    return p.predict(X).tolist()


# --------------------------------------------------------------------------- predictions
p1 = Predict(
    "p1",
    "In the lab you will drag the bias b and leave w1 and w2 alone. What will the decision "
    "line do?",
    choices={"a": "Slide, keeping its angle", "b": "Turn around a point",
             "c": "Stay where it is: only the weights move the line"},
    answer="a",
    why={"b": "Turning needs a change in the ratio of w1 to w2: the weights set the direction.",
         "c": "b is part of the line's equation w1*x1 + w2*x2 + b = 0: change it and the "
              "points that satisfy the equation change."},
    reveal="The line slides parallel to itself. Its direction is fixed by w (w is perpendicular "
           "to it); b only says how far from the origin it sits: the line crosses the x1 axis "
           "at x1 = -b / w1.",
)

p2 = Predict(
    "p2",
    "The lab's AND starts from w = (0, 0), b = 0, and the first example is x = (0, 0) with "
    "label y = 0. What will the first click on 'learn one step' do?",
    choices={"a": "Nothing: with all weights zero the perceptron has no opinion yet",
             "b": "An update: z = 0 gives y_pred = 1, but y = 0, so b drops by 1",
             "c": "An update that raises w1 and w2"},
    answer="b",
    why={"a": "The step has an opinion at z = 0: it outputs 1 (1 when z >= 0).",
         "c": "The change in w is learning_rate * error * x, and x = (0, 0): w cannot change; "
              "only the bias does."},
    reveal="z = 0*0 + 0*0 + 0 = 0, so y_pred = step(0) = 1, but y = 0: the error is -1. The "
           "rule subtracts learning_rate * x = (0, 0) from w (no change) and 1 from b: b = -1.",
)


# --------------------------------------------------------------------------- q1
def _check_q1(answer):
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return "give a pair (w, b): w a list of 2 numbers, b a number"
    w, b = answer
    if w is None or b is None:
        raise NotImplementedError
    if np.size(w) != 2 or np.ndim(b) != 0:
        return f"w must hold 2 weights and b be one number; got w = {w!r}, b = {b!r}"
    outputs = gate_outputs(w, b)
    nor = datasets.GATES["nor"]
    if outputs == nor:
        return None
    same_as = [g for g in _GATES if datasets.GATES[g.lower()] == outputs]
    if same_as == ["OR"]:
        return ("your perceptron computes OR, the exact opposite of NOR: flip the sign of both "
                "weights and of the bias")
    if same_as:
        return f"your perceptron computes {same_as[0]} ({outputs}), not NOR ({nor})"
    if len(set(outputs)) == 1:
        return f"your perceptron outputs {outputs[0]} for every input; NOR needs {nor}"
    corners = [(0, 0), (0, 1), (1, 0), (1, 1)]
    wrong = [c for c, got, want in zip(corners, outputs, nor) if got != want]
    return f"on inputs {wrong} your perceptron gives {outputs}, NOR needs {nor}"


q1 = Question(
    "q1",
    check=_check_q1,
    hints=("NOR says 1 at one corner only, (0, 0). There both inputs are 0, so the bias alone "
           "decides: which sign must it have? Then ask what each input must do to z when it "
           "switches on.",
           "Each input that switches on must pull z below zero by itself, so both weights are "
           "negative and each is larger in size than the bias, which stays at or above zero. "
           "Any such numbers work: many lines cut off one corner."),
    solution_code=("# (0, 0) -> 1: the bias alone must give z >= 0.\n"
                   "# Any input that is 1 must pull z below 0: negative weights, larger than b.\n"
                   "w_nor = [-1.0, -1.0]\n"
                   "b_nor = 0.5\n"
                   "answer = (w_nor, b_nor)"),
    success="One line cuts off the corner (0, 0): NOR is linearly separable, like AND, OR "
            "and NAND.",
)


# --------------------------------------------------------------------------- q2
#: The situation of q2: current weights and bias, the learning rate, and one labelled sample.
Q2_SETUP = {"w": [0.5, -1.0], "b": 0.5, "learning_rate": 0.5, "x": [2.0, 1.0], "y": 0}


def q2_reference():
    """The new ``(w, b)`` after one application of the rule to Q2_SETUP, computed by the package."""
    s = Q2_SETUP
    p = Perceptron(n_inputs=2, lr=s["learning_rate"])
    p.weights, p.bias = np.array(s["w"], dtype=np.float64), float(s["b"])
    record = p.step(s["x"], s["y"])
    return record["weights"], record["bias"]


def _q2_z_before_after() -> tuple[float, float]:
    s = Q2_SETUP
    w_new, b_new = q2_reference()
    x = np.array(s["x"])
    return float(np.dot(s["w"], x) + s["b"]), float(w_new @ x + b_new)


def _check_q2(answer):
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return "give a pair (new_w, new_b): new_w a list or array of 2 numbers, new_b a number"
    new_w, new_b = answer
    if new_w is None or new_b is None:
        raise NotImplementedError
    w_expected, b_expected = q2_reference()
    s = Q2_SETUP
    w0, b0 = np.array(s["w"]), s["b"]
    problem = compare(new_w, w_expected, "new_w")
    if problem is not None:
        got = np.asarray(new_w, dtype=np.float64)
        if got.shape == w0.shape:
            if np.allclose(got, w0):
                return ("new_w is unchanged, but the perceptron got this sample wrong: compute "
                        "z = w·x + b and y_pred first; the rule changes w whenever y_pred != y")
            step = w_expected - w0
            if np.allclose(got, w0 - step):
                return ("new_w moved the wrong way: the change is "
                        "learning_rate * (y - y_pred) * x, with error = y - y_pred")
            if np.allclose(got, w0 + step / s["learning_rate"]):
                return "new_w: did you forget to multiply by the learning rate?"
        return problem
    problem = compare(new_b, b_expected, "new_b")
    if problem is not None:
        if np.isclose(float(new_b), b0):
            return ("new_w is right, but new_b is unchanged: the bias is updated too, by "
                    "learning_rate * (y - y_pred)")
        return problem
    return None


def _q2_solution_code() -> str:
    s = Q2_SETUP
    return (f"w, b, learning_rate = np.array({s['w']}), {s['b']}, {s['learning_rate']}\n"
            f"x, y = np.array({s['x']}), {s['y']}\n"
            "z = w @ x + b\n"
            "y_pred = 1 if z >= 0 else 0     # the perceptron's answer before the update\n"
            "error = y - y_pred\n"
            "new_w = w + learning_rate * error * x\n"
            "new_b = b + learning_rate * error\n"
            "answer = (new_w, new_b)")


_Z_BEFORE, _Z_AFTER = _q2_z_before_after()

q2 = Question(
    "q2",
    check=_check_q2,
    hints=("Work in the order the rule does: first what this perceptron predicts for x (the "
           "weighted sum, then the step), then the error, then the change. Watch the sign of "
           "the error: the label is 0 here.",
           "The prediction is wrong, so both w and b change. The error is negative, so the "
           "change to w points against x, scaled by the learning rate; the bias changes by the "
           "learning rate times the error alone."),
    solution_code=_q2_solution_code(),
    success=(f"The update took this example's z from {_Z_BEFORE:g} to {_Z_AFTER:g}: the line "
             "moved toward the misclassified point and, here, past it, so the point now lies on "
             "its correct (class 0) side."),
)


# --------------------------------------------------------------------------- q3
#: Four gates the notebook has not classified: their outputs on (0,0), (0,1), (1,0), (1,1).
Q3_GATES = {
    "x1 AND NOT x2": [0, 0, 1, 0],
    "XNOR": [1, 0, 0, 1],
    "x2 only": [0, 1, 0, 1],
    "x1 OR NOT x2": [1, 0, 1, 1],
}


def q3_reference() -> dict:
    """Gate -> whether one perceptron can learn it, decided by running the perceptron on it.

    >>> q3_reference()["XNOR"]
    False
    """
    X, _ = datasets.logic_gate("and")   # the four corners, in the order of Q3_GATES
    return {gate: Perceptron(n_inputs=2).fit(X, np.array(outputs), epochs=100).converged
            for gate, outputs in Q3_GATES.items()}


def _check_q3(answer):
    expected = q3_reference()
    if not isinstance(answer, dict):
        return f"give a dict with one True/False per gate: {list(expected)}"
    missing = [g for g in expected if g not in answer]
    if missing:
        return f"the dict has no entry for {missing}"
    if all(answer[g] is None for g in expected):
        raise NotImplementedError
    for gate, separable in expected.items():
        value = answer[gate]
        if not isinstance(value, (bool, np.bool_)):
            return f"{gate}: answer True or False (got {value!r})"
        if bool(value) != separable:
            if separable:
                return (f"{gate}: it is linearly separable; find a line that puts its 1s on one "
                        "side (draw the four corners, or let Perceptron.fit find one)")
            return (f"{gate}: no single line puts its 1s on one side and its 0s on the other; "
                    "the perceptron never stops making mistakes on it")
    return None


q3 = Question(
    "q3",
    check=_check_q3,
    hints=("For each gate, draw its four corners, mark the ones labelled 1, and ask whether one "
           "straight line can have every 1 on one side and every 0 on the other.",
           "A gate whose odd one out is a single corner can always be cut off by a line, and so "
           "can a gate that looks at one input only. Look for the gate whose two 1s sit on "
           "opposite corners: the argument of section 5 works for it as it did for XOR."),
    solution_code=("# One odd corner, or one input only: a line works. "
                   "XNOR's 1s sit on a diagonal.\n"
                   f"separable = {q3_reference()!r}\n"
                   "answer = separable"),
    success=("Only XNOR, which is XOR with 0 and 1 swapped, needs more than a line: swapping the "
             "labels does not help, because a line that failed for XOR fails for its opposite."),
)


# --------------------------------------------------------------------------- quiz
quiz = Quiz("quiz", [
    Choice(
        "You multiply a perceptron's weights and its bias all by 3. What happens to its "
        "predictions?",
        {"a": "Nothing changes", "b": "The decision line turns",
         "c": "The line moves three times further from the origin"},
        answer="a",
        why={"a": "Right: z is multiplied by 3, which never changes its sign, and the step only "
                  "looks at the sign.",
             "b": "The direction of the line is set by the ratio of w1 to w2, which is unchanged.",
             "c": "The line's points solve w1*x1 + w2*x2 + b = 0; multiplying the whole "
                  "equation by 3 gives the same points."},
    ),
    Choice(
        "The perceptron classifies an example correctly. What does the learning rule do?",
        {"a": "Moves w a little toward x, to be safe", "b": "Nothing",
         "c": "Shrinks w to avoid overconfidence"},
        answer="b",
        why={"a": "The change is learning_rate * (y - y_pred) * x, and y - y_pred = 0.",
             "b": "Right: the error y - y_pred is 0, so w and b stay as they are.",
             "c": "The perceptron rule has no such term; it only reacts to mistakes."},
    ),
    Choice(
        "Why does the perceptron never converge on XOR?",
        {"a": "Its learning rate is too large", "b": "It needs more epochs",
         "c": "No line separates XOR's classes, so every epoch contains a mistake"},
        answer="c",
        why={"a": "Any learning rate gives the same mistakes from zero weights (it only scales "
                  "w and b), and no rate can find a line that does not exist.",
             "b": "Section 5 proves that no w1, w2, b compute XOR: more epochs cannot help.",
             "c": "Right: with no separating line, some point is always misclassified."},
    ),
    Numeric(
        "Separable data have inputs of size at most R = 2 (with the 1 appended) and a "
        "separating line with margin gamma = 0.5. At most how many updates can the perceptron "
        "make, by the convergence theorem?",
        answer=16, tolerance=0,
        why="The bound is (R / gamma)^2 = (2 / 0.5)^2 = 4^2 = 16.",
    ),
])
