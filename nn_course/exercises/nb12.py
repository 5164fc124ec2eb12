"""Exercises of notebook 12_playground: the lab's inputs, its size, and what L1 keeps.

* ``q1`` ``playground_features(X)``: the seven input features of the playground, as columns
  ``x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2)``; checked against
  :func:`nn_course.features.features` on hidden points.
* ``q2`` ``count_parameters(state)``: the number of weights and biases of the network a
  configuration dict describes; checked against ``PlaygroundModel(state)`` on hidden states.
* ``q3``: a new case for L1: on the XOR data with all seven features, which input keeps the
  largest weights (a value answer, the name of a feature)?
* ``p1`` .. ``p10``: the predictions asked before each lab of the notebook; ``quiz``: the
  closing quiz. Both are data tables that live in :mod:`._nb12_quiz` and are re-exported
  here, so the notebook reaches them as ``ex.<name>``.

>>> q1.verdict(reference_playground_features)
('correct', 'correct!')
>>> q2.verdict(reference_count_parameters)
('correct', 'correct!')
>>> reference_count_parameters({"features": ["x1", "x2"], "hidden": [4, 2]})
25
"""

from __future__ import annotations

import numpy as np

from ..features import FEATURES, features
from ..playground_model import PlaygroundModel
from ._core import Question, compare
from ._nb12_quiz import p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, quiz

__all__ = ["q1", "q2", "q3", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10",
           "quiz", "FEATURE_NAMES",
           "reference_playground_features", "reference_count_parameters"]

#: The playground's features, in the order of its checkboxes (and of q1's columns).
FEATURE_NAMES = list(FEATURES)


# --------------------------------------------------------------------------- q1: the features
def reference_playground_features(X):
    """The seven features of points ``X`` (n, 2): an array (n, 7)."""
    x1, x2 = X[:, 0], X[:, 1]
    return np.column_stack([x1, x2, x1 ** 2, x2 ** 2, x1 * x2, np.sin(x1), np.sin(x2)])


def _hidden_points():
    """Points of the playground's plane, none on a special value (0, 1, 2, a multiple of pi)."""
    rng = np.random.default_rng(1212)
    X = rng.uniform(-6.0, 6.0, size=(9, 2))
    X[0] = [2.5, -1.5]          # x1 and x2 of different sizes and signs
    X[1] = [-4.2, 3.3]
    return X


# Typical slips for one column: (what was computed, what that means).
_COLUMN_SLIPS = {
    "x1^2": [(lambda x1, x2: 2 * x1, "it looks like 2*x1: squaring is x1**2 (or x1 * x1)"),
             (lambda x1, x2: np.sqrt(np.abs(x1)),
              "it looks like a square root; the feature is x1 squared")],
    "x2^2": [(lambda x1, x2: 2 * x2, "it looks like 2*x2: squaring is x2**2 (or x2 * x2)"),
             (lambda x1, x2: np.sqrt(np.abs(x2)),
              "it looks like a square root; the feature is x2 squared")],
    "x1*x2": [(lambda x1, x2: x1 + x2,
               "it looks like x1 + x2; the feature is the product x1 * x2")],
    "sin(x1)": [(lambda x1, x2: np.cos(x1), "it looks like cos(x1); the feature is np.sin(x1)"),
                (lambda x1, x2: np.sin(np.radians(x1)),
                 "it looks like the sine of x1 read in degrees; np.sin takes radians, "
                 "use np.sin(x1)")],
    "sin(x2)": [(lambda x1, x2: np.cos(x2), "it looks like cos(x2); the feature is np.sin(x2)"),
                (lambda x1, x2: np.sin(np.radians(x2)),
                 "it looks like the sine of x2 read in degrees; np.sin takes radians, "
                 "use np.sin(x2)")],
}


def _check_features(func):
    X = _hidden_points()
    expected = features(X, FEATURE_NAMES)
    got = func(X.copy())
    if got is None:
        return "playground_features returned None: did you forget a `return`?"
    try:
        got = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return f"playground_features should return a NumPy array; got {type(got).__name__}"
    n = len(X)
    if got.shape == (len(FEATURE_NAMES), n):
        return (f"expected shape ({n}, 7), got {got.shape}: one ROW per point and one COLUMN per "
                "feature (np.column_stack, not np.array([...]) of the columns)")
    if got.ndim == 2 and got.shape[0] == n and got.shape[1] != len(FEATURE_NAMES):
        return (f"expected {len(FEATURE_NAMES)} columns, got {got.shape[1]}: "
                f"one column per feature, in the order {FEATURE_NAMES}")
    problem = compare(got, expected, "playground_features(X)")
    if problem is None:
        return None
    if got.shape != expected.shape or not np.all(np.isfinite(got)):
        return problem
    x1, x2 = X[:, 0], X[:, 1]
    for j, name in enumerate(FEATURE_NAMES):
        column = got[:, j]
        if np.allclose(column, expected[:, j]):
            continue
        others = [FEATURE_NAMES[k] for k in range(len(FEATURE_NAMES))
                  if k != j and np.allclose(column, expected[:, k])]
        if others:
            return (f"column {j} should be {name} but holds {others[0]}: keep the order "
                    f"{FEATURE_NAMES}")
        for slip, meaning in _COLUMN_SLIPS.get(name, []):
            if np.allclose(column, slip(x1, x2)):
                return f"column {j} ({name}) is wrong: {meaning}"
        return f"column {j} ({name}) is wrong: {compare(column, expected[:, j], name)}"
    return problem  # pragma: no cover - some column differs whenever compare complains


q1 = Question(
    "q1",
    check=_check_features,
    hints=("Each column is one feature computed from the two coordinates: take the two "
           "coordinates out of X first, compute the seven columns, then put them side by side "
           "so that every row is one point.",
           "Squares and the product are plain arithmetic on the coordinate arrays; the sine is "
           "NumPy's, which works in radians. NumPy has a function that stacks 1-D arrays as the "
           "columns of a 2-D array: keep the order of the checkboxes."),
    reference=reference_playground_features,
    answer_name="playground_features",
    success=("These are the lab's seven inputs: a network only ever sees the columns you switch "
             "on, so the features decide what its first layer can draw."),
)


# ------------------------------------------------------------------- q2: counting parameters
def reference_count_parameters(state):
    """Weights plus biases of the playground network described by ``state``.

    The inputs are the features switched on, then the hidden layers, then one output neuron.
    """
    sizes = [len(state["features"]), *state["hidden"], 1]
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


#: The hidden configurations q2 is checked on (the network's size depends on nothing else).
_STATES = (
    {"dataset": "spiral", "features": ["x1", "x2", "sin(x1)", "sin(x2)"], "hidden": [6, 3]},
    {"dataset": "circle", "features": ["x1", "x2"], "hidden": [4, 2]},
    {"dataset": "xor", "features": ["x1*x2"], "hidden": []},
    {"dataset": "circle", "features": FEATURE_NAMES, "hidden": [8, 8, 8, 8, 8, 8]},
    {"dataset": "plane", "features": ["x1", "x2", "x1^2"], "hidden": [5], "learning_rate": 0.01},
)


def _sizes(state, n_inputs=None, output=True):
    return ([len(state["features"]) if n_inputs is None else n_inputs, *state["hidden"]]
            + ([1] if output else []))


def _dense(sizes, biases=True):
    return sum(a * b + (b if biases else 0) for a, b in zip(sizes[:-1], sizes[1:]))


# Typical slips, each with what it means; named only if it explains every hidden state.
_COUNT_SLIPS = (
    (lambda s: _dense(_sizes(s), biases=False),
     "you counted only the weights: every hidden neuron and the output neuron also has a bias"),
    (lambda s: _dense(_sizes(s, output=False)),
     "you left out the output neuron: the playground always ends in one output neuron, with a "
     "weight from each neuron of the last hidden layer (or each input) and a bias"),
    (lambda s: _dense(_sizes(s, n_inputs=2)),
     "you gave the network 2 inputs; it has one input per feature switched on: "
     "len(state['features'])"),
    (lambda s: _dense(_sizes(s, n_inputs=len(FEATURE_NAMES))),
     "you gave the network all 7 features as inputs; only the features in state['features'] "
     "feed it"),
    (lambda s: sum(s["hidden"]) + 1,
     "you counted neurons, not parameters: each connection has a weight, each neuron a bias"),
    (lambda s: _dense(_sizes(s)) + len(s["features"]),
     "you gave the inputs biases too; the inputs are just the features, they have no bias"),
)


def _check_count(func):
    results = []
    for state in _STATES:
        got = func(dict(state, features=list(state["features"]), hidden=list(state["hidden"])))
        if got is None:
            return "count_parameters returned None: did you forget a `return`?"
        if isinstance(got, bool) or not isinstance(got, (int, np.integer, float, np.floating)) \
                or not np.isfinite(got) or float(got) != int(got):
            return f"count_parameters should return a whole number; got {got!r}"
        expected = PlaygroundModel(state).network.n_parameters()
        results.append((state, int(got), expected))
    wrong = [(s, got, expected) for s, got, expected in results if got != expected]
    if not wrong:
        return None
    state, got, expected = wrong[0]
    shown = {"features": state["features"], "hidden": state["hidden"]}
    for slip, meaning in _COUNT_SLIPS:
        if all(got_ == slip(s) for s, got_, _ in results):
            return f"for {shown} you gave {got}, expected {expected}: {meaning}"
    return f"for {shown} you gave {got}, expected {expected}"


q2 = Question(
    "q2",
    check=_check_count,
    hints=("Write down the layer sizes from input to output first: how many inputs the network "
           "has (only the features switched on count), then each hidden layer, then the output.",
           "Between two consecutive layers there is one weight per connection and one bias per "
           "neuron of the receiving layer, as in notebook 05; add that up over every consecutive "
           "pair of layers."),
    reference=reference_count_parameters,
    answer_name="count_parameters",
    success=("A configuration dict is the whole recipe: it fixes the network's size (and, with the "
             "seed, its initial weights)."),
)


# ------------------------------------------------------------------- q3: what L1 keeps on XOR
#: The lab of q3: Task 2's L1 set-up, on the XOR data.
L1_XOR = {"dataset": "xor", "features": list(FEATURE_NAMES), "hidden": [4],
          "activation": "tanh", "learning_rate": 0.03, "regularization": "L1", "reg_rate": 0.01}

_Q3_REASONS = {
    "x1": ("x1 alone says nothing about XOR: for every x1 there are points of both classes "
           "(the class flips with the sign of x2)"),
    "x1^2": ("a square forgets the sign, and XOR is all about the signs: (x1, x2) and (-x1, x2) "
             "have the same squares but different classes"),
    "sin(x1)": ("sin(x1) follows the sign of x1 only near the origin, and one coordinate's sign "
                "is not enough: XOR depends on both signs together"),
}
_Q3_REASONS["x2"] = _Q3_REASONS["x1"].replace("x1", "x_").replace("x2", "x1").replace("x_", "x2")
_Q3_REASONS["x2^2"] = _Q3_REASONS["x1^2"]
_Q3_REASONS["sin(x2)"] = _Q3_REASONS["sin(x1)"].replace("x1", "x2")


def _feature_name(answer: str) -> str:
    text = answer.strip().lower().replace(" ", "").replace("**", "^").replace("²", "^2")
    return {"x1x2": "x1*x2", "x2*x1": "x1*x2", "x1·x2": "x1*x2"}.get(text, text)


def _check_l1_xor(answer):
    if not isinstance(answer, str):
        return f"answer should be the name of a feature, one of {FEATURE_NAMES}; got {answer!r}"
    name = _feature_name(answer)
    if name == "x1*x2":
        return None
    if name in _Q3_REASONS:
        return f"not {name}: {_Q3_REASONS[name]}"
    return f"answer with the name of one feature, one of {FEATURE_NAMES}; got {answer!r}"


q3 = Question(
    "q3",
    check=_check_l1_xor,
    hints=("Two ideas meet here: L1 switches off the inputs that do not help, and Task 4 found an "
           "input that decides XOR on its own.",
           "XOR's class depends on whether the two coordinates have the same sign. Which of the "
           "seven features changes its sign when exactly one coordinate changes sign?"),
    answer_name="answer",
    solution_code=(
        "m = PlaygroundModel(L1_XOR)             # the XOR data, all seven features, L1\n"
        "m.run_epochs(200)\n"
        "strength = np.abs(m.network.layers[0].W).sum(axis=1)   # total |weight| per input\n"
        "answer = m.state['features'][int(np.argmax(strength))]\n"),
    namespace={"PlaygroundModel": PlaygroundModel, "L1_XOR": L1_XOR},
    success=("x1*x2 is negative exactly where x1 and x2 have different signs, which is XOR's "
             "class 1: L1 keeps the one input that decides XOR and switches the others off, as it "
             "kept the squares on the circle."),
)
