"""One artificial neuron: inputs, weights, a bias, a weighted sum and an activation.

.. math::  z = w_1 x_1 + w_2 x_2 + \\dots + w_n x_n + b = w \\cdot x + b, \\qquad a = f(z)

:func:`fit_logistic_regression` trains one sigmoid neuron (logistic regression) by full-batch
gradient descent, so notebook 03 can train a neuron before layers and networks are taught.

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
from .style import fmt
from ._validation import check_finite, check_positive_float, check_positive_int, check_X_y

__all__ = ["Neuron", "fit_logistic_regression"]


#: Significant digits of the numbers in :meth:`Neuron.explain` and the repr.
_DIGITS = 4


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
            raise ValueError(
                f"weights must be a 1-D list of numbers (n_inputs,); got shape {w.shape}."
            )
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
                f"x must have {self.n_inputs} values (n_inputs,) or be a batch "
                f"(n_samples, {self.n_inputs}); "
                f"got shape {x.shape}."
            )
        return check_finite(x, "x")

    def z(self, x):
        """The weighted sum ``w . x + b``: a float for one input (n_inputs,), else (n_samples,)."""
        z = self._inputs(x) @ self.weights + self.bias
        return float(z) if np.ndim(z) == 0 else z

    def output(self, x):
        """The neuron's output ``f(z)``: a float for one input, (n_samples,) for a batch."""
        a = self.activation(self.z(x))
        return float(a) if np.ndim(a) == 0 else a

    def predict_proba(self, X) -> np.ndarray:
        """P(class 1) for each row of ``X`` (n_samples, n_inputs): the output of a sigmoid neuron.

        Only a sigmoid output is a probability; other activations raise ``ValueError``.
        """
        if self.activation.name != "sigmoid":
            raise ValueError(
                f"predict_proba needs activation 'sigmoid' (its output is a probability); "
                f"this neuron has {self.activation.name!r}."
            )
        return np.atleast_1d(self.output(np.atleast_2d(X)))

    def predict(self, X) -> np.ndarray:
        """Class 1 where ``P(class 1) >= 0.5`` (where ``z >= 0``), else 0; shape (n_samples,)."""
        return (self.predict_proba(X) >= 0.5).astype(np.int64)

    def accuracy(self, X, y) -> float:
        """The fraction of rows of ``X`` whose predicted class equals ``y`` (n_samples,)."""
        X, y = check_X_y(X, y, n_features=self.n_inputs)
        return float(np.mean(self.predict(X) == y))

    def explain(self, x) -> str:
        """The computation for one input written out term by term, as in the notebook."""
        x = self._inputs(x)
        if x.ndim != 1:
            raise ValueError(
                f"explain takes one input of shape ({self.n_inputs},); got shape {x.shape}."
            )
        idx = range(1, self.n_inputs + 1)
        terms = [w * v for w, v in zip(self.weights, x, strict=True)]
        z = self.z(x)
        symbolic = " + ".join(f"w{i}*x{i}" for i in idx) + " + b"
        pairs = zip(self.weights, x, strict=True)
        products = " + ".join(f"({fmt(w, _DIGITS)})({fmt(v, _DIGITS)})" for w, v in pairs)
        products += f" + ({fmt(self.bias, _DIGITS)})"
        summed = fmt(terms[0], _DIGITS) + "".join(
            f" - {fmt(-t, _DIGITS)}" if t < 0 else f" + {fmt(t, _DIGITS)}"
            for t in terms[1:] + [self.bias]
        )
        name = self.activation.name
        return (
            f"z = {symbolic}\n  = {products}\n  = {summed}\n  = {fmt(z, _DIGITS)}\n"
            f"a = {name}(z) = {name}({fmt(z, _DIGITS)}) = {fmt(self.output(x), _DIGITS)}"
        )

    def __repr__(self) -> str:
        w = ", ".join(fmt(v, _DIGITS) for v in self.weights)
        bias, name = fmt(self.bias, _DIGITS), self.activation.name
        return f"Neuron(weights=[{w}], bias={bias}, activation={name!r})"


def fit_logistic_regression(X, y, learning_rate: float = 0.5, epochs: int = 100):
    """Train one sigmoid neuron (logistic regression) by full-batch gradient descent.

    It starts from ``w = 0, b = 0`` and repeats ``epochs`` times: compute every output
    ``a = sigmoid(X @ w + b)``, then step downhill on the mean binary cross-entropy

    .. math::  \\mathcal{L} = -\\frac{1}{n}\\sum_i \\big(y_i \\log a_i + (1-y_i)\\log(1-a_i)\\big),
               \\qquad w \\leftarrow w - \\eta\\,\\frac{1}{n} X^\\top (a - y),
               \\qquad b \\leftarrow b - \\eta\\,\\frac{1}{n}\\sum_i (a_i - y_i).

    Notebooks 07 and 08 derive the loss and this gradient; notebook 03 uses it as a tool.

    Parameters
    ----------
    X : array_like (n_samples, n_inputs)
    y : array_like (n_samples,)
        Labels 0 or 1.
    learning_rate : float
        The step size ``eta`` (> 0).
    epochs : int
        Number of gradient-descent steps, each over the whole data set.

    Returns
    -------
    neuron : Neuron
        The trained sigmoid neuron.
    losses : list of float
        The loss before each step (length ``epochs``), then the final loss appended.

    Examples
    --------
    >>> X = np.array([[-1.0, -1.0], [-0.5, -1.0], [1.0, 0.5], [1.0, 1.0]])
    >>> neuron, losses = fit_logistic_regression(X, [0, 0, 1, 1], learning_rate=1.0, epochs=50)
    >>> neuron.predict(X).tolist(), losses[-1] < losses[0]
    ([0, 0, 1, 1], True)
    """
    X, y = check_X_y(X, y)
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must hold labels 0 and 1; got values {np.unique(y).tolist()}.")
    learning_rate = check_positive_float(learning_rate, "learning_rate")
    epochs = check_positive_int(epochs, "epochs")
    sigmoid = activations.get("sigmoid")
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(epochs + 1):
        a = sigmoid(X @ w + b)
        a_safe = np.clip(a, 1e-12, 1 - 1e-12)
        losses.append(float(-np.mean(y * np.log(a_safe) + (1 - y) * np.log(1 - a_safe))))
        if len(losses) > epochs:
            break
        error = a - y  # (n_samples,): dL/dz for each sample, times n
        w = w - learning_rate * (X.T @ error) / len(y)
        b = b - learning_rate * float(np.mean(error))
    return Neuron(w, b, "sigmoid"), losses
