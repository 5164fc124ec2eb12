"""One sigmoid neuron's loss on a tiny 1-D data set, as a function of its weight and bias.

``p = sigmoid(w x + b)`` classifies ten points; every pair ``(w, b)`` has a loss, and over a
grid the losses make a landscape. Mean squared error has flat plateaus far from the answer,
binary cross-entropy does not.

The model behind :func:`nn_course.widgets.loss_landscape`; see notebook 07_loss_functions.
"""

from __future__ import annotations

import numpy as np

from .activations import _sigmoid

__all__ = ["DATA_X", "DATA_Y", "LOSS_LABELS", "losses_on_grid", "neuron_loss"]

#: The small data set: one input feature, labels 0/1, classes overlapping a little.
DATA_X = np.array([-3.0, -2.2, -1.5, -1.0, -0.4, 0.3, 0.8, 1.4, 2.0, 2.9])
DATA_Y = np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 1], dtype=np.float64)

LOSS_LABELS = {"binary_cross_entropy": "binary cross-entropy", "mse": "mean squared error"}


def losses_on_grid(W, B, loss: str, x=DATA_X, y=DATA_Y) -> np.ndarray:
    """The neuron's loss for every pair of ``W`` and ``B`` (arrays of one shape), that shape.

    The data axis is appended last and averaged over, so a whole grid costs one NumPy call.
    """
    z = W[..., None] * x + B[..., None]
    if loss == "mse":
        return np.mean((_sigmoid(z) - y) ** 2, axis=-1)
    # Binary cross-entropy from the logit z: log(1 + e^z) - y z, stable for every z.
    return np.mean(np.logaddexp(0.0, z) - y * z, axis=-1)


def neuron_loss(
    w: float, b: float, loss: str = "binary_cross_entropy", x=DATA_X, y=DATA_Y
) -> float:
    """The loss of the neuron ``sigmoid(w x + b)`` on the data (default: the widget's data set).

    ``loss`` is ``"mse"`` (mean of ``(p - y)^2``) or ``"binary_cross_entropy"``.

    >>> round(neuron_loss(0.0, 0.0), 4), round(neuron_loss(0.0, 0.0, "mse"), 4)   # p = 0.5
    (0.6931, 0.25)
    """
    if loss not in LOSS_LABELS:
        raise ValueError(f"loss must be one of {sorted(LOSS_LABELS)}; got {loss!r}.")
    return float(
        losses_on_grid(
            np.asarray(float(w)),
            np.asarray(float(b)),
            loss,
            np.asarray(x, dtype=np.float64),
            np.asarray(y, dtype=np.float64),
        )
    )
