"""Layers: a dense (fully connected) layer, and dropout.

A dense layer with ``n_in`` inputs and ``n_out`` neurons holds a weight matrix ``W`` of shape
``(n_in, n_out)`` (column ``j`` is neuron ``j``'s weights) and a bias vector ``b`` of shape
``(n_out,)``. For a batch ``X`` of shape ``(n_samples, n_in)`` it computes

.. math::  Z = X W + b, \\qquad A = f(Z)

with one row per sample. Backpropagation runs the same formula backwards (notebook 08):

.. math::  \\delta = \\frac{\\partial L}{\\partial Z}, \\quad
           \\frac{\\partial L}{\\partial W} = X^T \\delta, \\quad
           \\frac{\\partial L}{\\partial b} = \\textstyle\\sum_{rows} \\delta, \\quad
           \\frac{\\partial L}{\\partial X} = \\delta W^T

See notebooks 05_network_structure, 06_feedforward and 08_backpropagation.

Examples
--------
>>> layer = Dense(3, 2, activation="relu", rng=0)
>>> layer.W.shape, layer.b.shape
((3, 2), (2,))
>>> layer.forward(np.ones((4, 3))).shape
(4, 2)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import activations, initializers
from ._validation import as_rng, check_2d, check_positive_int

__all__ = ["Dense", "Dropout", "LayerTrace", "check_stack", "summary"]


@dataclass(slots=True)
class LayerTrace:
    """What one layer did in a forward pass (and, after ``backward``, its delta).

    Attributes
    ----------
    layer : Dense or Dropout
    input : ndarray (n_samples, n_in)     the layer's input (the previous layer's ``a``)
    z : ndarray (n_samples, n_out)        the weighted sums ``input @ W + b``
    a : ndarray (n_samples, n_out)        the outputs ``f(z)``
    mask : ndarray or None                dropout's keep-mask (already divided by keep probability)
    delta : ndarray or None               ``dL/dz``, set by :meth:`Dense.backward`
    """

    layer: object
    input: np.ndarray
    z: np.ndarray
    a: np.ndarray
    mask: np.ndarray | None = None
    delta: np.ndarray | None = None


class Dense:
    """A fully connected layer: ``A = f(X @ W + b)``.

    Parameters
    ----------
    n_in : int
        Number of inputs (features, or neurons of the previous layer).
    n_out : int
        Number of neurons in this layer.
    activation : str or Activation, default "linear"
        One of :func:`nn_course.activations.names`.
    init : str or Initializer, default "glorot"
        How ``W`` is drawn; ``b`` starts at zero.
    rng : Generator, int or None
        Randomness for the initial weights.

    Attributes
    ----------
    W : ndarray (n_in, n_out)
    b : ndarray (n_out,)
    activation : Activation
    """

    def __init__(self, n_in, n_out, activation="linear", init="glorot", rng=None):
        self.n_in = check_positive_int(n_in, "n_in")
        self.n_out = check_positive_int(n_out, "n_out")
        self.activation = activations.get(activation)
        self.init = initializers.get(init)
        self.W = self.init((self.n_in, self.n_out), rng=as_rng(rng))
        self.b = np.zeros(self.n_out)

    @property
    def params(self) -> dict[str, np.ndarray]:
        """The trainable arrays, ``{"W": W, "b": b}`` (the layer's own arrays, not copies)."""
        return {"W": self.W, "b": self.b}

    @property
    def n_parameters(self) -> int:
        """``n_in * n_out`` weights plus ``n_out`` biases."""
        return self.n_in * self.n_out + self.n_out

    def forward(self, X) -> np.ndarray:
        """Outputs ``f(X @ W + b)`` of shape (n_samples, n_out) for ``X`` (n_samples, n_in)."""
        X = check_2d(X, "X", self.n_in)
        return self.activation(X @ self.W + self.b)

    def trace(self, X: np.ndarray, training: bool = False, rng=None) -> LayerTrace:
        """Forward pass keeping ``z`` and ``a`` (no input checks: the network checked ``X``)."""
        z = X.dot(self.W)  # X @ W: ndarray.dot is quicker on the tiny batches of live widgets
        z += self.b
        return LayerTrace(self, X, z, self.activation.function(z))

    def backward(self, step: LayerTrace, grad_a=None, delta=None, input_grad: bool = True):
        """Backpropagate through this layer: ``delta = dL/da * f'(z)``, then the gradients.

        Parameters
        ----------
        step : LayerTrace
            This layer's record from the forward pass; ``step.delta`` is set to ``delta``.
        grad_a : ndarray (n_samples, n_out)
            ``dL/da``, from the layer after this one.
        delta : ndarray (n_samples, n_out), optional
            ``dL/dz`` when it is already known (the output layer under a cross-entropy, whose
            ``(p - y) / n`` the loss computes from the logits); then ``grad_a`` is not needed.
        input_grad : bool, default True
            False for the first layer: nothing before it needs ``dL/dX``.

        Returns
        -------
        grad_input : ndarray (n_samples, n_in), or None if not ``input_grad``
            ``dL/dX = delta @ W.T``, to pass to the previous layer.
        grads : dict
            ``{"W": X.T @ delta (n_in, n_out), "b": delta summed over rows (n_out,)}``.
        """
        if delta is None:
            delta = self.activation.vjp(step.z, step.a, grad_a)
        step.delta = delta
        grads = {"W": step.input.T.dot(delta), "b": np.add.reduce(delta, 0)}  # X.T @ delta
        return (delta.dot(self.W.T) if input_grad else None), grads  # delta @ W.T

    def get_config(self) -> dict:
        """The layer's architecture as a plain dict (what :meth:`Network.save` stores)."""
        return {
            "type": "Dense",
            "n_in": self.n_in,
            "n_out": self.n_out,
            "activation": self.activation.name,
        }

    def __repr__(self) -> str:
        return f"Dense({self.n_in}, {self.n_out}, activation={self.activation.name!r})"


class Dropout:
    """Dropout: in training, zero each input with probability ``rate`` and scale the rest.

    Scaling the kept values by ``1 / (1 - rate)`` ("inverted dropout") keeps their expected
    value unchanged, so at inference the layer is simply the identity.

    Parameters
    ----------
    rate : float in [0, 1)
        Fraction of units dropped in training.

    See notebook 11_hyperparameter_tuning.

    >>> d = Dropout(0.5)
    >>> d.forward(np.ones((1, 4)))   # inference: identity
    array([[1., 1., 1., 1.]])
    """

    params: dict = {}
    n_parameters = 0

    def __init__(self, rate: float):
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate < 1:
            raise ValueError(f"Dropout rate must be a number in [0, 1); got {rate!r}.")
        self.rate = float(rate)
        self.params = {}
        self.n_in = self.n_out = None  # set by the network: same as the previous layer

    def forward(self, X) -> np.ndarray:
        """Inference: return ``X`` unchanged."""
        return check_2d(X, "X")

    def trace(self, X: np.ndarray, training: bool = False, rng=None) -> LayerTrace:
        """Forward pass for ``X`` (n_samples, n_units); in training, draw and keep the mask."""
        if not training or self.rate == 0:
            return LayerTrace(self, X, X, X)
        keep = 1.0 - self.rate
        mask = (as_rng(rng).random(X.shape) < keep) / keep
        return LayerTrace(self, X, X, X * mask, mask)

    def backward(self, step: LayerTrace, grad_a: np.ndarray, delta=None, input_grad: bool = True):
        """Pass ``dL/da`` back through the same mask; dropout has no parameters (``{}``).

        The arguments are those of :meth:`Dense.backward`; ``delta`` (never the output layer)
        and ``input_grad`` change nothing here.
        """
        grad_input = grad_a if step.mask is None else grad_a * step.mask
        return grad_input, {}

    def get_config(self) -> dict:
        """The layer as a plain dict (what :meth:`Network.save` stores)."""
        return {"type": "Dropout", "rate": self.rate}

    def __repr__(self) -> str:
        return f"Dropout({self.rate})"


def check_stack(layers) -> list:
    """``layers`` as a list, checked to fit together one after the other (what ``Network`` keeps).

    Each Dense layer's ``n_in`` must equal the width before it; a Dropout layer takes that
    width (so it cannot come first), and the last layer must be Dense (the output layer).

    >>> check_stack([Dense(2, 3), Dense(4, 1)])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Layer 1 expects 4 inputs but the layer before it has 3 outputs; make them ...
    """
    layers = [layers] if isinstance(layers, (Dense, Dropout)) else list(layers)
    if not layers:
        raise ValueError("Network needs at least one layer; got an empty list.")
    width = None
    for i, layer in enumerate(layers):
        if isinstance(layer, Dropout):
            if width is None:
                raise ValueError(
                    "The first layer must be Dense (it fixes the number of inputs); got Dropout."
                )
            layer.n_in = layer.n_out = width
        elif isinstance(layer, Dense):
            if width is not None and layer.n_in != width:
                raise ValueError(
                    f"Layer {i} expects {layer.n_in} inputs but the layer before it has "
                    f"{width} outputs; make them equal (Dense({width}, ...))."
                )
            width = layer.n_out
        else:
            raise TypeError(
                f"Layer {i} must be a Dense or Dropout layer; got {type(layer).__name__}."
            )
    if not isinstance(layers[-1], Dense):
        raise ValueError("The last layer must be Dense (the output layer); got Dropout.")
    return layers


def summary(layers) -> str:
    """A table of ``layers``, one row each, like Keras's ``model.summary()``.

    >>> print(summary([Dense(2, 3, "relu"), Dropout(0.5), Dense(3, 1)]))
    Layer  Type     Weights W  Activation  Parameters
    -----  -------  ---------  ----------  ----------
    1      Dense    (2, 3)     relu                 9
    2      Dropout  rate 0.5   -                    0
    3      Dense    (3, 1)     linear               4
    Total parameters: 13
    """
    rows = [("Layer", "Type", "Weights W", "Activation", "Parameters")]
    for i, layer in enumerate(layers, start=1):
        if isinstance(layer, Dense):
            shape, name = str((layer.n_in, layer.n_out)), layer.activation.name
            rows.append((str(i), "Dense", shape, name, str(layer.n_parameters)))
        else:
            rows.append((str(i), "Dropout", f"rate {layer.rate:g}", "-", "0"))
    widths = [max(len(r[c]) for r in rows) for c in range(5)]
    lines = []
    for j, r in enumerate(rows):
        cells = [r[c].ljust(widths[c]) for c in range(4)] + [r[4].rjust(widths[4])]
        lines.append("  ".join(cells).rstrip())
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(f"Total parameters: {sum(layer.n_parameters for layer in layers)}")
    return "\n".join(lines)
