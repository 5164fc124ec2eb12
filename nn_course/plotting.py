"""Figures for the course: consistent, labelled, colour-blind safe.

Every function returns the matplotlib ``Figure`` (or ``Axes``) so a notebook can add to it.
Figures have a white background so they read the same on light and dark JupyterLab themes.

See every notebook; the style is set once in each setup cell with :func:`use_course_style`.
"""

from __future__ import annotations

import io
import warnings

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import diagrams, style
from .activations import _softmax
from .diagrams import network_svg

__all__ = [
    "PALETTE",
    "CLASS_COLORS",
    "BINARY_CMAP",
    "MARKERS",
    "POSITIVE_COLOR",
    "NEGATIVE_COLOR",
    "use_course_style",
    "new_figure",
    "figure_to_png",
    "plot_data",
    "plot_decision_boundary",
    "model_scores",
    "plot_activation",
    "draw_network",
    "network_svg",
    "plot_loss_curves",
    "plot_loss_landscape",
    "plot_confusion_matrix",
    "plot_image_grid",
]

#: Okabe-Ito colours for lines (the order of matplotlib's colour cycle): blue, orange, green,
#: vermillion, purple, sky blue, yellow, black. Distinguishable with every common form of colour
#: blindness. Classes and signs take their colours from :mod:`nn_course.style` instead.
PALETTE = [
    style.POSITIVE,
    style.NEGATIVE,
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
]
#: Colours of class 0, 1, 2, ... in scatter plots and decision maps: class 0 orange, class 1 blue.
CLASS_COLORS = style.CLASS_COLORS

_STYLE = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 80,
    "font.size": 11,
    "axes.titlesize": 12,
    "legend.frameon": False,
    "image.cmap": "cividis",
}


def use_course_style() -> None:
    """Set the course's matplotlib style (white background, colour-blind-safe colours)."""
    matplotlib.rcParams.update(_STYLE)


def new_figure(
    width: float = 6.0, height: float = 4.0, nrows: int = 1, ncols: int = 1, dpi: int = 80
):
    """A figure that is not attached to pyplot: widgets draw into it without cell output.

    Returns ``(fig, axes)`` like ``plt.subplots``.
    """
    with matplotlib.rc_context(_STYLE):
        fig = Figure(figsize=(width, height), dpi=dpi)
        FigureCanvasAgg(fig)
        axes = fig.subplots(nrows, ncols, squeeze=True)
    return fig, axes


def figure_to_png(fig) -> bytes:
    """Render a figure to PNG bytes (for an ``ipywidgets.Image``)."""
    buf = io.BytesIO()
    fig.canvas.print_png(buf)
    return buf.getvalue()


def _as_array(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


# ----------------------------------------------------------------------------- helpers
#: Orange (class 0) -> white -> blue (class 1): the scatter colours of the two classes, so a
#: probability map reads "how sure the model is of each colour". Safe for colour blindness.
BINARY_CMAP = style.diverging_cmap()
#: Markers per class, so classes differ in shape as well as colour.
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
#: Colours of positive / negative weights in network diagrams (blue / orange).
POSITIVE_COLOR, NEGATIVE_COLOR = style.POSITIVE, style.NEGATIVE

_DEFAULT_Z = np.linspace(-5, 5, 401)
_DEFAULT_Z.setflags(write=False)


def _new_axes(width: float = 6.0, height: float = 4.5):
    """A pyplot figure (so a notebook cell shows it) with the course style, and its Axes."""
    import matplotlib.pyplot as plt  # only here: widgets draw into pyplot-free figures

    with matplotlib.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(width, height))
    return ax


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
        _scatter_classes(ax, Xd, yd, edgecolor="#222222")
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


# ----------------------------------------------------------------------------- activations
def plot_activation(activation, ax=None, z=_DEFAULT_Z, derivative=True, title=None):
    """Plot an activation function ``f(z)`` and (dashed) its derivative ``f'(z)``.

    Parameters
    ----------
    activation : str or Activation or callable
        A name from ``nn_course.activations.names()``, an ``Activation``, or a function.
        Softmax is drawn for two inputs ``(z, 0)``: its first output, which equals sigmoid(z).
    z : array_like (n,)
        Where to evaluate.
    derivative : bool
        Also draw ``f'(z)`` (numerically for a plain callable).

    Returns the Axes.

    >>> ax = plot_activation("relu", ax=new_figure()[1])
    >>> ax.get_legend_handles_labels()[1]
    ['relu(z)', "relu'(z)"]
    """
    from . import activations

    z = _as_array(z).reshape(-1)
    if isinstance(activation, str) or isinstance(activation, activations.Activation):
        act = activations.get(activation)
        name = act.name
        if act.elementwise:
            f, df = act(z), act.derivative(z)
        else:
            s = act(np.c_[z, np.zeros_like(z)])[:, 0]
            f, df = s, s * (1.0 - s)
            name = "softmax((z, 0))[0]"
    elif callable(activation):
        name = getattr(activation, "__name__", "f")
        f = _as_array(activation(z))
        df = np.gradient(f, z)
    else:
        raise TypeError(
            "activation must be a name, an Activation or a callable; "
            f"got {type(activation).__name__}."
        )
    if ax is None:
        ax = _new_axes()
    ax.axhline(0, color="0.6", lw=0.8, zorder=0)
    ax.axvline(0, color="0.6", lw=0.8, zorder=0)
    ax.plot(z, f, color=PALETTE[0], lw=2.2, label=f"{name}(z)")
    if derivative:
        ax.plot(z, df, color=PALETTE[3], lw=1.8, ls="--", label=f"{name}'(z)")
        ax.legend(loc="upper left", frameon=True, framealpha=0.85)
    ax.set_xlabel("input z")
    ax.set_ylabel("output f(z)" + (" and slope f'(z)" if derivative else ""))
    ax.set_title(
        title if title is not None else f"{name}" + (" and its derivative" if derivative else "")
    )
    return ax


# ----------------------------------------------------------------------------- network diagrams
def _weights_of(net_or_sizes):
    if hasattr(net_or_sizes, "layer_sizes"):
        sizes = list(net_or_sizes.layer_sizes)
        weights = None
        if hasattr(net_or_sizes, "get_weights"):
            weights = [np.asarray(W) for W, _ in net_or_sizes.get_weights()]
        return sizes, weights
    return [int(n) for n in net_or_sizes], None


def _draw_edges(ax, layers, weights) -> None:
    """One line per weight, coloured and sized by :func:`nn_course.diagrams.edge_style`."""
    segments, colors, widths = [], [], []
    scale = diagrams.weight_scale(weights)
    for x0, y0, x1, y1, w in diagrams.edges(layers, weights):
        segments.append([(x0, y0), (x1, y1)])
        colour, width = diagrams.edge_style(w, scale) if w is not None else (style.NEUTRAL, 0.8)
        colors.append(colour)
        widths.append(width)
    ax.add_collection(
        LineCollection(segments, colors=colors, linewidths=widths, zorder=1, alpha=0.8)
    )


def _draw_nodes(ax, layers, node_values) -> None:
    """Nodes as scatter markers (round whatever the axes' aspect), tinted by their values."""
    node_x, node_y, fills = [], [], []
    vmax = diagrams.value_scale(node_values)
    for li, layer in enumerate(layers):
        values = node_values[li] if node_values is not None and li < len(node_values) else None
        for ui, x, yy in layer:
            if ui is None:
                ax.text(x, yy, "⋮", ha="center", va="center", fontsize=14, zorder=3)
                continue
            node_x.append(x)
            node_y.append(yy)
            fill = diagrams.value_fill(values, ui, vmax)
            if fill is not None:
                ax.text(
                    x, yy, style.fmt(values[ui]), ha="center", va="center", fontsize=9, zorder=4
                )
            fills.append(fill or "#FFFFFF")
    ax.scatter(node_x, node_y, s=760, c=fills, edgecolors="0.2", linewidths=1.2, zorder=3)


def draw_network(net_or_sizes, ax=None, node_values=None, show_weights=True, title=None):
    """Draw a network diagram with matplotlib: nodes per layer, one line per weight.

    The same picture as :func:`nn_course.diagrams.network_svg`: edge colour is the weight's sign
    (blue positive, orange negative), edge width its size. Layers with more than 10 units are
    shown with a gap ('...').

    Parameters
    ----------
    net_or_sizes : Network or list of int
        A network (its weights are drawn) or just the layer sizes ``[n_in, h1, ..., n_out]``.
    node_values : list of array_like, optional
        Per layer, the values to print on its nodes (e.g. the activations of one sample);
        arrays of shape (n_units,) or (1, n_units), or None for a layer without values.
    show_weights : bool
        Colour and size the edges by the weights (when a network is given).

    Returns the Axes.

    >>> ax = draw_network([2, 3, 1], ax=new_figure()[1])
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['input\\n(2)', 'hidden 1\\n(3)', 'output\\n(1)']
    """
    sizes, weights = _weights_of(net_or_sizes)
    sizes, weights, node_values = diagrams.check_layers(
        sizes, weights if show_weights else None, node_values
    )
    if ax is None:
        ax = _new_axes(max(4.0, 1.6 * len(sizes) + 1.5), 4.0)
    layers = diagrams.layout(sizes, 1.0, 1.0, 0.06, 0.06, 0.0, 0.0)
    # y grows downwards in the layout; flip for matplotlib
    layers = [[(u, x, 1.0 - yy) for u, x, yy in layer] for layer in layers]
    _draw_edges(ax, layers, weights)
    _draw_nodes(ax, layers, node_values)
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-0.04, 1.16 if weights is not None else 1.04)  # room for the legend on top
    ax.set_xticks([layer[0][1] for layer in layers])
    ax.set_xticklabels(
        [f"{name}\n({n})" for name, n in zip(diagrams.layer_names(len(sizes)), sizes, strict=True)]
    )
    ax.set_yticks([])
    ax.tick_params(axis="x", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.grid(False)
    ax.set_xlabel("layer (number of units)")
    ax.set_title(title if title is not None else "Network " + "-".join(str(n) for n in sizes))
    if weights is not None:
        ax.legend(
            handles=[
                Line2D([], [], color=POSITIVE_COLOR, lw=2, label="positive weight"),
                Line2D([], [], color=NEGATIVE_COLOR, lw=2, label="negative weight"),
            ],
            loc="upper center",
            ncol=2,
            fontsize=10,
        )
    return ax


# ----------------------------------------------------------------------------- training curves
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
