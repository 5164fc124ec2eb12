"""Loss landscape: one neuron's loss as a surface over its weight and bias.

A single sigmoid neuron ``p = sigmoid(w x + b)`` classifies a small 1-D data set. Every pair
``(w, b)`` has a loss; drawn over a grid it is a landscape, and your ``(w, b)`` is a point on
it. The second panel shows the fit: the neuron's curve over the data. Switch the loss between
mean squared error and binary cross-entropy to see why cross-entropy is the better landscape
for classification (no flat plateaus far from the answer).

The contours of both losses are computed and rendered once, when the widget is built; a slider
or the loss dropdown then only redraws the point, the curve and the text on cached pixels.

See notebook 07_loss_functions.

Examples
--------
>>> w = loss_landscape()
>>> w.controls["w"].value = 2.0
>>> b = w.controls["b"].value
>>> round(w.loss_value, 4) == round(neuron_loss(2.0, b, "binary_cross_entropy"), 4)
True
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..activations import _sigmoid
from ..landscape import DATA_X, DATA_Y, LOSS_LABELS, losses_on_grid, neuron_loss
from ..style import ACCENT, CLASS_COLORS, NEUTRAL, class_color
from ._controls import dropdown, slider
from ._base import Explorer, html_view
from ._blit import BlitView

__all__ = ["loss_landscape", "neuron_loss", "DATA_X", "DATA_Y"]

W_RANGE, B_RANGE = (-6.0, 6.0), (-6.0, 6.0)


def _controls() -> dict:
    one_decimal = {"readout_format": ".1f"}
    return {
        "w": slider("weight w", -1.0, W_RANGE[0], W_RANGE[1], **one_decimal),
        "b": slider("bias b", 2.0, B_RANGE[0], B_RANGE[1], **one_decimal),
        "loss": dropdown(
            "loss", [(label, key) for key, label in LOSS_LABELS.items()], "binary_cross_entropy"
        ),
    }


def _landscape_panel(ax) -> tuple:
    """The moving point, the star at the grid's lowest loss, and the legend."""
    (point,) = ax.plot(
        [],
        [],
        "o",
        color=ACCENT,
        markersize=10,
        markeredgecolor="white",
        markeredgewidth=1.5,
        label="your (w, b)",
        zorder=5,
        clip_on=False,
    )  # whole dot visible at the slider ends (the grid's edges)
    (best,) = ax.plot(
        [],
        [],
        "*",
        color="white",
        markersize=14,
        markeredgecolor="black",
        label="lowest loss on the grid",
        zorder=4,
    )
    ax.set(xlabel="weight w", ylabel="bias b", xlim=W_RANGE, ylim=B_RANGE)
    ax.grid(False)
    return point, best, ax.legend(loc="lower left", fontsize=10, frameon=True)


def _fit_panel(ax, xs) -> tuple:
    """The data (class colours), the neuron's curve and a text box: the moving parts."""
    for label in (0, 1):
        mask = DATA_Y == label
        ax.scatter(
            DATA_X[mask],
            DATA_Y[mask],
            color=class_color(label),
            s=50,
            edgecolor="black",
            zorder=3,
            label=f"class {label}",
        )
    (curve,) = ax.plot(
        xs, np.zeros_like(xs), color=CLASS_COLORS[2], linewidth=2.5, label="p = sigmoid(w x + b)"
    )
    ax.axhline(0.5, color=NEUTRAL, linestyle=":", linewidth=1)
    ax.set(
        xlabel="input x",
        ylabel="p (probability of class 1)",
        ylim=(-0.08, 1.08),
        xlim=(-4, 4),
        title="The neuron's fit on the data",
    )
    legend = ax.legend(loc="center right", fontsize=10, frameon=True)
    text = ax.text(
        -3.85,
        0.62,
        "",
        fontsize=10,
        family="monospace",
        bbox={"facecolor": "white", "edgecolor": NEUTRAL, "alpha": 0.9},
    )
    return curve, legend, text


def loss_landscape(resolution: int = 121) -> Explorer:
    """Sliders for ``w`` and ``b`` put a point on the loss surface and show the neuron's fit.

    Returns
    -------
    Explorer
        Controls ``w``, ``b`` (sliders) and ``loss`` (dropdown: ``"binary_cross_entropy"``,
        ``"mse"``). Attributes ``loss_value`` (the loss at the current point) and
        ``n_contours_computed`` (how many loss surfaces were computed: one per loss, at build
        time).
    """
    controls = _controls()
    view = BlitView(width=10.0, height=4.0, ncols=2)
    ax_land, ax_fit = view.axes
    readout = html_view()
    Wg, Bg = np.meshgrid(np.linspace(*W_RANGE, resolution), np.linspace(*B_RANGE, resolution))
    surfaces = {loss: losses_on_grid(Wg, Bg, loss) for loss in LOSS_LABELS}
    state = {"contours": [], "loss_value": np.nan, "surfaces": surfaces}
    point, best, land_legend = _landscape_panel(ax_land)
    xs = np.linspace(-4, 4, 200)
    curve, fit_legend, fit_text = _fit_panel(ax_fit, xs)
    view.figure.tight_layout()
    view.animate(point, curve, fit_text, land_legend, fit_legend)  # legends on top of the curve

    def draw_contours(loss: str) -> None:
        for artist in state["contours"]:
            artist.remove()
        Z = surfaces[loss]
        # Log-spaced levels show both the steep walls and the flat floor.
        levels = np.geomspace(Z.min() * 0.98, Z.max(), 25)
        filled = ax_land.contourf(Wg, Bg, Z, levels=levels, cmap="cividis", zorder=1)
        lines = ax_land.contour(
            Wg, Bg, Z, levels=levels[::3], colors="white", linewidths=0.5, alpha=0.6, zorder=2
        )
        state["contours"] = [filled, lines]
        i, j = np.unravel_index(np.argmin(Z), Z.shape)
        best.set_data([Wg[i, j]], [Bg[i, j]])
        ax_land.set_title(f"Loss surface: {LOSS_LABELS[loss]} (darker = lower)")

    # Render each loss's background (contours, star, title) once, up front: switching the
    # dropdown then only swaps cached pixels, as fast as moving a slider.
    for loss in LOSS_LABELS:
        view.use_background(loss, lambda loss=loss: draw_contours(loss))

    def update() -> None:
        loss, w, b = controls["loss"].value, controls["w"].value, controls["b"].value
        view.use_background(loss, lambda: draw_contours(loss))
        value = neuron_loss(w, b, loss)
        state["loss_value"] = value
        point.set_data([w], [b])
        curve.set_ydata(_sigmoid(w * xs + b))
        fit_text.set_text(f"w = {w:.1f}, b = {b:.1f}\nloss = {value:.4f}")
        view.draw()
        readout.value = (
            f"<div style='font-family:monospace;font-size:14px'>w = {w:.1f}, "
            f"b = {b:.1f} &rarr; {LOSS_LABELS[loss]} = <b>{value:.4f}</b> "
            f"(lowest on the grid: {surfaces[loss].min():.4f})</div>"
        )

    row = widgets.HBox([controls["w"], controls["b"], controls["loss"]])
    return _Landscape(
        [row, readout, view.image], controls, update, state=state, views={"view": view}
    )


class _Landscape(Explorer):
    """The Explorer :func:`loss_landscape` returns; the loss at the sliders is exposed."""

    @property
    def loss_value(self) -> float:
        """The loss at the sliders' ``(w, b)``."""
        return self.state["loss_value"]

    @property
    def n_contours_computed(self) -> int:
        """How many loss surfaces have been computed (each loss once, when the widget is built)."""
        return len(self.state["surfaces"])
