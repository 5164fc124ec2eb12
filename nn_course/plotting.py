"""Figures for the course: consistent, labelled, colour-blind safe.

Every function returns the matplotlib ``Figure`` (or ``Axes``) so a notebook can add to it.
Figures have a white background so they read the same on light and dark JupyterLab themes.
Import every plot from here; the functions live in modules named after what they show:

* :mod:`nn_course.plot_style`: the style, blank figures and colours (:func:`use_course_style`,
  :func:`new_figure`, :func:`figure_to_png`, :data:`PALETTE`);
* this module: data in the plane and a model's decision boundary (:func:`plot_data`,
  :func:`plot_decision_boundary`, :func:`model_scores`);
* :mod:`nn_course.network_plots`: an activation function and a network diagram
  (:func:`plot_activation`, :func:`draw_network`; :func:`network_svg` is the SVG version);
* :mod:`nn_course.training_plots`: loss curves, a loss landscape, a confusion matrix and a
  grid of images.

See every notebook; the style is set once in each setup cell with :func:`use_course_style`.
"""

from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.lines import Line2D

from . import network_plots, plot_style, style, training_plots
from .activations import _softmax
from .diagrams import network_svg
from .plot_style import BINARY_CMAP, CLASS_COLORS, MARKERS, PALETTE, _as_array, _new_axes

# The facade: every public name of the three plotting modules is importable from here too.
from .network_plots import *  # noqa: F403
from .plot_style import *  # noqa: F403
from .training_plots import *  # noqa: F403

__all__ = [
    *plot_style.__all__,
    "plot_data",
    "plot_decision_boundary",
    "model_scores",
    "network_svg",
    *network_plots.__all__,
    *training_plots.__all__,
]


def _is_classification(y: np.ndarray) -> bool:
    if np.issubdtype(y.dtype, np.integer) or y.dtype == bool:
        return True
    finite = y[np.isfinite(y)]
    return bool(np.all(finite == np.round(finite)) and np.unique(finite).size <= 20)


def _class_name(c, class_names) -> str:
    if class_names is not None:
        return str(class_names[int(c)])
    return f"class {int(c)}"


def _scatter_classes(ax, X, y, class_names=None, size=None, edgecolor="white"):
    """Scatter ``X`` by class (colour and marker per class); returns the artists.

    ``edgecolor``: white on a blank background, dark over a decision map (where a point has the
    colour of the region around it and needs an outline to stand out).
    """
    n = X.shape[0]
    size = size if size is not None else (60 if n <= 20 else 24)
    artists = []
    if y is None:
        artists.append(
            ax.scatter(
                X[:, 0],
                X[:, 1],
                s=size,
                color=PALETTE[7],
                edgecolors=edgecolor,
                linewidths=0.5,
                label="data",
                zorder=3,
            )
        )
        return artists
    for c in np.unique(y):
        mask = y == c
        ci = int(c)
        artists.append(
            ax.scatter(
                X[mask, 0],
                X[mask, 1],
                s=size,
                color=CLASS_COLORS[ci % len(CLASS_COLORS)],
                marker=MARKERS[ci % len(MARKERS)],
                edgecolors=edgecolor,
                linewidths=0.6,
                label=_class_name(c, class_names),
                zorder=3,
            )
        )
    return artists


def _check_X(X, name="X") -> np.ndarray:
    X = _as_array(X)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(
            f"{name} must have shape (n_samples, 2) to be plotted in the plane; "
            f"got shape {X.shape}."
        )
    return X


# ----------------------------------------------------------------------------- data
def plot_data(X, y=None, ax=None, title=None, class_names=None):
    """Scatter 2-D data coloured (and shaped) by class.

    Parameters
    ----------
    X : array_like (n_samples, 2)
    y : array_like (n_samples,), optional
        Integer class labels (a legend names them), or real targets of a regression set
        (shown by colour, with a colour bar when the figure is new).
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot figure when None.
    class_names : list of str, optional
        Names of class 0, 1, ... for the legend.

    Returns the Axes.

    >>> fig, ax = new_figure()
    >>> ax = plot_data([[0, 0], [1, 1]], [0, 1], ax=ax, title="two points")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['class 0', 'class 1']
    """
    X = _check_X(X)
    created = ax is None
    if created:
        ax = _new_axes()
    if y is not None:
        y = np.asarray(y).reshape(-1)
        if y.shape[0] != X.shape[0]:
            raise ValueError(
                f"X and y must have the same number of samples; got {X.shape[0]} and {y.shape[0]}."
            )
    if y is not None and not _is_classification(y):
        points = ax.scatter(
            X[:, 0],
            X[:, 1],
            c=y,
            cmap="cividis",
            s=24,
            edgecolors="white",
            linewidths=0.4,
            zorder=3,
        )
        if created:
            ax.figure.colorbar(points, ax=ax, label="target y")
    else:
        if y is not None:
            y = y.astype(np.int64)
        artists = _scatter_classes(ax, X, y, class_names)
        if len(artists) > 1:
            ax.legend(
                loc="best" if X.shape[0] <= 50 else "upper right", frameon=True, framealpha=0.85
            )
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(title if title is not None else f"Data ({X.shape[0]} points)")
    return ax


# ----------------------------------------------------------------------------- decision maps
def _grid(X, xlim, ylim, resolution):
    if X is not None:
        lo, hi = X.min(axis=0), X.max(axis=0)
        pad = np.maximum(0.1 * (hi - lo), 0.5)
        lo, hi = lo - pad, hi + pad
    else:
        lo, hi = np.array([-1.5, -1.5]), np.array([1.5, 1.5])
    xlim = tuple(xlim) if xlim is not None else (float(lo[0]), float(hi[0]))
    ylim = tuple(ylim) if ylim is not None else (float(lo[1]), float(hi[1]))
    xs = np.linspace(xlim[0], xlim[1], resolution)
    ys = np.linspace(ylim[0], ylim[1], resolution)
    gx, gy = np.meshgrid(xs, ys)
    return xlim, ylim, gx, gy, np.c_[gx.ravel(), gy.ravel()]


def model_scores(model, G) -> tuple[str, np.ndarray, np.ndarray, float]:
    """Evaluate a model on grid points ``G`` (n, 2) for a decision map.

    Returns ``(kind, values, boundary_field, boundary_level)``: kind ``"binary"`` (values are
    P(class 1), shape (n,)), ``"multi"`` (class probabilities (n, k)) or ``"score"`` (raw
    scores (n,) with the boundary at 0). The boundary is the level set
    ``boundary_field == boundary_level`` (for multi-class: the class index field, unused level).

    Models: anything with ``predict_proba`` (e.g. ``Network``), with ``decision_function``
    (``Perceptron``: the step of it), with ``forward``, or a callable ``f(X) -> scores``.
    """
    if hasattr(model, "predict_proba"):
        try:
            p = np.asarray(model.predict_proba(G), dtype=np.float64)
        except ValueError:  # e.g. a Network whose output is not a probability
            p = None
        if p is not None:
            return _classify_output(p, probability=True)
    if hasattr(model, "decision_function"):  # the perceptron: a step of z = w.x + b
        z = np.asarray(model.decision_function(G), dtype=np.float64).reshape(-1)
        return "binary", (z >= 0).astype(np.float64), z, 0.0
    if hasattr(model, "forward"):
        return _classify_output(np.asarray(model.forward(G), dtype=np.float64), probability=False)
    if callable(model):
        return _classify_output(np.asarray(model(G), dtype=np.float64), probability=False)
    raise TypeError(
        "model must have predict_proba, decision_function or forward, "
        "or be a callable f(X) -> scores; "
        f"got {type(model).__name__}."
    )


def _classify_output(out, probability):
    if out.ndim == 2 and out.shape[1] == 1:
        out = out[:, 0]
    if out.ndim == 2 and out.shape[1] == 2 and probability:
        out = out[:, 1]
    if out.ndim == 2:
        p = out if probability else _softmax(out)
        return "multi", p, p.argmax(axis=1).astype(np.float64), 0.5
    finite = out[np.isfinite(out)]
    if probability or (finite.size and finite.min() >= 0 and finite.max() <= 1):
        return "binary", out, out, 0.5
    return "score", out, out, 0.0


def _level_in_range(field, level) -> bool:
    finite = field[np.isfinite(field)]
    return bool(finite.size and finite.min() < level < finite.max())


def _draw_class_map(ax, kind, values, field, level, gx, gy, extent, probability):
    """Multi-class map: each point the colour of its predicted class, opacity its probability."""
    shape, k = gx.shape, values.shape[1]
    label = values.argmax(axis=1)
    colors = np.array(
        [matplotlib.colors.to_rgb(CLASS_COLORS[i % len(CLASS_COLORS)]) for i in range(k)]
    )
    rgba = np.ones((label.size, 4))
    rgba[:, :3] = colors[label]
    if probability:
        confidence = (values.max(axis=1) - 1.0 / k) / (1.0 - 1.0 / k)
        rgba[:, 3] = 0.1 + 0.5 * np.clip(confidence, 0.0, 1.0)
    else:
        rgba[:, 3] = 0.35
    ax.imshow(
        rgba.reshape(shape + (4,)),
        origin="lower",
        extent=extent,
        aspect="auto",
        interpolation="nearest",
        zorder=0,
    )
    handles = []
    if np.unique(label).size > 1:
        ax.contour(
            gx,
            gy,
            label.reshape(shape).astype(np.float64),
            levels=np.arange(k - 1) + 0.5,
            colors="black",
            linewidths=1.0,
            zorder=2,
        )
        handles.append(Line2D([], [], color="black", lw=1.0, label="decision boundary"))
    return None, "colour: predicted class, opacity: probability", handles


def _draw_score_map(ax, kind, values, field, level, gx, gy, extent, probability):
    """Binary map: P(class 1) from orange (0) to blue (1), or a score around 0."""
    if kind == "binary":
        shown = values if probability else (values >= 0.5).astype(np.float64)
        vmin, vmax, map_label = 0.0, 1.0, "P(class 1)"
    else:
        vmax = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 1.0
        vmax = vmax if vmax > 0 else 1.0
        shown = values if probability else np.sign(values) * vmax
        vmin, map_label = -vmax, "score (boundary at 0)"
    image = ax.imshow(
        shown.reshape(gx.shape),
        origin="lower",
        extent=extent,
        aspect="auto",
        cmap=BINARY_CMAP,
        vmin=vmin,
        vmax=vmax,
        alpha=0.5,
        interpolation="bilinear",
        zorder=0,
    )
    handles = []
    field2 = field.reshape(gx.shape)
    if _level_in_range(field2, level):
        ax.contour(gx, gy, field2, levels=[level], colors="black", linewidths=1.5, zorder=2)
        handles.append(Line2D([], [], color="black", lw=1.5, label="decision boundary"))
    return image, map_label, handles


def plot_decision_boundary(
    model,
    X=None,
    y=None,
    ax=None,
    resolution=150,
    probability=True,
    title=None,
    xlim=None,
    ylim=None,
):
    """Colour the plane by what a 2-input model predicts, draw its decision boundary and the data.

    Parameters
    ----------
    model : object or callable
        ``predict_proba(X)`` (a ``Network``: one output gives P(class 1), a softmax gives one
        colour per class with the probability as opacity), ``decision_function(X)`` (a
        ``Perceptron``: its step), ``forward(X)``, or any callable ``f(X) -> scores`` for
        ``X`` of shape (n, 2) (scores (n,) with the boundary at 0, or (n, k) class scores).
    X, y : array_like (n_samples, 2) and (n_samples,), optional
        Data drawn on top; ``X`` also sets the plotted area.
    resolution : int
        Grid points per axis.
    probability : bool
        True: shade by probability (how sure the model is). False: flat class regions.
    xlim, ylim : (float, float), optional

    Returns the Axes.

    >>> from nn_course import Perceptron
    >>> p = Perceptron(2); p.weights[:] = [1.0, 1.0]; p.bias = -1.5
    >>> ax = plot_decision_boundary(p, [[0, 0], [1, 1]], [0, 1], ax=new_figure()[1], resolution=20)
    >>> ax.get_title()
    'Decision boundary'
    """
    resolution = int(resolution)
    if resolution < 2:
        raise ValueError(f"resolution must be an int >= 2; got {resolution}.")
    Xd = _check_X(X) if X is not None else None
    created = ax is None
    if created:
        ax = _new_axes()
    xlim, ylim, gx, gy, G = _grid(Xd, xlim, ylim, resolution)
    kind, values, field, level = model_scores(model, G)
    extent = (xlim[0], xlim[1], ylim[0], ylim[1])
    draw = _draw_class_map if kind == "multi" else _draw_score_map
    image, map_label, handles = draw(ax, kind, values, field, level, gx, gy, extent, probability)
    if Xd is not None:
        yd = None if y is None else np.asarray(y).reshape(-1).astype(np.int64)
        _scatter_classes(ax, Xd, yd, edgecolor=style.INK)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(title if title is not None else "Decision boundary")
    ax.grid(False)
    data_handles, _ = ax.get_legend_handles_labels()
    all_handles = data_handles + handles
    if len(all_handles) > 1:
        n_points = 0 if Xd is None else Xd.shape[0]
        ax.legend(
            handles=all_handles,
            loc="best" if n_points <= 500 else "upper right",
            frameon=True,
            framealpha=0.85,
            fontsize=9,
        )
    if created and image is not None:
        ax.figure.colorbar(image, ax=ax, label=map_label)
    return ax
