"""``perceptron_lab()``: move a perceptron's decision line by hand, or let the learning rule do it.

Three sliders set ``w1``, ``w2`` and ``b``; the line ``w1*x1 + w2*x2 + b = 0`` and the shaded
half-plane where the perceptron says 1 follow them, and misclassified points get a ring. The
buttons apply Rosenblatt's rule (:meth:`nn_course.Perceptron.step`) to one sample or to the rest
of an epoch, print the update (``x``, ``y``, ``y_pred``, the change in ``w`` and ``b``) and move
the sliders to the learned weights, so hand-tuning and learning share one state.

See notebook 02_perceptron.

Examples
--------
>>> lab = perceptron_lab("AND")
>>> lab.controls["reset"].click()
>>> lab.controls["step"].click()          # sample 1 of AND: x = (0, 0), y = 0, predicted 1
>>> lab.perceptron.n_updates, lab.controls["b"].value
(1, -1.0)
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from ..perceptron import LAB_DATASETS, Perceptron, halfplane_polygon, lab_data
from ..plotting import MARKERS
from ..style import ACCENT, class_color, fmt_fixed
from ._controls import dropdown, slider
from ._base import Explorer, html_view
from ._blit import BlitView
from ._perceptron_text import explain_epoch, explain_intro, explain_step, recent

__all__ = ["perceptron_lab", "PerceptronLab", "DATASETS", "lab_data", "halfplane_polygon"]

#: Data sets the lab offers, in dropdown order.
DATASETS = LAB_DATASETS


def _limits(X: np.ndarray) -> tuple[float, float, float, float]:
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = 0.5 if np.all(np.isin(X, (0.0, 1.0))) else 0.4
    return lo[0] - pad, hi[0] + pad, lo[1] - pad, hi[1] + pad


def _room(point, direction, box, margin: float) -> float:
    """How far one can go from ``point`` along the unit vector ``direction`` and stay ``margin``
    inside ``box``."""
    x0, x1, y0, y1 = box
    room = np.inf
    for p, d, lo, hi in ((point[0], direction[0], x0, x1), (point[1], direction[1], y0, y1)):
        if d > 0:
            room = min(room, (hi - margin - p) / d)
        elif d < 0:
            room = min(room, (lo + margin - p) / d)
    return float(room)


def _controls(dataset: str, w1: float, w2: float, b: float) -> dict:
    look = {
        "readout_format": ".2f",
        "style": {"description_width": "30px"},
        "layout": widgets.Layout(width="330px"),
    }
    return {
        "dataset": dropdown(
            "data",
            list(DATASETS),
            dataset,
            style={"description_width": "40px"},
            layout=widgets.Layout(width="170px"),
        ),
        "w1": slider("w1", w1, -4.0, 4.0, **look),
        "w2": slider("w2", w2, -4.0, 4.0, **look),
        "b": slider("b", b, -4.0, 4.0, **look),
        "step": widgets.Button(
            description="learn one step",
            button_style="primary",
            icon="step-forward",
            tooltip="Apply the perceptron rule to the next sample",
        ),
        "epoch": widgets.Button(
            description="learn one epoch",
            icon="fast-forward",
            tooltip="Apply the rule to every remaining sample of this epoch",
        ),
        "reset": widgets.Button(
            description="reset", icon="undo", tooltip="Weights and bias back to 0"
        ),
    }


def _artists(view: BlitView) -> dict:
    """The moving parts of the figure: region, line, arrow for w, points, rings."""
    ax = view.axes
    a = {
        "region": ax.fill(
            [0, 0], [0, 0], color=class_color(1), alpha=0.13, lw=0, label="predicted 1"
        )[0]
    }
    (a["line"],) = ax.plot([], [], color="black", lw=2, label="decision line")
    a["arrow"] = ax.annotate(
        "", xy=(0, 0), xytext=(0, 0), arrowprops=dict(arrowstyle="->", color="black", lw=1.5)
    )
    a["w_label"] = ax.text(0, 0, "w", fontsize=11, fontweight="bold", ha="center", va="center")
    a["points"] = [
        ax.scatter(
            [],
            [],
            s=70,
            color=class_color(c),
            marker=MARKERS[c],
            edgecolor="white",
            zorder=3,
            label=f"class {c}",
        )
        for c in (0, 1)
    ]
    a["wrong"] = ax.scatter(
        [], [], s=260, facecolor="none", edgecolor=ACCENT, lw=2.2, zorder=4, label="misclassified"
    )
    a["current"] = ax.scatter(
        [],
        [],
        s=420,
        facecolor="none",
        edgecolor="black",
        lw=1.2,
        linestyle="--",
        zorder=4,
        label="last sample",
    )
    ax.set(xlabel="$x_1$", ylabel="$x_2$")
    ax.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
    ax.yaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
    ax.set_aspect("equal", adjustable="box")
    legend = ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
    for handle in legend.legend_handles:
        if hasattr(handle, "set_sizes"):  # scatter entries: one readable size for all
            handle.set_sizes([60])
    view.figure.subplots_adjust(left=0.15, right=0.7, bottom=0.12, top=0.9)
    view.animate(
        a["region"], a["line"], a["arrow"], a["w_label"], *a["points"], a["wrong"], a["current"]
    )
    return a


def _draw_line(a: dict, w: np.ndarray, bias: float, box) -> None:
    """The line ``w.x + b = 0`` through the box, the half-plane it bounds, and the arrow w."""
    x0, x1, y0, y1 = box
    poly = halfplane_polygon(w, bias, box)
    a["region"].set_xy(poly if len(poly) else np.zeros((1, 2)))
    norm = float(np.hypot(*w))
    visible = False
    if norm > 0:
        # w is drawn from the line's point nearest the box centre.
        centre = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
        foot = centre - (centre @ w + bias) / norm**2 * w
        direction = np.array([-w[1], w[0]]) / norm
        span = 2 * max(x1 - x0, y1 - y0)
        ends = np.array([foot - span * direction, foot + span * direction])
        a["line"].set_data(ends[:, 0], ends[:, 1])
        # Shorten the arrow where the line runs near the edge: it and its label stay in the box.
        u = w / norm
        length = min(0.35 * min(x1 - x0, y1 - y0), _room(foot, u, box, 0.1 * (x1 - x0)))
        tip = foot + length * u
        a["arrow"].xy, a["arrow"].xyann = tuple(tip), tuple(foot)
        a["w_label"].set_position(tip + 0.06 * (x1 - x0) * u)
        visible = (
            x0 <= foot[0] <= x1 and y0 <= foot[1] <= y1 and length >= 0.08 * min(x1 - x0, y1 - y0)
        )
    else:
        a["line"].set_data([], [])
    a["arrow"].set_visible(visible)
    a["w_label"].set_visible(visible)


def _status(perceptron: Perceptron, state: dict, n_wrong: int) -> str:
    w, bias, n = perceptron.weights, perceptron.bias, len(state["X"])
    verdict = (
        "every point is on its correct side"
        if n_wrong == 0
        else f"<b style='color:{ACCENT}'>{n_wrong}</b> of {n} points on the wrong side"
    )
    return (
        "<div style='font-family:monospace;font-size:13px;line-height:1.5'>"
        f"line: {fmt_fixed(w[0], 2)}&middot;x1 {'-' if w[1] < 0 else '+'} "
        f"{fmt_fixed(abs(w[1]), 2)}&middot;x2 {'-' if bias < 0 else '+'} "
        f"{fmt_fixed(abs(bias), 2)} = 0 &nbsp;&rarr;&nbsp; {verdict}<br>"
        f"updates so far: {perceptron.n_updates} &nbsp;|&nbsp; epoch {state['epoch'] + 1}, "
        f"next sample: #{state['cursor'] + 1} of {n} &nbsp;|&nbsp; updates per finished epoch: "
        f"{recent(state['epoch_errors'])}</div>"
    )


def _restart(perceptron: Perceptron, state: dict) -> None:
    """Back to sample 1 of epoch 1, with no updates counted."""
    perceptron.history.clear()  # "updates so far" counts updates on this data set only
    state.update(cursor=0, epoch=0, errors_this_epoch=0, last_update=None, epoch_errors=[])


def _one_step(perceptron: Perceptron, state: dict) -> dict:
    """Apply the rule to the next sample; returns the record :meth:`Perceptron.step` gives."""
    X, y, i = state["X"], state["y"], state["cursor"]
    record = perceptron.step(X[i], y[i], epoch=state["epoch"], index=i)
    state["last_update"] = record
    state["errors_this_epoch"] += int(record["updated"])
    state["cursor"] += 1
    if state["cursor"] == len(X):
        state["epoch_errors"].append(state["errors_this_epoch"])
        state.update(cursor=0, epoch=state["epoch"] + 1, errors_this_epoch=0)
    return record


def _set_sliders(controls: dict, state: dict, w, bias) -> None:
    """Move the sliders to the learned weights without redrawing three times."""
    state["quiet"] = True
    try:
        for key, value in (("w1", w[0]), ("w2", w[1]), ("b", bias)):
            slider, value = controls[key], float(value)
            if abs(value) > slider.max:  # let the learned weights leave the default range
                slider.max, slider.min = abs(value) + 1.0, -(abs(value) + 1.0)
            slider.value = value
    finally:
        state["quiet"] = False


_RESET_TEXT = (
    "Weights and bias set to 0 (the classic start: with w = 0 and b = 0, z = 0 for "
    "every input, so the perceptron says 1 everywhere). Now click <b>learn one "
    "step</b>."
)


def _load_dataset(name: str, state: dict, view: BlitView, artists: dict) -> str:
    """Show data set ``name`` from the start of epoch 1; returns the text introducing it."""
    X, y = lab_data(name)
    state.update(X=X, y=y, box=_limits(X), dataset=name)
    _restart(state["perceptron"], state)
    x0, x1, y0, y1 = state["box"]
    view.axes.set(xlim=(x0, x1), ylim=(y0, y1), title=f"Perceptron on {name}")
    # Axes, ticks, title and legend depend only on the data set: rendered once for each.
    view.use_background(name, lambda: None)
    for c in (0, 1):
        artists["points"][c].set_offsets(X[y == c])
    return explain_intro(name, len(X))


def _draw_lab(view: BlitView, artists: dict, perceptron: Perceptron, state: dict) -> int:
    """Redraw line, rings and last sample; returns how many points are misclassified."""
    miss = perceptron.predict(state["X"]) != state["y"]
    artists["wrong"].set_offsets(state["X"][miss])
    _draw_line(artists, perceptron.weights, perceptron.bias, state["box"])
    last = state["last_update"]
    artists["current"].set_offsets(
        last["x"].reshape(1, 2) if last is not None else np.empty((0, 2))
    )
    view.draw()
    return int(miss.sum())


def perceptron_lab(
    dataset: str = "AND",
    learning_rate: float = 1.0,
    w1: float = 0.5,
    w2: float = 0.5,
    b: float = -0.2,
) -> Explorer:
    """A lab for one perceptron on a 2-D data set.

    Parameters
    ----------
    dataset : {"AND", "OR", "NAND", "XOR", "blobs"}
        The data set shown first (a dropdown switches it).
    learning_rate : float
        ``eta`` in the rule ``w <- w + eta (y - y_pred) x``, ``b <- b + eta (y - y_pred)``.
    w1, w2, b : float
        Starting weights and bias (the "reset" button sets all three to 0, the classic start).

    Returns
    -------
    Explorer
        Controls ``dataset``, ``w1``, ``w2``, ``b`` (sliders), ``step``, ``epoch``, ``reset``
        (buttons). Extra attributes: ``perceptron`` (the :class:`~nn_course.Perceptron` whose
        weights the sliders show), ``data`` (the current ``(X, y)``), ``last_update`` (the dict
        the last rule application returned, or None) and ``epoch_errors`` (updates per finished
        epoch since the last reset or data-set change).
    """
    perceptron = Perceptron(n_inputs=2, lr=learning_rate)
    controls = _controls(dataset, w1, w2, b)
    view = BlitView(6.0, 4.6)
    artists = _artists(view)
    status, update_text = html_view(width="760px"), html_view(width="760px")
    state = {"quiet": False, "dataset": None, "perceptron": perceptron}

    def update():
        if state["quiet"]:
            return
        if controls["dataset"].value != state["dataset"]:
            update_text.value = _load_dataset(controls["dataset"].value, state, view, artists)
        perceptron.weights = np.array([controls["w1"].value, controls["w2"].value], dtype=float)
        perceptron.bias = float(controls["b"].value)
        status.value = _status(perceptron, state, _draw_lab(view, artists, perceptron, state))

    def learn(explain, whole_epoch: bool):
        def handler(_button):
            records = [_one_step(perceptron, state)]
            while whole_epoch and state["cursor"] != 0:
                records.append(_one_step(perceptron, state))
            _set_sliders(controls, state, perceptron.weights, perceptron.bias)
            update_text.value = explain(records, state, perceptron.lr)
            lab.refresh()

        return handler

    def on_reset(_button):
        _set_sliders(controls, state, (0.0, 0.0), 0.0)
        _restart(perceptron, state)
        update_text.value = _RESET_TEXT
        lab.refresh()

    controls["step"].on_click(learn(lambda r, s, lr: explain_step(r[0], lr, len(s["X"])), False))
    controls["epoch"].on_click(
        learn(lambda r, s, lr: explain_epoch(r, s["epoch"], len(s["X"])), True)
    )
    controls["reset"].on_click(on_reset)
    buttons = widgets.HBox([controls["step"], controls["epoch"], controls["reset"]])
    sliders = widgets.VBox([controls[k] for k in ("dataset", "w1", "w2", "b")] + [buttons])
    lab = PerceptronLab(
        [widgets.HBox([sliders]), view.image, status, update_text],
        controls,
        update,
        state=state,
        views={"view": view, "status": status, "update_text": update_text},
    )
    return lab


class PerceptronLab(Explorer):
    """The Explorer :func:`perceptron_lab` returns, with read-only views of the lab's state."""

    @property
    def perceptron(self) -> Perceptron:
        """The perceptron whose weights the sliders show."""
        return self.state["perceptron"]

    @property
    def data(self):
        """The current data set, ``(X (n, 2), y (n,))``."""
        return self.state["X"], self.state["y"]

    @property
    def last_update(self):
        """The record of the last rule application (None after a reset or a new data set)."""
        return self.state["last_update"]

    @property
    def epoch_errors(self) -> list[int]:
        """Updates per finished epoch since the last reset or data-set change."""
        return list(self.state["epoch_errors"])
