"""A linear model on hand-made features: logistic regression as a one-neuron network.

Its boundary is a straight line in the ``(x1, x2)`` plane, so it fails on XOR and circles;
one well-chosen feature (``x1*x2``, ``x1^2 + x2^2``) makes them easy. The model behind
:func:`nn_course.widgets.boundary_explorer`; see notebook 01_why_neural_networks.

Examples
--------
>>> X, y = make_data("xor", noise=0.1, rng=0)
>>> round(LinearModel().fit(X, y).accuracy(X, y), 2) < 0.7          # a line cannot do XOR
True
>>> LinearModel(features=["x1*x2"]).fit(X, y).accuracy(X, y) > 0.9    # one product feature can
True
"""

from __future__ import annotations

import numpy as np

from . import datasets
from .layers import Dense
from .network import Network

__all__ = ["FEATURES", "LinearModel", "make_data"]

#: Hand-made features the model can add to (x1, x2): name -> function of X (n, 2) giving (n,).
FEATURES = {
    "x1*x2": lambda X: X[:, 0] * X[:, 1],
    "x1^2+x2^2": lambda X: X[:, 0] ** 2 + X[:, 1] ** 2,
}


def make_data(name: str, noise: float = 0.1, n_samples: int = 200, rng: int = 0):
    """One of the explorer's data sets: "blobs", "xor", "circles", "moons" or "spirals".

    Returns ``X (n_samples, 2), y (n_samples,)``; the same ``rng`` gives the same points.
    """
    if name == "blobs":
        # Two clusters far enough apart that a line separates them (for small noise).
        return datasets.blobs(
            n_samples, centers=[[-0.7, -0.7], [0.7, 0.7]], noise=max(noise, 0.0) + 0.15, rng=rng
        )
    makers = {
        "xor": datasets.xor,
        "circles": datasets.circles,
        "moons": datasets.moons,
        "spirals": datasets.spirals,
    }
    if name not in makers:
        raise ValueError(f"Unknown data set {name!r}; choose from {['blobs', *makers]}.")
    return makers[name](n_samples, noise=noise, rng=rng)


class LinearModel:
    """Logistic regression on ``(x1, x2)`` plus optional hand-made features.

    .. math::  p(\\text{class 1} \\mid x) = \\sigma(w \\cdot \\phi(x) + b), \\qquad
               \\phi(x) = (x_1, x_2, \\text{features...})

    It is a one-neuron :class:`~nn_course.Network` (``Dense(n_features, 1, "sigmoid")``),
    trained by :meth:`Network.fit`: full-batch gradient descent on the binary cross-entropy.
    Its boundary ``p = 0.5`` is a straight line in the ``(x1, x2)`` plane unless features are added.

    Parameters
    ----------
    features : sequence of str
        Names from :data:`FEATURES` ("x1*x2", "x1^2+x2^2").
    steps : int
        Gradient-descent steps in :meth:`fit`.
    learning_rate : float
    """

    def __init__(self, features=(), steps: int = 400, learning_rate: float = 1.0):
        unknown = [f for f in features if f not in FEATURES]
        if unknown:
            raise ValueError(f"Unknown feature(s) {unknown}; choose from {list(FEATURES)}.")
        self.features = list(features)
        self.steps = int(steps)
        self.learning_rate = float(learning_rate)
        self.net = Network([Dense(2 + len(self.features), 1, "sigmoid", init="zeros")])

    def transform(self, X) -> np.ndarray:
        """The model's inputs: ``X`` (n, 2) with one column per feature appended."""
        X = np.asarray(X, dtype=np.float64)
        return np.column_stack([X] + [FEATURES[f](X) for f in self.features])

    def fit(self, X, y) -> "LinearModel":
        """Train from zero weights by full-batch gradient descent; returns ``self``.

        ``steps`` epochs of one batch each, through the package's own training
        (:meth:`Network.fit` with plain SGD), so the model uses the same backward pass as
        every network in the course. The explorer calls this once per (data set, noise,
        features) choice; that change, training included, costs about 40 ms of CPU time.
        """
        layer = self.net.dense_layers[0]
        layer.W[:] = 0.0
        layer.b[:] = 0.0
        self.net.fit(
            self.transform(X),
            np.asarray(y).reshape(-1),
            loss="binary_cross_entropy",
            optimizer="sgd",
            learning_rate=self.learning_rate,
            epochs=self.steps,
            batch_size=None,
            shuffle=False,
        )
        return self

    def predict_proba(self, X) -> np.ndarray:
        """P(class 1) for each row of ``X`` (n, 2); shape (n,)."""
        return self.net.predict_proba(self.transform(X))

    def predict(self, X) -> np.ndarray:
        """The predicted class (0 or 1) of each row of ``X`` (n, 2); shape (n,)."""
        return (self.predict_proba(X) >= 0.5).astype(np.int64)

    def accuracy(self, X, y) -> float:
        """The share of rows of ``X`` whose predicted class is ``y``."""
        return float(np.mean(self.predict(X) == np.asarray(y)))

    @property
    def weights(self) -> np.ndarray:
        """The learned weights, one per input column (x1, x2, features...)."""
        return self.net.dense_layers[0].W[:, 0].copy()

    @property
    def bias(self) -> float:
        """The learned bias."""
        return float(self.net.dense_layers[0].b[0])

    def formula(self) -> str:
        """The learned model as text, e.g. ``p = sigmoid(1.2*x1 - 0.3*x2 + 4.1*(x1*x2) + 0.05)``."""
        names = ["x1", "x2"] + [f"({f})" for f in self.features]
        terms = "".join(
            f" {'-' if w < 0 else '+'} {abs(w):.2f}*{n}"
            for w, n in zip(self.weights, names, strict=True)
        )
        terms = terms[3:] if terms.startswith(" + ") else "-" + terms[3:]
        return f"p = sigmoid({terms} {'-' if self.bias < 0 else '+'} {abs(self.bias):.2f})"
