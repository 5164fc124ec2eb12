"""Fast drawing for the playground: heatmaps as palette PNGs, everything else as SVG strings.

A live playground redraws many times a second, so nothing here uses matplotlib: a heatmap is
a NumPy array mapped through a 256-colour lookup table and encoded by Pillow as a palette
PNG; the network, the decision map's axes and the small charts are SVG text, with the
heatmaps embedded as ``data:`` URIs. A whole frame takes a few milliseconds.

Colours come from :mod:`nn_course.style`, as everywhere in the course: blue means positive
(class 1, a positive weight, a neuron that is on), orange means negative (class 0, a negative
weight), white is zero. The network is drawn by :func:`nn_course.diagrams.network_svg`.
"""

from __future__ import annotations

import base64
import html
import io
import math

import numpy as np
from PIL import Image

from .. import diagrams
from .. import style
from ..style import fmt

__all__ = [
    "heatmap_png",
    "data_uri",
    "hex_colour",
    "network_svg",
    "map_svg",
    "line_chart_svg",
]

N_LEVELS = 255  # palette indices 0..254 for values, 255 for NaN


_PALETTES = {}


def _palette_bytes(table: np.ndarray) -> list[int]:
    key = table.tobytes()
    if key not in _PALETTES:
        _PALETTES[key] = table.reshape(-1).tolist()
    return _PALETTES[key]


def _indices(
    values: np.ndarray, lo: float = -1.0, hi: float = 1.0, levels: int = N_LEVELS
) -> np.ndarray:
    """Palette indices (uint8) for ``values`` scaled so ``lo``..``hi`` spans ``levels`` colours."""
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = (np.asarray(values, dtype=np.float64) - lo) * ((levels - 1) / (hi - lo))
        index = np.clip(
            np.nan_to_num(scaled, nan=0.0, posinf=levels - 1, neginf=0.0), 0, levels - 1
        )
    index = (index + 0.5).astype(np.uint8)
    index[np.isnan(values)] = levels
    return index


def heatmap_png(values: np.ndarray, table: np.ndarray, lo: float = -1.0, hi: float = 1.0) -> bytes:
    """Encode a 2-D array as a palette PNG (row 0 at the top) through a colour ``table`` of
    :func:`nn_course.style.diverging_table`: ``lo`` orange, ``hi`` blue."""
    image = Image.fromarray(_indices(values, lo, hi, len(table) - 1), mode="P")
    image.putpalette(_palette_bytes(table))
    buffer = io.BytesIO()
    # zlib's default level: on these small palette images it measured no slower than level 1
    # and a few per cent smaller (the saved notebook stores every heatmap of every lab)
    image.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


CLASS_LEVELS = 40  # lightness levels per class in the multi-class map (5 * 40 < 255)


def class_table(colors, levels: int = CLASS_LEVELS, strength: float = 0.75) -> np.ndarray:
    """A palette (len(colors) * levels, 3) of uint8: for class c, rows c*levels ..
    (c+1)*levels - 1 go from nearly white (unsure) to the class colour at ``strength``."""
    rows = []
    for colour in colors:
        rgb = np.array(style.rgb(colour), dtype=np.float64)
        for level in range(levels):
            amount = strength * (0.08 + 0.92 * level / (levels - 1))
            rows.append(np.round(255 + (rgb - 255) * amount))
    return np.array(rows, dtype=np.uint8)


def class_map_png(proba: np.ndarray, shape: tuple[int, int], colors) -> bytes:
    """The multi-class decision map as a palette PNG: each pixel in the colour of its predicted
    class, lighter where the network is less sure.

    ``proba`` (n_pixels, k) are class probabilities; confidence runs from 1/k (white-ish) to 1
    (the class colour).
    """
    k = proba.shape[1]
    with np.errstate(invalid="ignore"):
        winner = np.nan_to_num(proba, nan=0.0).argmax(axis=1)
        top = np.nan_to_num(proba.max(axis=1), nan=1.0 / k)
        sure = np.clip((top - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)
    index = (winner * CLASS_LEVELS + np.round(sure * (CLASS_LEVELS - 1))).astype(np.uint8)
    image = Image.fromarray(index.reshape(shape), mode="P")
    image.putpalette(_palette_bytes(class_table(colors[:k])))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


def data_uri(png: bytes) -> str:
    """A ``data:image/png;base64,...`` URI for an ``<image>`` in SVG."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def hex_colour(value: float, table: np.ndarray) -> str:
    """The table's colour for one value in [-1, 1], as ``#rrggbb``."""
    r, g, b = table[int(_indices(np.array([value]), levels=len(table) - 1)[0])]
    return f"#{r:02x}{g:02x}{b:02x}"


# --------------------------------------------------------------------------- the network
#: Geometry of the network drawing, shared with the +/- button row above it.
NODE = 34  # side of a neuron's heatmap square
ROW = 42  # vertical distance between neurons
COLUMN = 88  # horizontal distance between layers
LEFT = 64  # x of the input column (room for the feature names on its left)
TOP = 20


def network_layout(layer_sizes: list[int]) -> list[list[tuple[float, float]]]:
    """Centre (x, y) of every node, per layer, nodes of each layer centred vertically."""
    tallest = max(layer_sizes)
    positions = []
    for i, n in enumerate(layer_sizes):
        x = LEFT + NODE / 2 + i * COLUMN
        offset = TOP + (tallest - n) * ROW / 2
        positions.append([(x, offset + NODE / 2 + j * ROW) for j in range(n)])
    return positions


#: |w| drawn at full width: the playground's weights are compared across epochs, so the scale
#: is fixed rather than the largest weight of the moment.
EDGE_SCALE = 3.0


def network_svg(layer_sizes, weights, node_images, input_labels, node_titles=None) -> str:
    """The network (:func:`nn_course.diagrams.network_svg`): every weight a line (blue positive,
    orange negative, width ~ |w|), every node a small heatmap (an ``<image>`` with a PNG data
    URI) of what it computes over the plane.

    Parameters
    ----------
    layer_sizes : list of int     ``[n_inputs, hidden..., 1]``
    weights : list of ndarray     ``W`` of each Dense layer, (n_in, n_out)
    node_images : list of list of str   data URIs, one per node, per layer (inputs included)
    input_labels : list of str
    node_titles : list of list of str, optional   tooltips (e.g. the bias)
    """
    positions = network_layout(layer_sizes)
    width = int(LEFT + NODE + (len(layer_sizes) - 1) * COLUMN + 16)
    height = int(TOP + max(layer_sizes) * ROW + 4)
    names = ["inputs"] + [f"layer {i}" for i in range(1, len(layer_sizes) - 1)] + ["output"]
    return diagrams.network_svg(
        layer_sizes,
        weights,
        node_labels=[list(input_labels)],
        width=width,
        height=height,
        layers=[[(j, x, y) for j, (x, y) in enumerate(column)] for column in positions],
        node_images=node_images,
        node_titles=node_titles,
        radius=NODE / 2,
        edge_scale=EDGE_SCALE,
        captions=[[] for _ in layer_sizes],
        titles=names,
    )


# --------------------------------------------------------------------------- the decision map
#: Where the decision map's plot area sits in the picture :func:`map_svg` draws: its top-left
#: corner (pixels from the picture's top-left) and its side (a click there is a data point).
MAP_LEFT, MAP_TOP, MAP_SIZE = 34, 24, 280


def map_svg(
    heatmap_uri: str, points_svg: str, extent: float, title: str, size: int = MAP_SIZE,
    legend: str = "", cursor: str = "default",
) -> str:
    """The output heatmap over ``[-extent, extent]^2`` with axes, ticks, the data and a title.

    ``points_svg`` holds ``<circle>`` elements already in pixel coordinates of the plot area
    (see :func:`points_svg`), cached by the caller because the data rarely changes. The plot
    area's top-left corner is at (``MAP_LEFT``, ``MAP_TOP``); ``cursor`` is the CSS cursor
    over the picture ("crosshair" while points can be drawn with a click).
    """
    left, top = MAP_LEFT, MAP_TOP
    width, height = left + size + 10, top + size + 46 + 13 * max(len(legend.splitlines()) - 1, 0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" '
        f'style="background:white;font-family:sans-serif;cursor:{cursor}">',
        f'<text x="{left + size / 2:.0f}" y="15" text-anchor="middle" font-size="13">'
        f"{html.escape(title)}</text>",
        f'<image x="{left}" y="{top}" width="{size}" height="{size}" href="{heatmap_uri}" '
        'preserveAspectRatio="none"/>',
        f'<g transform="translate({left},{top})">{points_svg}</g>',
        f'<rect x="{left}" y="{top}" width="{size}" height="{size}" fill="none" '
        f'stroke="{style.INK}"/>',
    ]
    ticks = np.linspace(-extent, extent, 5)
    for t in ticks:
        px = left + (t + extent) / (2 * extent) * size
        py = top + (extent - t) / (2 * extent) * size
        parts.append(
            f'<line x1="{px:.1f}" y1="{top + size}" x2="{px:.1f}" y2="{top + size + 4}" '
            f'stroke="{style.INK}"/>'
            f'<text x="{px:.1f}" y="{top + size + 15}" text-anchor="middle" font-size="10">'
            f"{t:g}</text>"
            f'<line x1="{left - 4}" y1="{py:.1f}" x2="{left}" y2="{py:.1f}" stroke="{style.INK}"/>'
            f'<text x="{left - 6}" y="{py + 3:.1f}" text-anchor="end" font-size="10">{t:g}</text>'
        )
    parts.append(
        f'<text x="{left + size / 2:.0f}" y="{top + size + 28}" text-anchor="middle" '
        'font-size="12">x1</text>'
        f'<text x="10" y="{top + size / 2:.0f}" text-anchor="middle" font-size="12" '
        f'transform="rotate(-90 10 {top + size / 2:.0f})">x2</text>'
    )
    for k, line in enumerate(legend.splitlines()):
        parts.append(
            f'<text x="{left}" y="{top + size + 42 + 13 * k}" font-size="10.5" fill="{style.INK}">'
            f"{html.escape(line)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def points_svg(
    X: np.ndarray,
    colours: list[str],
    extent: float,
    size: int = 280,
    outline: str = "white",
    radius: float = 3.2,
    stroke_width: float | None = None,
) -> str:
    """``<circle>`` elements for points ``X`` (n, 2) in the plot area's pixel coordinates,
    grouped by colour (one ``<g>`` per colour keeps the string short)."""
    px = (X[:, 0] + extent) / (2 * extent) * size
    py = (extent - X[:, 1]) / (2 * extent) * size
    keep = (px >= 0) & (px <= size) & (py >= 0) & (py <= size)
    width = stroke_width if stroke_width is not None else (1.4 if outline != "white" else 0.8)
    groups: dict[str, list[str]] = {}
    for x, y, c, k in zip(px, py, colours, keep, strict=True):
        if k:
            groups.setdefault(c, []).append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}"/>')
    return "".join(
        f'<g fill="{c}" stroke="{outline}" stroke-width="{width}">{"".join(items)}</g>'
        for c, items in groups.items()
    )


# --------------------------------------------------------------------------- small charts
def _prepared(series, log: bool):
    """The series as arrays (log10 of positive values for ``log``), their y-range and length."""
    prepared, lo, hi, n_max = [], math.inf, -math.inf, 1
    for label, values, colour in series:
        v = np.asarray(values, dtype=np.float64)
        n_max = max(n_max, len(v))
        if log:
            with np.errstate(divide="ignore", invalid="ignore"):
                v = np.where(v > 0, np.log10(v), np.nan)
        finite = v[np.isfinite(v)]
        if finite.size:
            lo, hi = min(lo, float(finite.min())), max(hi, float(finite.max()))
        prepared.append((label, v, colour))
    if not math.isfinite(lo):
        lo, hi = (0.0, 1.0)
    if log:
        lo, hi = math.floor(lo), max(math.ceil(hi), math.floor(lo) + 1)
    else:
        lo = min(lo, 0.0)
        hi = 1.05 * (hi if hi > lo else lo + 1.0)
    return prepared, lo, hi, n_max


def _y_ticks(lo, hi, log: bool) -> tuple[list, list[str]]:
    """3 ticks (linear) or every power of ten (log, at most 6 labels)."""
    if log:
        step = max(1, math.ceil((hi - lo) / 5))
        ticks = list(range(int(lo), int(hi) + 1, step))
        return ticks, [f"1e{t}" for t in ticks]
    ticks = [lo, (lo + hi) / 2, hi]
    return ticks, [fmt(t) for t in ticks]


def _polyline(v, colour, n_max, box, lo, hi, max_points) -> str:
    """One series as a polyline (a dot for a single value) in the plot box."""
    left, top, plot_w, plot_h = box
    n = len(v)
    if not n:
        return ""
    index = np.arange(n)
    if n > max_points:
        index = np.unique(np.linspace(0, n - 1, max_points).astype(int))
    xs = left + index / max(n_max - 1, 1) * plot_w
    ys = top + plot_h - (np.clip(v[index], lo, hi) - lo) / (hi - lo) * plot_h
    ok = np.isfinite(ys)
    if ok.sum() == 1:  # one value (epoch 0): a dot, since a line needs two
        return f'<circle cx="{xs[ok][0]:.1f}" cy="{ys[ok][0]:.1f}" r="2.5" fill="{colour}"/>'
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs[ok], ys[ok], strict=True))
    if not points:
        return ""
    return f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="1.6"/>'


def _legend_svg(prepared, legend: str, left, top, plot_w) -> list[str]:
    """The series' names: on the title's line ("top"), beside the plot ("right") or inside."""
    parts = []
    if legend == "top":  # one row on the title's line, right-aligned, about 50 px per name
        x = left + plot_w
        for label, _, colour in reversed(prepared):
            x -= 18 + 6 * len(label)
            parts.append(
                f'<line x1="{x}" y1="9" x2="{x + 12}" y2="9" stroke="{colour}" stroke-width="2"/>'
                f'<text x="{x + 15}" y="12" font-size="9.5">{html.escape(label)}</text>'
            )
        return parts
    lx = left + plot_w - 70 if legend != "right" else left + plot_w + 6
    if legend != "right":  # top right inside the plot, on a white patch
        parts.append(
            f'<rect x="{lx - 3}" y="{top + 2}" width="71" '
            f'height="{12 * len(prepared) + 2}" fill="white" fill-opacity="0.85"/>'
        )
    for k, (label, _, colour) in enumerate(prepared):
        ly = top + 11 + 12 * k
        parts.append(
            f'<line x1="{lx}" y1="{ly - 3}" x2="{lx + 12}" y2="{ly - 3}" '
            f'stroke="{colour}" stroke-width="2"/>'
            f'<text x="{lx + 15}" y="{ly}" font-size="9.5">{html.escape(label)}</text>'
        )
    return parts


def line_chart_svg(
    series,
    title: str,
    xlabel: str,
    ylabel: str,
    width: int = 300,
    height: int = 150,
    log: bool = False,
    max_points: int = 300,
    legend: str = "inside",
) -> str:
    """A small line chart: ``series`` is a list of (label, values, colour).

    Non-finite values are left out; ``log`` plots log10 of positive values (ticks show 10^k).
    ``legend`` places the series' names where they never hide a line: "top" (in one row on the
    title's line, the title then on the left) or "right" (one row per series beside the plot,
    for many series; ``width`` includes it). "inside" puts them in the top right corner of the
    plot, on a white patch.
    """
    left, right, top, bottom = 46, (72 if legend == "right" else 8), 20, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    prepared, lo, hi, n_max = _prepared(series, log)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" style="background:white;font-family:sans-serif">',
        (
            f'<text x="{left}" y="13" font-size="12">{html.escape(title)}</text>'
            if legend == "top"
            else f'<text x="{left + plot_w / 2:.0f}" y="13" text-anchor="middle" font-size="12">'
            f"{html.escape(title)}</text>"
        ),
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
        f'stroke="{style.NEUTRAL}"/>',
    ]
    for t, text in zip(*_y_ticks(lo, hi, log), strict=True):
        y = top + plot_h - (t - lo) / (hi - lo) * plot_h
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            f'stroke="{style.FAINT}"/>'
            f'<text x="{left - 4}" y="{y + 3:.1f}" text-anchor="end" font-size="9.5">{text}</text>'
        )
    middle = top + plot_h / 2
    parts.append(
        f'<text x="{left}" y="{top + plot_h + 13}" font-size="9.5" text-anchor="middle">0</text>'
        f'<text x="{left + plot_w}" y="{top + plot_h + 13}" font-size="9.5" text-anchor="end">'
        f"{max(n_max - 1, 0)}</text>"
        f'<text x="{left + plot_w / 2:.0f}" y="{height - 4}" text-anchor="middle" font-size="11">'
        f"{html.escape(xlabel)}</text>"
        f'<text x="11" y="{middle:.0f}" text-anchor="middle" font-size="11" '
        f'transform="rotate(-90 11 {middle:.0f})">{html.escape(ylabel)}</text>'
    )
    box = (left, top, plot_w, plot_h)
    parts.extend(_polyline(v, colour, n_max, box, lo, hi, max_points) for _, v, colour in prepared)
    parts.extend(_legend_svg(prepared, legend, left, top, plot_w))
    parts.append("</svg>")
    return "".join(parts)
