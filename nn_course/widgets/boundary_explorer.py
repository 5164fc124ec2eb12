"""``boundary_explorer()``: a linear model against data sets it can and cannot separate.

The model is logistic regression, built from the package as a one-neuron network (one
``Dense`` layer with a sigmoid) and trained by full-batch gradient descent on the
cross-entropy. Switch the data set (separable blobs, XOR, circles, moons, spirals), the noise,
and add hand-made features (``x1*x2``, ``x1^2 + x2^2``): the boundary and the accuracy show
what a straight line can do, and how a well-chosen feature turns XOR or circles into an easy
problem. Each (data set, noise, features) choice is trained once and cached.

See notebook 01_why_neural_networks.

The model and its data live in :mod:`nn_course.linear` (``LinearModel``, ``make_data``).

Examples
--------
>>> w = boundary_explorer()
>>> w.controls["x1*x2"].value = True
>>> w.accuracy > 0.9
True
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from contourpy import contour_generator
from matplotlib.lines import Line2D

from ..linear import FEATURES, LinearModel, make_data
from ..plotting import BINARY_CMAP, CLASS_COLORS, MARKERS
from ..style import NEUTRAL
from ._controls import checkbox, dropdown, slider
from ._base import Explorer, html_view
from ._blit import BlitView

__all__ = [
    "boundary_explorer",
    "BoundaryExplorer",
    "LinearModel",
    "FEATURES",
    "DATASET_CHOICES",
    "make_data",
]

#: Dropdown label -> data-set generator name.
DATASET_CHOICES = {
    "blobs (separable)": "blobs",
    "XOR": "xor",
    "circles": "circles",
    "moons": "moons",
    "spirals": "spirals",
}

_LIMIT = 1.75  # every data set is shown in [-1.75, 1.75]^2


def _contour_lines(g: np.ndarray, p: np.ndarray, level: float) -> np.ndarray:
    """The level set ``p == level`` on the grid ``g x g`` as one (k, 2) polyline, pieces split
    by NaN rows.

    Computed once per cached choice and drawn as a single line, which is far cheaper to redraw
    than a new contour set on every change.
    """
    if not p.min() < level < p.max():
        return np.empty((0, 2))
    pieces = contour_generator(g, g, p).lines(level)
    gap = np.full((1, 2), np.nan)
    return np.concatenate([part for piece in pieces for part in (piece, gap)])


class BoundaryExplorer(Explorer):
    """The Explorer :func:`boundary_explorer` returns; ``model`` and ``data`` are the shown ones."""

    @property
    def model(self) -> LinearModel:
        """The trained model shown."""
        return self.state["model"]

    @property
    def data(self):
        """The data shown, ``(X (n, 2), y (n,))``."""
        return self.state["X"], self.state["y"]

    @property
    def accuracy(self) -> float:
        """The model's accuracy on the data shown."""
        return self.state["accuracy"]


def _controls(dataset: str, noise: float) -> dict:
    narrow = {"description_width": "45px"}
    return {
        "noise": slider(
            "noise",
            noise,
            0.0,
            0.4,
            0.05,
            continuous_update=False,
            readout_format=".2f",
            style=narrow,
            layout=widgets.Layout(width="300px"),
        ),
        "dataset": dropdown(
            "data",
            list(DATASET_CHOICES),
            dataset,
            style=narrow,
            layout=widgets.Layout(width="250px"),
        ),
        "x1*x2": checkbox("add feature x1·x2", False, layout=widgets.Layout(width="170px")),
        "x1^2+x2^2": checkbox("add feature x1²+x2²", False, layout=widgets.Layout(width="180px")),
    }


def _figure(view: BlitView, res: int) -> dict:
    """The probability map, the two classes, the boundary and the score: the moving parts."""
    fig, ax = view.figure, view.axes
    box = (-_LIMIT, _LIMIT, -_LIMIT, _LIMIT)
    a = {
        "image": ax.imshow(
            np.zeros((res, res)),
            origin="lower",
            extent=box,
            cmap=BINARY_CMAP,
            vmin=0,
            vmax=1,
            alpha=0.5,
            interpolation="bilinear",
            zorder=0,
            aspect="auto",
        )
    }
    a["points"] = [
        ax.scatter(
            [],
            [],
            s=22,
            color=CLASS_COLORS[c],
            marker=MARKERS[c],
            edgecolors="white",
            linewidths=0.5,
            zorder=3,
            label=f"class {c}",
        )
        for c in (0, 1)
    ]
    a["score"] = ax.text(
        0.02,
        0.97,
        "",
        transform=ax.transAxes,
        va="top",
        fontsize=11,
        fontweight="bold",
        zorder=5,
        bbox=dict(boxstyle="round", facecolor="white", alpha=0.85, edgecolor=NEUTRAL),
    )
    proxy = Line2D([], [], color="black", lw=1.5, label="boundary (p = 0.5)")
    a["legend"] = ax.legend(
        handles=a["points"] + [proxy], loc="upper right", fontsize=9, frameon=True, framealpha=0.85
    )
    for handle in a["legend"].legend_handles[:2]:
        handle.set_sizes([40])
    fig.colorbar(a["image"], ax=ax, fraction=0.046, pad=0.03).set_label("model's P(class 1)")
    ax.set(
        xlim=box[:2],
        ylim=box[2:],
        xlabel="$x_1$",
        ylabel="$x_2$",
        title="Logistic regression: a linear model",
    )
    ax.grid(False)
    fig.subplots_adjust(left=0.12, right=0.87, bottom=0.12, top=0.91)
    (a["boundary"],) = ax.plot([], [], color="black", lw=1.5, zorder=2)
    view.animate(a["image"], *a["points"], a["boundary"], a["legend"], a["score"])
    return a


def _info(model: LinearModel, features, acc: float) -> str:
    feats = ", ".join(["x1", "x2"] + [f"<b>{f}</b>" for f in features])
    verdict = (
        "a line (in the features used) separates the classes well"
        if acc >= 0.9
        else "no line in these features separates the classes"
    )
    return (
        "<div style='font-size:13px;line-height:1.5'>"
        f"inputs: {feats} &nbsp;|&nbsp; training accuracy: <b>{acc:.1%}</b>: {verdict}.<br>"
        f"<span style='font-family:monospace'>{model.formula()}</span></div>"
    )


def boundary_explorer(dataset: str = "XOR", noise: float = 0.1, n_samples: int = 200) -> Explorer:
    """Logistic regression (with optional hand-made features) on switchable data sets.

    Parameters
    ----------
    dataset : str
        A key of :data:`DATASET_CHOICES` ("blobs (separable)", "XOR", "circles", "moons",
        "spirals").
    noise : float
        Starting noise of the data (a slider changes it).
    n_samples : int

    Returns
    -------
    Explorer
        Controls ``noise`` (slider), ``dataset`` (dropdown), ``x1*x2`` and ``x1^2+x2^2``
        (checkboxes). Attributes ``model``, ``data`` and ``accuracy`` describe what is shown.
    """
    if dataset not in DATASET_CHOICES:
        raise ValueError(f"Unknown data set {dataset!r}; choose from {list(DATASET_CHOICES)}.")
    controls = _controls(dataset, noise)
    view = BlitView(5.6, 4.4)
    res = 90
    g = np.linspace(-_LIMIT, _LIMIT, res)
    gx, gy = np.meshgrid(g, g)
    grid = np.c_[gx.ravel(), gy.ravel()]  # row-major: p.reshape(res, res)[i, j] is at (g[j], g[i])
    artists = _figure(view, res)
    info = html_view(width="640px")
    cache: dict = {}
    data_cache: dict = {}
    state: dict = {}

    def fitted(name, noise_value, features):
        key = (name, round(noise_value, 4), features)
        if key not in cache:
            dkey = key[:2]
            if dkey not in data_cache:
                data_cache[dkey] = make_data(DATASET_CHOICES[name], noise_value, n_samples, rng=0)
            X, y = data_cache[dkey]
            model = LinearModel(features).fit(X, y)
            p = model.predict_proba(grid).reshape(res, res)
            cache[key] = (X, y, model, p, model.accuracy(X, y), _contour_lines(g, p, 0.5))
        return cache[key]

    def update():
        features = tuple(f for f in FEATURES if controls[f].value)
        X, y, model, p, acc, lines = fitted(
            controls["dataset"].value, controls["noise"].value, features
        )
        state.update(X=X, y=y, model=model, accuracy=acc)
        artists["image"].set_data(p)
        for c in (0, 1):
            artists["points"][c].set_offsets(X[y == c])
        artists["boundary"].set_data(lines[:, 0], lines[:, 1])
        artists["score"].set_text(f"accuracy {acc:.1%}")
        view.draw()
        info.value = _info(model, features, acc)

    row1 = widgets.HBox([controls["dataset"], controls["noise"]])
    row2 = widgets.HBox([controls["x1*x2"], controls["x1^2+x2^2"]])
    return BoundaryExplorer(
        [row1, row2, view.image, info],
        controls,
        update,
        state=state,
        views={"view": view, "info": info},
    )
