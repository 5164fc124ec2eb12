"""The network diagram the two steppers share: nodes with their values, edges coloured by weight.

An SVG string for an ``ipywidgets.HTML`` view: redrawing it costs well under a millisecond,
so a stepper can redraw the whole diagram on every click. Used by
:func:`~nn_course.widgets.feedforward_stepper` and :func:`~nn_course.widgets.backprop_stepper`
(notebooks 06_feedforward and 08_backpropagation).
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from ..plotting import PALETTE

__all__ = ["stepper_svg", "fmt", "fmt_array", "step_buttons"]

POSITIVE, NEGATIVE = PALETTE[0], PALETTE[1]  # blue for w > 0, orange for w < 0 (as in draw_network)
ACTIVE = PALETTE[3]                          # vermillion ring: the layer being computed now
DONE_FILL, TODO_FILL = "#E8F1F8", "#F2F2F2"


def step_buttons(controls: dict, state: dict, last_step: int, refresh) -> widgets.HBox:
    """Wire the "back", "next" and "reset" buttons to move ``state["step"]`` within 0..last_step.

    ``refresh()`` redraws the stepper after each click. Returns the buttons in a row.
    """
    def go(delta):
        def handler(_button):
            state["step"] = int(np.clip(state["step"] + delta, 0, last_step))
            refresh()
        return handler

    def reset(_button):
        state["step"] = 0
        refresh()

    controls["next"].on_click(go(+1))
    controls["back"].on_click(go(-1))
    controls["reset"].on_click(reset)
    return widgets.HBox([controls["back"], controls["next"], controls["reset"]])


def fmt(value: float, digits: int = 3) -> str:
    """A number rounded for display, with '-0.000' shown as '0.000'."""
    text = f"{value:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def fmt_array(values, digits: int = 3) -> str:
    """A 1-D or 2-D array as ``[1.000, -2.000]`` rows, rounded, without NumPy's line wrapping."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim == 0:
        return fmt(float(values), digits)
    if values.ndim == 1:
        return "[" + ", ".join(fmt(v, digits) for v in values) + "]"
    return "[" + ",\n ".join(fmt_array(row, digits) for row in values) + "]"


def stepper_svg(layer_sizes, weights, node_text, active_layer=None, node_done=None,
                layer_titles=None, width: int = 560, height: int = 300) -> str:
    """Draw a small network with text under every node.

    Parameters
    ----------
    layer_sizes : list of int
        ``[n_inputs, ..., n_outputs]``.
    weights : list of ndarray (n_in, n_out)
        One per layer; an edge's colour is the weight's sign, its width grows with ``|w|``.
    node_text : list of list of list of str
        ``node_text[layer][unit]`` is a list of short lines drawn under (and the first one inside)
        the node. Layer 0 is the input layer.
    active_layer : int or None
        Index (into ``layer_sizes``) of the layer to ring in vermillion (the one computed now).
    node_done : list of bool, optional
        Per layer: filled (computed) or grey (not yet).
    layer_titles : list of str, optional
        A caption above each column.
    """
    n_layers = len(layer_sizes)
    node_done = node_done if node_done is not None else [True] * n_layers
    margin_x, top, bottom = 70, 46, 58
    xs = [margin_x + i * (width - 2 * margin_x) / max(n_layers - 1, 1) for i in range(n_layers)]

    def ys(n):
        span = height - top - bottom
        return [top + span * (j + 0.5) / n for j in range(n)]

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" style="background:white;font-family:sans-serif">']
    w_max = max((float(np.abs(W).max()) for W in weights if np.size(W)), default=1.0) or 1.0
    for i, W in enumerate(weights):
        y0s, y1s = ys(layer_sizes[i]), ys(layer_sizes[i + 1])
        for j, ya in enumerate(y0s):
            for k, yb in enumerate(y1s):
                w = float(W[j, k])
                colour = POSITIVE if w >= 0 else NEGATIVE
                stroke = 0.6 + 3.4 * abs(w) / w_max
                parts.append(f'<line x1="{xs[i]:.1f}" y1="{ya:.1f}" x2="{xs[i + 1]:.1f}" y2="{yb:.1f}" '
                             f'stroke="{colour}" stroke-width="{stroke:.2f}" stroke-opacity="0.55">'
                             f'<title>w = {fmt(w)}</title></line>')
    radius = 19
    for i, n in enumerate(layer_sizes):
        if layer_titles:
            parts.append(f'<text x="{xs[i]:.1f}" y="18" text-anchor="middle" font-size="13" '
                         f'font-weight="bold" fill="#333">{html.escape(layer_titles[i])}</text>')
        for j, y in enumerate(ys(n)):
            lines = node_text[i][j] if node_text and i < len(node_text) else []
            ring = ACTIVE if i == active_layer else "#555"
            ring_width = 3.5 if i == active_layer else 1.5
            fill = DONE_FILL if node_done[i] else TODO_FILL
            parts.append(f'<circle cx="{xs[i]:.1f}" cy="{y:.1f}" r="{radius}" fill="{fill}" '
                         f'stroke="{ring}" stroke-width="{ring_width}"/>')
            if lines:
                parts.append(f'<text x="{xs[i]:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="11" '
                             f'fill="#000">{html.escape(lines[0])}</text>')
            for m, line in enumerate(lines[1:]):
                parts.append(f'<text x="{xs[i]:.1f}" y="{y + radius + 13 + 12 * m:.1f}" text-anchor="middle" '
                             f'font-size="11" fill="#333">{html.escape(line)}</text>')
    if active_layer is not None:
        parts.append(f'<text x="8" y="{height - 22}" font-size="11" fill="#555"><tspan fill="{ACTIVE}" '
                     'font-weight="bold">Red ring</tspan>: the layer of the current step.</text>')
    parts.append(f'<text x="8" y="{height - 8}" font-size="11" fill="#555">Lines: '
                 f'<tspan fill="{POSITIVE}" font-weight="bold">blue</tspan> weight &gt; 0, '
                 f'<tspan fill="{NEGATIVE}" font-weight="bold">orange</tspan> weight &lt; 0; thicker = larger |w|. '
                 f'Number in a circle: its output a.</text>')
    parts.append("</svg>")
    return "".join(parts)
