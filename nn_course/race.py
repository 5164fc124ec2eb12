"""Optimisers racing on two-parameter losses: the maths behind the optimiser race widget.

Two surfaces show what the optimisers of :mod:`nn_course.optimizers` are for:

* the **ravine**, an elongated bowl :math:`\\mathcal{L}(w_1, w_2) = \\tfrac12 (w_1^2 +
  25\\, w_2^2)`: 25 times steeper across the valley than along it, so plain gradient descent
  zig-zags across and crawls along;
* the **curved valley** of Rosenbrock, :math:`\\mathcal{L}(w_1, w_2) = (1 - w_1)^2 +
  100\\, (w_2 - w_1^2)^2`, a banana-shaped valley whose floor bends; its minimum is at (1, 1).

:func:`race` runs several optimisers from the same start for the same number of steps, with
the very optimizer classes the training loop uses (each on one parameter array of shape (2,)).
A path that leaves a large box is stopped and marked as diverged, so nothing overflows.

See notebook 11_hyperparameter_tuning.

Examples
--------
>>> result = race("ravine", steps=100)
>>> sorted(result)
['adam', 'momentum', 'nesterov', 'rmsprop', 'sgd']
>>> bool(result["momentum"].losses[-1] < result["sgd"].losses[-1])
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import optimizers as _optimizers

__all__ = ["SURFACES", "RACERS", "Surface", "RaceResult", "surface", "run", "race",
           "steps_to_reach"]

#: A path whose parameters leave the box ``|w| <= BLOW_UP`` is called diverged and stopped.
BLOW_UP = 1e3


@dataclass(frozen=True)
class Surface:
    """A two-parameter loss with its gradient, a start, where its minimum is and what to draw.

    ``loss(w)`` takes ``w`` of shape (..., 2) and returns shape (...); ``gradient(w)`` takes
    and returns shape (2,).
    """

    name: str
    title: str
    loss: object
    gradient: object
    start: tuple
    minimum: tuple
    w1_range: tuple
    w2_range: tuple
    #: Default learning rates: (for sgd, momentum, nesterov; for rmsprop, adam).
    learning_rates: tuple


CURVATURE = np.array([1.0, 25.0])


def _ravine_loss(w):
    w = np.asarray(w, dtype=np.float64)
    return 0.5 * np.sum(CURVATURE * w * w, axis=-1)


def _ravine_gradient(w):
    return CURVATURE * np.asarray(w, dtype=np.float64)


def _rosenbrock_loss(w):
    w = np.asarray(w, dtype=np.float64)
    w1, w2 = w[..., 0], w[..., 1]
    return (1.0 - w1) ** 2 + 100.0 * (w2 - w1 * w1) ** 2


def _rosenbrock_gradient(w):
    w1, w2 = np.asarray(w, dtype=np.float64)
    return np.array([-2.0 * (1.0 - w1) - 400.0 * w1 * (w2 - w1 * w1), 200.0 * (w2 - w1 * w1)])


SURFACES = {
    "ravine": Surface("ravine", "Ravine: 0.5 (w1² + 25 w2²)", _ravine_loss, _ravine_gradient,
                      start=(-4.0, 1.5), minimum=(0.0, 0.0), w1_range=(-4.5, 4.5),
                      w2_range=(-2.0, 2.0), learning_rates=(0.03, 0.1)),
    "curved valley": Surface("curved valley", "Curved valley (Rosenbrock)", _rosenbrock_loss,
                             _rosenbrock_gradient, start=(-1.2, 1.0), minimum=(1.0, 1.0),
                             w1_range=(-2.0, 2.0), w2_range=(-1.0, 3.0),
                             learning_rates=(0.001, 0.1)),
}

#: The racers, in the order they are drawn.
RACERS = ("sgd", "momentum", "nesterov", "rmsprop", "adam")


def surface(name: str) -> Surface:
    """The :class:`Surface` called ``name`` (``"ravine"`` or ``"curved valley"``).

    >>> surface("ravine").minimum
    (0.0, 0.0)
    """
    if name not in SURFACES:
        raise ValueError(f"surface must be one of {sorted(SURFACES)}; got {name!r}")
    return SURFACES[name]


@dataclass
class RaceResult:
    """One optimiser's run: ``path`` (k + 1, 2), ``losses`` (k + 1,), ``diverged``."""

    path: np.ndarray
    losses: np.ndarray
    diverged: bool


def _make(name, lr_sgd, lr_adaptive, beta, rho, beta_2):
    if name == "sgd":
        return _optimizers.SGD(lr_sgd)
    if name == "momentum":
        return _optimizers.Momentum(lr_sgd, momentum=beta)
    if name == "nesterov":
        return _optimizers.Nesterov(lr_sgd, momentum=beta)
    if name == "rmsprop":
        return _optimizers.RMSProp(lr_adaptive, rho=rho)
    if name == "adam":
        return _optimizers.Adam(lr_adaptive, beta_1=beta, beta_2=beta_2)
    raise ValueError(f"optimizer must be one of {list(RACERS)}; got {name!r}")


def run(surface_name: str, optimizer, steps: int, start=None) -> RaceResult:
    """Run one optimizer on a surface for ``steps`` steps (fewer if it diverges).

    Parameters
    ----------
    surface_name : str
        ``"ravine"`` or ``"curved valley"``.
    optimizer : nn_course.optimizers.Optimizer
        A fresh optimizer (its state is reset first).
    steps : int >= 0
    start : pair of float, optional
        Default: the surface's own start.

    Returns
    -------
    RaceResult

    Examples
    --------
    >>> from nn_course.optimizers import SGD
    >>> r = run("ravine", SGD(0.1), steps=3, start=(1.0, 0.0))
    >>> r.path[:, 0].round(3).tolist()
    [1.0, 0.9, 0.81, 0.729]
    """
    s = surface(surface_name)
    steps = int(steps)
    if steps < 0:
        raise ValueError(f"steps must be >= 0; got {steps}")
    w = np.array(s.start if start is None else start, dtype=np.float64)
    if w.shape != (2,):
        raise ValueError(f"start must be a pair (w1, w2); got shape {w.shape}")
    optimizer.reset()
    params = [{"w": w}]
    path = [w.copy()]
    diverged = False
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            optimizer.step(params, [{"w": s.gradient(w)}])
            if not np.all(np.isfinite(w)) or np.abs(w).max() > BLOW_UP:
                diverged = True
                break
            path.append(w.copy())
    path = np.array(path)
    return RaceResult(path, s.loss(path), diverged)


def race(surface_name: str, steps: int = 200, lr_sgd: float | None = None,
         lr_adaptive: float | None = None, beta: float = 0.9, rho: float = 0.9,
         beta_2: float = 0.999,
         racers=RACERS) -> dict[str, RaceResult]:
    """Run every racer from the surface's start; return ``{name: RaceResult}``.

    Parameters
    ----------
    surface_name : str
    steps : int
    lr_sgd : float, optional
        Learning rate of sgd, momentum and nesterov (their step is ``lr * gradient``).
        Default: the surface's.
    lr_adaptive : float, optional
        Learning rate of rmsprop and adam (their step is about ``lr`` long, whatever the
        size of the gradient). Default: the surface's.
    beta : float in [0, 1)
        Momentum of momentum and nesterov, and Adam's ``beta_1``.
    rho : float in [0, 1)
        RMSProp's decay of the running average of g².
    beta_2 : float in [0, 1)
        Adam's ``beta_2``: the same for Adam's average of g².
    racers : sequence of str
    """
    s = surface(surface_name)
    lr_sgd = s.learning_rates[0] if lr_sgd is None else lr_sgd
    lr_adaptive = s.learning_rates[1] if lr_adaptive is None else lr_adaptive
    return {name: run(surface_name, _make(name, lr_sgd, lr_adaptive, beta, rho, beta_2), steps)
            for name in racers}


def steps_to_reach(result: RaceResult, threshold: float) -> int | None:
    """The first step at which the loss is below ``threshold``, or None if it never is.

    >>> steps_to_reach(RaceResult(np.zeros((3, 2)), np.array([1.0, 0.1, 0.01]), False), 0.05)
    2
    """
    below = np.flatnonzero(np.asarray(result.losses) < threshold)
    return int(below[0]) if below.size else None
