"""The package agrees with TensorFlow's automatic differentiation.

The same weights give the same forward outputs (to 1e-10) and the same gradients (to 1e-8)
in float64, for several architectures, every activation and every loss. TensorFlow computes
its side from its own ops (``tf.nn``, ``tf.math``) and its ``GradientTape``, not from ours.
"""

import os

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
tf = pytest.importorskip("tensorflow")

from nn_course import Dense, Network  # noqa: E402
from nn_course.activations import ELU_ALPHA, LEAKY_RELU_SLOPE  # noqa: E402

TF_ACTIVATIONS = {
    "sigmoid": tf.math.sigmoid,
    "tanh": tf.math.tanh,
    "relu": tf.nn.relu,
    # tf.nn.leaky_relu keeps alpha in float32 (0.01 -> 0.0099999998), so write it out in float64.
    "leaky_relu": lambda z: tf.where(z > 0, z, LEAKY_RELU_SLOPE * z),
    "elu": lambda z: tf.where(z > 0, z, ELU_ALPHA * (tf.exp(tf.minimum(z, 0.0)) - 1.0)),
    "softplus": tf.math.softplus,
    "linear": tf.identity,
    "softmax": lambda z: tf.nn.softmax(z, axis=-1),
}


def tf_loss(name, out, y, n_classes):
    if name == "mse":
        return tf.reduce_mean(tf.square(out - y))
    if name == "binary_cross_entropy":  # out are probabilities
        return -tf.reduce_mean(y * tf.math.log(out) + (1 - y) * tf.math.log(1 - out))
    onehot = tf.one_hot(y, n_classes, dtype=tf.float64)
    return -tf.reduce_mean(tf.reduce_sum(onehot * tf.math.log(out), axis=1))


def tf_forward_and_grads(net, X, y, loss):
    variables = [(tf.Variable(layer.W), tf.Variable(layer.b)) for layer in net.dense_layers]
    with tf.GradientTape() as tape:
        a = tf.constant(X)
        for layer, (W, b) in zip(net.dense_layers, variables, strict=True):
            a = TF_ACTIVATIONS[layer.activation.name](a @ W + b)
        out = a
        # A linear output layer holds logits: turn them into probabilities for the CE losses.
        if loss == "binary_cross_entropy" and net.output_activation.name == "linear":
            out = tf.math.sigmoid(out)
        if loss == "cross_entropy" and net.output_activation.name == "linear":
            out = tf.nn.softmax(out, axis=-1)
        value = tf_loss(loss, out, tf.constant(y), net.n_outputs)
    grads = tape.gradient(value, [v for pair in variables for v in pair])
    return a.numpy(), float(value), [g.numpy() for g in grads]


ARCHITECTURES = [[3, 5, 2], [4, 8, 8, 3], [2, 1, 6, 4, 3]]
HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "linear", "softmax"]
LOSSES = [
    ("mse", "linear"),
    ("mse", "sigmoid"),
    ("binary_cross_entropy", "sigmoid"),
    ("binary_cross_entropy", "linear"),
    ("cross_entropy", "softmax"),
    ("cross_entropy", "linear"),
]


@pytest.mark.parametrize("sizes", ARCHITECTURES, ids=lambda s: "-".join(map(str, s)))
@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("loss,output", LOSSES, ids=lambda v: str(v))
def test_matches_tensorflow(sizes, hidden, loss, output):
    rng = np.random.default_rng(abs(hash((tuple(sizes), hidden, loss, output))) % 2**32)
    if loss == "binary_cross_entropy":
        sizes = sizes[:-1] + [1]
    layers = [Dense(sizes[i], sizes[i + 1], hidden, rng=rng) for i in range(len(sizes) - 2)]
    layers.append(Dense(sizes[-2], sizes[-1], output, rng=rng))
    net = Network(layers)
    for layer in net.dense_layers:
        layer.b[:] = rng.normal(0, 0.3, size=layer.b.shape)
    X = rng.normal(size=(7, sizes[0]))
    if loss == "mse":
        y = rng.normal(size=(7, sizes[-1]))
    elif loss == "binary_cross_entropy":
        y = rng.integers(0, 2, size=(7, 1)).astype(np.float64)
    else:
        y = rng.integers(0, sizes[-1], size=7)

    tf_out, tf_value, tf_grads = tf_forward_and_grads(net, X, y, loss)
    out = net.forward(X)
    value, grads = net.loss_and_gradients(X, y, loss=loss)

    assert np.max(np.abs(out - tf_out)) < 1e-10, "forward outputs differ from TensorFlow"
    assert value == pytest.approx(tf_value, abs=1e-10, rel=1e-10)
    ours = [g for layer_grads in grads for g in (layer_grads["W"], layer_grads["b"])]
    for i, (g, t) in enumerate(zip(ours, tf_grads, strict=True)):
        assert g.shape == t.shape
        assert np.max(np.abs(g - t)) < 1e-8, (
            f"gradient {i} differs from TensorFlow by {np.max(np.abs(g - t)):.2e}"
        )
