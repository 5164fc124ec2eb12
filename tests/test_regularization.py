"""Regularisation: L1/L2 penalties (value and gradient) and dropout (inference vs training)."""

from __future__ import annotations

import numpy as np
import pytest

from nn_course import Dense, Dropout, Network, datasets
from nn_course.gradcheck import check_gradients
from nn_course.optimizers import SGD
from nn_course.training import Trainer, fit


class Recorder(SGD):
    """SGD that keeps a copy of the gradients it is given: what training really applies."""

    def step(self, params, grads):
        self.seen = [{k: g.copy() for k, g in layer.items()} for layer in grads]
        super().step(params, grads)


def applied_gradients(net, X, y, loss="cross_entropy", l1=0.0, l2=0.0, rng=None):
    """The loss and the gradients one training step of ``net`` uses (on a copy of ``net``)."""
    trainer = Trainer(net.copy(), loss, Recorder(learning_rate=0.0), l1=l1, l2=l2, rng=rng)
    value = trainer.train_step(X, y)
    return value, trainer.optimizer.seen


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
    v0, g0 = applied_gradients(net, X, y)
    v1, g1 = applied_gradients(net, X, y, l1=l1, l2=l2)
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
    _, Y, labels = trainer.prepare(X, without.forward(X))
    assert trainer.evaluate(X, without.forward(X))["loss"] == 0.0
    assert Y.shape == (5, 2) and labels is None


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
    """Backprop through dropout multiplies by the mask of the forward pass (written by hand)."""
    net = Network([Dense(3, 6, "tanh", rng=0), Dropout(0.5), Dense(6, 2, "linear", rng=1)])
    X = np.random.default_rng(1).normal(size=(8, 3))
    y = np.array([0, 1] * 4)
    _, grads = applied_gradients(net, X, y, rng=np.random.default_rng(7))
    # the same generator state gives the same mask
    mask = net.forward(X, trace=True, training=True, rng=np.random.default_rng(7))[1].mask
    (W1, b1), (W2, b2) = net.get_weights()
    a1 = np.tanh(X @ W1 + b1)
    z2 = (a1 * mask) @ W2 + b2
    p = np.exp(z2) / np.exp(z2).sum(axis=1, keepdims=True)
    delta2 = (p - np.eye(2)[y]) / 8
    delta1 = (delta2 @ W2.T) * mask * (1 - a1**2)
    np.testing.assert_allclose(grads[2]["W"], (a1 * mask).T @ delta2, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(grads[0]["W"], X.T @ delta1, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(grads[0]["b"], delta1.sum(0), rtol=1e-12, atol=1e-15)
    assert grads[1] == {}
    assert (mask == 0).any()  # some units were dropped, so the mask mattered
