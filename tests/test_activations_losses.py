"""Activations and losses: values, derivatives, and numerical stability."""

import warnings

import numpy as np
import pytest

from nn_course import activations, losses

ELEMENTWISE = [name for name in activations.names() if activations.get(name).elementwise]
SMOOTH = [n for n in ELEMENTWISE if n not in ("step", "relu", "leaky_relu")]


def central_difference(f, z, h=1e-6):
    return (f(z + h) - f(z - h)) / (2 * h)


@pytest.mark.parametrize("name", SMOOTH)
def test_derivative_matches_finite_difference(name):
    act = activations.get(name)
    z = np.linspace(-4, 4, 41) + 0.013  # stays off z = 0, where elu's slope changes
    assert np.allclose(act.derivative(z), central_difference(act, z), atol=1e-7), (
        f"{name}: derivative differs from the finite difference"
    )


@pytest.mark.parametrize("name", ["relu", "leaky_relu"])
def test_kinked_derivatives_away_from_zero(name):
    act = activations.get(name)
    z = np.array([-3.0, -0.5, 0.5, 3.0])
    assert np.allclose(act.derivative(z), central_difference(act, z), atol=1e-9)


def test_step_has_zero_derivative_everywhere():
    step = activations.get("step")
    assert step([-1.0, 0.0, 2.0]).tolist() == [0.0, 1.0, 1.0]
    assert not step.derivative(np.linspace(-5, 5, 11)).any()


def test_softmax_vjp_equals_jacobian_product():
    softmax = activations.get("softmax")
    rng = np.random.default_rng(0)
    z = rng.normal(size=(4, 5))
    g = rng.normal(size=(4, 5))
    a = softmax(z)
    expected = np.stack([softmax.jacobian(z[i]).T @ g[i] for i in range(4)])
    assert np.allclose(softmax.vjp(z, a, g), expected, atol=1e-14)
    assert np.allclose(a.sum(axis=1), 1.0)


@pytest.mark.parametrize("name", ["sigmoid", "softplus", "softmax", "tanh", "elu", "relu"])
def test_activations_finite_and_warning_free_for_huge_inputs(name):
    z = np.array([[-1e4, -500.0, -1.0, 0.0, 1.0, 500.0, 1e4]])
    act = activations.get(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isfinite(act(z)).all(), f"{name}(z) is not finite"
        assert np.isfinite(act.derivative(z)).all(), f"{name}'(z) is not finite"


def test_sigmoid_extremes_are_exact_limits():
    s = activations.get("sigmoid")
    assert s(1e4) == 1.0 and s(-1e4) == 0.0 and s(0.0) == 0.5


@pytest.mark.parametrize("loss_name", ["binary_cross_entropy", "cross_entropy"])
def test_cross_entropies_from_logits_are_stable(loss_name):
    loss = losses.get(loss_name)
    if loss_name == "binary_cross_entropy":
        z = np.array([[1e4], [-1e4], [0.0]])
        y = np.array([0, 1, 1])
        expected = np.mean([1e4, 1e4, np.log(2)])
    else:
        z = np.array([[1e4, -1e4, 0.0], [0.0, 1e4, 0.0]])
        y = np.array([1, 1])
        expected = np.mean([2e4, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = loss.from_logits(z, y)
        grad = loss.gradient_from_logits(z, y)
    assert np.isfinite(value) and np.isfinite(grad).all()
    assert value == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("loss_name", ["binary_cross_entropy", "cross_entropy"])
def test_cross_entropies_on_saturated_probabilities_are_finite(loss_name):
    loss = losses.get(loss_name)
    p = (
        np.array([[0.0, 1.0], [1.0, 0.0]])
        if loss_name == "cross_entropy"
        else np.array([[0.0], [1.0]])
    )
    y = np.array([0, 0]) if loss_name == "cross_entropy" else np.array([1, 0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isfinite(loss(p, y))
        assert np.isfinite(loss.gradient(p, y)).all()


def test_cross_entropy_labels_and_one_hot_agree():
    ce = losses.get("cross_entropy")
    z = np.random.default_rng(1).normal(size=(5, 3))
    y = np.array([0, 2, 1, 1, 0])
    assert ce.from_logits(z, y) == pytest.approx(ce.from_logits(z, losses.one_hot(y, 3)))
    assert ce(activations.softmax(z), y) == pytest.approx(ce.from_logits(z, y), rel=1e-12)


def test_binary_cross_entropy_logit_form_equals_probability_form():
    bce = losses.get("binary_cross_entropy")
    z = np.random.default_rng(2).normal(size=(6, 1))
    y = np.array([0, 1, 1, 0, 1, 0])
    assert bce(activations.sigmoid(z), y) == pytest.approx(bce.from_logits(z, y), rel=1e-12)


@pytest.mark.parametrize("loss_name", ["mse", "binary_cross_entropy", "cross_entropy"])
def test_loss_gradient_matches_finite_difference(loss_name):
    loss = losses.get(loss_name)
    rng = np.random.default_rng(3)
    if loss_name == "cross_entropy":
        p = activations.softmax(rng.normal(size=(4, 3)))
        y = np.array([0, 1, 2, 1])
    else:
        p = rng.uniform(0.1, 0.9, size=(4, 1))
        y = np.array([0, 1, 1, 0])
    numeric = np.zeros_like(p)
    for idx in np.ndindex(p.shape):
        up, down = p.copy(), p.copy()
        up[idx] += 1e-6
        down[idx] -= 1e-6
        numeric[idx] = (loss(up, y) - loss(down, y)) / 2e-6
    assert np.allclose(loss.gradient(p, y), numeric, atol=1e-7)


def test_mse_matches_definition():
    mse = losses.get("mse")
    y_pred = np.array([[1.0, 2.0], [3.0, 5.0]])
    y = np.array([[1.0, 1.0], [1.0, 1.0]])
    assert mse(y_pred, y) == pytest.approx((0 + 1 + 4 + 16) / 4)
