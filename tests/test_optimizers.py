"""Optimizers: first two steps against hand-computed values, descent on a convex problem,
learning rate changes between steps, and clear errors for bad hyperparameters."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nn_course import optimizers


def quadratic(params):
    """f(w) = 0.5 * sum(a * w**2) with a = [1, 10]: convex, badly conditioned, minimum at 0."""
    a = np.array([1.0, 10.0])
    w = params[0]["w"]
    return 0.5 * float(np.sum(a * w * w)), [{"w": a * w}]


def start():
    return [{"w": np.array([1.0, 1.0])}]


# ------------------------------------------------------------------ hand-computed steps
# Gradient of the quadratic at w = [1, 1] is g1 = [1, 10]; after each update it is a * w.


def test_sgd_first_two_steps():
    params = start()
    opt = optimizers.get("sgd", learning_rate=0.05)
    _, g = quadratic(params)
    opt.step(params, g)
    # w = 1 - 0.05 * [1, 10]
    np.testing.assert_allclose(params[0]["w"], [0.95, 0.5], rtol=0, atol=1e-15)
    _, g = quadratic(params)  # [0.95, 5.0]
    opt.step(params, g)
    np.testing.assert_allclose(params[0]["w"], [0.95 - 0.0475, 0.5 - 0.25], rtol=0, atol=1e-15)


def test_momentum_first_two_steps():
    params = start()
    opt = optimizers.get("momentum", learning_rate=0.05, momentum=0.9)
    _, g = quadratic(params)
    opt.step(params, g)
    v1 = -0.05 * np.array([1.0, 10.0])  # v = 0.9 * 0 - lr * g
    np.testing.assert_allclose(params[0]["w"], 1 + v1, atol=1e-15)
    w1 = 1 + v1  # [0.95, 0.5]
    g2 = np.array([1.0, 10.0]) * w1
    _, g = quadratic(params)
    opt.step(params, g)
    v2 = 0.9 * v1 - 0.05 * g2
    np.testing.assert_allclose(params[0]["w"], w1 + v2, atol=1e-15)
    np.testing.assert_allclose(params[0]["w"], [0.8575, -0.2], atol=1e-15)


def test_nesterov_first_two_steps():
    params = start()
    opt = optimizers.get("nesterov", learning_rate=0.05, momentum=0.9)
    g1 = np.array([1.0, 10.0])
    opt.step(params, quadratic(params)[1])
    v1 = -0.05 * g1
    w1 = 1 + 0.9 * v1 - 0.05 * g1
    np.testing.assert_allclose(params[0]["w"], w1, atol=1e-15)
    g2 = np.array([1.0, 10.0]) * w1
    opt.step(params, quadratic(params)[1])
    v2 = 0.9 * v1 - 0.05 * g2
    np.testing.assert_allclose(params[0]["w"], w1 + 0.9 * v2 - 0.05 * g2, atol=1e-15)


def test_rmsprop_first_two_steps():
    params = start()
    lr, rho, eps = 0.01, 0.9, 1e-8
    opt = optimizers.RMSProp(lr, rho=rho, epsilon=eps)
    g1 = np.array([1.0, 10.0])
    opt.step(params, quadratic(params)[1])
    s1 = (1 - rho) * g1**2  # [0.1, 10]
    w1 = 1 - lr * g1 / (np.sqrt(s1) + eps)
    # first step: g / sqrt(0.1 g^2) = 1 / sqrt(0.1) for every parameter
    np.testing.assert_allclose(w1, 1 - 0.01 / math.sqrt(0.1), atol=1e-9)
    np.testing.assert_allclose(params[0]["w"], w1, atol=1e-15)
    g2 = np.array([1.0, 10.0]) * w1
    opt.step(params, quadratic(params)[1])
    s2 = rho * s1 + (1 - rho) * g2**2
    np.testing.assert_allclose(params[0]["w"], w1 - lr * g2 / (np.sqrt(s2) + eps), atol=1e-15)


def test_adam_first_two_steps_and_bias_correction_by_value():
    params = start()
    lr, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    opt = optimizers.Adam(lr, beta_1=b1, beta_2=b2, epsilon=eps)
    g1 = np.array([1.0, 10.0])
    opt.step(params, quadratic(params)[1])
    # Step 1: m = 0.1 g, v = 0.001 g^2; bias correction divides by 0.1 and 0.001, so
    # m_hat = g, v_hat = g^2, and the step is lr * g / (|g| + eps) = 0.1 for both.
    m1, v1 = 0.1 * g1, 0.001 * g1**2
    state_m, state_v = opt._state[0]["w"]
    np.testing.assert_allclose(state_m, m1, rtol=1e-15)
    np.testing.assert_allclose(state_v, v1, rtol=1e-15)
    np.testing.assert_allclose(params[0]["w"], [0.9, 0.9], atol=1e-8)
    w1 = 1 - lr * (m1 / 0.1) / (np.sqrt(v1 / 0.001) + eps)
    np.testing.assert_allclose(params[0]["w"], w1, atol=1e-15)
    # Step 2: corrections 1 - 0.9^2 = 0.19 and 1 - 0.999^2 = 0.001999.
    g2 = np.array([1.0, 10.0]) * w1  # [0.9, 9.0]
    opt.step(params, quadratic(params)[1])
    m2 = b1 * m1 + (1 - b1) * g2
    v2 = b2 * v1 + (1 - b2) * g2**2
    m_hat, v_hat = m2 / 0.19, v2 / 0.001999
    # w1 = 0.9 up to epsilon, so g2 = [0.9, 9] and m2 = 0.9 * 0.1 g1 + 0.1 g2 = [0.18, 1.8]
    np.testing.assert_allclose(m_hat, [0.18 / 0.19, 1.8 / 0.19], rtol=1e-8)
    w2 = w1 - lr * m_hat / (np.sqrt(v_hat) + eps)
    np.testing.assert_allclose(params[0]["w"], w2, atol=1e-15)
    # Without the correction, step 1 would have moved by lr * 0.1 g / sqrt(0.001 g^2) = 0.316 lr.
    assert abs(0.1 * 1 / math.sqrt(0.001) - 3.1623) < 1e-4
    assert opt.iterations == 2


# ------------------------------------------------------------------ convex descent
@pytest.mark.parametrize(
    "name, kwargs",
    [
        ("sgd", {"learning_rate": 0.1}),
        ("momentum", {"learning_rate": 0.02}),
        ("nesterov", {"learning_rate": 0.02}),
        ("rmsprop", {"learning_rate": 0.01}),
        ("adam", {"learning_rate": 0.05}),
    ],
)
def test_every_optimizer_reduces_a_convex_loss(name, kwargs):
    params = start()
    opt = optimizers.get(name, **kwargs)
    first, _ = quadratic(params)
    losses = []
    for _ in range(200):
        value, grads = quadratic(params)
        losses.append(value)
        opt.step(params, grads)
    assert losses[-1] < 1e-2 * first, f"{name}: loss {first} -> {losses[-1]}"
    assert np.isfinite(params[0]["w"]).all()


def test_step_updates_arrays_in_place_and_skips_empty_layers():
    W = np.ones((2, 3))
    b = np.zeros(3)
    params = [{"W": W, "b": b}, {}]
    grads = [{"W": np.ones((2, 3)), "b": np.ones(3)}, {}]
    optimizers.Adam(0.1).step(params, grads)
    assert params[0]["W"] is W and params[0]["b"] is b
    np.testing.assert_allclose(W, 0.9, atol=1e-6)


def test_learning_rate_settable_between_steps_and_reset():
    params = [{"w": np.array([0.0])}]
    opt = optimizers.SGD(0.1)
    opt.step(params, [{"w": np.array([1.0])}])
    opt.learning_rate = 0.5
    opt.step(params, [{"w": np.array([1.0])}])
    np.testing.assert_allclose(params[0]["w"], [-0.6])
    m = optimizers.Momentum(0.1)
    m.step(params, [{"w": np.array([1.0])}])
    m.reset()
    assert m._state is None and m.iterations == 0


def test_state_mismatch_asks_for_reset():
    opt = optimizers.Adam()
    opt.step([{"w": np.zeros(2)}], [{"w": np.ones(2)}])
    with pytest.raises(ValueError, match="reset"):
        opt.step([{"w": np.zeros(2)}, {"w": np.zeros(2)}], [{"w": np.ones(2)}, {"w": np.ones(2)}])


# ------------------------------------------------------------------ errors
def test_unknown_optimizer_suggests_closest_name():
    with pytest.raises(ValueError, match=r"Unknown optimizer 'adma'; did you mean 'adam'\?"):
        optimizers.get("adma")


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"learning_rate": -0.1}, ValueError, r"learning_rate must be a number >= 0; got -0\.1"),
        ({"learning_rate": float("nan")}, ValueError, "learning_rate must be a number >= 0"),
        ({"learning_rate": "fast"}, TypeError, "learning_rate must be a number; got 'fast'"),
        ({"momentum": 1.0}, ValueError, r"momentum must be a number in \[0, 1\); got 1\.0"),
        ({"beta": 0.9}, TypeError, r"momentum does not take \['beta'\]"),
    ],
)
def test_bad_hyperparameters(kwargs, error, message):
    with pytest.raises(error, match=message):
        optimizers.get("momentum", **kwargs)


def test_bad_type_and_learning_rate_setter():
    with pytest.raises(TypeError, match="optimizer must be a name"):
        optimizers.get(0.1)
    opt = optimizers.get("sgd")
    with pytest.raises(ValueError, match="learning_rate must be a number >= 0"):
        opt.learning_rate = -1
    assert opt.learning_rate == 0.1


def test_get_passes_an_instance_through_and_overrides_its_rate():
    opt = optimizers.Adam(0.01)
    assert optimizers.get(opt) is opt
    assert optimizers.get(opt, learning_rate=0.2).learning_rate == 0.2
    with pytest.raises(TypeError, match="apply only when the optimizer is given by name"):
        optimizers.get(opt, beta_1=0.8)
