"""Input checks shared by the whole package.

Every public function validates what a learner passes in and, when something is off, raises a
``ValueError`` or ``TypeError`` that names what was expected and what was given. Keeping the
checks here means the teaching code elsewhere stays short.
"""

from __future__ import annotations

import difflib
import numbers

import numpy as np

__all__ = [
    "as_rng",
    "check_2d",
    "check_X_y",
    "check_finite",
    "check_labels",
    "check_positive_int",
    "check_positive_float",
    "check_batch_size",
    "unknown_name_error",
    "look_up",
]


def as_rng(rng=None) -> np.random.Generator:
    """Turn ``rng`` into a ``numpy.random.Generator``.

    Parameters
    ----------
    rng : numpy.random.Generator, int or None
        A generator is returned as it is (so draws continue from its state); an int seeds a new
        one; ``None`` gives a fresh, unpredictable generator.

    Examples
    --------
    >>> int(as_rng(0).integers(10)) == int(as_rng(0).integers(10))
    True
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, numbers.Integral) and not isinstance(rng, bool)):
        return np.random.default_rng(rng)
    raise TypeError(
        f"rng must be a numpy.random.Generator, an int seed or None; got {type(rng).__name__}."
    )


def unknown_name_error(kind: str, name, choices) -> ValueError:
    """Build the error for an unknown name, suggesting the closest valid one.

    >>> print(unknown_name_error("activation", "rellu", ["relu", "tanh"]))
    Unknown activation 'rellu'; did you mean 'relu'? Choose from ['relu', 'tanh'].
    """
    choices = sorted(choices)
    close = difflib.get_close_matches(str(name), choices, n=1)
    hint = f" did you mean '{close[0]}'?" if close else ""
    return ValueError(f"Unknown {kind} {name!r};{hint} Choose from {choices}.")


def check_finite(A: np.ndarray, name: str = "X") -> np.ndarray:
    """Raise ``ValueError`` if ``A`` holds NaN or infinity (saying how many, and where)."""
    finite = np.isfinite(A)
    if not finite.all():
        bad = np.argwhere(~finite)
        raise ValueError(
            f"{name} must contain only finite numbers; found {len(bad)} NaN/inf value(s), "
            f"the first at index {tuple(int(i) for i in bad[0])}."
        )
    return A


def _as_float_array(A, name: str) -> np.ndarray:
    if isinstance(A, (str, bytes)) or A is None:
        raise TypeError(f"{name} must be an array of numbers; got {type(A).__name__}.")
    try:
        arr = np.asarray(A, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be an array of numbers; got {type(A).__name__} that NumPy cannot "
            "turn into floats."
        ) from None
    return arr


def check_2d(X, name: str = "X", n_features: int | None = None) -> np.ndarray:
    """Return ``X`` as a finite float64 array of shape ``(n_samples, n_features)``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    name : str
        Used in error messages.
    n_features : int, optional
        If given, the number of columns ``X`` must have.

    Examples
    --------
    >>> check_2d([[1, 2], [3, 4]]).shape
    (2, 2)
    >>> check_2d([1, 2, 3])
    Traceback (most recent call last):
    ...
    ValueError: X must be 2-D (n_samples, n_features); got shape (3,). Use X.reshape(1, -1) ...
    """
    arr = _as_float_array(X, name)
    if arr.ndim != 2:
        tip = f" Use {name}.reshape(1, -1) for one sample." if arr.ndim == 1 else ""
        raise ValueError(f"{name} must be 2-D (n_samples, n_features); got shape {arr.shape}.{tip}")
    if arr.shape[0] == 0:
        raise ValueError(f"{name} must have at least one sample (row); got shape {arr.shape}.")
    if n_features is not None and arr.shape[1] != n_features:
        raise ValueError(
            f"{name} must have {n_features} feature column(s) (n_samples, {n_features}); "
            f"got shape {arr.shape}."
        )
    return check_finite(arr, name)


def check_X_y(X, y, n_features: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Validate a data set: ``X`` 2-D and finite, ``y`` finite with one row per sample.

    Returns ``X`` as float64 and ``y`` as an array (float64, or its integer dtype kept).

    >>> X, y = check_X_y([[0, 1], [1, 0]], [1, 0])
    >>> X.shape, y.shape
    ((2, 2), (2,))
    >>> check_X_y([[0, 1], [1, 0]], [1, 0, 1])
    Traceback (most recent call last):
    ...
    ValueError: X and y must have the same number of samples; got X with 2 rows and y with 3.
    """
    X = check_2d(X, "X", n_features)
    if isinstance(y, (str, bytes)) or y is None:
        raise TypeError(f"y must be an array of numbers; got {type(y).__name__}.")
    y = np.asarray(y)
    if not (np.issubdtype(y.dtype, np.number) or y.dtype == bool):
        raise TypeError(f"y must be an array of numbers; got dtype {y.dtype}.")
    if y.ndim not in (1, 2):
        raise ValueError(
            f"y must be 1-D (n_samples,) or 2-D (n_samples, n_outputs); got shape {y.shape}."
        )
    if y.shape[0] != X.shape[0]:
        raise ValueError(
            "X and y must have the same number of samples; "
            f"got X with {X.shape[0]} rows and y with {y.shape[0]}."
        )
    if np.issubdtype(y.dtype, np.floating):
        check_finite(y, "y")
    return X, y


def check_labels(y, n_classes: int, name: str = "y") -> np.ndarray:
    """Return integer class labels in ``0 .. n_classes-1`` as an int array of shape (n_samples,).

    Float arrays holding whole numbers are accepted (``1.0`` is class 1).

    >>> check_labels([0, 2, 1], 3)
    array([0, 2, 1])
    >>> check_labels([0, 3], 3)
    Traceback (most recent call last):
    ...
    ValueError: y must hold class labels 0..2 for 3 classes; got values in [0, 3].
    """
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(f"{name} must be 1-D class labels (n_samples,); got shape {y.shape}.")
    if not np.issubdtype(y.dtype, np.integer):
        if y.dtype == bool:
            y = y.astype(np.int64)
        elif (
            np.issubdtype(y.dtype, np.floating)
            and np.all(np.isfinite(y))
            and np.all(y == np.round(y))
        ):
            y = y.astype(np.int64)
        else:
            raise ValueError(
                f"{name} must hold whole-number class labels 0..{n_classes - 1}; "
                f"got dtype {y.dtype} with non-integer values."
            )
    if y.size and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(
            f"{name} must hold class labels 0..{n_classes - 1} for {n_classes} classes; "
            f"got values in [{y.min()}, {y.max()}]."
        )
    return y


def check_positive_int(value, name: str, minimum: int = 1) -> int:
    """Return ``value`` if it is an int >= ``minimum``; otherwise raise a clear error.

    >>> check_positive_int(0, "n_out")
    Traceback (most recent call last):
    ...
    ValueError: n_out must be an integer >= 1; got 0.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be an integer >= {minimum}; got {value!r} ({type(value).__name__})."
        )
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}; got {value}.")
    return int(value)


def check_positive_float(value, name: str, allow_zero: bool = False) -> float:
    """Return ``value`` as a float if it is > 0 (or >= 0 with ``allow_zero``); else raise.

    >>> check_positive_float(-0.1, "learning_rate")
    Traceback (most recent call last):
    ...
    ValueError: learning_rate must be a number > 0; got -0.1.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number; got {value!r} ({type(value).__name__}).")
    value = float(value)
    ok = value >= 0 if allow_zero else value > 0
    if not ok or not np.isfinite(value):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be a number {bound}; got {value}.")
    return value


def check_batch_size(batch_size, n_samples: int) -> int:
    """The mini-batch size to use: ``n_samples`` for None (full batch), at most ``n_samples``.

    >>> check_batch_size(None, 100), check_batch_size(32, 100), check_batch_size(500, 100)
    (100, 32, 100)
    """
    if batch_size is None:
        return n_samples
    return min(check_positive_int(batch_size, "batch_size"), n_samples)


def look_up(kind: str, name, table: dict, expected: str, aliases=None, choices=None):
    """The entry of ``table`` called ``name`` (in any case, or by one of its ``aliases``).

    ``expected`` completes the ``TypeError`` for a name that is not a string ("a name such as
    'mse' or a Loss"); an unknown name gets :func:`unknown_name_error` over ``choices``
    (default: the table's names).

    >>> look_up("loss", "MSE", {"mse": 1}, "a name such as 'mse'")
    1
    >>> look_up("loss", 3, {"mse": 1}, "a name such as 'mse'")
    Traceback (most recent call last):
    ...
    TypeError: loss must be a name such as 'mse'; got int.
    """
    if not isinstance(name, str):
        raise TypeError(f"{kind} must be {expected}; got {type(name).__name__}.")
    key = name.lower()
    key = aliases.get(key, key) if aliases else key
    if key not in table:
        raise unknown_name_error(kind, name, table if choices is None else choices)
    return table[key]
