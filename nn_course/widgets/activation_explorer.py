"""``activation_explorer()``: pick an activation, scale and shift its input, see f and f'.

The widget plots ``f(u)`` and its derivative ``f'(u)`` against ``z``, where the activation's
input is ``u = s * z + b`` (``s`` = scale, ``b`` = an extra bias added to the neuron's bias). A
marker shows where ``z0`` (the input you choose) sits on both curves, and grey bands shade the
*saturation* regions, where ``|f'(u)| < SATURATION_THRESHOLD``: there the output barely moves
when the input changes, so almost no gradient flows back through the neuron.

See notebook 04_activation_functions.

Examples
--------
>>> w = activation_explorer()
>>> w.controls["activation"].value = "relu"
>>> w.controls["z0"].value = -2.0
>>> w.state["f"], w.state["df"]
(0.0, 0.0)
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from .. import activations
from ..plotting import PALETTE
from ..style import ACCENT, INK, MUTED, NEUTRAL
from ._controls import dropdown, slider
from ._base import Explorer, html_view
from ._blit import BlitView

__all__ = ["activation_explorer", "SATURATION_THRESHOLD", "ELEMENTWISE", "FORMULAS_HTML"]

#: |f'(u)| below this counts as saturated (shaded in the plot).
SATURATION_THRESHOLD = 0.05

#: The activations the explorer offers: every elementwise one (softmax mixes a whole row, so it
#: is not a function of one number and is taught separately).
ELEMENTWISE = [
    name
    for name in ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "step", "linear")
    if activations.get(name).elementwise
]

# Formulas as HTML: an ipywidgets.HTML view does not typeset LaTeX reliably, so the explorer
# shows these (the LaTeX versions live on each Activation's ``formula``).
FORMULAS_HTML = {
    "sigmoid": ("σ(u) = 1 / (1 + e<sup>−u</sup>)", "σ′(u) = σ(u) · (1 − σ(u))"),
    "tanh": (
        "tanh(u) = (e<sup>u</sup> − e<sup>−u</sup>) / (e<sup>u</sup> + e<sup>−u</sup>)",
        "tanh′(u) = 1 − tanh<sup>2</sup>(u)",
    ),
    "relu": ("ReLU(u) = max(0, u)", "ReLU′(u) = 1 if u &gt; 0, else 0"),
    "leaky_relu": (
        f"LeakyReLU(u) = u if u &gt; 0, else {activations.LEAKY_RELU_SLOPE:g} · u",
        f"LeakyReLU′(u) = 1 if u &gt; 0, else {activations.LEAKY_RELU_SLOPE:g}",
    ),
    "elu": (
        "ELU(u) = u if u &gt; 0, else e<sup>u</sup> − 1",
        "ELU′(u) = 1 if u &gt; 0, else e<sup>u</sup>",
    ),
    "softplus": (
        "softplus(u) = ln(1 + e<sup>u</sup>)",
        "softplus′(u) = σ(u) = 1 / (1 + e<sup>−u</sup>)",
    ),
    "step": ("step(u) = 1 if u ≥ 0, else 0", "step′(u) = 0 (undefined at u = 0)"),
    "linear": ("f(u) = u", "f′(u) = 1"),
}

_SHADE = to_rgba(NEUTRAL, 0.25)
# Cached backgrounds per widget (about 0.8 MB each).
_MAX_BACKGROUNDS = 16


def _saturated_spans(z: np.ndarray, mask: np.ndarray) -> list[np.ndarray]:
    """Rectangles (x in data units, y from 0 to 1 in axes units) over the runs where mask is
    True."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    spans = []
    for start, stop in zip(edges[::2], edges[1::2]):
        left = (z[start - 1] + z[start]) / 2 if start > 0 else z[0]
        right = (z[stop - 1] + z[stop]) / 2 if stop < z.size else z[-1]
        spans.append(np.array([[left, 0.0], [right, 0.0], [right, 1.0], [left, 1.0]]))
    return spans


# The y-range of the output panel snaps to these heights, so the background (axes and ticks)
# only has to be redrawn when the curve outgrows one of them.
_LADDER = (0.5, 1.0, 1.25, 2.5, 5.0, 7.5, 10.0, 15.0, 20.0, 30.0, 40.0)


def _nice_limits(lo: float, hi: float) -> tuple[float, float]:
    """Y-limits from the curve's range, snapped to :data:`_LADDER` with a margin."""

    def snap(value: float) -> float:
        if value <= 0.0:
            return 0.0
        return next((step for step in _LADDER if value <= step), _LADDER[-1])

    top = snap(hi)
    bottom = -snap(-lo)
    margin = 0.08 * (top - bottom or 1.0)
    return (bottom - margin, top + margin)


def _controls(activation: str, z_range) -> dict:
    return {
        "activation": dropdown("activation", ELEMENTWISE, activation),
        "scale": slider("scale s", 1.0, 0.25, 4.0, 0.25),
        "shift": slider("extra bias b", 0.0, -4.0, 4.0, 0.25),
        "z0": slider("input z₀", 1.0, z_range[0], z_range[1]),
    }


def _panel(ax, z, colour: str, label: str, linestyle: str = "-") -> dict:
    """One panel's moving parts: the saturated bands, the curve, the guide and the point."""
    # grey bands over the saturated z intervals: x in data units, y over the whole axes
    shade = PolyCollection(
        [], facecolors=[_SHADE], edgecolors="none", transform=ax.get_xaxis_transform(), zorder=0
    )
    ax.add_collection(shade, autolim=False)
    ax.axhline(0.0, color=MUTED, linewidth=0.8, zorder=1)
    ax.set_xlim(z[0], z[-1])
    ax.yaxis.set_major_locator(MaxNLocator(5))
    (line,) = ax.plot(
        z, z, color=colour, linestyle=linestyle, linewidth=2.2, label=label, zorder=3
    )
    guide = ax.axvline(0.0, color="black", linestyle=":", linewidth=1, zorder=2)
    (point,) = ax.plot(
        [0.0],
        [0.0],
        "o",
        color=ACCENT,
        markersize=9,
        markeredgecolor="black",
        label="your input z₀",
        zorder=4,
    )
    return {"shade": shade, "line": line, "guide": guide, "point": point}


def _figure(view: BlitView, z) -> tuple[dict, dict, object]:
    """Output panel over slope panel, one legend above both; returns their parts and title."""
    fig, (ax_f, ax_d) = view.figure, view.axes
    top = _panel(ax_f, z, PALETTE[0], "f(s·z + b)")
    # the slope has no sign meaning: dashed dark grey, not the vermillion "look here" (too close
    # to the orange of negative values) nor a class colour
    bottom = _panel(ax_d, z, INK, "f′(s·z + b)", linestyle="--")
    ax_f.set(ylabel="output f(s·z + b)")
    ax_d.set(xlabel="input z", ylabel="slope f′(s·z + b)", ylim=(-0.1, 1.15))
    title = fig.suptitle("leaky_relu(s·z + b) and its slope", fontsize=12, y=0.99)
    saturated = Patch(facecolor=_SHADE, label=f"saturated: |f′| < {SATURATION_THRESHOLD:g}")
    # one legend above both panels: it never sits on a curve, so it is drawn once with the axes
    fig.legend(
        handles=[top["line"], bottom["line"], top["point"], saturated],
        loc="upper center",
        ncol=4,
        fontsize=10,
        bbox_to_anchor=(0.5, 0.945),
        frameon=False,
        handlelength=1.5,
        columnspacing=1.2,
    )
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    for part in (top, bottom):
        view.animate(*part.values())
    return top, bottom, title


def _explain(act, s, b, z0, u0, f0, df0, saturated_share) -> str:
    """The formulas and the numbers at the marked input, as HTML."""
    formula, derivative = FORMULAS_HTML.get(
        act.name, (html.escape(act.formula), html.escape(act.derivative_formula))
    )
    if df0 == 0.0 and act.name in ("relu", "step"):
        verdict = "<b>zero slope</b>: no gradient flows back through this neuron here"
    elif abs(df0) < SATURATION_THRESHOLD:
        verdict = (
            f"<b>saturated</b> (|f′| &lt; {SATURATION_THRESHOLD:g}): almost no gradient flows back"
        )
    else:
        verdict = "not saturated: a change in z visibly changes the output"
    return (
        "<div style='font-family: sans-serif; line-height: 1.5'>"
        f"<div><b>{html.escape(act.name)}</b>: {formula}</div>"
        f"<div>derivative: {derivative}</div>"
        f"<div>output range: {html.escape(act.output_range)}</div>"
        "<hr style='margin: 4px 0'>"
        f"<div>input to f: u = s·z₀ + b = {s:g} · {z0:.1f} + {b:g} = <b>{u0:.2f}</b></div>"
        f"<div>output f(u) = <b>{f0:.4f}</b></div>"
        f"<div>slope f′(u) = <b>{df0:.4f}</b></div>"
        f"<div>{verdict}</div>"
        f"<div>shaded (saturated) part of the plot: {saturated_share:.0%} of the z range</div>"
        "</div>"
    )


def activation_explorer(
    activation: str = "sigmoid", z_range: tuple[float, float] = (-6.0, 6.0), n_points: int = 401
) -> Explorer:
    """An explorer of one elementwise activation ``f(s * z + b)`` and its derivative.

    Parameters
    ----------
    activation : str, default "sigmoid"
        The activation shown first; one of :data:`ELEMENTWISE`.
    z_range : (float, float)
        The range of ``z`` on the horizontal axis.
    n_points : int
        Points per curve.

    Returns
    -------
    Explorer
        Controls ``activation`` (dropdown), ``scale`` (s), ``shift`` (b, the slider "extra
        bias b") and ``z0`` (the marked input). ``.state`` holds the numbers shown: ``u``,
        ``f``, ``df`` (= f'(u)) and ``saturated`` (fraction of the plotted range where
        ``|f'| < SATURATION_THRESHOLD``).
    """
    if activation not in ELEMENTWISE:
        raise ValueError(
            f"activation_explorer shows elementwise activations; choose from "
            f"{ELEMENTWISE}, got {activation!r} (softmax acts on a whole row: see "
            "notebook 04)."
        )
    z = np.linspace(z_range[0], z_range[1], n_points)
    controls = _controls(activation, z_range)
    # Blitting: the axes, ticks and labels are drawn once into a background per (activation,
    # y-range), a few kept; each update draws just the moving artists on top, well below 50 ms.
    view = BlitView(6.4, 5.0, nrows=2, ncols=1, max_backgrounds=_MAX_BACKGROUNDS)
    top, bottom, title = _figure(view, z)
    text = html_view(width="420px")
    state: dict = {}

    def update() -> None:
        act = activations.get(controls["activation"].value)
        s, b, z0 = controls["scale"].value, controls["shift"].value, controls["z0"].value
        u0 = s * z0 + b
        f, df = act(s * z + b), act.derivative(s * z + b)
        f0, df0 = float(act(np.array([u0]))[0]), float(act.derivative(np.array([u0]))[0])
        sat = np.abs(df) < SATURATION_THRESHOLD
        for part, values, at in ((top, f, f0), (bottom, df, df0)):
            part["line"].set_ydata(values)
            part["shade"].set_verts(_saturated_spans(z, sat))
            part["point"].set_data([z0], [at])
            part["guide"].set_xdata([z0, z0])
        ylim = _nice_limits(float(f.min()), float(f.max()))
        title.set_text(f"{act.name}(s·z + b) and its slope")
        view.axes[0].set_ylim(*ylim)
        view.use_background((act.name, ylim), lambda: None)
        view.draw()
        text.value = _explain(act, s, b, z0, u0, f0, df0, float(sat.mean()))
        state.update(activation=act.name, u=u0, f=f0, df=df0, saturated=float(sat.mean()))

    sliders = widgets.VBox(
        [controls["activation"], controls["scale"], controls["shift"], controls["z0"], text]
    )
    return Explorer(
        [widgets.HBox([view.image, sliders])],
        controls,
        update,
        state=state,
        views={"view": view, "text": text},
    )
