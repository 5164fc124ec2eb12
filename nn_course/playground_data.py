"""Your own data in the playground: read a CSV, check points and labels (no widgets).

The playground (notebook 12_playground) takes data as arrays ``X`` (n, 2) and ``y`` (n,), from
``playground(data=(X, y))``, from an uploaded CSV file or from points drawn on the map. Every
way in goes through :func:`check_data`, so bad input gets one clear message (a ``ValueError``)
and the lab keeps the data it had.

A CSV file has three columns: feature x1, feature x2 and the label; a header line is optional.

>>> X, y = parse_csv("x1,x2,label\\n0,1,1\\n1,0,0\\n")
>>> X.tolist(), y.tolist()
([[0.0, 1.0], [1.0, 0.0]], [1.0, 0.0])
>>> check_data(X, y, "classification")[1].tolist()
[1, 0]
"""

from __future__ import annotations

import csv
import io

import numpy as np

__all__ = ["MAX_ROWS", "MAX_CLASSES", "PLANE", "parse_csv", "check_data", "fit_to_plane"]

#: The most points the playground takes (training is per point, drawing is per dot).
MAX_ROWS = 2000
#: The most classes of a multi-class problem.
MAX_CLASSES = 5
#: Points are placed in the plane [-PLANE, PLANE]^2; larger data are scaled down to fit.
PLANE = 6.0


def _cells(text: str) -> list[list[str]]:
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    if "," not in sample and ";" not in sample and "\t" in sample:
        delimiter = "\t"
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    return [[c.strip() for c in row] for row in rows if any(c.strip() for c in row)]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def parse_csv(text) -> tuple[np.ndarray, np.ndarray]:
    """Read ``x1, x2, label`` rows from CSV text (or bytes); a header line is optional.

    Parameters
    ----------
    text : str or bytes
        The file's contents. Commas, semicolons or tabs separate the cells.

    Returns
    -------
    X : ndarray (n, 2)
    y : ndarray (n,) of float (the labels as written; :func:`check_data` checks them)

    Raises
    ------
    ValueError
        For an empty file, a row without exactly 3 columns, or a cell that is not a number
        (the message names the line and the cell).

    >>> parse_csv("1;2;0\\n3;4;1")[0].shape
    (2, 2)
    """
    if isinstance(text, (bytes, bytearray, memoryview)):
        text = bytes(text).decode("utf-8-sig", errors="replace")
    if not isinstance(text, str):
        raise TypeError(
            f"parse_csv needs the file's text (str or bytes); got {type(text).__name__}."
        )
    rows = _cells(text)
    if not rows:
        raise ValueError("The file is empty: it needs rows of x1, x2, label.")
    start = 0 if all(_is_number(c) for c in rows[0]) else 1  # a header line
    if start == 1 and len(rows) == 1:
        raise ValueError("The file is empty: it has a header line but no rows of x1, x2, label.")
    values = []
    for line, row in enumerate(rows[start:], start=start + 1):
        if len(row) != 3:
            raise ValueError(
                f"Line {line} has {len(row)} column{'s' if len(row) != 1 else ''}; every row "
                "needs exactly 3: x1, x2, label."
            )
        for cell in row:
            if not _is_number(cell):
                raise ValueError(
                    f"Line {line}: the cell {cell[:20]!r} is not a number; x1, x2 and the "
                    "label must all be numbers."
                )
        values.append([float(c) for c in row])
    data = np.array(values, dtype=np.float64)
    return data[:, :2], data[:, 2]


def check_data(X, y, problem: str = "classification", max_rows: int = MAX_ROWS):
    """Check points and labels for the playground; return them as clean arrays.

    Parameters
    ----------
    X : array_like (n, 2)
        The points (two features).
    y : array_like (n,)
        Labels 0/1 (``"classification"``), 0..k-1 with 3 <= k <= 5 (``"multiclass"``) or
        numbers (``"regression"``).
    problem : str
    max_rows : int
        The most points accepted.

    Returns
    -------
    X : ndarray (n, 2) of float
    y : ndarray (n,) of int (classification, multiclass) or float (regression)

    Raises
    ------
    ValueError
        One clear message per problem: no rows, wrong number of columns, a NaN or infinite
        value, too many rows, a single class, labels that are not 0/1 (or 0..k-1).

    >>> check_data([[0, 0], [1, 1]], [0, 0])
    Traceback (most recent call last):
    ...
    ValueError: All labels are 0: a classification needs points of both classes, 0 and 1.
    """
    if problem not in ("classification", "multiclass", "regression"):
        raise ValueError(
            f"problem must be 'classification', 'multiclass' or 'regression'; got {problem!r}."
        )
    try:
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"The data must be numbers: {error}.") from None
    if X.size == 0 or y.size == 0:
        raise ValueError("The data are empty: they need at least one point of each class.")
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X needs 2 columns (x1, x2), shape (n, 2); got shape {X.shape}.")
    if y.ndim != 1 or len(y) != len(X):
        raise ValueError(f"y needs one label per point, shape ({len(X)},); got shape {y.shape}.")
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise ValueError("The data contain NaN or infinite values; every value must be finite.")
    if len(X) > max_rows:
        raise ValueError(f"Too many rows: {len(X)}; the playground takes at most {max_rows}.")
    if problem == "regression":
        return X, y
    return X, _check_labels(y, problem)


def _check_labels(y: np.ndarray, problem: str) -> np.ndarray:
    found = sorted({float(v) for v in y})
    shown = ", ".join(f"{v:g}" for v in found[:6]) + (", ..." if len(found) > 6 else "")
    if problem == "classification":
        if not set(found) <= {0.0, 1.0}:
            raise ValueError(f"Labels must be 0 or 1; found {shown}.")
        if len(found) < 2:
            raise ValueError(
                f"All labels are {found[0]:g}: a classification needs points of both "
                "classes, 0 and 1."
            )
        return y.astype(np.int64)
    k = len(found)
    if found != [float(i) for i in range(k)] or not 3 <= k <= MAX_CLASSES:
        if k == 1:
            raise ValueError(f"All labels are {found[0]:g}: the data need several classes.")
        raise ValueError(
            f"Multi-class labels must be 0, 1, ..., k-1 with 3 to {MAX_CLASSES} classes, "
            f"each used; found {shown}."
        )
    return y.astype(np.int64)


def fit_to_plane(X: np.ndarray) -> tuple[np.ndarray, float]:
    """Scale points down (never up) so they fit in [-PLANE, PLANE]^2 with a margin.

    Returns the scaled points and the factor used (1.0 when they already fit).

    >>> fit_to_plane(np.array([[12.0, 0.0]]))[1]
    0.4167
    """
    largest = float(np.max(np.abs(X))) if X.size else 0.0
    if largest <= PLANE:
        return X, 1.0
    factor = round(0.8333 * PLANE / largest, 4)
    return X * factor, factor
