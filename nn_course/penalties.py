"""Weight penalties (L1 and L2 regularisation): a price on large weights, added to the loss.

.. math::  \\mathcal{L}_{total} = \\mathcal{L} + l_1 \\sum |W| + l_2 \\sum W^2

summed over the weights of every Dense layer (biases are not penalised). Its gradient,
``l1 * sign(W) + 2 * l2 * W``, is added to each layer's weight gradient, so every step pulls
the weights towards zero: L1 pushes small weights to exactly zero, L2 shrinks all of them.

See notebook 11_hyperparameter_tuning.

Examples
--------
>>> from nn_course import Dense
>>> layer = Dense(2, 1, init="zeros")
>>> layer.W[:] = [[3.0], [-4.0]]
>>> penalty([layer], l1=0.1), penalty([layer], l2=0.01)      # 0.1 * 7, 0.01 * 25
(0.7000000000000001, 0.25)
>>> grads = [{"W": np.zeros((2, 1)), "b": np.zeros(1)}]
>>> add_penalty_gradients([layer], grads, l2=0.5)            # 2 * 0.5 * W
>>> grads[0]["W"]
array([[ 3.],
       [-4.]])
"""

from __future__ import annotations

import numpy as np

from ._validation import check_positive_float
from .layers import Dense

__all__ = ["check_penalty", "penalty", "add_penalty_gradients"]


def check_penalty(value, name: str) -> float:
    """``value`` as a float if it is a finite number >= 0 (a penalty factor), else raise."""
    return check_positive_float(value, name, allow_zero=True)


def penalty(layers, l1: float = 0.0, l2: float = 0.0) -> float:
    """``l1 * sum|W| + l2 * sum W^2`` over the Dense ``layers`` (other layers are skipped)."""
    total = 0.0
    for layer in layers:
        if isinstance(layer, Dense):
            if l1:
                total += l1 * float(np.abs(layer.W).sum())
            if l2:
                total += l2 * float(np.vdot(layer.W, layer.W))
    return total


def add_penalty_gradients(layers, grads, l1: float = 0.0, l2: float = 0.0) -> None:
    """Add ``l1 * sign(W) + 2 * l2 * W`` to ``grads[i]["W"]`` of each Dense ``layers[i]``.

    ``grads`` has one dict per layer (``{}`` for Dropout), as the backward pass returns them;
    the arrays are changed in place.
    """
    if not (l1 or l2):
        return
    for layer, g in zip(layers, grads, strict=True):
        if isinstance(layer, Dense):
            if l1:
                g["W"] += l1 * np.sign(layer.W)
            if l2:
                g["W"] += 2.0 * l2 * layer.W
