"""Exercises of notebook 10_tensorflow_keras: the NumPy network of notebook 09, in Keras.

* ``q1`` ``build_model()``: a ``keras.Sequential`` 64-128-10 network (ReLU hidden layer, logits
  out) in float64.
* ``q2`` ``keras_weights(net)``: the list ``model.set_weights`` expects, from a course
  ``Network``: ``[W1, b1, W2, b2, ...]``.
* ``q3`` ``make_loss()``: returns the Keras loss that matches ``softmax_cross_entropy`` of notebook 09 for
  integer labels and a logits output.

Keras is imported only when a check needs it (it takes seconds).

>>> q2.verdict(reference_keras_weights)
('correct', 'correct!')
"""

from __future__ import annotations

import numpy as np

from ..network import Network
from ._core import Question, compare

__all__ = ["q1", "q2", "q3", "reference_build_model", "reference_keras_weights", "reference_loss"]


def _keras():
    from ..keras_bridge import import_keras

    return import_keras()


# --------------------------------------------------------------------------- q1: the model
def reference_build_model():
    """64 inputs -> Dense(128, relu) -> Dense(10) logits, every layer in float64."""
    keras = _keras()
    return keras.Sequential([
        keras.Input(shape=(64,), dtype="float64"),
        keras.layers.Dense(128, activation="relu", dtype="float64", name="hidden"),
        keras.layers.Dense(10, dtype="float64", name="logits"),  # no activation: logits
    ], name="digits_mlp")


def _dense_layers(model, keras):
    return [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]


def _check_build_model(build_model):
    keras = _keras()
    model = build_model()
    if not isinstance(model, keras.Model):
        return f"build_model should return a keras.Sequential model; got {type(model).__name__}"
    if not model.built:
        return ("the model is not built, so it has no weights yet: start the list of layers with "
                "keras.Input(shape=(64,), dtype='float64')")
    if tuple(model.input_shape) != (None, 64):
        return f"the model should take 64 inputs (input shape (None, 64)); got {model.input_shape}"
    dense = _dense_layers(model, keras)
    if len(model.layers) != len(dense):
        others = [type(layer).__name__ for layer in model.layers if layer not in dense]
        return f"use only Dense layers (the activation goes into Dense(..., activation=...)); found {others}"
    units = [layer.units for layer in dense]
    if units != [128, 10]:
        return f"the Dense layers should have 128 and 10 units (a 64-128-10 network); got {units}"
    activations = [layer.get_config()["activation"] for layer in dense]
    if activations[0] != "relu":
        return f"the hidden layer should use activation='relu'; got {activations[0]!r}"
    if activations[1] != "linear":
        return (f"the output layer should give logits (no activation, as in notebook 09: the loss "
                f"applies softmax); got activation={activations[1]!r}")
    dtypes = sorted({str(np.dtype(w.dtype)) for w in model.weights})
    if dtypes != ["float64"]:
        return (f"the weights should be float64 to match NumPy digit for digit; got {dtypes}: pass "
                "dtype='float64' to every layer and to keras.Input")
    return None


q1 = Question(
    "q1",
    check=_check_build_model,
    hint=("keras.Sequential([keras.Input(shape=(64,), dtype='float64'), keras.layers.Dense(128, "
          "activation='relu', dtype='float64'), keras.layers.Dense(10, dtype='float64')])"),
    solution='''def build_model():
    return keras.Sequential([
        keras.Input(shape=(64,), dtype="float64"),
        keras.layers.Dense(128, activation="relu", dtype="float64"),
        keras.layers.Dense(10, dtype="float64"),       # logits: no activation
    ])''',
    success="Three lines describe the whole architecture; Keras creates the weights for you.",
    reference=reference_build_model,
)


# --------------------------------------------------------------------------- q2: the weights
def reference_keras_weights(net):
    """``[W1, b1, W2, b2, ...]``: Keras's kernels are ``(n_in, n_out)`` like ours, so no transposes."""
    weights = []
    for W, b in net.get_weights():
        weights += [W, b]
    return weights


def _check_keras_weights(keras_weights):
    for sizes, seed in (([64, 128, 10], 4), ([3, 5, 4, 2], 5)):
        net = Network.from_sizes(sizes, activation="relu", rng=seed)
        for layer in net.dense_layers:  # nonzero biases, so a forgotten bias shows
            layer.b[...] = np.random.default_rng(seed).normal(size=layer.b.shape)
        got = keras_weights(net)
        expected = reference_keras_weights(net)
        if not isinstance(got, (list, tuple)):
            return f"keras_weights should return a list of arrays; got {type(got).__name__}"
        if len(got) == len(expected) // 2:
            if all(isinstance(item, (list, tuple)) for item in got):
                return ("Keras wants one flat list [W1, b1, W2, b2, ...], not (W, b) pairs: add W and b "
                        "to the list one after the other")
            return f"expected {len(expected)} arrays, a W and a b per layer; got {len(got)} (forgot the biases?)"
        if len(got) != len(expected):
            return f"expected {len(expected)} arrays [W1, b1, W2, b2, ...]; got {len(got)}"
        for i, (g, e) in enumerate(zip(got, expected)):
            name = f"{'Wb'[i % 2]}{i // 2 + 1}"
            if np.shape(g) == np.shape(expected[i + 1 if i % 2 == 0 else i - 1]) and np.shape(g) != e.shape:
                return f"entry {i} should be {name}: the order is W1, b1, W2, b2, ... (weights before biases)"
            problem = compare(g, e, f"entry {i} ({name})")
            if problem:
                if "transposed" in problem:
                    problem += ("; Keras stores a kernel as (n_in, n_out), the same as the course (PyTorch "
                                "would need the transpose)")
                return problem
    return None


q2 = Question(
    "q2",
    check=_check_keras_weights,
    hint="Loop over net.get_weights(), which gives (W, b) pairs, and append W and then b to one flat list.",
    solution='''def keras_weights(net):
    weights = []
    for W, b in net.get_weights():
        weights += [W, b]
    return weights''',
    success="Same shapes on both sides: W is (n_in, n_out) in the course and in Keras.",
    reference=reference_keras_weights,
)


# --------------------------------------------------------------------------- q3: the loss
def reference_loss():
    """The Keras twin of notebook 09's ``softmax_cross_entropy`` (integer labels, logits)."""
    return _keras().losses.SparseCategoricalCrossentropy(from_logits=True)


def _check_loss(make_loss):
    keras = _keras()
    if isinstance(make_loss, keras.losses.Loss) or isinstance(make_loss, (str, type)):
        loss = make_loss  # a loss given directly is fine too
    else:
        loss = make_loss()
    if isinstance(loss, str):
        return (f"the string {loss!r} means from_logits=False (Keras would read the logits as "
                "probabilities); create the loss object so you can pass from_logits=True")
    if isinstance(loss, type):
        return "that is the class; create an object: call it with (from_logits=True)"
    if isinstance(loss, keras.losses.CategoricalCrossentropy):
        return ("CategoricalCrossentropy wants one-hot labels; y holds integer labels 0-9, which is "
                "what SparseCategoricalCrossentropy takes")
    if not isinstance(loss, keras.losses.SparseCategoricalCrossentropy):
        return f"use keras.losses.SparseCategoricalCrossentropy; got {type(loss).__name__}"
    if not loss.get_config().get("from_logits"):
        return ("the model outputs logits, not probabilities: pass from_logits=True so the loss applies "
                "softmax itself (stably, as your softmax_cross_entropy did)")
    logits = np.array([[2.0, -1.0, 0.5], [0.1, 0.2, 3.0]])
    y = np.array([0, 2])
    from ..losses import get

    return compare(float(loss(y, logits)), get("cross_entropy").from_logits(logits, y), "the loss value")


q3 = Question(
    "q3",
    check=_check_loss,
    hint=("Integer labels -> the 'Sparse' categorical cross-entropy; a logits output -> "
          "from_logits=True."),
    solution='''def make_loss():
    return keras.losses.SparseCategoricalCrossentropy(from_logits=True)''',
    success="Softmax inside the loss, computed stably: exactly notebook 09's softmax_cross_entropy.",
    reference=reference_loss,
)
