"""Exercises of notebook 05_network_structure.

* ``q1``: a function counting the parameters of a fully connected network from its layer sizes.
* ``q2``: the shapes of ``W`` and ``b`` in one layer of a given network.
* ``q3``: which names are parameters (learned) and which are hyperparameters (chosen).

>>> from nn_course.exercises import nb05 as ex
>>> ex.q1.verdict(ex.q1.reference)
('correct', 'correct!')
"""

from __future__ import annotations

import numpy as np

from ..network import Network
from ._core import Question

__all__ = ["q1", "q2", "q3", "Q2_SIZES", "Q2_LAYER", "NAMES"]


# ------------------------------------------------------------------------ q1: counting parameters
def reference_count_parameters(sizes):
    """Weights plus biases of a fully connected network with layer sizes [n_inputs, ..., n_outputs]."""
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


_CASES = ([2, 3, 1], [4, 16, 8, 3], [784, 128, 10], [5, 5], [1, 7, 7, 7, 1])

# Typical slips, each with what it means; checked in this order after a wrong total.
_SLIPS = (
    (lambda s: sum(a * b for a, b in zip(s[:-1], s[1:])),
     "you counted only the weights: every neuron after the input layer also has one bias"),
    (lambda s: sum(a * b + a for a, b in zip(s[:-1], s[1:])),
     "you added one bias per INPUT of each layer; biases belong to the layer's own neurons (n_out)"),
    (lambda s: sum(a * b for a, b in zip(s[:-1], s[1:])) + sum(s),
     "you gave the input layer biases too; inputs are just the features, they have no bias"),
    (lambda s: sum(a * b + b for a, b in zip(s[:-2], s[1:-1])),
     "you left out the output layer; it has weights and biases like every other layer"),
    (lambda s: sum(s),
     "you counted neurons, not parameters; each connection has a weight"),
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
    hint=("Go over consecutive pairs of sizes (n_in, n_out): zip(sizes[:-1], sizes[1:]). A dense "
          "layer has n_in * n_out weights (one per connection) and n_out biases (one per neuron)."),
    solution=("def count_parameters(sizes):\n"
              "    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))"),
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
        return (f"W shape {w_shape} is transposed: in this course Z = X @ W + b, so W is "
                "(n_in, n_out): one row per input, one column per neuron")
    if w_shape != (n_in, n_out):
        if w_shape in {(a, b) for a, b in zip(Q2_SIZES[:-1], Q2_SIZES[1:])}:
            return (f"W shape {w_shape} belongs to another layer: layer {Q2_LAYER} takes the "
                    f"{n_in} outputs of the layer before it")
        return f"W shape {w_shape} is not right: W has one row per input and one column per neuron"
    if b_shape == (n_in,):
        return f"b shape {b_shape}: there is one bias per neuron of the layer (n_out), not per input"
    if b_shape in {(1, n_out), (n_out, 1)}:
        return f"b shape {b_shape}: the course stores b as a 1-D array of shape (n_out,)"
    if b_shape != (n_out,):
        return f"b shape {b_shape} is not right: one bias per neuron of the layer"
    return None


q2 = Question(
    "q2",
    check=_check_shapes,
    hint=("Layer 2 maps the 128 values of hidden layer 1 to 64 neurons. Z = X @ W + b with X of "
          "shape (n_samples, n_in): for the product to work W must have n_in rows."),
    solution="answer = ((128, 64), (64,))   # W (n_in, n_out), b (n_out,)",
    success="Rows of W are inputs, columns are neurons: column j holds neuron j's weights.",
)


# ------------------------------------------------------------------------ q3: parameters vs hyperparameters
#: The names to classify, and whether each is learned ("parameter") or chosen ("hyperparameter").
NAMES = {
    "weights": "parameter",
    "biases": "parameter",
    "learning rate": "hyperparameter",
    "number of hidden layers": "hyperparameter",
    "neurons per hidden layer": "hyperparameter",
    "activation function": "hyperparameter",
    "batch size": "hyperparameter",
    "number of epochs": "hyperparameter",
}
_REASONS = {
    "weights": "training changes every weight to lower the loss: they are learned",
    "biases": "training adjusts each bias just like the weights: they are learned",
    "learning rate": "you set it before training; gradient descent does not change it",
    "number of hidden layers": "the architecture is fixed before training starts",
    "neurons per hidden layer": "the width of a layer is fixed before training starts",
    "activation function": "you choose it when you build the network",
    "batch size": "you choose how many samples each step sees",
    "number of epochs": "you decide how long to train",
}


def _check_names(answer):
    if not isinstance(answer, dict):
        return f"answer should be a dict from name to 'parameter' or 'hyperparameter'; got {type(answer).__name__}"
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
    hint=("Ask of each name: does gradient descent change it during training (a parameter), or do "
          "you have to pick it before training starts (a hyperparameter)?"),
    solution="\n".join(["answer = {"] + [f"    {name!r}: {kind!r}," for name, kind in NAMES.items()] + ["}"]),
    success="Training learns the parameters; you (or a search, notebook 11) choose the hyperparameters.",
)
