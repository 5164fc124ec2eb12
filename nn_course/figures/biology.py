"""A biological neuron drawn beside an artificial one, each part labelled.

The left panel is a schematic nerve cell: **dendrites** (branches that receive signals), the
**cell body** (soma, with its nucleus) that combines them, the **axon** that carries the
spike away, and the **synapses** where its terminals meet the dendrites of the next neuron.
The right panel is the artificial neuron of the course: inputs ``x_i``, weights ``w_i`` on the
edges, the summing node ``z = w . x + b``, the activation ``f`` and the output ``a = f(z)``.
Matching parts carry the same number in both panels, so the analogy can be read off the
picture. Colours come from :mod:`nn_course.style`.

See notebook 01_why_neural_networks (section "The biological neuron").

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> fig = neuron_comparison()
>>> [ax.get_title() for ax in fig.axes]
['A biological neuron', 'An artificial neuron']
>>> sorted(PARTS)
['axon', 'cell body', 'dendrites', 'synapses']
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch

from ..style import INK, NEGATIVE, NEUTRAL, POSITIVE, TISSUE, TISSUE_EDGE

__all__ = ["PARTS", "draw_biological_neuron", "draw_artificial_neuron", "neuron_comparison"]

#: The labelled parts of the biological neuron and their artificial counterparts.
PARTS = {
    "dendrites": "inputs x_i",
    "synapses": "weights w_i",
    "cell body": "weighted sum z and activation f",
    "axon": "output a",
}

_CELL, _EDGE = TISSUE, TISSUE_EDGE  # tissue colours for the cell, not a class or sign colour


def _branch(ax, start, angle, length, depth, rng, ends):
    """Draw one dendrite branch and its two sub-branches; collect the tips in ``ends``."""
    end = start + length * np.array([np.cos(angle), np.sin(angle)])
    ax.plot(*np.c_[start, end], color=_EDGE, lw=1.2 + 1.6 * depth, solid_capstyle="round",
            zorder=2)
    if depth == 0:
        ends.append(end)
        return
    for turn in (-0.45, 0.45):
        _branch(ax, end, angle + turn + rng.normal(0, 0.08), 0.7 * length, depth - 1, rng, ends)


def draw_biological_neuron(ax) -> None:
    """Draw a labelled schematic nerve cell into ``ax`` (dendrites, cell body, axon, synapses).

    The drawing is deterministic (a fixed seed shapes the branches). Coordinates: about
    x in [0, 10], y in [0, 6]; the signal flows from left to right.
    """
    rng = np.random.default_rng(0)
    soma = np.array([2.6, 3.0])
    tips: list = []
    for angle in (np.pi * 0.72, np.pi, np.pi * 1.28, np.pi * 0.45, np.pi * 1.55):
        start = soma + 0.75 * np.array([np.cos(angle), np.sin(angle)])
        _branch(ax, start, angle, 0.8, 2, rng, tips)
    ax.add_patch(Ellipse(soma, 1.8, 1.5, facecolor=_CELL, edgecolor=_EDGE, lw=2, zorder=3))
    ax.add_patch(Circle(soma, 0.3, facecolor=_EDGE, alpha=0.6, zorder=4))
    # The axon: a long fibre with a myelin sheath drawn as segments, then the terminals.
    ax.plot([soma[0] + 0.9, 7.6], [3.0, 3.0], color=_EDGE, lw=3, zorder=2)
    for x0 in np.arange(4.0, 7.4, 0.85):
        ax.add_patch(Ellipse((x0 + 0.3, 3.0), 0.62, 0.36, facecolor="white", edgecolor=_EDGE,
                             lw=1.2, zorder=3))
    terminals = []
    for dy in (-0.9, 0.0, 0.9):
        end = np.array([8.6, 3.0 + dy])
        ax.plot([7.6, end[0]], [3.0, end[1]], color=_EDGE, lw=1.8, zorder=2)
        ax.add_patch(Circle(end, 0.14, facecolor=_EDGE, zorder=3))
        terminals.append(end)
    # The next neuron's dendrites, just across the synaptic gaps.
    for end in terminals:
        ax.plot([end[0] + 0.3, 9.8], [end[1], end[1] + 0.2 * (end[1] - 3.0)], color=NEUTRAL,
                lw=2, zorder=1)
        ax.add_patch(Circle(end + [0.17, 0], 0.07, facecolor=POSITIVE, zorder=4))
    arrow = FancyArrowPatch((3.6, 1.0), (7.4, 1.0), arrowstyle="-|>", mutation_scale=18,
                            color=NEUTRAL, lw=1.5)
    ax.add_patch(arrow)
    ax.text(5.5, 0.7, "direction of the signal (the spike)", ha="center", va="top", fontsize=9,
            color=INK)
    _labels(ax, tips, soma, terminals)
    ax.set(xlim=(-0.3, 10.2), ylim=(0.1, 6.0), aspect="equal", title="A biological neuron")
    ax.axis("off")


def _labels(ax, tips, soma, terminals) -> None:
    """Numbered labels with arrows pointing at each part of the drawn cell."""
    kw = dict(fontsize=10, fontweight="bold", ha="center",
              arrowprops=dict(arrowstyle="->", color="black", lw=1))
    top_tip = max(tips, key=lambda p: p[1])
    ax.annotate("(1) dendrites\nreceive signals", top_tip, xytext=(0.9, 5.6), **kw)
    ax.annotate("(3) cell body\ncombines them", soma + [0.55, 0.5], xytext=(4.1, 5.3), **kw)
    ax.annotate("(4) axon\ncarries the spike", (6.4, 3.15), xytext=(6.9, 4.5), **kw)
    ax.annotate("(2) synapses\n(to the next cell)", terminals[0] + [0.17, -0.05],
                xytext=(9.1, 0.75), **kw)


def draw_artificial_neuron(ax, n_inputs: int = 3) -> None:
    """Draw the artificial neuron ``a = f(w . x + b)`` into ``ax``, numbered like the cell.

    Edges are blue for a positive and orange for a negative example weight (style colours).
    """
    if int(n_inputs) < 1:
        raise ValueError(f"n_inputs must be a positive integer; got {n_inputs!r}")
    ys = np.linspace(4.9, 1.1, n_inputs) if n_inputs > 1 else np.array([3.0])
    node = np.array([5.2, 3.0])
    signs = [1, -1, 1, 1, -1]
    for i, y in enumerate(ys):
        colour = POSITIVE if signs[i % len(signs)] > 0 else NEGATIVE
        ax.add_patch(Circle((1.2, y), 0.38, facecolor="white", edgecolor="black", lw=1.5,
                            zorder=3))
        ax.text(1.2, y, f"$x_{i + 1}$", ha="center", va="center", fontsize=12, zorder=4)
        end_y = node[1] + 0.25 * (y - 3.0)
        ax.plot([1.6, node[0] - 0.85], [y, end_y], color=colour, lw=2.5, zorder=1)
        mid_y = y + (2.6 - 1.6) / (node[0] - 0.85 - 1.6) * (end_y - y)   # on the edge at x = 2.6
        ax.text(2.6, mid_y + 0.3, f"$w_{i + 1}$", fontsize=12, color=colour, ha="center")
    ax.add_patch(Circle(node, 0.85, facecolor=_CELL, edgecolor=_EDGE, lw=2, zorder=3))
    ax.text(node[0], node[1] + 0.2, r"$\Sigma$", ha="center", va="center", fontsize=18, zorder=4)
    ax.text(node[0], node[1] - 0.35, r"$z=w\cdot x+b$", ha="center", va="center", fontsize=8,
            zorder=4)
    ax.add_patch(FancyArrowPatch((node[0] + 0.85, 3.0), (7.4, 3.0), arrowstyle="-|>",
                                 mutation_scale=16, color=_EDGE, lw=2))
    ax.add_patch(plt.Rectangle((7.4, 2.45), 1.1, 1.1, facecolor="white", edgecolor="black",
                               lw=1.5))
    ax.text(7.95, 3.0, "$f$", ha="center", va="center", fontsize=16)
    ax.add_patch(FancyArrowPatch((8.5, 3.0), (9.9, 3.0), arrowstyle="-|>", mutation_scale=16,
                                 color=_EDGE, lw=2))
    ax.text(9.6, 3.3, "$a$", fontsize=14, ha="center")
    ax.text(node[0], 1.55, "bias $b$", ha="center", fontsize=10, color=INK)
    kw = dict(fontsize=10, fontweight="bold", ha="center",
              arrowprops=dict(arrowstyle="->", color="black", lw=1))
    ax.annotate("(1) inputs", (1.2, ys[0] + 0.4), xytext=(1.2, 5.8), **kw)
    ax.annotate("(2) weights", (3.2, 2.0), xytext=(3.2, 0.45), **kw)
    ax.annotate("(3) weighted sum\nand activation", (7.95, 2.45), xytext=(6.6, 0.45), **kw)
    ax.annotate("(4) output\n$a = f(z)$", (9.3, 3.0), xytext=(9.3, 4.7), **kw)
    ax.set(xlim=(0.3, 10.2), ylim=(0.1, 6.0), aspect="equal", title="An artificial neuron")
    ax.axis("off")


def neuron_comparison(figsize=(13.0, 4.4)):
    """A figure with the biological neuron (left) beside the artificial neuron (right).

    Returns
    -------
    matplotlib.figure.Figure
        Two axes, titled "A biological neuron" and "An artificial neuron"; the numbers
        (1)-(4) pair the parts as in :data:`PARTS`.
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=figsize)
    draw_biological_neuron(left)
    draw_artificial_neuron(right)
    fig.suptitle("Same numbers, matching parts: (1) dendrites ~ inputs, (2) synapses ~ weights, "
                 "(3) cell body ~ sum and activation, (4) axon ~ output", fontsize=11)
    fig.tight_layout()
    return fig
