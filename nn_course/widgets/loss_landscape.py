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
>>> round(w.loss_value, 4) == round(neuron_loss(2.0, w.controls["b"].value, "binary_cross_entropy"), 4)
True
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..activations import _sigmoid
from ..landscape import DATA_X, DATA_Y, LOSS_LABELS, losses_on_grid, neuron_loss
from ..plotting import PALETTE
from ._base import Explorer, html_view
from ._blit import BlitView

__all__ = ["loss_landscape", "neuron_loss", "DATA_X", "DATA_Y"]

W_RANGE, B_RANGE = (-6.0, 6.0), (-6.0, 6.0)


def loss_landscape(resolution: int = 121) -> Explorer:
    """Sliders for ``w`` and ``b`` put a point on the loss surface and show the neuron's fit.

    Returns
    -------
    Explorer
        Controls ``w``, ``b`` (sliders) and ``loss`` (dropdown: ``"binary_cross_entropy"``,
        ``"mse"``). Attributes ``loss_value`` (the loss at the current point) and
        ``n_contours_computed`` (how many loss surfaces were computed: one per loss, at build time).
    """
    controls = {
        "w": widgets.FloatSlider(value=-1.0, min=W_RANGE[0], max=W_RANGE[1], step=0.1, description="weight w",
                                 continuous_update=True, readout_format=".1f"),
        "b": widgets.FloatSlider(value=2.0, min=B_RANGE[0], max=B_RANGE[1], step=0.1, description="bias b",
                                 continuous_update=True, readout_format=".1f"),
        "loss": widgets.Dropdown(options=[(label, key) for key, label in LOSS_LABELS.items()],
                                 value="binary_cross_entropy", description="loss"),
    }
    view = BlitView(width=10.0, height=4.0, ncols=2)
    ax_land, ax_fit = view.axes
    readout = html_view()

    ws = np.linspace(*W_RANGE, resolution)
    bs = np.linspace(*B_RANGE, resolution)
    Wg, Bg = np.meshgrid(ws, bs)
    cache: dict[str, np.ndarray] = {}
    state = {"artists": [], "loss_value": np.nan}

    # Landscape panel: contours (rendered once per loss, below), the point, the minimum.
    (point,) = ax_land.plot([], [], "o", color=PALETTE[3], markersize=10, markeredgecolor="white",
                            markeredgewidth=1.5, label="your (w, b)", zorder=5,
                            clip_on=False)  # whole dot visible at the slider ends (the grid's edges)
    (best,) = ax_land.plot([], [], "*", color="white", markersize=14, markeredgecolor="black",
                           label="lowest loss on the grid", zorder=4)
    ax_land.set(xlabel="weight w", ylabel="bias b", xlim=W_RANGE, ylim=B_RANGE)
    ax_land.grid(False)
    land_legend = ax_land.legend(loc="lower left", fontsize=10, frameon=True)

    # Fit panel: data, the neuron's curve, the 0.5 threshold.
    xs = np.linspace(-4, 4, 200)
    for label, colour in ((0, PALETTE[0]), (1, PALETTE[1])):
        mask = DATA_Y == label
        ax_fit.scatter(DATA_X[mask], DATA_Y[mask], color=colour, s=50, edgecolor="black", zorder=3,
                       label=f"class {label}")
    (curve,) = ax_fit.plot(xs, np.zeros_like(xs), color=PALETTE[2], linewidth=2.5, label="p = sigmoid(w x + b)")
    ax_fit.axhline(0.5, color="#888888", linestyle=":", linewidth=1)
    ax_fit.set(xlabel="input x", ylabel="p (probability of class 1)", ylim=(-0.08, 1.08), xlim=(-4, 4),
               title="The neuron's fit on the data")
    fit_legend = ax_fit.legend(loc="center right", fontsize=10, frameon=True)
    fit_text = ax_fit.text(-3.85, 0.62, "", fontsize=10, family="monospace",
                           bbox={"facecolor": "white", "edgecolor": "#999999", "alpha": 0.9})
    view.figure.tight_layout()
    view.animate(point, curve, fit_text, land_legend, fit_legend)  # legends on top of the curve

    def surface(loss: str) -> np.ndarray:
        if loss not in cache:
            cache[loss] = losses_on_grid(Wg, Bg, loss)
        return cache[loss]

    def draw_contours(loss: str) -> None:
        for artist in state["artists"]:
            artist.remove()
        Z = surface(loss)
        # Log-spaced levels show both the steep walls and the flat floor.
        levels = np.geomspace(Z.min() * 0.98, Z.max(), 25)
        filled = ax_land.contourf(Wg, Bg, Z, levels=levels, cmap="cividis", zorder=1)
        lines = ax_land.contour(Wg, Bg, Z, levels=levels[::3], colors="white", linewidths=0.5, alpha=0.6, zorder=2)
        state["artists"] = [filled, lines]
        i, j = np.unravel_index(np.argmin(Z), Z.shape)
        best.set_data([Wg[i, j]], [Bg[i, j]])
        ax_land.set_title(f"Loss surface: {LOSS_LABELS[loss]} (darker = lower)")
        view.redraw_background()

    # Render each loss's background (contours, star, title) once, up front: switching the
    # dropdown then only swaps cached pixels, as fast as moving a slider.
    backgrounds = {}
    for loss in LOSS_LABELS:
        draw_contours(loss)
        backgrounds[loss] = view._background

    def update() -> None:
        loss, w, b = controls["loss"].value, controls["w"].value, controls["b"].value
        view._background = backgrounds[loss]
        value = neuron_loss(w, b, loss)
        state["loss_value"] = value
        point.set_data([w], [b])
        curve.set_ydata(_sigmoid(w * xs + b))
        fit_text.set_text(f"w = {w:.1f}, b = {b:.1f}\nloss = {value:.4f}")
        view.draw()
        readout.value = (f"<div style='font-family:monospace;font-size:14px'>w = {w:.1f}, b = {b:.1f} &rarr; "
                         f"{LOSS_LABELS[loss]} = <b>{value:.4f}</b> "
                         f"(lowest on the grid: {surface(loss).min():.4f})</div>")

    panel = _Landscape([widgets.HBox([controls["w"], controls["b"], controls["loss"]]), readout, view.image],
                       controls, update)
    panel._state, panel._cache = state, cache
    return panel


class _Landscape(Explorer):
    @property
    def loss_value(self) -> float:
        """The loss at the sliders' ``(w, b)``."""
        return self._state["loss_value"]

    @property
    def n_contours_computed(self) -> int:
        """How many loss surfaces have been computed (each loss once, then cached)."""
        return len(self._cache)
