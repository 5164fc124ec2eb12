"""Gradient descent on a small two-parameter loss, and what the learning rate does.

The loss is an elongated bowl, :math:`L(w_1, w_2) = \\tfrac12 (w_1^2 + 10\\, w_2^2)`: ten times
steeper across the valley (``w2``) than along it (``w1``). Each step is
``w <- w - learning_rate * grad L(w)``. Too small a rate crawls; a good one reaches the bottom;
above ``2 / 10 = 0.2`` the steep direction overshoots further every step and the path
diverges. Diverging paths stop as soon as they leave a large box, so nothing overflows.

The model behind :func:`nn_course.widgets.descent_explorer`; see notebook 08_backpropagation.
"""

from __future__ import annotations

import numpy as np

__all__ = ["CURVATURE", "BLOW_UP", "bowl_loss", "bowl_gradient", "run_descent"]

#: Curvatures along w1 and w2: the valley is ten times steeper across than along.
CURVATURE = np.array([1.0, 10.0])
#: A path whose parameters leave this box is called diverged and stopped (long before overflow).
BLOW_UP = 1e4


def bowl_loss(w) -> np.ndarray:
    """``0.5 * (w1^2 + 10 w2^2)`` for ``w`` of shape (..., 2); shape (...).

    >>> float(bowl_loss([1.0, 1.0]))
    5.5
    """
    w = np.asarray(w, dtype=np.float64)
    return 0.5 * np.sum(CURVATURE * w * w, axis=-1)


def bowl_gradient(w) -> np.ndarray:
    """``(w1, 10 w2)``: the gradient of :func:`bowl_loss`."""
    return CURVATURE * np.asarray(w, dtype=np.float64)


def run_descent(start, learning_rate: float, steps: int):
    """Run gradient descent on the bowl.

    Returns
    -------
    path : ndarray (k + 1, 2)
        The start and every point reached (``k <= steps``: fewer if it diverged).
    losses : ndarray (k + 1,)
    diverged : bool
        True if a parameter left the box ``|w| <= BLOW_UP`` or the loss ended above where it
        started.

    >>> path, losses, diverged = run_descent((-4.0, 2.0), 0.1, 20)
    >>> path.shape, bool(losses[-1] < losses[0]), diverged
    ((21, 2), True, False)
    >>> run_descent((-4.0, 2.0), 0.25, 100)[2]      # above 2 / 10 the steep direction blows up
    True
    """
    w = np.array(start, dtype=np.float64)
    path = [w.copy()]
    for _ in range(int(steps)):
        w = w - learning_rate * bowl_gradient(w)
        path.append(w.copy())
        if np.abs(w).max() > BLOW_UP:
            break
    path = np.array(path)
    losses = bowl_loss(path)
    diverged = bool(np.abs(path[-1]).max() > BLOW_UP or losses[-1] > losses[0])
    return path, losses, diverged
