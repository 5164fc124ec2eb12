"""What the playground's views show, computed from its model: neuron heatmaps, the data as dots,
the decision map's legend and the status line.

Heatmaps go through the diverging tables of :mod:`nn_course.style` (orange negative / class 0,
blue positive / class 1). Used by :mod:`nn_course.widgets.playground` (notebook 12_playground).
"""

from __future__ import annotations

import html

import numpy as np

from .. import style
from ..network import Network
from ..playground_model import EXTENT, GRID, PlaygroundModel
from . import _playground_render as render

__all__ = [
    "TABLES",
    "input_thumbnails",
    "neuron_images",
    "map_legend",
    "points_svg",
    "stats_html",
    "neuron_formula",
    "inspect_html",
]

THUMB_STEP = 3  # neuron heatmaps use every 3rd grid point (34 x 34)

#: data URIs of the input-feature heatmaps, by tuple of feature names (they depend on nothing else)
_INPUT_THUMBNAILS: dict[tuple, list[str]] = {}

TABLES = {
    "strong": style.diverging_table(0.9, levels=48),
    "light": style.diverging_table(0.55),
    "full": style.diverging_table(1.0),
}


def _output_values(a: np.ndarray, activation: str, is_output: bool, thumb) -> np.ndarray:
    """A neuron's activations over the grid scaled to [-1, 1] for its heatmap."""
    if is_output:
        return 2 * a - 1 if activation == "sigmoid" else np.clip(a, -1, 1)
    centre = 0.5 if activation == "sigmoid" else 0.0
    spread = float(np.nanmax(np.abs(a[thumb] - centre))) if np.isfinite(a).any() else 0.0
    return (a - centre) / spread if spread > 1e-12 else a * 0.0


def _thumbnail(values2d: np.ndarray) -> str:
    table = TABLES["strong"]
    return render.data_uri(render.heatmap_png(values2d[::THUMB_STEP, ::THUMB_STEP], table))


def input_thumbnails(names: tuple, F_grid: np.ndarray) -> list[str]:
    """The heatmaps of the input features (they depend on nothing else: drawn once each)."""
    if names not in _INPUT_THUMBNAILS:
        images = []
        for j in range(len(names)):
            column = F_grid[:, j].reshape(GRID, GRID)
            images.append(_thumbnail(column / (float(np.max(np.abs(column))) or 1.0)))
        _INPUT_THUMBNAILS[names] = images
    return _INPUT_THUMBNAILS[names]


def neuron_images(net: Network, steps) -> tuple[list, list]:
    """Per layer, a heatmap of each neuron over the plane and a tooltip naming its bias."""
    images, titles = [], []
    thumb = np.s_[::THUMB_STEP, ::THUMB_STEP]
    dense = [(step, layer) for step, layer in zip(steps, net.layers, strict=True) if layer.params]
    last = len(dense) - 1
    for k, (step, layer) in enumerate(dense):
        act = layer.activation.name
        images.append(
            [
                _thumbnail(_output_values(step.a[:, j].reshape(GRID, GRID), act, k == last, thumb))
                for j in range(step.a.shape[1])
            ]
        )
        where = "output" if k == last else "layer {}, neuron {}"
        titles.append(
            [
                f"{where.format(k + 1, j + 1)}: bias {style.fmt(layer.b[j])}"
                for j in range(step.a.shape[1])
            ]
        )
    return images, titles


_CLASS_NAMES = ["orange", "blue", "green", "purple", "red"]


def map_legend(problem: str, show_test: bool, n_classes: int = 2) -> str:
    if problem == "classification":
        legend = "dots: blue class 1, orange class 0\nbackground: the predicted class"
    elif problem == "multiclass":
        names = ", ".join(f"{_CLASS_NAMES[k]} {k}" for k in range(n_classes))
        legend = f"dots: classes {names}\nbackground: predicted class, paler where unsure"
    else:
        legend = "colour: the value\nblue positive, orange negative"
    return legend + ("; ringed dots: test data" if show_test else "")


def points_svg(X, y, problem: str, outline: str) -> str:
    if problem == "classification":
        colours = [style.class_color(int(label == 1)) for label in y]
        return render.points_svg(X, colours, EXTENT, outline=outline)
    if problem == "multiclass":
        colours = [style.class_color(int(label)) for label in y]
        return render.points_svg(X, colours, EXTENT, outline=outline)
    colours = [render.hex_colour(float(np.clip(v, -1, 1)), TABLES["full"]) for v in y]
    if outline == "white":  # values near 0 are white dots: a thin grey ring keeps them visible
        return render.points_svg(X, colours, EXTENT, outline=style.MUTED, stroke_width=0.6)
    return render.points_svg(X, colours, EXTENT, outline=outline)


def stats_html(model: PlaygroundModel, message: str) -> str:
    s = model.state
    note = f"<div style='color:{style.ACCENT}'>{html.escape(message)}</div>" if message else ""
    reg = (
        "no regularization"
        if s["regularization"] == "none"
        else f"{s['regularization']} {s['reg_rate']:g}"
    )
    return (
        "<div style='font-family:sans-serif;line-height:1.35'>"
        f"<span style='font-size:12px;color:{style.MUTED}'>Epoch</span> "
        f"<span style='font-size:20px;font-weight:bold'>{model.epoch:06,d}</span><br>"
        f"<span style='font-size:12.5px'>Training loss <b>{style.fmt_fixed(model.train_loss)}</b>"
        f" · Test loss <b>{style.fmt_fixed(model.test_loss)}</b></span><br>"
        f"<span style='font-size:11px;color:{style.MUTED}'>learning rate {s['learning_rate']:g} · "
        f"batch {s['batch_size']} · {s['optimizer']} · {reg}</span>{note}</div>"
    )


def neuron_formula(layer, j: int, input_names=None, layer_index: int = 0) -> str:
    """The neuron's computation with its current numbers, e.g.
    ``a = tanh(0.8*x1 - 1.2*x2 + 0.1)``; inputs of a later layer are named a1, a2, ..."""
    names = input_names or [f"a{k + 1}" for k in range(layer.W.shape[0])]
    terms = []
    for k, name in enumerate(names):
        w = float(layer.W[k, j])
        sign = "-" if w < 0 else "+"
        text = f"{style.fmt(abs(w))}*{name}"
        terms.append(
            text if not terms and w >= 0 else (f"-{text}" if not terms else f" {sign} {text}")
        )
    b = float(layer.b[j])
    terms.append(f" {'-' if b < 0 else '+'} {style.fmt(abs(b))}")
    act = layer.activation.name
    inner = "".join(terms)
    if act == "softmax":
        return f"z = {inner};  a = softmax(z) over the output neurons"
    return f"a = {act}({inner})"


def inspect_html(layer, j, a: np.ndarray, input_names, layer_index: int, is_output: bool) -> str:
    """A neuron seen large: its map over the plane, its formula, its range and what the colours
    mean. ``a`` (GRID * GRID,) are its outputs over the grid."""
    act = layer.activation.name
    grid = a.reshape(GRID, GRID)
    values = _output_values(grid, act, is_output, np.s_[::THUMB_STEP, ::THUMB_STEP])
    uri = render.data_uri(render.heatmap_png(values, TABLES["strong"]))
    where = "the output" if is_output else f"layer {layer_index + 1}"
    lo, hi = float(np.nanmin(a)), float(np.nanmax(a))
    if is_output and act in ("sigmoid", "softmax"):
        meaning = "blue: a near 1 (class 1 or this class), orange: a near 0, white: 0.5"
    else:
        centre = "0.5" if act == "sigmoid" else "0"
        meaning = (
            f"blue: a above {centre}, orange: below {centre}, white: {centre}; the colours are "
            "stretched to the largest distance from it on the plane"
        )
    return (
        "<div style='display:flex;gap:12px;align-items:flex-start;font-family:sans-serif'>"
        f"<img src='{uri}' width='200' height='200' style='border:1px solid {style.INK};"
        "image-rendering:pixelated' alt='the neuron over the plane'>"
        f"<div style='font-size:13px;line-height:1.5'><b>Neuron {j + 1} of {where}</b><br>"
        f"<code style='font-size:13px'>{html.escape(neuron_formula(layer, j, input_names))}"
        f"</code><br>over the plane a runs from <b>{style.fmt(lo)}</b> to "
        f"<b>{style.fmt(hi)}</b><br><span style='color:{style.MUTED}'>{html.escape(meaning)}"
        f"</span><br><span style='color:{style.MUTED}'>Pick a weight below and move the slider "
        "(training pauses): every map changes at once.</span></div></div>"
    )
