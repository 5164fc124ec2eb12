"""Activation functions and their derivatives, by name.

An activation ``f`` turns a neuron's weighted sum ``z`` into its output ``a = f(z)``. For
backpropagation we also need how ``a`` changes with ``z``: the derivative ``f'(z)``. Each
derivative here is written in terms of ``z`` *and* the output ``a`` that the forward pass has
already computed (for the sigmoid, ``f'(z) = a (1 - a)``), which is both cheaper and exactly the
form the notebooks derive.

All functions are numerically stable: they stay finite and warning-free for ``|z|`` up to 1e4.

See notebook 04_activation_functions.

Examples
--------
>>> relu = get("relu")
>>> relu([-2.0, 0.5])
array([0. , 0.5])
>>> relu.derivative([-2.0, 0.5])
array([0., 1.])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._validation import look_up

__all__ = [
    "Activation",
    "ACTIVATIONS",
    "get",
    "names",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "elu",
    "softplus",
    "step",
    "linear",
    "softmax",
    "LEAKY_RELU_SLOPE",
    "ELU_ALPHA",
]

#: Slope of leaky ReLU for negative inputs.
LEAKY_RELU_SLOPE = 0.01
#: Scale of ELU for negative inputs: elu(z) -> -ELU_ALPHA as z -> -inf.
ELU_ALPHA = 1.0


def _sigmoid(z):
    # 1 / (1 + e^-z) = exp(-log(1 + e^-z)); logaddexp computes that log without overflow.
    return np.exp(-np.logaddexp(0.0, -z))


def _softmax(z):
    # Subtracting the row maximum leaves softmax unchanged and keeps exp() from overflowing.
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@dataclass(frozen=True, eq=False)
class Activation:
    """An activation function ``a = f(z)`` together with its derivative.

    Attributes
    ----------
    name : str
        The name used by :func:`get`, e.g. ``"sigmoid"``.
    formula, derivative_formula : str
        LaTeX for the notebooks, e.g. ``r"\\frac{1}{1 + e^{-z}}"``.
    output_range : str
        The set of values ``f`` can return, e.g. ``"(0, 1)"``.
    elementwise : bool
        True for every activation except softmax, which mixes the values of a row.
    """

    name: str
    function: Callable[[np.ndarray], np.ndarray]
    gradient: Callable[[np.ndarray, np.ndarray], np.ndarray]  # f'(z) given z and a = f(z)
    formula: str
    derivative_formula: str
    output_range: str
    elementwise: bool = True

    def __call__(self, z) -> np.ndarray:
        """Apply the activation to ``z`` (any shape; softmax works along the last axis)."""
        return self.function(np.asarray(z, dtype=np.float64))

    def derivative(self, z) -> np.ndarray:
        """The derivative ``f'(z)``, same shape as ``z``.

        The step function's derivative is 0 everywhere (it is undefined at 0 and zero elsewhere),
        which is exactly why gradient descent cannot train a step network. For softmax this is
        the diagonal of its Jacobian, ``s (1 - s)``; use :meth:`vjp` for backpropagation.
        """
        z = np.asarray(z, dtype=np.float64)
        return np.asarray(self.gradient(z, self.function(z)), dtype=np.float64)

    def vjp(self, z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
        """Backpropagate through the activation: return ``dL/dz`` given ``dL/da``.

        Parameters
        ----------
        z, a, grad_a : ndarray of shape (n_samples, n_units)
            The weighted sums, the activation's outputs ``a = f(z)`` and ``dL/da``.

        For an elementwise activation this is ``grad_a * f'(z)``. For softmax the Jacobian
        ``ds_i/dz_j = s_i (delta_ij - s_j)`` gives ``s * (grad_a - sum(grad_a * s))`` per row,
        without ever building the ``n_units x n_units`` matrix.
        """
        if self.elementwise:
            return grad_a * self.gradient(z, a)
        return a * (grad_a - np.sum(grad_a * a, axis=-1, keepdims=True))

    def jacobian(self, z) -> np.ndarray:
        """The full Jacobian ``da_i/dz_j`` for one sample ``z`` of shape (n_units,).

        >>> np.round(get("softmax").jacobian([0.0, 0.0]), 3)
        array([[ 0.25, -0.25],
               [-0.25,  0.25]])
        """
        z = np.asarray(z, dtype=np.float64)
        if z.ndim != 1:
            raise ValueError(
                f"jacobian takes one sample z of shape (n_units,); got shape {z.shape}."
            )
        if self.elementwise:
            return np.diag(self.derivative(z))
        a = self.function(z)
        return np.diag(a) - np.outer(a, a)

    def __repr__(self) -> str:
        return f"Activation({self.name!r})"


sigmoid = Activation(
    "sigmoid",
    _sigmoid,
    lambda z, a: a * (1.0 - a),
    r"\sigma(z) = \frac{1}{1 + e^{-z}}",
    r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))",
    "(0, 1)",
)
tanh = Activation(
    "tanh",
    np.tanh,
    lambda z, a: 1.0 - a * a,
    r"\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
    r"\tanh'(z) = 1 - \tanh^2(z)",
    "(-1, 1)",
)
relu = Activation(
    "relu",
    lambda z: np.maximum(z, 0.0),
    lambda z, a: z > 0,  # a boolean mask: multiplying by it is the cheapest form in backprop
    r"\mathrm{ReLU}(z) = \max(0, z)",
    r"\mathrm{ReLU}'(z) = 1 \text{ if } z > 0 \text{ else } 0",
    "[0, inf)",
)
leaky_relu = Activation(
    "leaky_relu",
    lambda z: np.where(z > 0, z, LEAKY_RELU_SLOPE * z),
    lambda z, a: np.where(z > 0, 1.0, LEAKY_RELU_SLOPE),
    r"\mathrm{LeakyReLU}(z) = z \text{ if } z > 0 \text{ else } 0.01\,z",
    r"\mathrm{LeakyReLU}'(z) = 1 \text{ if } z > 0 \text{ else } 0.01",
    "(-inf, inf)",
)
elu = Activation(
    "elu",
    lambda z: np.where(z > 0, z, ELU_ALPHA * np.expm1(np.minimum(z, 0.0))),
    lambda z, a: np.where(z > 0, 1.0, a + ELU_ALPHA),
    r"\mathrm{ELU}(z) = z \text{ if } z > 0 \text{ else } e^{z} - 1",
    r"\mathrm{ELU}'(z) = 1 \text{ if } z > 0 \text{ else } e^{z}",
    "(-1, inf)",
)
softplus = Activation(
    "softplus",
    lambda z: np.logaddexp(0.0, z),
    lambda z, a: _sigmoid(z),
    r"\mathrm{softplus}(z) = \ln(1 + e^{z})",
    r"\mathrm{softplus}'(z) = \sigma(z)",
    "(0, inf)",
)
step = Activation(
    "step",
    lambda z: (z >= 0).astype(np.float64),
    lambda z, a: np.zeros_like(z),
    r"\mathrm{step}(z) = 1 \text{ if } z \ge 0 \text{ else } 0",
    r"\mathrm{step}'(z) = 0 \text{ (undefined at } z = 0)",
    "{0, 1}",
)
linear = Activation(
    "linear",
    lambda z: z,
    lambda z, a: np.ones_like(z),
    r"f(z) = z",
    r"f'(z) = 1",
    "(-inf, inf)",
)
softmax = Activation(
    "softmax",
    _softmax,
    lambda z, a: a * (1.0 - a),
    r"\mathrm{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}",
    r"\frac{\partial s_i}{\partial z_j} = s_i(\delta_{ij} - s_j)",
    "(0, 1), each row sums to 1",
    elementwise=False,
)

#: Every activation by name: a table, not an if-chain.
ACTIVATIONS: dict[str, Activation] = {
    act.name: act for act in (sigmoid, tanh, relu, leaky_relu, elu, softplus, step, linear, softmax)
}


def names() -> list[str]:
    """The names :func:`get` accepts, sorted.

    >>> names()[:3]
    ['elu', 'leaky_relu', 'linear']
    """
    return sorted(ACTIVATIONS)


def get(activation) -> Activation:
    """Look up an activation by name (or pass an :class:`Activation` through).

    >>> get("tanh").output_range
    '(-1, 1)'
    >>> get("relu6")
    Traceback (most recent call last):
    ...
    ValueError: Unknown activation 'relu6'; did you mean 'relu'? Choose from ['elu', ...].
    """
    if isinstance(activation, Activation):
        return activation
    if activation is None:
        return linear
    expected = "a name such as 'relu' or an Activation"
    return look_up("activation", activation, ACTIVATIONS, expected)
