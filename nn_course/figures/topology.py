"""Network topologies drawn side by side: how neurons may be connected.

A network's **topology** is its pattern of connections. :func:`connectivity_figure` draws
the three patterns a learner meets first:

* **fully connected feedforward**: every neuron reads every neuron of the layer before it;
  values flow one way, from input to output (the only kind this course builds);
* **convolutional**: every neuron reads only a few *neighbouring* inputs, and all neurons
  share the same few weights (one colour per shared weight);
* **recurrent**: some connections loop back, so a neuron also reads a value from the
  *previous* step of a sequence.

:func:`width_depth_figure` draws a wide-and-shallow and a narrow-and-deep network with about
the same number of parameters. Grey lines are connections whose weights are not shown; no
colour here stands for a sign. Both return a :class:`matplotlib.figure.Figure` that is not
attached to pyplot (show it as the last expression of a notebook cell).

See notebook 05_network_structure.

Examples
--------
>>> fig = connectivity_figure()
>>> [ax.get_title().split(":")[0] for ax in fig.axes]
['fully connected feedforward', 'convolutional', 'recurrent']
>>> fig = width_depth_figure()
>>> [ax.get_title().splitlines()[0] for ax in fig.axes]
['wide and shallow: depth 2, width 8', 'narrow and deep: depth 4, width 3']
"""

from __future__ import annotations

from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from ..plotting import new_figure
from ..style import CLASS_COLORS, INK, NEUTRAL, WHITE

__all__ = [
    "KINDS",
    "draw_topology",
    "connectivity_figure",
    "width_depth_figure",
    "count_parameters",
]

#: The connection patterns :func:`draw_topology` can draw.
KINDS = ("feedforward", "convolutional", "recurrent")

EDGE = NEUTRAL  # a connection whose weight is not shown
LOOP = CLASS_COLORS[4]  # a connection that loops back to the previous step
SHARED = CLASS_COLORS[2:5]  # the shared weights of a convolution, one colour each
NODE_FILL, NODE_EDGE = WHITE, INK


def count_parameters(sizes) -> int:
    """Weights and biases of a fully connected network with layer sizes ``[n_0, ..., n_L]``.

    >>> count_parameters([2, 8, 1])
    33
    """
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


def _positions(sizes, height: float = 1.0) -> list[list[tuple[float, float]]]:
    """Node centres, layer by layer: layer i at x = i, nodes spread evenly around y = 0.5."""
    gap = height / max(max(sizes), 2)
    return [
        [(float(i), 0.5 + (k - (n - 1) / 2) * gap) for k in range(n)] for i, n in enumerate(sizes)
    ]


def _arrow(ax, start, end, color, lw=1.0, rad=0.0, shrink=9.0):
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=9,
            color=color,
            lw=lw,
            shrinkA=shrink,
            shrinkB=shrink,
            connectionstyle=f"arc3,rad={rad}",
            zorder=1,
        )
    )


def _nodes(ax, layers, size=260):
    xs = [x for layer in layers for x, _ in layer]
    ys = [y for layer in layers for _, y in layer]
    ax.scatter(xs, ys, s=size, c=NODE_FILL, edgecolors=NODE_EDGE, linewidths=1.2, zorder=3)


def _finish(ax, names, title, handles):
    ax.set_xticks(range(len(names)), names)
    ax.set_yticks([])
    ax.set_xlim(-0.5, len(names) - 0.5)
    ax.set_ylim(-0.22, 1.12)
    ax.set_xlabel("layer (values flow left to right)")
    ax.set_ylabel("neurons of the layer")
    ax.set_title(title, fontsize=11)
    ax.grid(False)
    ax.legend(handles=handles, loc="lower center", fontsize=8, frameon=False, ncol=1)


def draw_topology(kind: str, ax) -> None:
    """Draw one connection pattern of :data:`KINDS` into ``ax``.

    feedforward: a fully connected 3-4-2 network; convolutional: 7 inputs, 5 neurons each
    reading 3 neighbours with 3 shared weights; recurrent: 3-4-2 with every hidden neuron
    also reading its own value from the previous step.

    >>> from nn_course.plotting import new_figure
    >>> fig, ax = new_figure()
    >>> draw_topology("recurrent", ax)
    >>> ax.get_legend().get_texts()[1].get_text()
    'loops back (value of the previous step)'
    >>> draw_topology("lstm", ax)
    Traceback (most recent call last):
    ...
    ValueError: kind must be one of ('feedforward', 'convolutional', 'recurrent'); got 'lstm'
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}; got {kind!r}")
    forward = Line2D([], [], color=EDGE, lw=1.2, label="forward connection")
    if kind == "convolutional":
        layers = _positions([7, 5])
        for j, end in enumerate(layers[1]):
            for k in range(3):  # neuron j reads inputs j, j+1, j+2 with weight k
                _arrow(ax, layers[0][j + k], end, SHARED[k], lw=1.6)
        _nodes(ax, layers)
        handles = [
            Line2D([], [], color=c, lw=2, label=f"shared weight w{k + 1}")
            for k, c in enumerate(SHARED)
        ]
        _finish(
            ax, ["input", "hidden"], "convolutional: few neighbours,\nthe same 3 weights", handles
        )
        return
    layers = _positions([3, 4, 2])
    for left, right in zip(layers[:-1], layers[1:]):
        for start in left:
            for end in right:
                _arrow(ax, start, end, EDGE)
    handles = [forward]
    title = "fully connected feedforward:\nevery arrow points forward"
    if kind == "recurrent":
        for x, y in layers[1]:  # each hidden neuron reads its own last value
            _arrow(ax, (x - 0.08, y + 0.03), (x + 0.08, y + 0.03), LOOP, lw=1.6, rad=-2.4, shrink=0)
        handles.append(
            Line2D([], [], color=LOOP, lw=2, label="loops back (value of the previous step)")
        )
        title = "recurrent: some arrows loop\nback to the previous step"
    _nodes(ax, layers)
    _finish(ax, ["input", "hidden", "output"], title, handles)


def connectivity_figure(width: float = 12.0, height: float = 4.2):
    """Three panels: fully connected feedforward, convolutional and recurrent connectivity.

    Returns the :class:`~matplotlib.figure.Figure` (three Axes, in the order of :data:`KINDS`).
    """
    fig, axes = new_figure(width, height, ncols=3, dpi=90)
    for ax, kind in zip(axes, KINDS):
        draw_topology(kind, ax)
    fig.suptitle("Topology: who is connected to whom", fontsize=13)
    fig.tight_layout()
    return fig


def width_depth_figure(
    wide=(2, 8, 1), deep=(2, 3, 3, 3, 1), width: float = 12.0, height: float = 4.2
):
    """Two fully connected networks: wide and shallow against narrow and deep.

    Each title gives the depth (layers with weights), the width (neurons of a hidden layer)
    and the number of parameters (:func:`count_parameters`).

    Returns the :class:`~matplotlib.figure.Figure` (two Axes).
    """
    fig, axes = new_figure(width, height, ncols=2, dpi=90)
    for ax, sizes, name in zip(
        axes, (list(wide), list(deep)), ("wide and shallow", "narrow and deep")
    ):
        if len(sizes) < 3:
            raise ValueError(f"each network needs at least one hidden layer; got sizes {sizes}")
        layers = _positions(sizes)
        for left, right in zip(layers[:-1], layers[1:]):
            for start in left:
                for end in right:
                    _arrow(ax, start, end, EDGE, lw=0.8, shrink=6.0)
        _nodes(ax, layers, size=150)
        names = ["input"] + [f"hidden {i}" for i in range(1, len(sizes) - 1)] + ["output"]
        title = (
            f"{name}: depth {len(sizes) - 1}, width {max(sizes[1:-1])}\n"
            f"layer sizes {'-'.join(map(str, sizes))}, {count_parameters(sizes)} parameters"
        )
        _finish(
            ax, names, title, [Line2D([], [], color=EDGE, lw=1.2, label="connection (one weight)")]
        )
    fig.suptitle("Width (neurons per layer) against depth (layers with weights)", fontsize=13)
    fig.tight_layout()
    return fig
