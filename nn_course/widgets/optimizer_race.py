"""Optimiser race: SGD, momentum, Nesterov, RMSProp and Adam side by side on one loss surface.

Pick a surface (the ravine, an elongated bowl, or Rosenbrock's curved valley); every optimiser
starts from the same point and takes the same number of steps. The left panel draws their paths
over the contours of the loss, the right panel the loss against the step. Sliders set the
learning rate of the SGD family (sgd, momentum, Nesterov: their step is the learning rate times
the gradient), the learning rate of the adaptive pair (RMSProp, Adam: their step is about the
learning rate long), the momentum β (also Adam's β1), RMSProp's ρ and Adam's β2.

The maths lives in :mod:`nn_course.race` (tested without widgets).

See notebook 11_hyperparameter_tuning.

Examples
--------
>>> w = optimizer_race()
>>> w.controls["surface"].value = "curved valley"
>>> sorted(w.results)
['adam', 'momentum', 'nesterov', 'rmsprop', 'sgd']
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..race import RACERS, SURFACES, race, steps_to_reach
from ..style import CLASS_COLORS, NEUTRAL, fmt
from ._base import Explorer, html_view
from ._blit import BlitView

__all__ = ["optimizer_race", "RACER_COLORS", "LABELS"]

#: One colour per racer (plain SGD in grey, the baseline).
RACER_COLORS = dict(zip(RACERS, [NEUTRAL, CLASS_COLORS[1], CLASS_COLORS[2], CLASS_COLORS[3],
                                 CLASS_COLORS[4]]))
LABELS = {"sgd": "SGD", "momentum": "momentum", "nesterov": "Nesterov", "rmsprop": "RMSProp",
          "adam": "Adam"}
#: A run "arrives" when its loss falls below this.
ARRIVED = 1e-3
LOSS_LIMITS = (1e-8, 1e3)


def _slider(value, lo, hi, description, log=False, step=None, fmt_=".3f"):
    label = 8 * len(description) + 12  # pixels: the whole label shows, however long
    style = {"description_width": f"{label}px"}
    layout = widgets.Layout(width=f"{label + 190}px")  # and a 190-pixel track with its readout
    if log:
        return widgets.FloatLogSlider(value=value, base=10, min=lo, max=hi, step=0.05,
                                      description=description, readout_format=fmt_,
                                      continuous_update=False, style=style, layout=layout)
    return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=description,
                               readout_format=fmt_, continuous_update=False, style=style,
                               layout=layout)


def _controls() -> dict:
    return {
        "surface": widgets.Dropdown(options=list(SURFACES), value="ravine", description="surface",
                                    style={"description_width": "60px"},
                                    layout=widgets.Layout(width="220px")),
        "steps": widgets.IntSlider(value=200, min=10, max=500, step=10, description="steps",
                                   continuous_update=False, style={"description_width": "60px"}),
        "lr_sgd": _slider(0.03, -4, -0.5, "η SGD, momentum, Nesterov", log=True, fmt_=".4f"),
        "lr_adaptive": _slider(0.1, -3, 0, "η RMSProp, Adam", log=True),
        "beta": _slider(0.9, 0.0, 0.99, "β momentum (Adam β1)", step=0.01, fmt_=".2f"),
        "rho": _slider(0.9, 0.0, 0.999, "ρ RMSProp", step=0.001),
        "beta_2": _slider(0.999, 0.0, 0.999, "β2 Adam", step=0.001),
    }


def _draw_surface(ax, name, artists):
    """Contours of the surface (static), limits and the minimum's star."""
    for artist in artists:
        artist.remove()
    artists.clear()
    s = SURFACES[name]
    g1, g2 = np.meshgrid(np.linspace(*s.w1_range, 161), np.linspace(*s.w2_range, 121))
    Z = s.loss(np.stack([g1, g2], axis=-1))
    levels = np.geomspace(max(Z.min(), 1e-2), Z.max(), 14)
    artists.append(ax.contourf(g1, g2, Z, levels=levels, cmap="Greys", alpha=0.3))
    artists.append(ax.contour(g1, g2, Z, levels=levels, colors=NEUTRAL, linewidths=0.5))
    artists += ax.plot(*s.minimum, "*", color="white", markeredgecolor="black", markersize=15)
    ax.set(xlim=s.w1_range, ylim=s.w2_range, title=f"{s.title}: paths (star: minimum)")


def optimizer_race() -> Explorer:
    """Race five optimisers on the ravine or the curved valley.

    Returns
    -------
    Explorer
        Controls ``surface``, ``steps``, ``lr_sgd``, ``lr_adaptive``, ``beta``, ``rho``,
        ``beta_2``. Attribute ``results``: ``{name: RaceResult}`` of the current race.
    """
    controls = _controls()
    view = BlitView(width=11.0, height=4.4, ncols=2)
    ax_path, ax_loss = view.axes
    readout = html_view()
    static: list = []
    path_lines, loss_lines = {}, {}
    for name in RACERS:
        (path_lines[name],) = ax_path.plot([], [], "-", color=RACER_COLORS[name], linewidth=1.8,
                                           label=LABELS[name])
        (loss_lines[name],) = ax_loss.plot([], [], "-", color=RACER_COLORS[name], linewidth=1.8,
                                           label=LABELS[name])
    (start_dot,) = ax_path.plot([], [], "s", color="black", markersize=7, label="start")
    ax_path.set(xlabel="w1", ylabel="w2")
    ax_path.grid(False)
    ax_path.legend(handles=[*path_lines.values(), start_dot], loc="upper right", fontsize=8,
                   ncol=2, framealpha=0.9)
    ax_loss.axhline(ARRIVED, color=NEUTRAL, linestyle=":", linewidth=1)
    ax_loss.set(yscale="log", ylim=LOSS_LIMITS, xlabel="step", ylabel="loss (log scale)",
                title=f"Loss after each step (dotted: {fmt(ARRIVED)}, 'arrived')")
    view.animate(*path_lines.values(), *loss_lines.values(), start_dot)
    shown = {"surface": None, "steps": None}
    state: dict = {}

    def update() -> None:
        name, steps = controls["surface"].value, controls["steps"].value
        if shown["surface"] != name or shown["steps"] != steps:
            _draw_surface(ax_path, name, static)
            ax_loss.set_xlim(0, steps)
            view.figure.tight_layout()
            view.redraw_background()
            shown.update(surface=name, steps=steps)
        results = race(name, steps, controls["lr_sgd"].value, controls["lr_adaptive"].value,
                       controls["beta"].value, controls["rho"].value, controls["beta_2"].value)
        state["results"] = results
        for racer, result in results.items():
            path_lines[racer].set_data(result.path[:, 0], result.path[:, 1])
            loss_lines[racer].set_data(np.arange(len(result.losses)),
                                       np.clip(result.losses, *LOSS_LIMITS))
        start_dot.set_data([SURFACES[name].start[0]], [SURFACES[name].start[1]])
        view.draw()
        readout.value = _table(results, steps)

    rows = [widgets.HBox([controls["surface"], controls["steps"]]),
            widgets.HBox([controls["lr_sgd"], controls["lr_adaptive"]]),
            widgets.HBox([controls["beta"], controls["rho"], controls["beta_2"]])]
    panel = _Race([*rows, view.image, readout], controls, update)
    panel._state = state
    return panel


def _table(results, steps) -> str:
    cells = []
    for racer, result in results.items():
        if result.diverged:
            outcome = f"diverged after {len(result.losses) - 1} steps"
        else:
            arrived = steps_to_reach(result, ARRIVED)
            outcome = (f"loss below {fmt(ARRIVED)} after {arrived} steps" if arrived is not None
                       else f"not there yet: loss {fmt(result.losses[-1])} after {steps} steps")
        cells.append(f"<tr><td style='color:{RACER_COLORS[racer]};font-weight:bold;"
                     f"padding-right:1em'>{LABELS[racer]}</td><td>{outcome}</td></tr>")
    return ("<table style='font-family:monospace;font-size:13px'>" + "".join(cells)
            + "</table>")


class _Race(Explorer):
    _quiet = False

    def _on_change(self, change) -> None:
        if self._quiet:
            return
        if change["owner"] is self.controls["surface"]:
            # A new surface brings its own learning rates (they differ by a factor of 100).
            self._quiet = True
            try:
                lr_sgd, lr_adaptive = SURFACES[change["new"]].learning_rates
                self.controls["lr_sgd"].value = lr_sgd
                self.controls["lr_adaptive"].value = lr_adaptive
            finally:
                self._quiet = False
        self.refresh()

    def __getattr__(self, name):
        state = self.__dict__.get("_state")
        if state is not None and name == "results":
            return state["results"]
        raise AttributeError(name)
