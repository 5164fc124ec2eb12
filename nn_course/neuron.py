"""One artificial neuron: inputs, weights, a bias, a weighted sum and an activation.

.. math::  z = w_1 x_1 + w_2 x_2 + \\dots + w_n x_n + b = w \\cdot x + b, \\qquad a = f(z)

See notebook 03_artificial_neuron.

Examples
--------
>>> n = Neuron(weights=[0.5, -1.0], bias=0.1, activation="sigmoid")
>>> round(n.output([1.0, 2.0]), 4)
0.1978
>>> print(n.explain([1.0, 2.0]))
z = w1*x1 + w2*x2 + b
  = (0.5)(1) + (-1)(2) + (0.1)
  = 0.5 - 2 + 0.1
  = -1.4
a = sigmoid(z) = sigmoid(-1.4) = 0.1978
"""

from __future__ import annotations

import numpy as np

from . import activations
from ._validation import check_finite

__all__ = ["Neuron"]


def _fmt(v: float) -> str:
    return f"{v:.4g}"


class Neuron:
    """A single neuron ``a = f(w . x + b)``.

    Parameters
    ----------
    weights : array_like (n_inputs,)
    bias : float
    activation : str or Activation, default "sigmoid"
    """

    def __init__(self, weights, bias: float = 0.0, activation="sigmoid"):
        w = np.asarray(weights, dtype=np.float64)
        if w.ndim != 1 or w.size == 0:
            raise ValueError(f"weights must be a 1-D list of numbers (n_inputs,); got shape {w.shape}.")
        self.weights = check_finite(w, "weights")
        self.bias = float(bias)
        self.activation = activations.get(activation)

    @property
    def n_inputs(self) -> int:
        """Number of inputs (and weights)."""
        return self.weights.size

    def _inputs(self, x) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        if x.shape[-1:] != (self.n_inputs,) or x.ndim > 2:
            raise ValueError(
                f"x must have {self.n_inputs} values (n_inputs,) or be a batch (n_samples, {self.n_inputs}); "
                f"got shape {x.shape}."
            )
        return check_finite(x, "x")

    def z(self, x):
        """The weighted sum ``w . x + b``: a float for one input (n_inputs,), (n_samples,) for a batch."""
        z = self._inputs(x) @ self.weights + self.bias
        return float(z) if np.ndim(z) == 0 else z

    def output(self, x):
        """The neuron's output ``f(z)``: a float for one input, (n_samples,) for a batch."""
        a = self.activation(self.z(x))
        return float(a) if np.ndim(a) == 0 else a

    def explain(self, x) -> str:
        """The computation for one input written out term by term, as in the notebook."""
        x = self._inputs(x)
        if x.ndim != 1:
            raise ValueError(f"explain takes one input of shape ({self.n_inputs},); got shape {x.shape}.")
        idx = range(1, self.n_inputs + 1)
        terms = [w * v for w, v in zip(self.weights, x, strict=True)]
        z = self.z(x)
        symbolic = " + ".join(f"w{i}*x{i}" for i in idx) + " + b"
        products = " + ".join(f"({_fmt(w)})({_fmt(v)})" for w, v in zip(self.weights, x, strict=True)) + f" + ({_fmt(self.bias)})"
        summed = _fmt(terms[0]) + "".join(
            f" - {_fmt(-t)}" if t < 0 else f" + {_fmt(t)}" for t in terms[1:] + [self.bias]
        )
        name = self.activation.name
        return (
            f"z = {symbolic}\n  = {products}\n  = {summed}\n  = {_fmt(z)}\n"
            f"a = {name}(z) = {name}({_fmt(z)}) = {_fmt(self.output(x))}"
        )

    def __repr__(self) -> str:
        w = ", ".join(_fmt(v) for v in self.weights)
        return f"Neuron(weights=[{w}], bias={_fmt(self.bias)}, activation={self.activation.name!r})"
