"""backprop_stepper shows net.loss_and_gradients on a batch, with the sums written out."""

import re

import numpy as np
import pytest

from nn_course import Network
from nn_course.style import NEGATIVE, POSITIVE
from nn_course.widgets.backprop_stepper import (EXAMPLE_X, EXAMPLE_Y, backprop_stepper,
                                                example_network)


def _run_to_end(w):
    for _ in range(w.n_steps + 2):
        w.controls["next"].click()


def _text(w):
    return re.sub("<[^>]+>", "", w.children[3].value)


def test_default_steps_forward_loss_then_backward_on_a_batch():
    w = backprop_stepper()
    assert w.step == 0 and w.n_steps == 7 and w.X.shape == (2, 2)
    titles = []
    for i in range(1, 8):
        w.controls["next"].click()
        titles.append(re.findall(rf"<b>{i}\. ([^<]+)</b>", w.children[3].value)[0])
    assert titles == ["forward, layer 1", "forward, layer 2", "loss", "backward, output delta2",
                      "backward, gradients of layer 2", "backward, delta1",
                      "backward, gradients of layer 1"]
    text = _text(w)
    assert "delta1 = (delta2 @ W2.T) * f'(Z1)" in text
    assert "dL/dW2 = A1.T @ delta2: (3, 2) @ (2, 2)" in text
    assert "dL/dW1 = X.T @ delta1: (2, 2) @ (2, 3)" in text
    assert "(P - Y) / n" in text and "n = 2 samples" in text


def test_gradients_equal_loss_and_gradients():
    net = example_network()
    w = backprop_stepper(net)
    w.controls["y"].value = 1
    Y = np.array([1, EXAMPLE_Y[1]])
    loss, grads = net.loss_and_gradients(EXAMPLE_X, Y, loss="cross_entropy")
    assert np.isclose(w.loss_value, loss)
    for got, want in zip(w.grads, grads, strict=True):
        np.testing.assert_allclose(got["W"], want["W"], rtol=1e-12)
        np.testing.assert_allclose(got["b"], want["b"], rtol=1e-12)


def test_selected_neuron_delta_is_the_sum_of_its_terms():
    """The written-out sum for hidden neuron j adds one w_jk * delta_k term per output neuron."""
    net = example_network()
    w = backprop_stepper(net)
    w.controls["neuron"].value = 2
    _run_to_end(w)
    text = _text(w)
    W2, d2, d1 = net.layers[1].W, w.deltas[1], w.deltas[0]
    assert "neuron 3 of layer 1 feeds 2 neurons" in text
    for s in range(2):
        line = re.findall(rf"sample {s + 1}: delta1_3 = (.*)", text)[0]
        assert line.split(" = ")[0].count("·") == 3  # one w·delta term per output neuron, then · f'
        total = W2[2] @ d2[s]
        a = w.trace[0].a[s, 2]
        assert np.isclose(d1[s, 2], total * a * (1 - a))
        assert f"{total:.3g}".lstrip("-") in text


def test_weight_gradient_is_a_sum_over_the_samples():
    w = backprop_stepper()
    w.controls["neuron"].value = 1
    _run_to_end(w)
    text = _text(w)
    A1, d2 = w.trace[0].a, w.deltas[1]
    want = A1[0, 1] * d2[0, 0] + A1[1, 1] * d2[1, 0]
    assert np.isclose(w.grads[1]["W"][1, 0], want)
    assert "dL/dW2[2,1] = " in text and "a sum over the 2 samples" in text


def test_numbers_are_coloured_by_sign():
    w = backprop_stepper()
    _run_to_end(w)
    html_text = w.children[3].value
    assert f'color:{POSITIVE}' in html_text and f'color:{NEGATIVE}' in html_text


def test_diagram_follows_the_chosen_sample():
    w = backprop_stepper()
    _run_to_end(w)
    first = w.children[2].children[0].value
    w.controls["sample"].value = 1
    second = w.children[2].children[0].value
    assert first != second and ">-0.5<" in second


def test_gradient_check_is_shown_and_small():
    w = backprop_stepper()
    assert max(row["relative_error"] for row in w.check) < 1e-7
    assert "Gradient check" in w.children[2].children[1].value
    assert w.children[2].children[1].value.count(">ok<") == 4


def test_binary_and_mse_networks():
    net = Network.from_sizes([2, 3, 1], activation="tanh", output_activation="sigmoid", rng=0)
    w = backprop_stepper(net, X=[[0.5, -1.0], [1.0, 2.0], [0.0, 1.0]], y=[1, 0, 1])
    _run_to_end(w)
    _, grads = net.loss_and_gradients(w.X, [1, 0, 1], loss="binary_cross_entropy")
    np.testing.assert_allclose(w.grads[0]["W"], grads[0]["W"])
    assert "n = 3 samples" in _text(w)

    net = Network.from_sizes([2, 3, 1], activation="tanh", output_activation="linear", rng=1)
    w = backprop_stepper(net, X=[1.0, 0.5], y=[[0.5]])
    _run_to_end(w)
    _, grads = net.loss_and_gradients(w.X, [[0.5]], loss="mse")
    np.testing.assert_allclose(w.grads[1]["W"], grads[1]["W"])
    assert "y" not in w.controls


def test_bad_batch_is_named():
    with pytest.raises(ValueError, match=r"X must have shape \(n_samples, 2\); got shape \(2, 3\)"):
        backprop_stepper(X=np.zeros((2, 3)))
    with pytest.raises(ValueError, match="one target per sample"):
        backprop_stepper(X=np.zeros((3, 2)), y=[0, 1])


def test_back_reset_and_target():
    w = backprop_stepper()
    _run_to_end(w)
    assert w.step == w.n_steps
    w.controls["back"].click()
    assert w.step == w.n_steps - 1
    w.controls["reset"].click()
    assert w.step == 0
    before = w.children[2].children[1].value
    w.controls["y"].value = 1
    assert w.children[2].children[1].value != before


def test_no_selected_neuron_hides_the_written_sums():
    w = backprop_stepper()
    w.controls["neuron"].value = -1
    _run_to_end(w)
    text = _text(w)
    assert "feeds 2 neurons" not in text and "(selected)" not in w.children[2].children[0].value
    assert "dL/dW1[1,1]" in text  # an entry is still written as its sum over the samples


def test_choosing_a_neuron_or_none_shows_at_every_step():
    """The neuron dropdown changes the view even before the backward pass: it says what it does."""
    w = backprop_stepper()
    assert "neuron 1 of layer 1</b> (marked in the diagram). Step 6" in w.children[3].value
    assert "(selected)" in w.children[2].children[0].value
    w.controls["neuron"].value = -1
    assert "none chosen" in w.children[3].value
    assert "(selected)" not in w.children[2].children[0].value
    _run_to_end(w)
    assert "feeds 2 neurons" not in _text(w)
    w.controls["neuron"].value = 1
    assert "neuron 2 of layer 1 feeds 2 neurons" in _text(w)
