"""``neuron_explorer()``: one artificial neuron with every input, weight and the bias on a slider.

Shows the computation written out term by term (:meth:`nn_course.Neuron.explain`), a diagram
(inputs, weighted edges, the summing node, the activation, the output; edge colour = sign of
the weight, width = its size) and the activation curve with the current ``(z, a)`` marked.
Everything is SVG/HTML, so a change redraws in a few milliseconds.

See notebook 03_artificial_neuron.

Examples
--------
>>> w = neuron_explorer(n_inputs=2)
>>> w.controls["x1"].value, w.controls["w1"].value = 1.0, 2.0
>>> w.controls["x2"].value, w.controls["w2"].value, w.controls["b"].value = 0.0, 0.0, -1.0
>>> w.controls["activation"].value = "relu"
>>> round(w.neuron.output(w.inputs), 4)
1.0
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from .. import activations
from ..diagrams import edge_style
from ..neuron import Neuron
from ..style import ACCENT, FAINT, INK, MUTED, NEUTRAL, PANEL, POSITIVE, WHITE, fmt
from ._controls import dropdown, slider
from ._base import Explorer, html_view

__all__ = [
    "neuron_explorer",
    "NeuronExplorer",
    "ACTIVATION_CHOICES",
    "neuron_svg",
    "activation_svg",
]

#: Activations offered in the dropdown (softmax needs several outputs, so it is not here).
ACTIVATION_CHOICES = ("sigmoid", "tanh", "relu", "leaky_relu", "step", "linear")

#: |w| drawn at full width (the sliders' range).
_EDGE_SCALE = 3.0
_Z_RANGE = 6.0
_Y_RANGES = {
    "sigmoid": (-0.1, 1.1),
    "step": (-0.1, 1.1),
    "tanh": (-1.1, 1.1),
    "relu": (-0.6, 6.0),
    "leaky_relu": (-0.6, 6.0),
    "linear": (-6.0, 6.0),
}


def _text(x, y, body: str, size=11, anchor="middle", extra="") -> str:
    """An SVG ``<text>`` at ``(x, y)``; ``body`` is inserted as it is (escape it first)."""
    return (
        f"<text x='{x:.1f}' y='{y:.1f}' font-size='{size}' text-anchor='{anchor}' {extra}>"
        f"{body}</text>"
    )


_HALO = "stroke='white' stroke-width='4' paint-order='stroke'"


def _input_svg(i: int, xi: float, wi: float, yi: float, end: tuple) -> list[str]:
    """Input ``i`` as a node, its edge to the neuron, and the edge's weight and product."""
    colour, stroke = edge_style(wi, _EDGE_SCALE)
    x0, (x1, y1) = 62, end
    # Label the edge a third of the way along: the weight and the product it contributes.
    lx, ly = x0 + 0.38 * (x1 - x0), yi + 0.38 * (y1 - yi)
    return [
        f"<line x1='{x0}' y1='{yi:.1f}' x2='{x1:.1f}' y2='{y1:.1f}' stroke='{colour}' "
        f"stroke-width='{stroke:.2f}' opacity='0.85'/>",
        f"<circle cx='40' cy='{yi:.1f}' r='20' fill='{PANEL}' stroke='{MUTED}'/>",
        _text(40, yi - 3, f"x{i + 1}"),
        _text(40, yi + 11, fmt(xi), extra="font-weight='bold'"),
        _text(
            lx, ly - 5, f"w{i + 1} = {fmt(wi)}", extra=f"fill='{colour}' font-weight='bold' {_HALO}"
        ),
        _text(
            lx,
            ly + 10,
            f"w{i + 1}&#183;x{i + 1} = {fmt(wi * xi)}",
            10,
            extra=f"fill='{INK}' {_HALO}",
        ),
    ]


def _node_svg(cx, cy, r, bias, z, a, activation, height) -> list[str]:
    """The summing node with z, the bias entering from below, and the output a on the right."""
    ox = cx + r + 86
    return [
        f"<line x1='{cx:.1f}' y1='{height - 14:.1f}' x2='{cx:.1f}' y2='{cy + r:.1f}' "
        f"stroke='{MUTED}' stroke-dasharray='4 3'/>",
        _text(cx + 6, height - 6, f"b = {fmt(bias)}", anchor="start", extra=f"fill='{INK}'"),
        f"<circle cx='{cx:.1f}' cy='{cy:.1f}' r='{r}' fill='{WHITE}' stroke='{INK}' "
        "stroke-width='1.5'/>",
        _text(cx, cy - 8, "&#931; &#8594; z", 13),
        _text(cx, cy + 10, f"z = {fmt(z)}", 12, extra="font-weight='bold'"),
        # the output arrow (stroke-width first: only weight edges start "stroke='colour'
        # stroke-width", which the tests read as the weights' colours)
        f"<line x1='{cx + r:.1f}' y1='{cy:.1f}' x2='{ox - 6:.1f}' y2='{cy:.1f}' "
        f"stroke-width='1.5' stroke='{INK}'/>",
        f"<polygon points='{ox - 6:.1f},{cy - 5:.1f} {ox:.1f},{cy:.1f} {ox - 6:.1f},"
        f"{cy + 5:.1f}' fill='{INK}'/>",
        _text(cx + r + 43, cy - 8, f"{html.escape(activation)}(z)"),
        _text(ox + 4, cy - 4, "output", 12, anchor="start"),
        _text(ox + 4, cy + 12, f"a = {fmt(a)}", 13, anchor="start", extra="font-weight='bold'"),
    ]


def neuron_svg(
    x,
    weights,
    bias: float,
    z: float,
    a: float,
    activation: str,
    width: int = 440,
    height: int = 240,
) -> str:
    """An SVG diagram of one neuron with its current numbers.

    Inputs ``x_i`` on the left, an edge per weight (blue positive, orange negative, width
    by ``|w_i|``, labelled with ``w_i`` and the product ``w_i x_i``), the node showing ``z`` and
    the activation, and the output ``a`` on the right.
    """
    n = len(x)
    cx, cy, r = width * 0.56, height / 2, 34
    ys = [height * (i + 1) / (n + 1) for i in range(n)]
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' style='background:white;font-family:sans-serif'>"
    ]
    for i, (xi, wi, yi) in enumerate(zip(x, weights, ys, strict=True)):
        parts += _input_svg(i, xi, wi, yi, (cx - r, cy))
    parts += _node_svg(cx, cy, r, bias, z, a, activation, height)
    parts.append("</svg>")
    return "".join(parts)


def activation_svg(activation: str, z: float, width: int = 300, height: int = 240) -> str:
    """An SVG plot of ``activation`` over z in [-6, 6] with the point ``(z, f(z))`` marked.

    A ``z`` outside the plotted range is shown at the edge with a note.
    """
    act = activations.get(activation)
    y0, y1 = _Y_RANGES.get(act.name, (-1.1, 1.1))
    left, right, top, bottom = 40, width - 12, 26, height - 34

    def px(zv):
        return left + (zv + _Z_RANGE) / (2 * _Z_RANGE) * (right - left)

    def py(av):
        return bottom - (av - y0) / (y1 - y0) * (bottom - top)

    zs = np.linspace(-_Z_RANGE, _Z_RANGE, 121)
    if act.name == "step":  # draw the jump as a vertical segment
        zs = np.sort(np.r_[zs, -1e-9, 0.0])
    a_s = np.clip(act(zs), y0, y1)
    points = " ".join(f"{px(zv):.1f},{py(av):.1f}" for zv, av in zip(zs, a_s, strict=True))
    a = float(act(np.array([z]))[0])
    shown_z = float(np.clip(z, -_Z_RANGE, _Z_RANGE))
    shown_a = float(np.clip(a, y0, y1))
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' style='background:white;font-family:sans-serif'>",
        f"<text x='{(left + right) / 2:.1f}' y='15' font-size='12' text-anchor='middle'>"
        f"activation: a = {html.escape(act.name)}(z)</text>",
    ]
    # Axes at z = 0 and a = 0 (if visible), frame, ticks.
    parts.append(
        f"<rect x='{left}' y='{top}' width='{right - left}' height='{bottom - top}' fill='none' "
        f"stroke='{NEUTRAL}'/>"
    )
    parts.append(
        f"<line x1='{px(0):.1f}' y1='{top}' x2='{px(0):.1f}' y2='{bottom}' stroke='{FAINT}'/>"
    )
    if y0 < 0 < y1:
        parts.append(
            f"<line x1='{left}' y1='{py(0):.1f}' x2='{right}' y2='{py(0):.1f}' stroke='{FAINT}'/>"
        )
    for tz in (-6, -3, 0, 3, 6):
        parts.append(
            f"<text x='{px(tz):.1f}' y='{bottom + 14}' font-size='10' "
            f"text-anchor='middle'>{tz}</text>"
        )
    for ta in (
        (y0, y1)
        if act.name in ("linear", "relu", "leaky_relu")
        else ((0.0, 1.0) if y0 > -0.5 else (-1.0, 0.0, 1.0))
    ):
        label = f"{ta:.3g}"
        parts.append(
            f"<text x='{left - 4}' y='{py(ta) + 4:.1f}' font-size='10' "
            f"text-anchor='end'>{label}</text>"
        )
    parts.append(
        f"<text x='{(left + right) / 2:.1f}' y='{height - 4}' font-size='11' text-anchor='middle'>"
        "z (weighted sum)</text>"
    )
    parts.append(
        f"<polyline points='{points}' fill='none' stroke='{POSITIVE}' stroke-width='2.2'/>"
    )
    parts.append(
        f"<line x1='{px(shown_z):.1f}' y1='{bottom}' x2='{px(shown_z):.1f}' y2='{py(shown_a):.1f}' "
        f"stroke='{ACCENT}' stroke-dasharray='3 3'/>"
    )
    parts.append(
        f"<circle cx='{px(shown_z):.1f}' cy='{py(shown_a):.1f}' r='6' fill='{ACCENT}' "
        "stroke='black'/>"
    )
    note = f"z = {fmt(z)}, a = {fmt(a)}"
    if shown_z != z:
        note += " (z off the chart)"
    parts.append(f"<text x='{left + 6}' y='{top + 14}' font-size='11' fill='{INK}'>{note}</text>")
    parts.append("</svg>")
    return "".join(parts)


class NeuronExplorer(Explorer):
    """What :func:`neuron_explorer` returns; ``neuron`` and ``inputs`` follow the sliders."""

    @property
    def neuron(self) -> Neuron:
        # Rebuilt by every update, so it always matches the views.
        return self.state["neuron"]

    @property
    def inputs(self) -> np.ndarray:
        """The current inputs x, shape (n_inputs,)."""
        return np.array(
            [self.controls[f"x{i + 1}"].value for i in range(self.n_inputs)], dtype=np.float64
        )

    @property
    def n_inputs(self) -> int:
        return self.state["n_inputs"]


def _controls(x, weights, bias: float, activation: str, choices) -> dict:
    look = {"style": {"description_width": "28px"}, "layout": widgets.Layout(width="280px")}
    controls = {f"x{i + 1}": slider(f"x{i + 1}", v, -2.0, 2.0, **look) for i, v in enumerate(x)}
    controls.update(
        {f"w{i + 1}": slider(f"w{i + 1}", v, -3.0, 3.0, **look) for i, v in enumerate(weights)}
    )
    controls["b"] = slider("b", bias, -3.0, 3.0, **look)
    controls["activation"] = dropdown(
        "f",
        list(choices),
        activation,
        style=look["style"],
        layout=widgets.Layout(width="200px"),
    )
    return controls


def _check_choices(activation: str, activations) -> tuple[str, ...]:
    """The activation names to offer, checked: known, at least one, including ``activation``."""
    choices = ACTIVATION_CHOICES if activations is None else tuple(activations)
    unknown = [name for name in choices if name not in ACTIVATION_CHOICES]
    if unknown or not choices:
        raise ValueError(
            f"activations must be a non-empty list of names from {list(ACTIVATION_CHOICES)}; "
            f"got {list(choices)}."
        )
    if activation not in choices:
        raise ValueError(f"Unknown activation {activation!r}; choose from {list(choices)}.")
    return choices


def neuron_explorer(
    n_inputs: int = 3,
    activation: str = "sigmoid",
    x=None,
    weights=None,
    bias: float = -0.5,
    activations=None,
) -> Explorer:
    """One neuron ``a = f(w . x + b)`` with a slider per input and per weight.

    Parameters
    ----------
    n_inputs : int, 1 to 6
    activation : str
        The starting choice among the offered activations.
    x, weights : sequence of float, optional
        Starting inputs (default 1.0, 0.5, -1.0, ...) and weights (0.8, -0.4, 0.3, ...).
    bias : float
    activations : sequence of str, optional
        The activation names the dropdown offers, in order (default all of
        :data:`ACTIVATION_CHOICES`), e.g. ``["sigmoid", "step", "relu"]``.

    Returns
    -------
    Explorer
        Controls ``x1..xn``, ``w1..wn``, ``b`` (sliders) and ``activation`` (dropdown). Attributes
        ``neuron`` (the :class:`~nn_course.Neuron` shown) and ``inputs`` (the current x).
    """
    if not isinstance(n_inputs, (int, np.integer)) or not 1 <= n_inputs <= 6:
        raise ValueError(f"n_inputs must be an integer from 1 to 6; got {n_inputs!r}.")
    choices = _check_choices(activation, activations)
    default_x = [1.0, 0.5, -1.0, 0.2, -0.6, 0.8]
    default_w = [0.8, -0.4, 0.3, 0.5, -0.7, 0.2]
    x = list(default_x[:n_inputs] if x is None else x)
    weights = list(default_w[:n_inputs] if weights is None else weights)
    if len(x) != n_inputs or len(weights) != n_inputs:
        raise ValueError(
            f"x and weights need {n_inputs} values each; got {len(x)} and {len(weights)}."
        )

    controls = _controls(x, weights, bias, activation, choices)
    diagram = html_view()
    curve = html_view()
    numbers = html_view(width="740px")

    def update():
        xs = np.array([controls[f"x{i + 1}"].value for i in range(n_inputs)], dtype=np.float64)
        ws = np.array([controls[f"w{i + 1}"].value for i in range(n_inputs)], dtype=np.float64)
        neuron = Neuron(ws, controls["b"].value, controls["activation"].value)
        state["neuron"] = neuron
        z = neuron.z(xs)
        a = neuron.output(xs)
        diagram.value = neuron_svg(xs, ws, neuron.bias, z, a, neuron.activation.name)
        curve.value = activation_svg(neuron.activation.name, z)
        numbers.value = (
            "<pre style='font-size:13px;line-height:1.35;margin:4px 0'>"
            + html.escape(neuron.explain(xs))
            + "</pre>"
        )

    state: dict = {"n_inputs": n_inputs}
    left = widgets.VBox(
        [widgets.HTML("<b>inputs</b>")] + [controls[f"x{i + 1}"] for i in range(n_inputs)]
    )
    right = widgets.VBox(
        [widgets.HTML("<b>weights</b>")] + [controls[f"w{i + 1}"] for i in range(n_inputs)]
    )
    children = [
        widgets.HBox([left, right]),
        widgets.HBox([controls["b"], controls["activation"]]),
        widgets.HBox([diagram, curve]),
        numbers,
    ]
    return NeuronExplorer(
        children,
        controls,
        update,
        state=state,
        views={"diagram": diagram, "curve": curve, "numbers": numbers},
    )
