"""Input features computed from the two coordinates of a point, as the playground offers them.

A network that gets ``x1 * x2`` or ``x1^2`` as an input can draw curved boundaries with fewer
neurons; :func:`features` builds those columns. See notebook 12_playground.
"""

from __future__ import annotations

import numpy as np

__all__ = ["FEATURES", "FEATURE_LABELS", "features"]

#: Input features, computed from the two coordinates (in the playground's [-6, 6] plane).
FEATURES = {
    "x1": lambda X: X[:, 0],
    "x2": lambda X: X[:, 1],
    "x1^2": lambda X: X[:, 0] ** 2,
    "x2^2": lambda X: X[:, 1] ** 2,
    "x1*x2": lambda X: X[:, 0] * X[:, 1],
    "sin(x1)": lambda X: np.sin(X[:, 0]),
    "sin(x2)": lambda X: np.sin(X[:, 1]),
}
#: How the features are written in the playground.
FEATURE_LABELS = {
    "x1": "x₁",
    "x2": "x₂",
    "x1^2": "x₁²",
    "x2^2": "x₂²",
    "x1*x2": "x₁x₂",
    "sin(x1)": "sin(x₁)",
    "sin(x2)": "sin(x₂)",
}


def features(X, names) -> np.ndarray:
    """The input features the playground feeds to the network, shape (n_samples, len(names)).

    Parameters
    ----------
    X : array_like (n_samples, 2)
        Points in the playground's plane (data-set coordinates times :data:`SCALE`).
    names : list of str
        From ``FEATURES``: "x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)".

    >>> features(np.array([[1.0, 2.0]]), ["x1", "x1*x2", "x2^2"]).tolist()
    [[1.0, 2.0, 4.0]]
    """
    X = np.asarray(X, dtype=np.float64)
    unknown = [n for n in names if n not in FEATURES]
    if unknown or not names:
        raise ValueError(f"features must be a non-empty list from {list(FEATURES)}; got {names!r}.")
    return np.column_stack([FEATURES[n](X) for n in names])
