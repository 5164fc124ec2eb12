"""Descent explorer: gradient descent on a two-parameter loss, and what the learning rate does.

The loss is an elongated bowl, :math:`L(w_1, w_2) = \\tfrac12 (w_1^2 + 10\\, w_2^2)`: ten times
steeper across the valley (``w2``) than along it (``w1``). Each step is
``w <- w - learning_rate * grad L(w)``. Too small a rate crawls; a good one reaches the bottom;
above ``2 / 10 = 0.2`` the steep direction overshoots further every step and the path
diverges. The path is drawn over the contours, and the loss per step beside it.

Diverging paths stop as soon as they leave a large box, so nothing overflows.

See notebook 08_backpropagation.

Examples
--------
>>> w = descent_explorer()
>>> w.controls["learning_rate"].value = 0.5
>>> w.diverged
True
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..descent import BLOW_UP, CURVATURE, bowl_gradient, bowl_loss, run_descent
from ..style import ACCENT, CLASS_COLORS, MUTED, NEUTRAL, fmt
from ._controls import dropdown, int_slider
from ._base import Explorer, html_view
from ._blit import BlitView

__all__ = ["descent_explorer", "bowl_loss", "bowl_gradient", "run_descent", "CURVATURE"]

STARTS = {"(-4, 2)": (-4.0, 2.0), "(4, 2.5)": (4.0, 2.5), "(-2, -2.5)": (-2.0, -2.5)}  # (w1, w2)
W1_RANGE, W2_RANGE = (-5.0, 5.0), (-3.0, 3.0)


#: Verdict colours: green for good, purple for "almost too big", vermillion for diverging.
_GOOD, _EDGY, _SLOW = CLASS_COLORS[2], CLASS_COLORS[3], MUTED


def _verdict(path, losses, diverged):
    """(short tag, sentence, colour) saying what this learning rate does."""
    if diverged:
        return (
            "too big: diverges",
            "too big: the path overshoots further every step and diverges",
            ACCENT,
        )
    converged = losses[-1] < 1e-3 * losses[0]
    # Zig-zag: the steep coordinate w2 flips sign on most steps (it overshoots the valley floor).
    zigzag = len(path) > 2 and np.mean(np.diff(np.sign(path[:, 1])) != 0) > 0.5
    if converged and zigzag:
        return (
            "converges with a zig-zag",
            "converges, but zig-zags across the steep valley (getting close to too big)",
            _EDGY,
        )
    if converged:
        return "about right", "about right: reaches the bottom", _GOOD
    if zigzag:
        return (
            "bouncing: almost too big",
            "bounces across the valley and settles only slowly (almost too big)",
            _EDGY,
        )
    return "too small: slow", "too small: crawls, still far from the bottom", _SLOW


def _controls() -> dict:
    wide = {"description_width": "90px"}
    return {
        "learning_rate": widgets.FloatLogSlider(
            value=0.01,
            base=10,
            min=-3,
            max=0,
            step=0.05,
            description="learning rate",
            style=wide,
            readout_format=".3f",
            continuous_update=True,
        ),
        "steps": int_slider("steps", 30, 1, 100, continuous_update=True),
        "start": dropdown(
            "start w", list(STARTS), "(-4, 2)", style=wide, layout=widgets.Layout(width="220px")
        ),
    }


def _path_panel(ax) -> tuple:
    """Contours of the bowl (static); returns the moving path line, start dot and legend."""
    g1, g2 = np.meshgrid(np.linspace(*W1_RANGE, 161), np.linspace(*W2_RANGE, 121))
    Z = bowl_loss(np.stack([g1, g2], axis=-1))
    ax.contourf(g1, g2, Z, levels=np.geomspace(0.01, Z.max(), 20), cmap="cividis", alpha=0.85)
    ax.contour(g1, g2, Z, levels=np.geomspace(0.05, Z.max(), 10), colors="white", linewidths=0.5)
    ax.plot([0], [0], "*", color="white", markeredgecolor="black", markersize=14, label="minimum")
    (path_line,) = ax.plot(
        [], [], "-o", color=ACCENT, markersize=3.5, linewidth=1.5, label="gradient descent path"
    )
    (start_dot,) = ax.plot(
        [], [], "s", color="white", markeredgecolor="black", markersize=8, label="start"
    )
    ax.set(
        xlim=W1_RANGE,
        ylim=W2_RANGE,
        xlabel="w1 (gentle direction)",
        ylabel="w2 (steep direction)",
        title="Path over the loss contours (darker = lower)",
    )
    ax.grid(False)
    return path_line, start_dot, ax.legend(loc="lower right", fontsize=10, frameon=True)


def _loss_panel(ax) -> tuple:
    """The loss per step (log scale); returns the moving loss line, start level and status."""
    (loss_line,) = ax.plot([], [], "-o", color=ACCENT, markersize=3, label="loss at each step")
    ax.set(
        yscale="log",
        xlim=(0, 100),
        ylim=(1e-6, 1e6),
        xlabel="step",
        ylabel="loss (log scale)",
        title="Loss after each step",
    )
    start_line = ax.axhline(1.0, color=NEUTRAL, linestyle=":", linewidth=1, label="starting loss")
    ax.legend(loc="upper right", fontsize=10)
    status = ax.text(
        3,
        3e-6,
        "",
        fontsize=11,
        fontweight="bold",
        bbox={"facecolor": "white", "edgecolor": NEUTRAL},
    )
    return loss_line, start_line, status


def _readout(lr, steps, path, losses, verdict, colour) -> str:
    stop = (
        f", stopped after {len(path) - 1} steps because |w| passed {BLOW_UP:g}"
        if len(path) - 1 < steps
        else f" after {steps} steps"
    )
    return (
        "<div style='font-family:monospace;font-size:14px'>"
        f"learning rate {lr:.3f}: loss {fmt(losses[0])} at the start, {fmt(losses[-1])}"
        f"{stop}.<br><b style='color:{colour}'>{verdict}</b></div>"
    )


def descent_explorer() -> Explorer:
    """A learning-rate slider (log scale) for gradient descent on an elongated bowl.

    Returns
    -------
    Explorer
        Controls ``learning_rate`` (log slider 0.001 to 1), ``steps`` (1 to 100), ``start``
        (dropdown). Attributes ``path``, ``losses``, ``diverged``, ``verdict``.
    """
    controls = _controls()
    view = BlitView(width=10.0, height=4.0, ncols=2)
    readout = html_view()
    path_line, start_dot, path_legend = _path_panel(view.axes[0])
    loss_line, start_line, status = _loss_panel(view.axes[1])
    view.figure.tight_layout()
    view.animate(start_line, path_line, start_dot, loss_line, status, path_legend)
    state = {}

    def update() -> None:
        lr, steps = controls["learning_rate"].value, controls["steps"].value
        path, losses, diverged = run_descent(STARTS[controls["start"].value], lr, steps)
        tag, verdict, colour = _verdict(path, losses, diverged)
        state.update(path=path, losses=losses, diverged=diverged, verdict=verdict)
        # Far-away points are clipped for drawing only; the numbers above are the real ones.
        shown = np.clip(path, -1e3, 1e3)
        path_line.set_data(shown[:, 0], shown[:, 1])
        start_dot.set_data([path[0, 0]], [path[0, 1]])
        start_line.set_ydata([losses[0], losses[0]])
        loss_line.set_data(np.arange(len(losses)), np.clip(losses, 1e-12, 1e12))
        status.set_text(tag)
        status.set_color(colour)
        view.draw()
        readout.value = _readout(lr, steps, path, losses, verdict, colour)

    top = widgets.HBox([controls["learning_rate"], controls["steps"], controls["start"]])
    return _Descent([top, readout, view.image], controls, update, state=state, views={"view": view})


class _Descent(Explorer):
    """The Explorer :func:`descent_explorer` returns; the path and its verdict are exposed."""

    @property
    def path(self) -> np.ndarray:
        """The points of the path, shape (k + 1, 2)."""
        return self.state["path"]

    @property
    def losses(self) -> np.ndarray:
        """The loss at each point of the path, shape (k + 1,)."""
        return self.state["losses"]

    @property
    def diverged(self) -> bool:
        return self.state["diverged"]

    @property
    def verdict(self) -> str:
        """What this learning rate does, in one sentence."""
        return self.state["verdict"]
