"""Pictures of a network's parts with matplotlib: an activation function and the network.

:func:`plot_activation` draws ``f(z)`` and its slope (notebook 04); :func:`draw_network` draws
the layers and weights with the layout of :mod:`nn_course.diagrams` (notebooks 05 and 06),
whose :func:`~nn_course.diagrams.network_svg` draws the same picture as SVG for widgets.
Import both from :mod:`nn_course.plotting`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from . import activations, diagrams, style
from .plot_style import NEGATIVE_COLOR, PALETTE, POSITIVE_COLOR, _as_array, _new_axes
from .plot_style import new_figure  # noqa: F401  (the examples below draw into one)

__all__ = ["plot_activation", "draw_network"]

_DEFAULT_Z = np.linspace(-5, 5, 401)
_DEFAULT_Z.setflags(write=False)


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
            fills.append(fill or style.WHITE)
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
