"""Exercises of notebook 08_backpropagation: the chain rule, a layer's backward pass, a descent step.

* ``q1`` ``neuron_gradients(x, w, b, y)``: for one tanh neuron ``a = tanh(w x + b)`` with the
  squared error ``L = (a - y)^2``, return ``(dL/dw, dL/db)`` by the chain rule. (The notebook
  works the same chain for a sigmoid neuron; here the activation's derivative changes.)
* ``q2`` ``dense_backward(X, W, b, z, a, grad_a)``: the backward pass of a sigmoid dense layer:
  given its input ``X``, weights, ``z``, ``a = sigmoid(z)`` and ``grad_a = dL/da``, return
  ``(grad_W, grad_b, grad_X)``. Checked against ``Dense.backward`` on hidden cases.
* ``q3`` ``gradient_descent_step(w, grad, learning_rate)``: the new weights.

>>> q2.verdict(reference_dense_backward)
('correct', 'correct!')
"""

from __future__ import annotations

import numpy as np

from ..layers import Dense
from ._core import Question, compare

__all__ = ["q1", "q2", "q3", "reference_neuron_gradients", "reference_dense_backward",
           "reference_gradient_descent_step"]


# --------------------------------------------------------------------------- references
def reference_neuron_gradients(x, w, b, y):
    """``dL/dw = 2 (a - y) * (1 - a^2) * x`` and ``dL/db = 2 (a - y) * (1 - a^2)``, ``a = tanh(w x + b)``."""
    a = np.tanh(w * x + b)
    dL_dz = 2.0 * (a - y) * (1.0 - a * a)  # dL/da * da/dz
    return dL_dz * x, dL_dz


def reference_dense_backward(X, W, b, z, a, grad_a):
    """Backward pass of ``a = sigmoid(X @ W + b)``: returns ``(grad_W, grad_b, grad_X)``."""
    delta = grad_a * a * (1.0 - a)  # dL/dz, (n, n_out)
    return X.T @ delta, delta.sum(axis=0), delta @ W.T


def reference_gradient_descent_step(w, grad, learning_rate):
    """``w - learning_rate * grad`` (a new array; ``w`` is left alone)."""
    return w - learning_rate * grad


# --------------------------------------------------------------------------- checks
def _pair(got, what):
    if got is None:
        return None, f"{what} returned None: did you forget a `return`?"
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return None, f"{what} should return two numbers, (dL/dw, dL/db)"
    return got, None


def _check_q1(func):
    for x, w, b, y in ((1.5, 0.8, -0.3, 1.0), (-2.0, 0.5, 0.4, 0.0), (0.7, -1.2, 0.9, 1.0)):
        got, problem = _pair(func(x, w, b, y), "neuron_gradients")
        if problem:
            return problem
        dw, db = reference_neuron_gradients(x, w, b, y)
        a = np.tanh(w * x + b)
        gw, gb = float(got[0]), float(got[1])
        if np.isclose(gw, 2 * (a - y) * x) and np.isclose(gb, 2 * (a - y)):
            return "you left out da/dz: the tanh's derivative 1 - a**2 is a factor of the chain"
        if np.isclose(gb, 2 * (a - y) * a * (1 - a)):
            return "a * (1 - a) is the sigmoid's derivative; this neuron uses tanh, whose derivative is 1 - a**2"
        if np.isclose(gw, db) and not np.isclose(x, 1.0):
            return "dL/dw has one more factor than dL/db: dz/dw = x"
        if np.isclose(gw, dw / 2) and np.isclose(gb, db / 2):
            return "the derivative of (a - y)^2 is 2 (a - y): you lost the factor 2"
        for value, want, name in ((gw, dw, "dL/dw"), (gb, db, "dL/db")):
            problem = compare(value, want, f"{name} for x={x}, w={w}, b={b}, y={y}")
            if problem:
                return problem
    return None


def _check_q2(func):
    rng = np.random.default_rng(82)
    for n, n_in, n_out in ((4, 3, 2), (1, 2, 3), (6, 5, 4)):
        layer = Dense(n_in, n_out, "sigmoid", rng=rng)
        layer.b[...] = rng.normal(size=n_out)
        X = rng.normal(size=(n, n_in))
        step = layer.trace(X)
        grad_a = rng.normal(size=(n, n_out))
        grad_X, grads = layer.backward(step, grad_a)
        got = func(X.copy(), layer.W.copy(), layer.b.copy(), step.z.copy(), step.a.copy(), grad_a.copy())
        if got is None:
            return "dense_backward returned None: did you forget a `return`?"
        if not isinstance(got, (tuple, list)) or len(got) != 3:
            return "dense_backward should return three arrays: (grad_W, grad_b, grad_X)"
        gW, gb, gX = (None if g is None else np.asarray(g, dtype=np.float64) for g in got)
        if gW is not None and gW.shape == grads["W"].shape and np.allclose(gW, X.T @ grad_a):
            return ("grad_W skips the activation: first turn grad_a into delta = dL/dz = grad_a * a * (1 - a), "
                    "then grad_W = X.T @ delta")
        if gb is not None and gb.shape == grads["b"].shape and n > 1 and np.allclose(gb, grads["b"] / n):
            return "grad_b is the mean of delta over the samples; it should be the sum (each sample adds its share)"
        for value, want, name in ((gW, grads["W"], "grad_W"), (gb, grads["b"], "grad_b"), (gX, grad_X, "grad_X")):
            problem = compare(value, want, f"{name} (X {X.shape}, W {layer.W.shape})")
            if problem:
                return problem
    return None


def _check_q3(func):
    rng = np.random.default_rng(83)
    for shape, lr in (((3,), 0.1), ((2, 2), 0.5), ((4,), 0.01)):
        w, grad = rng.normal(size=shape), rng.normal(size=shape)
        w_before = w.copy()
        got = func(w, grad.copy(), lr)
        if got is None:
            return ("gradient_descent_step returned None: return the new weights, w - learning_rate * grad "
                    "(if you updated w in place, return w as well)")
        got = np.asarray(got, dtype=np.float64)
        expected = w_before - lr * grad
        if got.shape == expected.shape and np.allclose(got, w_before + lr * grad):
            return "the step goes uphill: subtract the gradient (w - learning_rate * grad), do not add it"
        if got.shape == expected.shape and np.allclose(got, w_before - grad):
            return "the step is the whole gradient: multiply it by the learning rate"
        problem = compare(got, expected, f"the new w (learning_rate={lr})")
        if problem:
            return problem
    return None


q1 = Question(
    "q1",
    check=_check_q1,
    hint=("Chain the three derivatives: dL/da = 2 (a - y), da/dz = 1 - a**2 (tanh), dz/dw = x and "
          "dz/db = 1. Compute a = np.tanh(w * x + b) first."),
    solution=("def neuron_gradients(x, w, b, y):\n"
              "    a = np.tanh(w * x + b)\n"
              "    dL_dz = 2 * (a - y) * (1 - a**2)\n"
              "    return dL_dz * x, dL_dz"),
    success="Every gradient in a network is a product like this one.",
    reference=reference_neuron_gradients,
)

q2 = Question(
    "q2",
    check=_check_q2,
    hint=("delta = grad_a * a * (1 - a) has shape (n, n_out). Then grad_W = X.T @ delta (n_in, n_out), "
          "grad_b = delta.sum(axis=0) (n_out,), grad_X = delta @ W.T (n, n_in). Check each shape."),
    solution=("def dense_backward(X, W, b, z, a, grad_a):\n"
              "    delta = grad_a * a * (1 - a)\n"
              "    return X.T @ delta, delta.sum(axis=0), delta @ W.T"),
    success="That is backpropagation through one layer; a network repeats it layer by layer.",
    reference=reference_dense_backward,
)

q3 = Question(
    "q3",
    check=_check_q3,
    hint="Move against the gradient, scaled by the learning rate: w - learning_rate * grad.",
    solution="def gradient_descent_step(w, grad, learning_rate):\n    return w - learning_rate * grad",
    success="Repeat this step with fresh gradients and you are training.",
    reference=reference_gradient_descent_step,
)
