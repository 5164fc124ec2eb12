"""Small data sets, generated on the spot: deterministic given ``rng``, no download.

Every 2-D generator returns ``X`` of shape (n_samples, 2), float64, with values roughly in
[-1.5, 1.5], and ``y`` of shape (n_samples,): int class labels, or floats for the regression
sets. ``noise`` is the standard deviation of Gaussian jitter added to the points (for
``blobs`` and ``gaussians``: of each cluster).

See notebook 01_why_neural_networks.

Examples
--------
>>> X, y = moons(n_samples=100, noise=0.1, rng=0)
>>> X.shape, y.shape, sorted(set(y.tolist()))
((100, 2), (100,), [0, 1])
>>> X2, _ = moons(n_samples=100, noise=0.1, rng=0)
>>> bool((X == X2).all())
True
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    as_rng,
    check_2d,
    check_positive_float,
    check_positive_int,
    check_X_y,
    unknown_name_error,
)

__all__ = [
    "logic_gate",
    "blobs",
    "moons",
    "circles",
    "spirals",
    "xor",
    "gaussians",
    "plane",
    "multi_gaussian",
    "digits",
    "train_test_split",
    "standardize",
    "GATES",
]

#: Truth tables of the logic gates, for inputs (0,0), (0,1), (1,0), (1,1).
GATES = {
    "and": [0, 0, 0, 1],
    "or": [0, 1, 1, 1],
    "nand": [1, 1, 1, 0],
    "nor": [1, 0, 0, 0],
    "xor": [0, 1, 1, 0],
}


def logic_gate(name: str):
    """The four inputs of a two-input logic gate and its outputs.

    >>> X, y = logic_gate("xor")
    >>> X.tolist(), y.tolist()
    ([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0, 1, 1, 0])
    """
    if not isinstance(name, str) or name.lower() not in GATES:
        raise unknown_name_error("logic gate", name, GATES)
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    return X, np.array(GATES[name.lower()], dtype=np.int64)


def _check(n_samples, noise):
    return (
        check_positive_int(n_samples, "n_samples"),
        check_positive_float(noise, "noise", allow_zero=True),
    )


def _split(n_samples: int, n_classes: int) -> list[int]:
    # As equal as possible: 100 samples in 3 classes -> [34, 33, 33].
    return [n_samples // n_classes + (i < n_samples % n_classes) for i in range(n_classes)]


def blobs(n_samples: int = 200, centers=2, noise: float = 0.3, rng=None):
    """Gaussian clusters, one per class.

    Parameters
    ----------
    centers : int or array_like (n_classes, 2)
        Number of clusters (placed evenly on a circle of radius 1) or their centres.
    noise : float
        Standard deviation of each cluster.
    """
    n_samples, noise = _check(n_samples, noise)
    rng = as_rng(rng)
    if isinstance(centers, (int, np.integer)):
        k = check_positive_int(int(centers), "centers")
        angles = np.pi / 4 + 2 * np.pi * np.arange(k) / k
        centers = np.c_[np.cos(angles), np.sin(angles)]
    centers = check_2d(centers, "centers", 2)
    sizes = _split(n_samples, len(centers))
    X = np.concatenate(
        [c + noise * rng.normal(size=(m, 2)) for c, m in zip(centers, sizes, strict=True)]
    )
    y = np.repeat(np.arange(len(centers)), sizes)
    return X, y


def gaussians(n_samples: int = 200, noise: float = 0.3, rng=None):
    """Two Gaussian clusters, centred at (-0.6, -0.6) and (0.6, 0.6): the easiest data set."""
    return blobs(n_samples, centers=[[-0.6, -0.6], [0.6, 0.6]], noise=noise, rng=rng)


def moons(n_samples: int = 200, noise: float = 0.1, rng=None):
    """Two interleaving half circles."""
    n_samples, noise = _check(n_samples, noise)
    rng = as_rng(rng)
    n0, n1 = _split(n_samples, 2)
    t0, t1 = np.linspace(0, np.pi, n0), np.linspace(0, np.pi, n1)
    X = np.concatenate([np.c_[np.cos(t0), np.sin(t0)], np.c_[1 - np.cos(t1), 0.5 - np.sin(t1)]])
    X = (X - [0.5, 0.25]) + noise * rng.normal(size=X.shape)
    return X, np.repeat([0, 1], [n0, n1])


def circles(n_samples: int = 200, noise: float = 0.1, factor: float = 0.5, rng=None):
    """A small circle (class 1) inside a large one (class 0); ``factor`` is their radius ratio."""
    n_samples, noise = _check(n_samples, noise)
    rng = as_rng(rng)
    n0, n1 = _split(n_samples, 2)
    t0 = rng.uniform(0, 2 * np.pi, n0)
    t1 = rng.uniform(0, 2 * np.pi, n1)
    X = np.concatenate([np.c_[np.cos(t0), np.sin(t0)], factor * np.c_[np.cos(t1), np.sin(t1)]])
    X = X + noise * rng.normal(size=X.shape)
    return X, np.repeat([0, 1], [n0, n1])


def spirals(
    n_samples: int = 200, noise: float = 0.1, n_classes: int = 2, turns: float = 1.5, rng=None
):
    """Interleaved spiral arms, one per class: the classic hard case."""
    n_samples, noise = _check(n_samples, noise)
    n_classes = check_positive_int(n_classes, "n_classes")
    rng = as_rng(rng)
    parts, labels = [], []
    for c, m in enumerate(_split(n_samples, n_classes)):
        r = np.linspace(0.05, 1.0, m)
        t = 2 * np.pi * turns * r + 2 * np.pi * c / n_classes
        parts.append(np.c_[r * np.sin(t), r * np.cos(t)])
        labels.append(np.full(m, c))
    X = np.concatenate(parts)
    return X + noise * rng.normal(size=X.shape), np.concatenate(labels)


def xor(n_samples: int = 200, noise: float = 0.1, rng=None):
    """Points in the four quadrants of [-1, 1]^2; class 1 where x1 and x2 have different signs.

    This is the XOR pattern ("exclusive or": 1 where the two inputs differ) on inputs that are
    negative or positive instead of 0 or 1. See notebook 01_why_neural_networks.

    >>> X, y = xor(n_samples=4, noise=0.0, rng=0)
    >>> bool(np.all(y == (np.sign(X[:, 0]) != np.sign(X[:, 1]))))
    True
    """
    n_samples, noise = _check(n_samples, noise)
    rng = as_rng(rng)
    X = rng.uniform(-1, 1, size=(n_samples, 2))
    # Keep points a little away from the axes so the classes are clean before the noise.
    X += np.sign(X) * 0.05
    y = (X[:, 0] * X[:, 1] < 0).astype(np.int64)
    return X + noise * rng.normal(size=X.shape), y


def plane(n_samples: int = 200, noise: float = 0.1, rng=None):
    """Regression: ``y = (x1 + x2) / 2`` plus noise, for inputs uniform in [-1, 1]^2."""
    n_samples, noise = _check(n_samples, noise)
    rng = as_rng(rng)
    X = rng.uniform(-1, 1, size=(n_samples, 2))
    return X, (X[:, 0] + X[:, 1]) / 2 + noise * rng.normal(size=n_samples)


def multi_gaussian(n_samples: int = 200, noise: float = 0.1, rng=None):
    """Regression: a landscape of Gaussian bumps and dips (values in about [-1, 1]) plus noise."""
    n_samples, noise = _check(n_samples, noise)
    rng = as_rng(rng)
    X = rng.uniform(-1, 1, size=(n_samples, 2))
    bumps = [
        (-0.5, 0.5, 1.0), (0.5, -0.5, 1.0), (0.5, 0.5, -1.0), (-0.5, -0.5, -1.0), (0.0, 0.0, 0.5)
    ]
    y = sum(
        h * np.exp(-((X[:, 0] - cx) ** 2 + (X[:, 1] - cy) ** 2) / (2 * 0.3**2))
        for cx, cy, h in bumps
    )
    return X, y + noise * rng.normal(size=n_samples)


def digits(return_images: bool = False):
    """scikit-learn's bundled 8x8 handwritten digits (1,797 images, 10 classes), offline.

    Returns
    -------
    X : ndarray (1797, 64)
        Pixel intensities scaled to [0, 1].
    y : ndarray (1797,)
        The digit, 0 to 9.
    images : ndarray (1797, 8, 8), only if ``return_images``
    """
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        raise ImportError(
            "datasets.digits() needs scikit-learn, which ships the digits offline. "
            "Install it with: pip install scikit-learn"
        ) from None
    data = load_digits()
    X = data.data.astype(np.float64) / 16.0
    y = data.target.astype(np.int64)
    if return_images:
        return X, y, X.reshape(-1, 8, 8)
    return X, y


def train_test_split(X, y, test_fraction: float = 0.25, rng=None, stratify: bool = False):
    """Shuffle and split into a training and a test set.

    Parameters
    ----------
    test_fraction : float in (0, 1)
        Share of the samples held out for testing (at least one sample each side).
    stratify : bool
        Keep each class's share the same in both parts (for class labels ``y``).

    Returns
    -------
    X_train, X_test, y_train, y_test

    >>> X, y = blobs(10, rng=0)
    >>> X_train, X_test, y_train, y_test = train_test_split(X, y, 0.2, rng=0)
    >>> X_train.shape, X_test.shape
    ((8, 2), (2, 2))
    """
    X, y = check_X_y(X, y)
    if not isinstance(test_fraction, (int, float)) or not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be a number between 0 and 1; got {test_fraction!r}.")
    rng = as_rng(rng)
    n = len(X)
    if stratify:
        test = []
        for c in np.unique(y):
            members = rng.permutation(np.flatnonzero(y == c))
            test.extend(members[: int(round(test_fraction * len(members)))])
        test = np.array(sorted(test), dtype=np.int64)
        train = np.setdiff1d(np.arange(n), test)
        train, test = rng.permutation(train), rng.permutation(test)
    else:
        n_test = int(round(test_fraction * n))
        if n_test < 1 or n_test >= n:
            raise ValueError(
                f"test_fraction={test_fraction} of {n} samples leaves an empty side; use more data."
            )
        order = rng.permutation(n)
        test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


def standardize(X, mean=None, std=None):
    """Scale each feature to mean 0 and standard deviation 1.

    Compute ``mean`` and ``std`` on the training set and pass them in for the test set, so the
    test set is scaled the same way. Constant features (std 0) are only centred.

    Returns
    -------
    X_scaled : ndarray (n_samples, n_features)
    mean, std : ndarray (n_features,)

    >>> Xs, mean, std = standardize([[1.0, 10.0], [3.0, 10.0]])
    >>> Xs.tolist(), mean.tolist(), std.tolist()
    ([[-1.0, 0.0], [1.0, 0.0]], [2.0, 10.0], [1.0, 1.0])
    """
    X = check_2d(X, "X")
    if mean is None:
        mean = X.mean(axis=0)
    if std is None:
        std = X.std(axis=0)
        std = np.where(std > 0, std, 1.0)
    mean, std = np.asarray(mean, dtype=np.float64), np.asarray(std, dtype=np.float64)
    if mean.shape != (X.shape[1],) or std.shape != (X.shape[1],):
        raise ValueError(
            f"mean and std must have shape ({X.shape[1]},); got {mean.shape} and {std.shape}."
        )
    return (X - mean) / std, mean, std
