"""Backpropagation is exact: property-based gradient checks over random networks.

For random architectures (1 to 3 hidden layers, widths 1 to 8), every hidden activation the
package has (smooth ones and those with a kink or a jump at z = 0), every loss with each output
layer it accepts, and random batches, the gradients from backpropagation agree with
fourth-order finite differences to better than 1e-7 at the check's default step: the check
shrinks its step where a nudge would cross a kink. Only points *at* a kink (closer than 1e-6),
where there is no derivative, are left out.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nn_course import Dense, Network, activations
from nn_course.gradcheck import check_gradients, distance_to_kinks, gradient_errors

HIDDEN = activations.names()  # every activation, smooth or kinked
# (loss, output activation, number of outputs or None for "any from 2 to 4")
OUTPUTS = [
    ("mse", "linear", None),
    ("mse", "sigmoid", None),
    ("mse", "tanh", None),
    ("mse", "softmax", None),
    ("binary_cross_entropy", "sigmoid", 1),
    ("binary_cross_entropy", "linear", 1),
    ("binary_cross_entropy", "sigmoid", None),
    ("cross_entropy", "softmax", None),
    ("cross_entropy", "linear", None),
]


def random_case(seed, widths, hidden, output, n_samples, l1, l2):
    loss, out_act, n_out = output
    rng = np.random.default_rng(seed)
    n_out = n_out or int(rng.integers(2, 5))
    n_in = int(rng.integers(1, 5))
    sizes = [n_in, *widths, n_out]
    layers = [Dense(sizes[i], sizes[i + 1], hidden, rng=rng) for i in range(len(widths))]
    layers.append(Dense(sizes[-2], n_out, out_act, rng=rng))
    net = Network(layers)
    for layer in net.dense_layers:  # non-zero biases, so every gradient is exercised
        layer.b[:] = rng.normal(0, 0.5, size=layer.b.shape)
    X = rng.normal(size=(n_samples, n_in))
    if loss == "mse":
        y = rng.normal(size=(n_samples, n_out))
    elif loss == "binary_cross_entropy":
        y = rng.integers(0, 2, size=(n_samples, n_out))
    else:
        y = rng.integers(0, n_out, size=n_samples)
    return net, X, y, loss


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    seed=st.integers(0, 2**32 - 1),
    widths=st.lists(st.integers(1, 8), min_size=1, max_size=3),
    hidden=st.sampled_from(HIDDEN),
    output=st.sampled_from(OUTPUTS),
    n_samples=st.integers(1, 10),
    penalties=st.sampled_from([(0.0, 0.0), (0.0, 0.01), (0.01, 0.0), (0.003, 0.02)]),
)
def test_backprop_matches_finite_differences(seed, widths, hidden, output, n_samples, penalties):
    """Backprop's gradients equal finite differences to 1e-7, for every activation."""
    l1, l2 = penalties
    net, X, y, loss = random_case(seed, widths, hidden, output, n_samples, l1, l2)
    assume(distance_to_kinks(net, X, l1) > 1e-6)  # not *at* a kink: no derivative there
    error = check_gradients(net, X, y, loss=loss, l1=l1, l2=l2)
    assert error < 1e-7, (
        f"relative error {error:.2e} for {net} with {loss}; per parameter: "
        f"{gradient_errors(net, X, y, loss=loss, l1=l1, l2=l2)}"
    )


def test_hypothesis_draws_every_activation():
    """The strategy above covers the whole activation table, kinked ones included."""
    assert set(HIDDEN) == set(activations.ACTIVATIONS)
    assert {"relu", "leaky_relu", "elu", "step"} <= set(HIDDEN)


@pytest.mark.parametrize("hidden", ["relu", "leaky_relu", "elu"])
def test_a_kink_within_the_stencil_is_stepped_around(hidden):
    """A z 1e-4 from the kink (inside the default 2h = 2e-3 stencil) still checks to 1e-7.

    With a fixed step the ELU case gave about 4e-7 and ReLU about 1e-2.
    """
    net = Network([Dense(2, 3, hidden, rng=5), Dense(3, 1, "sigmoid", rng=6)])
    X = np.random.default_rng(5).normal(size=(5, 2))
    y = np.array([0, 1, 1, 0, 1])
    z = X @ net.layers[0].W + net.layers[0].b
    net.layers[0].b[0] -= z[0, 0] - 1e-4  # put sample 0's first unit 1e-4 above the kink
    assert distance_to_kinks(net, X) == pytest.approx(1e-4, rel=1e-6)
    assert check_gradients(net, X, y, loss="binary_cross_entropy") < 1e-7


def test_weights_unchanged_by_the_check():
    net, X, y, loss = random_case(0, [4, 3], "tanh", OUTPUTS[0], 5, 0, 0)
    before = net.get_weights()
    check_gradients(net, X, y, loss=loss)
    for (W0, b0), (W1, b1) in zip(before, net.get_weights(), strict=True):
        assert np.array_equal(W0, W1) and np.array_equal(b0, b1)


def test_check_reports_a_wrong_derivative(monkeypatch):
    """A deliberately broken derivative must be caught with a large error."""
    from nn_course import activations

    net, X, y, loss = random_case(1, [5, 4], "tanh", ("mse", "linear", 2), 6, 0, 0)
    assert check_gradients(net, X, y, loss=loss) < 1e-7
    broken = activations.Activation(
        "tanh",
        np.tanh,
        lambda z, a: 1.0 - a,  # wrong: should be 1 - a**2
        "",
        "",
        "(-1, 1)",
    )
    for layer in net.dense_layers[:-1]:
        monkeypatch.setattr(layer, "activation", broken)
    assert check_gradients(net, X, y, loss=loss) > 1e-2


def test_check_reports_a_wrong_weight_gradient(monkeypatch):
    net, X, y, loss = random_case(2, [3], "sigmoid", ("cross_entropy", "softmax", 3), 6, 0, 0)
    original = Dense.backward

    def halved_bias_bug(self, step, grad_a=None, delta=None, input_grad=True):
        grad_input, grads = original(self, step, grad_a, delta, input_grad)
        grads["b"] = grads["b"] * 0.5  # e.g. averaging twice
        return grad_input, grads

    monkeypatch.setattr(Dense, "backward", halved_bias_bug)
    assert check_gradients(net, X, y, loss=loss) > 0.1


@pytest.mark.parametrize("hidden", ["relu", "leaky_relu", "elu"])
def test_distance_to_kinks_sees_a_unit_at_zero(hidden):
    net = Network([Dense(2, 3, hidden, rng=0), Dense(3, 1, rng=0)])
    X = np.zeros((1, 2))  # z = b = 0 exactly
    assert distance_to_kinks(net, X) == 0.0
