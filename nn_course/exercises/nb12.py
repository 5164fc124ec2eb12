"""Exercises of notebook 12_playground: the lab's inputs, its size, and what L1 does.

* ``q1`` ``playground_features(X)``: the seven input features of the playground, as columns
  ``x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2)``; checked against
  :func:`nn_course.widgets.playground.features` on hidden points.
* ``q2`` ``count_parameters(state)``: the number of weights and biases of the network a
  configuration dict describes; checked against ``PlaygroundModel(state)`` on hidden states.
* ``q3``: which regularization (``"none"``, ``"L1"`` or ``"L2"``) switches off the weights of
  the inputs that do not help (a value answer).

>>> q1.verdict(reference_playground_features)
('correct', 'correct!')
>>> q2.verdict(reference_count_parameters)
('correct', 'correct!')
>>> reference_count_parameters({"features": ["x1", "x2"], "hidden": [4, 2]})
25
"""

from __future__ import annotations

import numpy as np

from ..widgets.playground import FEATURES, PlaygroundModel, features
from ._core import Question, compare

__all__ = ["q1", "q2", "q3", "FEATURE_NAMES", "reference_playground_features",
           "reference_count_parameters"]

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
             (lambda x1, x2: np.sqrt(np.abs(x1)), "it looks like a square root; the feature is x1 squared")],
    "x2^2": [(lambda x1, x2: 2 * x2, "it looks like 2*x2: squaring is x2**2 (or x2 * x2)"),
             (lambda x1, x2: np.sqrt(np.abs(x2)), "it looks like a square root; the feature is x2 squared")],
    "x1*x2": [(lambda x1, x2: x1 + x2, "it looks like x1 + x2; the feature is the product x1 * x2")],
    "sin(x1)": [(lambda x1, x2: np.cos(x1), "it looks like cos(x1); the feature is np.sin(x1)"),
                (lambda x1, x2: np.sin(np.radians(x1)),
                 "it looks like the sine of x1 read in degrees; np.sin takes radians, use np.sin(x1)")],
    "sin(x2)": [(lambda x1, x2: np.cos(x2), "it looks like cos(x2); the feature is np.sin(x2)"),
                (lambda x1, x2: np.sin(np.radians(x2)),
                 "it looks like the sine of x2 read in degrees; np.sin takes radians, use np.sin(x2)")],
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
        return (f"expected {len(FEATURE_NAMES)} columns, got {got.shape[1]}: one column per feature, "
                f"in the order {FEATURE_NAMES}")
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
    hint=("Take the columns apart with x1, x2 = X[:, 0], X[:, 1], compute the seven features as "
          "1-D arrays (squares with **2, the sine with np.sin, which works in radians), and put "
          "them side by side with np.column_stack([...]) in the order of the checkboxes."),
    solution=("def playground_features(X):\n"
              "    x1, x2 = X[:, 0], X[:, 1]\n"
              "    return np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])"),
    success=("These are the lab's seven inputs: a network only ever sees the columns you switch "
             "on, so the features decide what its first layer can draw."),
    reference=reference_playground_features,
)


# --------------------------------------------------------------------------- q2: counting parameters
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
    hint=("First write the layer sizes: [number of features on, *hidden layers, 1]. Then add, for "
          "each pair of consecutive sizes (n_in, n_out), n_in * n_out weights and n_out biases, "
          "as in notebook 05."),
    solution=("def count_parameters(state):\n"
              "    sizes = [len(state['features']), *state['hidden'], 1]\n"
              "    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))"),
    success=("A configuration dict is the whole recipe: it fixes the network's size (and, with the "
             "seed, its initial weights)."),
    reference=reference_count_parameters,
)


# --------------------------------------------------------------------------- q3: which penalty selects features
_Q3_REASONS = {
    "l2": ("not L2: its gradient 2λw shrinks as the weight shrinks, so small weights get small "
           "nudges and settle at small values, rarely at zero (the Task 2 cell prints how few)"),
    "none": ("without a penalty nothing pulls an unused weight towards zero: it keeps whatever "
             "value training left it with (the Task 2 cell counts them)"),
}


def _check_regularizer(answer):
    if not isinstance(answer, str):
        return f"answer should be one of the strings 'none', 'L1' or 'L2'; got {answer!r}"
    value = answer.strip().lower().replace(" ", "").replace("regularization", "").replace("regularisation", "")
    if value in ("l1", "lasso"):
        return None
    if value in ("l2", "ridge", "weightdecay"):
        return _Q3_REASONS["l2"]
    if value in ("none", "no", ""):
        return _Q3_REASONS["none"]
    if value == "dropout":
        return ("dropout is not a penalty on the weights (and not one of the lab's choices): answer "
                "'none', 'L1' or 'L2'")
    return f"answer one of 'none', 'L1' or 'L2'; got {answer!r}"


q3 = Question(
    "q3",
    check=_check_regularizer,
    hint=("Compare the gradients of the two penalties for a small weight w > 0: λ|w| gives λ, "
          "λw² gives 2λw. Which one still pushes hard when w is already tiny?"),
    solution=("answer = 'L1'   # its gradient λ·sign(w) has the same size however small w is, so the "
              "weights of inputs that do not help are pushed all the way to zero"),
    success=("L1's pull does not weaken near zero, so unhelpful weights end at zero (up to a jitter "
             "of one step): L1 selects features. L2 only shrinks."),
)
