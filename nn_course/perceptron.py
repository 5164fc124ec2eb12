"""The Rosenblatt perceptron (1958): the first neuron that learned from examples.

It computes a weighted sum ``z = w . x + b`` and outputs ``1`` if ``z >= 0``, else ``0``. Its
decision boundary is the line (plane) ``w . x + b = 0``. The learning rule nudges the weights
only when a sample is misclassified:

.. math::  w \\leftarrow w + \\eta\\,(y - \\hat y)\\,x, \\qquad
           b \\leftarrow b + \\eta\\,(y - \\hat y)

On linearly separable data it stops making mistakes after a finite number of updates (at
most ``(R / margin)^2``, Novikoff's theorem). On XOR it never does.

The data sets of the perceptron lab (:func:`lab_data`) and the geometry of its shaded
half-plane (:func:`halfplane_polygon`) live here too, so they are usable without widgets.

See notebook 02_perceptron.

Examples
--------
>>> from nn_course import datasets
>>> X, y = datasets.logic_gate("and")
>>> p = Perceptron(n_inputs=2).fit(X, y, epochs=20)
>>> p.converged, p.predict(X).tolist()
(True, [0, 0, 0, 1])
"""

from __future__ import annotations

import numpy as np

from . import datasets
from ._validation import as_rng, check_2d, check_positive_float, check_positive_int, check_X_y
from .style import fmt

__all__ = ["Perceptron", "LAB_DATASETS", "lab_data", "halfplane_polygon"]


class Perceptron:
    """A single perceptron with a step activation, trained by Rosenblatt's rule.

    Parameters
    ----------
    n_inputs : int
        Number of input features.
    lr : float, default 1.0
        Learning rate ``eta``: how far each update moves the weights.
    init : {"zeros", "random"}, default "zeros"
        Start from zero weights (the classic rule) or small random ones drawn from ``rng``.
    rng : Generator, int or None
        Randomness for ``init="random"`` and for shuffling in :meth:`fit`.

    Attributes
    ----------
    weights : ndarray (n_inputs,)
    bias : float
    history : list of dict
        One entry per update (misclassified sample): epoch, index, x, y, y_pred, and the
        weights and bias after the update.
    n_updates : int
    converged : bool
        True once an epoch made no mistake.
    """

    def __init__(self, n_inputs: int = 2, lr: float = 1.0, init: str = "zeros", rng=None):
        self.n_inputs = check_positive_int(n_inputs, "n_inputs")
        self.lr = check_positive_float(lr, "lr")
        if init not in ("zeros", "random"):
            raise ValueError(f"init must be 'zeros' or 'random'; got {init!r}.")
        self.rng = as_rng(rng)
        self.weights = (
            np.zeros(self.n_inputs) if init == "zeros" else self.rng.normal(0, 0.5, self.n_inputs)
        )
        self.bias = 0.0
        self.history: list[dict] = []
        self.errors_per_epoch: list[int] = []
        self.converged = False

    @property
    def n_updates(self) -> int:
        """How many times the rule changed the weights."""
        return len(self.history)

    def decision_function(self, X) -> np.ndarray:
        """The weighted sums ``z = X @ w + b``, shape (n_samples,)."""
        X = check_2d(X, "X", self.n_inputs)
        return X @ self.weights + self.bias

    def predict(self, X) -> np.ndarray:
        """Class labels ``step(z)``: 1 where ``z >= 0``, else 0; shape (n_samples,)."""
        return (self.decision_function(X) >= 0).astype(np.int64)

    def step(self, x, y, epoch: int = 0, index: int = 0) -> dict:
        """Apply the learning rule to one sample ``x`` (n_inputs,) with label ``y`` in {0, 1}.

        Returns a dict describing what happened (``updated`` is False for a correct prediction).
        """
        x = np.asarray(x, dtype=np.float64)
        y_pred = int(x @ self.weights + self.bias >= 0)
        error = int(y) - y_pred
        record = {
            "epoch": epoch,
            "index": index,
            "x": x.copy(),
            "y": int(y),
            "y_pred": y_pred,
            "error": error,
            "weights_before": self.weights.copy(),
            "bias_before": self.bias,
        }
        if error:
            self.weights = self.weights + self.lr * error * x
            self.bias = self.bias + self.lr * error
            self.history.append(record)
        record.update(updated=bool(error), weights=self.weights.copy(), bias=self.bias)
        return record

    def fit(self, X, y, epochs: int = 20, shuffle: bool = False) -> "Perceptron":
        """Sweep over the data up to ``epochs`` times, stopping after an epoch with no mistake.

        If it never gets there (data that no line separates, such as XOR) it stops after
        ``epochs`` sweeps with ``converged = False``; it never loops forever.

        Returns ``self``.
        """
        X, y = check_X_y(X, y, self.n_inputs)
        if not np.all((y == 0) | (y == 1)):
            raise ValueError(
                f"Perceptron labels y must be 0 or 1; got values {np.unique(y).tolist()}."
            )
        epochs = check_positive_int(epochs, "epochs")
        self.converged = False
        for epoch in range(epochs):
            order = self.rng.permutation(len(X)) if shuffle else range(len(X))
            mistakes = sum(self.step(X[i], y[i], epoch, int(i))["updated"] for i in order)
            self.errors_per_epoch.append(int(mistakes))
            if mistakes == 0:
                self.converged = True
                break
        return self

    def __repr__(self) -> str:
        w = ", ".join(fmt(v) for v in self.weights)
        return (
            f"Perceptron(weights=[{w}], bias={fmt(self.bias)}, n_updates={self.n_updates}, "
            f"converged={self.converged})"
        )


#: Data sets of the perceptron lab (notebook 02), in its dropdown order.
LAB_DATASETS = ("AND", "OR", "NAND", "XOR", "blobs")


def lab_data(name: str):
    """The perceptron lab's data set ``name`` (one of :data:`LAB_DATASETS`): ``X (n, 2), y (n,)``.

    The gates are their four truth-table rows; "blobs" is 30 points in two separated clusters
    (fixed seed, so it is the same in every run).
    """
    if name not in LAB_DATASETS:
        raise ValueError(f"Unknown data set {name!r}; choose from {list(LAB_DATASETS)}.")
    if name == "blobs":
        return datasets.blobs(30, centers=[[-0.8, -0.5], [0.7, 0.8]], noise=0.35, rng=3)
    return datasets.logic_gate(name.lower())


def halfplane_polygon(w, b, box) -> np.ndarray:
    """Corners of the part of the rectangle ``box = (x0, x1, y0, y1)`` where ``w . x + b >= 0``.

    Clips the rectangle by the half-plane (one step of Sutherland-Hodgman); returns an array
    (k, 2), empty (0, 2) when the half-plane misses the rectangle.

    >>> halfplane_polygon([1.0, 0.0], -0.5, (0, 1, 0, 1)).tolist()
    [[0.5, 0.0], [1.0, 0.0], [1.0, 1.0], [0.5, 1.0]]
    """
    x0, x1, y0, y1 = box
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    s = corners @ w + b
    out = []
    for i in range(4):
        p, q = corners[i], corners[(i + 1) % 4]
        sp, sq = s[i], s[(i + 1) % 4]
        if sp >= 0:
            out.append(p)
        if (sp >= 0) != (sq >= 0):
            t = sp / (sp - sq)
            out.append(p + t * (q - p))
    return np.array(out).reshape(-1, 2)
