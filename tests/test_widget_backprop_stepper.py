"""backprop_stepper shows the gradients of net.loss_and_gradients, with the chain-rule products."""

import re

import numpy as np

from nn_course import Network
from nn_course.widgets.backprop_stepper import backprop_stepper, example_network


def _run_to_end(w):
    for _ in range(w.n_steps + 2):
        w.controls["next"].click()


def test_default_steps_forward_loss_then_backward():
    w = backprop_stepper()
    assert w.step == 0 and w.n_steps == 7
    titles = []
    for i in range(1, 8):
        w.controls["next"].click()
        titles.append(re.findall(rf"<b>{i}\. ([^<]+)</b>", w.children[3].value)[0])
    assert titles == ["forward, layer 1", "forward, layer 2", "loss", "backward, output delta2",
                      "backward, gradients of layer 2", "backward, delta1", "backward, gradients of layer 1"]
    text = w.children[3].value
    assert "delta1 = (delta2 @ W2.T) * f'(z1)" in text
    assert "dL/dW2 = a1.T @ delta2" in text
    assert "dL/dW1 = x.T @ delta1" in text


def test_gradients_equal_loss_and_gradients():
    net = example_network()
    w = backprop_stepper(net)
    w.controls["x1"].value = -1.3
    w.controls["y"].value = 1
    loss, grads = net.loss_and_gradients(np.array([[-1.3, 0.5]]), np.array([1]), loss="binary_cross_entropy")
    assert np.isclose(w.loss_value, loss)
    for got, want in zip(w.grads, grads, strict=True):
        np.testing.assert_allclose(got["W"], want["W"], rtol=1e-12)
        np.testing.assert_allclose(got["b"], want["b"], rtol=1e-12)
    _run_to_end(w)
    text = w.children[3].value
    for g in grads:  # every gradient entry is printed (rounded)
        for value in np.concatenate([g["W"].ravel(), g["b"]]):
            assert f"{value:.3f}".replace("-0.000", "0.000") in text


def test_deltas_follow_the_chain_rule():
    net = example_network()
    w = backprop_stepper(net)
    trace = net.forward(w.X, trace=True)
    delta2 = trace[1].a - w.Y[:, None]  # sigmoid output + binary cross-entropy, one sample
    np.testing.assert_allclose(w.deltas[1], delta2)
    a1 = trace[0].a
    np.testing.assert_allclose(w.deltas[0], (delta2 @ net.layers[1].W.T) * a1 * (1 - a1))


def test_gradient_check_is_shown_and_small():
    w = backprop_stepper()
    assert max(row["relative_error"] for row in w.check) < 1e-7
    assert "Gradient check" in w.children[2].children[1].value
    assert w.children[2].children[1].value.count(">ok<") == 4


def test_softmax_and_mse_networks():
    net = Network.from_sizes([2, 3, 3], activation="tanh", output_activation="softmax", rng=0)
    w = backprop_stepper(net, y=2)
    _run_to_end(w)
    _, grads = net.loss_and_gradients(w.X, [2], loss="cross_entropy")
    np.testing.assert_allclose(w.grads[0]["W"], grads[0]["W"])
    assert "one_hot(y)" in w.children[3].value

    net = Network.from_sizes([2, 3, 1], activation="tanh", output_activation="linear", rng=1)
    w = backprop_stepper(net, y=[0.5])
    _run_to_end(w)
    _, grads = net.loss_and_gradients(w.X, [[0.5]], loss="mse")
    np.testing.assert_allclose(w.grads[1]["W"], grads[1]["W"])
    assert "y" not in w.controls


def test_back_reset_and_slider():
    w = backprop_stepper()
    _run_to_end(w)
    assert w.step == w.n_steps
    w.controls["back"].click()
    assert w.step == w.n_steps - 1
    w.controls["reset"].click()
    assert w.step == 0
    before = w.children[2].children[0].value
    w.controls["x1"].value = 2.0
    assert w.children[2].children[0].value != before
