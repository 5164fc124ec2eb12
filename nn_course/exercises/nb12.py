"""Exercises of notebook 12_playground: the lab's inputs, its size, and what L1 keeps.

* ``q1`` ``playground_features(X)``: the seven input features of the playground, as columns
  ``x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2)``; checked against
  :func:`nn_course.widgets.playground.features` on hidden points.
* ``q2`` ``count_parameters(state)``: the number of weights and biases of the network a
  configuration dict describes; checked against ``PlaygroundModel(state)`` on hidden states.
* ``q3``: a new case for L1: on the XOR data with all seven features, which input keeps the
  largest weights (a value answer, the name of a feature)?
* ``p1`` .. ``p9``: the predictions asked before each lab of the notebook; ``quiz``: the
  closing quiz.

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
from .predict import Predict
from .quiz import Choice, Numeric, Quiz

__all__ = ["q1", "q2", "q3", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "quiz",
           "FEATURE_NAMES",
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


# --------------------------------------------------------------------------- predictions
p1 = Predict(
    "p1", "You will press Play on the circle data, with inputs x1 and x2 and two hidden layers. "
    "Once it has trained for a while, what will the decision map show?",
    choices={"a": "A straight boundary through the middle",
             "b": "A closed curve around the inner circle",
             "c": "Nothing: it stays flat, the data is too hard"},
    answer="b",
    why={"a": "One straight boundary is all a network without hidden layers can draw; hidden "
              "layers combine several lines.",
         "c": "The circle is easy for two hidden layers; it is the spiral that needs more."},
    reveal="Each first-layer neuron draws a straight boundary; the second layer combines them "
           "into a closed curve around the inner points (the code cell below trains the same "
           "lab and prints its accuracy).",
)

p2 = Predict(
    "p2", "The two spirals: one network gets only x1 and x2, another also sin(x1) and sin(x2). "
    "Which needs fewer hidden neurons to separate them?",
    choices={"a": "The one with only x1 and x2",
             "b": "The one that also gets the sines",
             "c": "Both need the same number: the inputs do not matter"},
    answer="b",
    why={"a": "From x1 and x2 alone the network must bend straight lines into spiral arms, which "
              "takes many neurons in several layers.",
         "c": "The inputs decide what the first layer can draw: good features do part of the "
              "network's work."},
    reveal="The sines are waves across the plane that already follow the arms, so a small layer "
           "can combine them; the table under the lab compares the sizes.",
)

p3 = Predict(
    "p3", "Circle data, all seven features switched on, an L1 penalty. After training, which "
    "inputs will still have large weights?",
    choices={"a": "All seven, about equally",
             "b": "x1^2 and x2^2",
             "c": "x1 and x2"},
    answer="b",
    why={"a": "L1 pushes every weight that does not help all the way to zero.",
         "c": "A circle is not a straight-line pattern in x1 and x2: it is a threshold on "
              "x1^2 + x2^2, the squared radius."},
    reveal="x1^2 + x2^2 is the squared radius, exactly what tells inside from outside; L1 keeps "
           "those two inputs and switches the others off (the cell below prints the weights).",
)

p4 = Predict(
    "p4", "On the regression plane you raise the learning rate one notch at a time, resetting "
    "each time. What happens to the training loss?",
    choices={"a": "It keeps falling faster: larger steps are always better",
             "b": "It falls faster up to a point, then it blows up",
             "c": "It gets worse with every notch above the default"},
    answer="b",
    why={"a": "A step larger than the valley overshoots the minimum by more than it corrects.",
         "c": "Slightly larger steps still converge, and faster."},
    reveal="Up to a point larger steps reach the minimum sooner; beyond it every step overshoots "
           "by more than it corrects and the loss leaves the finite numbers (the cell below "
           "tries five rates).",
)

p5 = Predict(
    "p5", "XOR with no hidden layer and only x1 and x2 as inputs: what test accuracy, in "
    "percent, do you expect after training?", number=50, tolerance=10,
    reveal="About the accuracy of guessing: with no hidden layer the network draws one straight "
           "boundary, and no straight line separates XOR (notebook 02). The cell below prints "
           "the accuracy, and what one well-chosen feature changes.",
)

p6 = Predict(
    "p6", "Six hidden layers with the sigmoid activation. Which layer's weights will receive "
    "the largest gradients?",
    choices={"a": "The first hidden layer, next to the inputs",
             "b": "All layers about the same",
             "c": "The output layer"},
    answer="c",
    why={"a": "The gradient reaches the first layer last, after being multiplied by the "
              "sigmoid's small derivative at every layer on the way.",
         "b": "Each layer's sigmoid derivative (at most 1/4) shrinks the gradient on its way "
              "back, so the layers differ."},
    reveal="Backpropagation multiplies by the sigmoid's derivative, at most 1/4, at every layer "
           "on the way back, so the gradient shrinks towards the inputs: the output layer gets "
           "the largest (the chart under the demonstration shows the sizes).",
)

p7 = Predict(
    "p7", "The lab below sorts points into 4 classes. How many neurons will its output layer "
    "have?", number=4, tolerance=0,
    reveal="One per class: the softmax output gives each class a probability, and the four add "
           "up to 1. The decision map paints every point in the colour of the most probable "
           "class, paler where that probability is low.",
)

p8 = Predict(
    "p8", "You add one orange (class 0) point deep inside the blue (class 1) cluster of two "
    "Gaussians and train again. What will the decision map do?",
    choices={"a": "Nothing visible: one point in 250 barely moves the average loss",
             "b": "Grow a small orange island around the new point at once",
             "c": "Turn the whole blue cluster orange"},
    answer="a",
    why={"b": "A network this small draws smooth boundaries; fitting one point would cost more "
              "loss on its many blue neighbours than it gains.",
         "c": "The blue points around it still outnumber it by far; the loss is an average "
              "over all points."},
    reveal="The loss is an average over all the points, so one point in 250 moves it very "
           "little; a small network keeps its smooth boundary and calls the point wrong. Many "
           "points, or a much larger network trained for long, would carve out an island.",
)

p9 = Predict(
    "p9", "The circle challenge allows at most 3 hidden neurons with only x1 and x2 as inputs. "
    "What is the smallest number of hidden neurons (in one layer) that can enclose the inner "
    "circle?", number=3, tolerance=0,
    reveal="Three: each hidden neuron draws one straight line, and three lines are the fewest "
           "that enclose a region (a triangle) around the inner circle. With two, the region "
           "between two lines is an unbounded strip.",
)

# --------------------------------------------------------------------------- closing quiz
quiz = Quiz("quiz", [
    Choice("A network with no hidden layer gets only x1 and x2. Which data set can it fit?",
           {"a": "The circle", "b": "XOR", "c": "Two Gaussians"}, answer="c",
           why={"a": "Inside against outside a ring needs a curved boundary (or the squared "
                     "features).",
                "b": "XOR needs two lines (or the product x1*x2 as an input).",
                "c": "Two separate clouds can be split by one straight line, all a single "
                     "neuron draws."}),
    Choice("On the circle at learning rate 3 the loss stalls near ln 2 and the accuracy is 50%. "
           "Why?",
           {"a": "The network is too small for the circle",
            "b": "The hidden neurons saturated: stuck at -1 or +1, their gradients near zero",
            "c": "The loss became infinite"},
           answer="b",
           why={"a": "The same network learns the circle at learning rate 0.03.",
                "b": "Too large steps threw the weighted sums far out, where tanh is flat.",
                "c": "With a sigmoid output and cross-entropy the output gradient p - y stays "
                     "between -1 and 1: the loss stalls, it does not explode."}),
    Numeric("How many weights and biases has a playground network with the features x1, x2 "
            "and x1*x2 and one hidden layer of 3 neurons?", answer=16,
            why="Layer sizes 3, 3, 1: 3*3 weights + 3 biases into the hidden layer, 3*1 + 1 into "
                "the output neuron."),
    Choice("Why do deep networks keep learning with relu where sigmoid makes them stall?",
           {"a": "relu's derivative is 1 for positive inputs, so it does not shrink the gradient "
                 "at every layer",
            "b": "relu's outputs are bounded, which keeps the gradients small",
            "c": "relu has fewer parameters to learn"},
           answer="a",
           why={"b": "relu is unbounded above; it is the sigmoid that is bounded, and flat.",
                "c": "An activation has no parameters: the count is the same for both."}),
])
