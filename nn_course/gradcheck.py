"""Numerical gradient checking: is backpropagation right?

Nudge one weight by ``+-h``, see how the loss moves, and compare that slope with the gradient
backpropagation computed. We use the fourth-order central difference

.. math::  \\frac{\\partial L}{\\partial w} \\approx
           \\frac{-L(w + 2h) + 8 L(w + h) - 8 L(w - h) + L(w - 2h)}{12 h}

whose error shrinks like ``h^4``, so in float64 the two gradients agree to about 1e-10. Each
parameter array (every layer's ``W`` and ``b``) is compared with the relative error

.. math::  \\frac{\\lVert g_{backprop} - g_{numeric} \\rVert}
           {\\lVert g_{backprop} \\rVert + \\lVert g_{numeric} \\rVert}

Below 1e-7: correct. Above 1e-3: a bug.

One floor keeps the measure honest for tiny gradients. A finite difference cannot resolve a
slope much smaller than the rounding error of the loss divided by ``h`` (about
``1e-16 * |L| / h``), so an array whose gradient is below ``SCALE_FLOOR`` (a thousandth) of the
whole network's gradient is measured against that thousandth instead of its own size. A wrong
derivative still shows up at once: its error is as large as the gradient it corrupts.

Kinks. ReLU and leaky ReLU have a kink at ``z = 0``, ELU a jump in its second derivative
there, the step function a jump, and the L1 penalty a kink at ``w = 0``. A stencil that
reaches across such a point measures a slope that is not the derivative at the point (for
ELU the fourth-order formula loses its accuracy: an error of about ``h / 6``). So for every
parameter the check watches on which side of each kink every ``z`` (and, with L1, every
weight) lies; if a nudge moves one across, the step for that parameter is divided by 10, down
to ``h * 1e-6``, until the whole stencil stays on one side. Only a point *at* a kink, where no
derivative exists, is left with a large error; :func:`distance_to_kinks` tells how close the
nearest one is.

See notebook 08_backpropagation.

Examples
--------
>>> from nn_course import Network, Dense
>>> net = Network([Dense(2, 3, "tanh", rng=0), Dense(3, 1, "sigmoid", rng=1)])
>>> X = np.random.default_rng(0).normal(size=(5, 2))
>>> y = np.array([0, 1, 1, 0, 1])
>>> bool(check_gradients(net, X, y, loss="binary_cross_entropy") < 1e-7)
True
"""

from __future__ import annotations

import numpy as np

from ._validation import check_positive_float, check_X_y

__all__ = [
    "check_gradients",
    "numerical_gradients",
    "gradient_errors",
    "distance_to_kinks",
    "SCALE_FLOOR",
]

#: Arrays with a gradient below this share of the whole gradient are measured against it.
SCALE_FLOOR = 1e-3

#: Activations that are not smooth at z = 0 (ELU's second derivative jumps there).
KINKED = ("relu", "leaky_relu", "elu", "step")

#: How far the step of one parameter may shrink (a factor of 10 at a time) to stay off kinks.
_SMALLEST_STEP = 1e-6


def numerical_gradients(net, X, y, loss="mse", l1: float = 0.0, l2: float = 0.0, h: float = 1e-3):
    """Gradients of the loss by finite differences, in the same layout as backpropagation's.

    Each parameter is nudged by ``+-h`` and ``+-2h`` (a smaller step where that would cross a
    kink, see the module docstring). The weights are left exactly as they were.

    Returns
    -------
    list of dict
        One ``{"W": ..., "b": ...}`` per layer (``{}`` for Dropout), same shapes as the layer's.
    """
    X, y = check_X_y(X, y, net.n_inputs)
    h = check_positive_float(h, "h")
    loss = net.check_loss(loss)
    Y = net.prepare_targets(y, loss)
    kinked = [
        i
        for i, layer in enumerate(net.layers)
        if getattr(getattr(layer, "activation", None), "name", None) in KINKED
    ]

    def loss_and_sides():
        """The loss, and on which side of its kink every kinked z (and, with L1, w) lies."""
        steps = net.trace(X)
        value, _ = net.output_delta(steps, Y, loss)
        sides = [np.sign(steps[i].z) for i in kinked]
        if l1:
            sides += [np.sign(layer.W) for layer in net.dense_layers]
        return value + net.penalty(l1, l2), sides

    _, centre = loss_and_sides()
    result = []
    for params in net.params:
        grads = {}
        for name, P in params.items():
            G = np.zeros_like(P)
            for idx in np.ndindex(P.shape):
                G[idx] = _slope(P, idx, h, loss_and_sides, centre)
            grads[name] = G
        result.append(grads)
    return result


def _slope(P: np.ndarray, idx: tuple, h: float, loss_and_sides, centre: list) -> float:
    """dL/dP[idx] by the fourth-order central difference, on a step that crosses no kink."""
    original = P[idx]
    step = h
    while True:
        values, crossed = [], False
        for shift in (2 * step, step, -step, -2 * step):
            P[idx] = original + shift
            value, sides = loss_and_sides()
            values.append(value)
            crossed = crossed or any(
                not np.array_equal(s, c) for s, c in zip(sides, centre, strict=True)
            )
        P[idx] = original
        if not crossed or step <= h * _SMALLEST_STEP:
            break
        step /= 10
    # Differences first: equal losses then give exactly 0, not a rounding residue.
    return (8 * (values[1] - values[2]) - (values[0] - values[3])) / (12 * step)


def gradient_errors(
    net, X, y, loss="mse", l1: float = 0.0, l2: float = 0.0, h: float = 1e-3
) -> list[dict]:
    """The relative error of every parameter array, for a table in the notebook.

    Returns a list of dicts with ``layer``, ``param``, ``shape`` and ``relative_error``.
    """
    X, y = check_X_y(X, y, net.n_inputs)
    _, analytic = net.loss_and_gradients(X, y, loss, l1=l1, l2=l2)
    numeric = numerical_gradients(net, X, y, loss, l1, l2, h)
    pairs = [
        (i, name, ga[name], gn[name])
        for i, (ga, gn) in enumerate(zip(analytic, numeric, strict=True))
        for name in ga
    ]
    whole = np.sqrt(sum(np.sum(a * a) for _, _, a, _ in pairs)) + np.sqrt(
        sum(np.sum(n * n) for *_, n in pairs)
    )
    rows = []
    for i, name, a, n in pairs:
        diff = np.linalg.norm(a - n)
        scale = max(np.linalg.norm(a) + np.linalg.norm(n), SCALE_FLOOR * whole)
        # Exactly-zero gradients everywhere (a dead network) agree perfectly.
        error = 0.0 if scale == 0 else float(diff / scale)
        rows.append({"layer": i, "param": name, "shape": a.shape, "relative_error": error})
    return rows


def check_gradients(
    net, X, y, loss="mse", l1: float = 0.0, l2: float = 0.0, h: float = 1e-3
) -> float:
    """The largest relative error between backpropagation and finite differences.

    Parameters
    ----------
    net : Network
    X : array_like (n_samples, n_inputs)
    y : array_like
        Targets as for :meth:`Network.loss_and_gradients`.
    loss : str or Loss
    l1, l2 : float
        Weight penalties, checked too.
    h : float
        Finite-difference step.

    Returns
    -------
    float
        Max over every layer's ``W`` and ``b`` of the relative error (see the module docstring).
        The network's weights are left exactly as they were.
    """
    return max(row["relative_error"] for row in gradient_errors(net, X, y, loss, l1, l2, h))


def distance_to_kinks(net, X, l1: float = 0.0) -> float:
    """How close the check's inputs come to a point where the loss has no derivative.

    The smallest ``|z|`` over every layer whose activation has a kink at 0 (ReLU, leaky ReLU,
    ELU, step) and, when ``l1 > 0``, the smallest ``|w|``. ``inf`` if there is none. The
    check shrinks its step near a kink, but at a kink (distance 0) there is no derivative to
    check.
    """
    X = check_X_y(X, np.zeros(len(X)), net.n_inputs)[0]
    closest = np.inf
    for step in net.trace(X):
        if getattr(getattr(step.layer, "activation", None), "name", None) in KINKED:
            closest = min(closest, float(np.abs(step.z).min()))
    if l1:
        for layer in net.dense_layers:
            closest = min(closest, float(np.abs(layer.W).min()))
    return closest
