"""Exercises of notebook 05_network_structure.

* ``p1``: predict the parameter count of a 64-32-10 classifier before the network builder.
* ``q1``: a function counting the parameters of a fully connected network from its layer sizes.
* ``q2``: the shapes of ``W`` and ``b`` in one layer of a given network.
* ``q3``: parameter or hyperparameter, for the items of a new training script and of the
  convolutional and recurrent topologies.
* ``quiz``: the closing quiz.

>>> from nn_course.exercises import nb05 as ex
>>> ex.q1.verdict(ex.q1.reference)
('correct', 'correct!')
"""

from __future__ import annotations

import numpy as np

from ..network import Network
from ._core import Question
from .predict import Predict
from .quiz import Choice, Numeric, Quiz

__all__ = ["p1", "q1", "q2", "q3", "quiz", "Q2_SIZES", "Q2_LAYER", "NAMES"]


# ------------------------------------------------------------------------ prediction
p1 = Predict(
    "p1",
    "A digit classifier: 64 inputs, one hidden layer of width 32, 10 softmax outputs. How many "
    "parameters (weights and biases) will it have?",
    number=64 * 32 + 32 + 32 * 10 + 10,
    tolerance=0,
    reveal="2410: the hidden layer has 64 x 32 = 2048 weights and 32 biases (2080), the output "
    "layer 32 x 10 = 320 weights and 10 biases (330). One weight per arrow, one bias per "
    "neuron after the input layer.",
)


# ------------------------------------------------------------------------ q1: counting parameters
def reference_count_parameters(sizes):
    # every consecutive pair of layers: n_in * n_out weights and n_out biases
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


_CASES = ([2, 3, 1], [4, 16, 8, 3], [784, 128, 10], [5, 5], [1, 7, 7, 7, 1])

# Typical slips, each with what it means; checked in this order after a wrong total.
_SLIPS = (
    (
        lambda s: sum(a * b for a, b in zip(s[:-1], s[1:])),
        "you counted only the weights: every neuron after the input layer also has one bias",
    ),
    (
        lambda s: sum(a * b + a for a, b in zip(s[:-1], s[1:])),
        (
            "you added one bias per INPUT of each layer; biases "
            "belong to the layer's own neurons (n_out)"
        ),
    ),
    (
        lambda s: sum(a * b for a, b in zip(s[:-1], s[1:])) + sum(s),
        "you gave the input layer biases too; inputs are just the features, they have no bias",
    ),
    (
        lambda s: sum(a * b + b for a, b in zip(s[:-2], s[1:-1])),
        "you left out the output layer; it has weights and biases like every other layer",
    ),
    (lambda s: sum(s), "you counted neurons, not parameters; each connection has a weight"),
)


def _check_count(count_parameters):
    results = []
    for sizes in _CASES:
        got = count_parameters(list(sizes))
        if got is None:
            return "count_parameters returned None: did you forget a `return`?"
        try:
            value = int(got)
        except (TypeError, ValueError):
            return f"count_parameters({sizes}) should return a whole number; got {got!r}"
        results.append((list(sizes), value, Network.from_sizes(sizes, rng=0).n_parameters()))
    wrong = [(sizes, value, expected) for sizes, value, expected in results if value != expected]
    if not wrong:
        return None
    sizes, value, expected = wrong[0]
    # name the slip only if it explains every case (two slips can agree on one network)
    for slip, meaning in _SLIPS:
        if all(value_ == slip(sizes_) for sizes_, value_, _ in results):
            return f"count_parameters({sizes}) gave {value}, expected {expected}: {meaning}"
    return f"count_parameters({sizes}) gave {value}, expected {expected}"


q1 = Question(
    "q1",
    check=_check_count,
    hints=(
        "Section 5 counted one network layer by layer. Each layer with weights sits between two "
        "neighbouring entries of the list: visit every such pair once and add up.",
        "For a pair (size of the layer before, size of this layer): one weight per arrow between "
        "them, one bias per neuron of this layer. Pairing a list with itself shifted by one "
        "gives all the neighbouring pairs.",
    ),
    answer_name="count_parameters",
    success="That is exactly what net.n_parameters() and Keras's model.summary() add up.",
    reference=reference_count_parameters,
)


# ------------------------------------------------------------------------ q2: shapes of W and b
#: The network of q2 (digits: 784 pixels in, two hidden layers, 10 classes out) ...
Q2_SIZES = (784, 128, 64, 10)
#: ... and the layer asked about (1-based): the second layer, from 128 to 64 neurons.
Q2_LAYER = 2


def _check_shapes(answer):
    try:
        w_shape, b_shape = answer
    except (TypeError, ValueError):
        return "answer should be a pair (W_shape, b_shape), e.g. ((3, 4), (4,))"
    if w_shape is None and b_shape is None:
        raise NotImplementedError
    n_in, n_out = Q2_SIZES[Q2_LAYER - 1], Q2_SIZES[Q2_LAYER]
    try:
        w_shape = tuple(int(n) for n in w_shape)
        b_shape = tuple(int(n) for n in np.atleast_1d(b_shape))
    except (TypeError, ValueError):
        return "each shape should be a tuple of whole numbers, e.g. (3, 4) and (4,)"
    if w_shape == (n_out, n_in):
        return (
            f"W shape {w_shape} is transposed: in this course Z = X @ W + b, so W is "
            "(n_in, n_out): one row per input, one column per neuron"
        )
    if w_shape != (n_in, n_out):
        if w_shape in {(a, b) for a, b in zip(Q2_SIZES[:-1], Q2_SIZES[1:])}:
            return (
                f"W shape {w_shape} belongs to another layer: layer {Q2_LAYER} takes the "
                f"{n_in} outputs of the layer before it"
            )
        return f"W shape {w_shape} is not right: W has one row per input and one column per neuron"
    if b_shape == (n_in,):
        return (
            f"b shape {b_shape}: there is one bias per neuron of the layer (n_out), not per input"
        )
    if b_shape in {(1, n_out), (n_out, 1)}:
        return f"b shape {b_shape}: the course stores b as a 1-D array of shape (n_out,)"
    if b_shape != (n_out,):
        return f"b shape {b_shape} is not right: one bias per neuron of the layer"
    return None


q2 = Question(
    "q2",
    check=_check_shapes,
    hints=(
        "Find which two entries of the list the layer sits between: what comes in, and how many "
        "neurons it has.",
        "In the product X @ W the inner sizes must match, so W's number of rows is fixed by what "
        "comes in; each neuron owns one column of W and one bias.",
    ),
    solution_code=(
        f"answer = (({Q2_SIZES[Q2_LAYER - 1]}, {Q2_SIZES[Q2_LAYER]}), ({Q2_SIZES[Q2_LAYER]},))"
    ),
    success="Rows of W are inputs, columns are neurons: column j holds neuron j's weights.",
)


# ------------------------------------------------------- q3: parameter or hyperparameter
#: The items to classify (from a training script and from section 3's topologies), and whether
#: each is learned ("parameter") or chosen ("hyperparameter").
NAMES = {
    "48, the width of the hidden layer": "hyperparameter",
    "'tanh', the hidden activation": "hyperparameter",
    "learning_rate=0.05": "hyperparameter",
    "batch_size=16": "hyperparameter",
    "net.layers[0].W[2, 5], one weight after training": "parameter",
    "the 9 shared weights of a convolutional layer": "parameter",
    "how many neighbours a convolutional neuron reads": "hyperparameter",
    "the weights of a recurrent layer's loop-back connections": "parameter",
}
_REASONS = {
    "48, the width of the hidden layer": (
        "the width is part of the architecture, fixed before training"
    ),
    "'tanh', the hidden activation": (
        "you choose it when you build the network; training never changes it"
    ),
    "learning_rate=0.05": "you pass it to fit; gradient descent uses it but does not change it",
    "batch_size=16": "you choose how many samples each step sees",
    (
        "net.layers[0].W[2, 5], one weight after training"
    ): "training moved this weight to lower the loss",
    "the 9 shared weights of a convolutional layer": (
        "they are weights like any other, only shared: training learns them"
    ),
    "how many neighbours a convolutional neuron reads": (
        "the size of the patch is part of the architecture, chosen before training"
    ),
    "the weights of a recurrent layer's loop-back connections": (
        "a loop-back connection carries a weight, and training learns it"
    ),
}


def _check_names(answer):
    if not isinstance(answer, dict):
        return (
            f"answer should be a dict from item to 'parameter' or "
            f"'hyperparameter'; got {type(answer).__name__}"
        )
    if all(value is None for value in answer.values()):
        raise NotImplementedError
    for name, kind in NAMES.items():
        if name not in answer:
            return f"the dict is missing {name!r}; keep all the keys as given"
        value = answer[name]
        if value is None:
            return f"you left {name!r} as None"
        value = str(value).strip().lower().replace("-", "").replace(" ", "")
        if value not in ("parameter", "hyperparameter"):
            return f"{name!r}: write 'parameter' or 'hyperparameter', not {answer[name]!r}"
        if value != kind:
            return f"{name!r} is a {kind}: {_REASONS[name]}"
    return None


q3 = Question(
    "q3",
    check=_check_names,
    hints=(
        "Use section 6's test on each item: would pressing 'train' change it, or must it be "
        "settled before training can start?",
        "Every number that sits on a connection is moved by training, however the connections "
        "are arranged (shared or looping back). Everything that says how many, how big, which "
        "function or how fast is decided beforehand.",
    ),
    solution_code="answer = {\n" + "".join(f"    {k!r}: {v!r},\n" for k, v in NAMES.items()) + "}",
    success=(
        "Training learns the parameters; you (or a search, notebook 11) choose the hyperparameters."
    ),
)


# ------------------------------------------------------------------------ quiz
quiz = Quiz(
    "quiz",
    [
        Numeric(
            "How many parameters (weights and biases) does a fully connected 3-5-2 network have?",
            answer=3 * 5 + 5 + 5 * 2 + 2,
            tolerance=0,
            why="Layer 1: 3 x 5 weights + 5 biases = 20; layer 2: 5 x 2 weights + 2 biases = 12; "
            "together 32.",
        ),
        Choice(
            "Two classes. Network A ends in one sigmoid output, network B in two softmax outputs; "
            "both have the same hidden layers. Which is true?",
            {
                "a": "B is more accurate, because it has more output weights",
                "b": "B can give exactly the probabilities A gives, using twice the output weights",
                "c": "A cannot give a probability for class 0",
            },
            answer="b",
            why={
                "a": "Only the difference of B's two weighted sums matters, which one sigmoid "
                "neuron already computes: the extra weights add nothing.",
                "b": "Right: softmax of two outputs is the sigmoid of their difference, so B's "
                "second set of output weights is redundant.",
                "c": "P(class 0) = 1 - P(class 1): one number is enough for two classes.",
            },
        ),
        Choice(
            "What is the depth of a network with layer sizes [10, 32, 32, 3]?",
            {"a": "3", "b": "4", "c": "2"},
            answer="a",
            why={
                "a": "Right: three layers have weights (two hidden, one output).",
                "b": "That counts the input layer, which has no weights: it is just the features.",
                "c": "That counts only the hidden layers; the output layer has weights too.",
            },
        ),
        Choice(
            "Which topology reads a sequence one item at a time and remembers the previous step?",
            {"a": "fully connected feedforward", "b": "convolutional", "c": "recurrent"},
            answer="c",
            why={
                "a": "Feedforward has no loops: its output depends only on the current input.",
                "b": "A convolution connects neighbours with shared weights, but has no loops "
                "and so no memory.",
                "c": "Right: its loop-back connections carry the previous step's values.",
            },
        ),
        Choice(
            "Which of these is a hyperparameter?",
            {
                "a": "the bias of the first output neuron",
                "b": "the number of hidden layers",
                "c": "the weight from input 1 to hidden neuron 3",
            },
            answer="b",
            why={
                "a": "Training adjusts every bias: it is a parameter.",
                "b": "Right: you fix the architecture before training starts.",
                "c": "Training adjusts every weight: it is a parameter.",
            },
        ),
    ],
)
