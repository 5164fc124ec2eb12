"""Regularisation: L1/L2 penalties (value and gradient) and dropout (inference vs training)."""

from __future__ import annotations

import numpy as np
import pytest

from nn_course import Dense, Dropout, Network, datasets
from nn_course.gradcheck import check_gradients
from nn_course.training import Trainer, fit


def net_and_data(seed=0):
    rng = np.random.default_rng(seed)
    net = Network([Dense(3, 5, "tanh", rng=seed), Dense(5, 3, "linear", rng=seed + 1)])
    X = rng.normal(size=(6, 3))
    y = rng.integers(0, 3, size=6)
    return net, X, y


@pytest.mark.parametrize("l1, l2", [(0.0, 0.1), (0.05, 0.0), (0.03, 0.07)])
def test_penalty_gradients_pass_check_gradients(l1, l2):
    net, X, y = net_and_data()
    # keep every weight away from the L1 kink at w = 0 (the finite difference straddles it)
    for layer in net.dense_layers:
        small = np.abs(layer.W) < 1e-2
        layer.W[small] = 0.05
    assert check_gradients(net, X, y, loss="cross_entropy", l1=l1, l2=l2) < 1e-7


@pytest.mark.parametrize("l1, l2", [(0.0, 0.1), (0.05, 0.0), (0.03, 0.07)])
def test_training_step_penalty_value_and_gradient(l1, l2):
    """The trainer's penalty: l1 * sum|W| + l2 * sum W^2, gradient l1 sign(W) + 2 l2 W."""
    net, X, y = net_and_data(1)
    plain = Trainer(net, "cross_entropy")
    penalised = Trainer(net, "cross_entropy", l1=l1, l2=l2)
    Xp, t = plain.prepare(X, y)
    v0, g0, _ = plain._stepper.loss_and_gradients(Xp, t.Y)
    v1, g1, _ = penalised._stepper.loss_and_gradients(Xp, t.Y)
    Ws = [layer.W for layer in net.dense_layers]
    expected = sum(l1 * np.abs(W).sum() + l2 * (W * W).sum() for W in Ws)
    assert v1 - v0 == pytest.approx(expected, rel=1e-12)
    for W, a, b in zip(Ws, g0, g1, strict=True):
        np.testing.assert_allclose(b["W"] - a["W"], l1 * np.sign(W) + 2 * l2 * W, atol=1e-14)
        np.testing.assert_array_equal(b["b"], a["b"])  # biases are not penalised


def test_l2_shrinks_the_weights():
    X, y = datasets.moons(100, rng=0)

    def norm_after(l2):
        net = Network([Dense(2, 16, "tanh", rng=0), Dense(16, 2, "linear", rng=1)])
        fit(net, X, y, epochs=30, l2=l2, rng=0)
        return sum(float((W**2).sum()) for W, _ in net.get_weights())

    assert norm_after(0.01) < 0.8 * norm_after(0.0)


def test_dropout_is_identity_at_inference():
    X = np.random.default_rng(0).normal(size=(5, 4))
    with_dropout = Network([Dense(4, 6, "relu", rng=0), Dropout(0.5), Dense(6, 2, rng=1)])
    without = Network([Dense(4, 6, "relu", rng=0), Dense(6, 2, rng=1)])
    np.testing.assert_array_equal(with_dropout.forward(X), without.forward(X))
    np.testing.assert_array_equal(Dropout(0.9).forward(X), X)
    # and the trainer's evaluation (inference mode) agrees with the network's forward pass
    trainer = Trainer(with_dropout, "mse")
    Xp, targets = trainer.prepare(X, without.forward(X))
    assert trainer.evaluate(X, without.forward(X))["loss"] == 0.0
    assert targets.Y.shape == (5, 2)


@pytest.mark.parametrize("rate", [0.2, 0.5])
def test_dropout_in_training_zeroes_a_fraction_and_scales_the_rest(rate):
    net = Network([Dense(4, 4, "linear", rng=0), Dropout(rate), Dense(4, 1, rng=1)])
    X = np.ones((20000, 4))
    step = net.forward(X, trace=True, training=True, rng=np.random.default_rng(0))[1]
    inp, a, mask = step.input, step.a, step.mask
    kept = a != 0
    assert abs(1 - kept.mean() - rate) < 0.01  # about `rate` of the units dropped
    np.testing.assert_allclose(a[kept], (inp / (1 - rate))[kept], rtol=1e-15)  # inverted
    np.testing.assert_allclose(a.mean(axis=0), inp.mean(axis=0), rtol=0.03)  # same expectation
    np.testing.assert_array_equal(mask[kept], 1 / (1 - rate))


def test_dropout_gradient_uses_the_same_mask():
    """Backprop through dropout multiplies by the mask used in the forward pass."""
    net = Network([Dense(3, 6, "tanh", rng=0), Dropout(0.5), Dense(6, 2, "linear", rng=1)])
    X = np.random.default_rng(1).normal(size=(8, 3))
    y = np.array([0, 1] * 4)
    trainer = Trainer(net, "cross_entropy")
    Xp, t = trainer.prepare(X, y)
    _, grads, _ = trainer._stepper.loss_and_gradients(Xp, t.Y, np.random.default_rng(7))
    # the network's own training-mode backprop with the same generator state
    _, expected = net.loss_and_gradients(X, y, "cross_entropy", training=True,
                                         rng=np.random.default_rng(7))
    for g, e in zip(grads, expected, strict=True):
        for key in g:
            np.testing.assert_allclose(g[key], e[key], rtol=1e-12, atol=1e-15)
    assert grads[1] == {}
