"""Figures of training and evaluation: loss curves, a loss landscape, a confusion matrix and
a grid of images (notebooks 06-11). Import them from :mod:`nn_course.plotting`.
"""

from __future__ import annotations

import warnings

import matplotlib
import numpy as np

from . import style
from .plot_style import _STYLE, PALETTE, _as_array, _new_axes
from .plot_style import new_figure  # noqa: F401  (the examples below draw into one)

__all__ = ["plot_loss_curves", "plot_loss_landscape", "plot_confusion_matrix", "plot_image_grid"]


def plot_loss_curves(history, ax=None, metric="loss", title=None):
    """Plot a metric per epoch for training and (when recorded) validation data.

    Parameters
    ----------
    history : History or dict of lists or list of float
        A ``training.History`` (its ``.history``), a dict like ``{"loss": [...],
        "val_loss": [...]}``, or one list of values.
    metric : str
        ``"loss"``, ``"accuracy"``, ...; ``"val_" + metric`` is drawn too when present.

    Returns the Axes.

    >>> history = {"loss": [1.0, 0.5, 0.3], "val_loss": [1.1, 0.7, 0.6]}
    >>> ax = plot_loss_curves(history, ax=new_figure()[1])
    >>> [line.get_label() for line in ax.get_lines()]
    ['training', 'validation']
    """
    data = getattr(history, "history", history)
    if isinstance(data, dict):
        if metric not in data:
            raise KeyError(f"history has no {metric!r}; it records {sorted(data)}.")
        series = [("training", data[metric])]
        if data.get("val_" + metric) is not None and len(data["val_" + metric]):
            series.append(("validation", data["val_" + metric]))
    else:
        series = [("training", data)]
    recorded = getattr(history, "epochs", None)
    if ax is None:
        ax = _new_axes()
    for i, (label, values) in enumerate(series):
        values = _as_array(values).reshape(-1)
        epochs = np.arange(1, values.size + 1)
        if recorded is not None and len(recorded) == values.size:
            epochs = np.asarray(recorded)
        ax.plot(
            epochs,
            values,
            color=PALETTE[3 * i],
            lw=2,
            ls="-" if i == 0 else "--",
            marker="o" if values.size <= 30 else None,
            ms=4,
            label=label,
        )
    if len(series) > 1:
        ax.legend(loc="best", frameon=True, framealpha=0.85)
    ax.set_xlabel("epoch")
    ax.set_ylabel(metric.replace("_", " "))
    ax.set_title(
        title if title is not None else f"{metric.replace('_', ' ').capitalize()} per epoch"
    )
    return ax


def _axis_values(r, name) -> np.ndarray:
    r = _as_array(r).reshape(-1)
    if r.size == 2:
        return np.linspace(r[0], r[1], 81)
    if r.size == 3:
        return np.linspace(r[0], r[1], int(r[2]))
    if r.size < 2:
        raise ValueError(
            f"{name} must be (min, max), (min, max, n) or an array of values; got {r.tolist()}."
        )
    return r


def _loss_grid(loss_fn, ws, bs):
    Wg, Bg = np.meshgrid(ws, bs)
    try:  # a loss written with NumPy may take the whole grid at once: far faster
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            L = np.asarray(loss_fn(Wg, Bg), dtype=np.float64)
        if L.shape == Wg.shape:
            return Wg, Bg, L
    except Exception:  # noqa: BLE001 - any failure means: evaluate point by point
        pass
    L = np.array([[float(loss_fn(w, b)) for w in ws] for b in bs])
    return Wg, Bg, L


def _loss_contours(ax, loss_fn, ws, bs, levels: int):
    """Filled contours of the loss on the grid ``ws x bs`` (flat grey-blue if it is constant)."""
    Wg, Bg, L = _loss_grid(loss_fn, ws, bs)
    finite = L[np.isfinite(L)]
    if not (finite.size and np.ptp(finite) > 0):
        return ax.imshow(
            np.zeros_like(L),
            origin="lower",
            aspect="auto",
            cmap="cividis",
            extent=(ws[0], ws[-1], bs[0], bs[-1]),
        )
    L = np.where(np.isfinite(L), L, finite.max())
    filled = ax.contourf(Wg, Bg, L, levels=levels, cmap="cividis")
    ax.contour(Wg, Bg, L, levels=filled.levels, colors="white", linewidths=0.4, alpha=0.5)
    return filled


def _mark_path_and_point(ax, path, point) -> None:
    """A descent path (vermillion, its start green) and a point (a star), with a legend."""
    if path is not None:
        path = _as_array(path).reshape(-1, 2)
        ax.plot(
            path[:, 0],
            path[:, 1],
            color=style.ACCENT,
            lw=1.8,
            marker="o",
            ms=3,
            label="descent path",
            zorder=3,
        )
        ax.plot(
            path[:1, 0],
            path[:1, 1],
            ls="none",
            marker="o",
            ms=8,
            color=PALETTE[2],
            label="start",
            zorder=4,
        )
    if point is not None:
        w, b = (float(v) for v in np.asarray(point, dtype=np.float64).reshape(-1)[:2])
        ax.plot(
            [w],
            [b],
            ls="none",
            marker="*",
            ms=16,
            color=PALETTE[6],
            markeredgecolor="black",
            label=f"(w, b) = ({w:.2f}, {b:.2f})",
            zorder=5,
        )
    if path is not None or point is not None:
        ax.legend(loc="upper right", frameon=True, framealpha=0.85, fontsize=9)


def plot_loss_landscape(
    loss_fn, w_range, b_range, ax=None, point=None, path=None, levels=30, title=None
):
    """Contour map of a loss over two parameters ``(w, b)``, with a point and a path on it.

    Parameters
    ----------
    loss_fn : callable
        ``loss_fn(w, b) -> float``. If it also accepts grid arrays (returns an array of their
        shape) the whole grid is computed at once.
    w_range, b_range : (min, max) or (min, max, n) or array_like
        The parameter values on each axis (81 values by default).
    point : (w, b), optional
        Marked with a star, e.g. the current slider values.
    path : array_like (n_steps, 2), optional
        A gradient-descent path of (w, b) pairs.
    levels : int
        Number of contour levels.

    Returns the Axes.

    >>> ax = plot_loss_landscape(lambda w, b: w**2 + b**2, (-1, 1), (-1, 1), ax=new_figure()[1],
    ...                          point=(0.5, 0.5))
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('weight w', 'bias b')
    """
    ws, bs = _axis_values(w_range, "w_range"), _axis_values(b_range, "b_range")
    created = ax is None
    if created:
        ax = _new_axes()
    filled = _loss_contours(ax, loss_fn, ws, bs, int(levels))
    if created:
        ax.figure.colorbar(filled, ax=ax, label="loss")
    _mark_path_and_point(ax, path, point)
    ax.set_xlim(ws[0], ws[-1])
    ax.set_ylim(bs[0], bs[-1])
    ax.grid(False)
    ax.set_xlabel("weight w")
    ax.set_ylabel("bias b")
    ax.set_title(title if title is not None else "Loss landscape")
    return ax


# ----------------------------------------------------------------------------- evaluation
def plot_confusion_matrix(y_true, y_pred, ax=None, class_names=None, title=None):
    """Confusion matrix: row = true class, column = predicted class, counts printed in cells.

    Off the diagonal are the mistakes: their counts are bold, and empty cells are left blank.

    Parameters
    ----------
    y_true, y_pred : array_like (n_samples,) of int
    class_names : list of str, optional

    Returns the Axes.

    >>> ax = plot_confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2], ax=new_figure()[1])
    >>> ax.get_title()
    'Confusion matrix (accuracy 75.0%)'
    """
    y_true = np.asarray(y_true).reshape(-1).astype(np.int64)
    y_pred = np.asarray(y_pred).reshape(-1).astype(np.int64)
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same length; got {y_true.size} and {y_pred.size}."
        )
    if y_true.size and min(y_true.min(), y_pred.min()) < 0:
        raise ValueError("class labels must be ints >= 0.")
    k = max(int(y_true.max(initial=-1)), int(y_pred.max(initial=-1))) + 1
    if class_names is not None:
        k = max(k, len(class_names))
    k = max(k, 1)
    counts = np.zeros((k, k), dtype=np.int64)
    np.add.at(counts, (y_true, y_pred), 1)
    if ax is None:
        ax = _new_axes(max(4.5, 0.45 * k + 2.5), max(4.0, 0.45 * k + 2.0))
    # A power norm lifts small counts off white, so a single mistake is visible next to a
    # diagonal of hundreds; zeros are left blank and mistakes are written in bold.
    norm = matplotlib.colors.PowerNorm(gamma=0.4, vmin=0, vmax=max(int(counts.max()), 1))
    ax.imshow(counts, cmap="Blues", norm=norm, interpolation="nearest")
    cut = norm.inverse(0.6)
    for (i, j), c in np.ndenumerate(counts):
        if c == 0:
            continue
        ax.text(
            j,
            i,
            str(c),
            ha="center",
            va="center",
            fontsize=8 if k > 6 else 10,
            color="white" if c > cut else "black",
            fontweight="normal" if i == j else "bold",
        )
    names = [str(n) for n in class_names] if class_names is not None else [str(i) for i in range(k)]
    ax.set_xticks(range(k))
    ax.set_yticks(range(k))
    ax.set_xticklabels(names[:k])
    ax.set_yticklabels(names[:k])
    ax.grid(False)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    accuracy = float(np.mean(y_true == y_pred)) if y_true.size else 0.0
    ax.set_title(title if title is not None else f"Confusion matrix (accuracy {accuracy:.1%})")
    return ax


def plot_image_grid(images, titles=None, ncols=8, fig=None, cmap="gray_r", suptitle=None):
    """Show small images in a grid (e.g. digits), with an optional title over each.

    Parameters
    ----------
    images : array_like (n, h, w), or (n, h*w) for square images (64 values -> 8x8)
    titles : list, optional
        One title per image (e.g. ``"7 (pred 1)"``).
    ncols : int
    fig : matplotlib Figure, optional
        Drawn into (its old content is cleared); a new pyplot figure when None.
    suptitle : str, optional

    Returns the Figure.

    >>> fig = plot_image_grid(np.zeros((3, 64)), titles=["a", "b", "c"], fig=new_figure()[0],
    ...                       suptitle="blank")
    >>> len(fig.axes), fig.axes[1].get_title()
    (3, 'b')
    """
    images = _as_array(images)
    if images.ndim == 2:
        side = int(round(np.sqrt(images.shape[1])))
        if side * side != images.shape[1]:
            raise ValueError(
                f"images of shape (n, {images.shape[1]}) are not square; pass shape (n, h, w)."
            )
        images = images.reshape(-1, side, side)
    if images.ndim != 3:
        raise ValueError(f"images must have shape (n, h, w) or (n, h*w); got {images.shape}.")
    n = images.shape[0]
    if titles is not None and len(titles) != n:
        raise ValueError(f"titles must have one entry per image ({n}); got {len(titles)}.")
    ncols = max(1, min(int(ncols), max(n, 1)))
    nrows = max(1, -(-n // ncols))
    if fig is None:
        import matplotlib.pyplot as plt

        with matplotlib.rc_context(_STYLE):
            fig = plt.figure(
                figsize=(1.2 * ncols, 1.35 * nrows + (0.4 if suptitle else 0.0)),
                layout="constrained",
            )
    else:
        fig.clear()
    vmin, vmax = (float(images.min()), float(images.max())) if n else (0.0, 1.0)
    for i in range(n):
        ax = fig.add_subplot(nrows, ncols, i + 1)
        ax.imshow(images[i], cmap=cmap, vmin=vmin, vmax=vmax, interpolation="nearest")
        ax.set_axis_off()
        if titles is not None:
            ax.set_title(str(titles[i]), fontsize=9)
    if suptitle is not None:
        fig.suptitle(suptitle)
    return fig
