"""Exercises of 10_tensorflow_keras: references pass, typical mistakes get the right message."""

from __future__ import annotations

import numpy as np
import pytest

from nn_course import Network
from nn_course.exercises import nb10 as ex

keras = pytest.importorskip("keras")


def not_done(*args):
    raise NotImplementedError  # the notebook's placeholder


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3])
def test_reference_is_correct_and_placeholder_not_attempted(question):
    assert question.verdict(question.reference) == ("correct", "correct!")
    assert question.verdict(not_done)[0] == "not attempted"
    assert question.verdict(None)[0] == "not attempted"


def verdict(question, answer):
    status, message = question.verdict(answer)
    assert status == "wrong", message
    return message


def _model(*layers, inputs=True, dtype="float64"):
    head = [keras.Input(shape=(64,), dtype=dtype)] if inputs else []
    return lambda: keras.Sequential(head + list(layers))


def test_build_model_mistakes():
    D = keras.layers.Dense
    f64 = {"dtype": "float64"}
    assert "float64" in verdict(ex.q1, _model(D(128, activation="relu"), D(10), dtype="float32"))
    assert "logits" in verdict(ex.q1, _model(D(128, activation="relu", **f64), D(10, activation="softmax", **f64)))
    assert "not built" in verdict(ex.q1, _model(D(128, activation="relu", **f64), D(10, **f64), inputs=False))
    assert "128 and 10 units" in verdict(ex.q1, _model(D(64, activation="relu", **f64), D(10, **f64)))
    assert "activation='relu'" in verdict(ex.q1, _model(D(128, activation="sigmoid", **f64), D(10, **f64)))
    assert "keras.Sequential" in verdict(ex.q1, lambda: Network.from_sizes([64, 128, 10]))


def test_reference_model_matches_the_network_with_copied_weights():
    net = Network.from_sizes([64, 128, 10], init="he_normal", rng=0)
    model = ex.reference_build_model()
    model.set_weights(ex.reference_keras_weights(net))
    X = np.random.default_rng(1).normal(size=(7, 64))
    assert np.abs(np.asarray(model(X)) - net.forward(X)).max() < 1e-10


def test_keras_weights_mistakes():
    def pairs(net):
        return net.get_weights()

    def transposed(net):
        return [a for W, b in net.get_weights() for a in (W.T, b)]

    def no_biases(net):
        return [W for W, _ in net.get_weights()]

    def biases_first(net):
        return [a for W, b in net.get_weights() for a in (b, W)]

    assert "flat list" in verdict(ex.q2, pairs)
    assert "transposed" in verdict(ex.q2, transposed)
    assert "forgot the biases" in verdict(ex.q2, no_biases)
    assert "weights before biases" in verdict(ex.q2, biases_first)


def test_loss_mistakes():
    losses = keras.losses
    assert "from_logits=False" in verdict(ex.q3, lambda: "sparse_categorical_crossentropy")
    assert "pass from_logits=True" in verdict(ex.q3, lambda: losses.SparseCategoricalCrossentropy())
    assert "one-hot" in verdict(ex.q3, lambda: losses.CategoricalCrossentropy(from_logits=True))
    assert "SparseCategoricalCrossentropy" in verdict(ex.q3, lambda: losses.MeanSquaredError())
    assert "create an object" in verdict(ex.q3, lambda: losses.SparseCategoricalCrossentropy)
    assert ex.q3.verdict(losses.SparseCategoricalCrossentropy(from_logits=True))[0] == "correct"
