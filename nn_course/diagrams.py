"""Network diagrams as SVG: one renderer for every picture of a network in the course.

A diagram is a string of SVG text, so a widget can show it in an ``ipywidgets.HTML`` view and
redraw it in well under a millisecond. One rule draws every edge (:func:`edge_style`): the
colour is the sign of the weight (blue positive, orange negative, see :mod:`nn_course.style`)
and the width grows with ``|w|``. Nodes can carry values (tinted by sign), lines of text,
small heatmap images (the playground) or a ring marking the layer of the current step.

:func:`network_svg` is used by notebooks 04-06 (the network builder, the feedforward stepper),
08 (the backprop stepper) and 12 (the playground); :func:`nn_course.plotting.draw_network`
draws the same layout with matplotlib.

>>> svg = network_svg([2, 3, 1], weights=[np.ones((2, 3)), -np.ones((3, 1))])
>>> svg.count("<line"), POSITIVE in svg, NEGATIVE in svg
(9, True, True)
"""

from __future__ import annotations

import html

import numpy as np

from .style import ACCENT, FAINT, INK, NEUTRAL, WHITE, fmt, sign_color, tint
from .style import NEGATIVE, POSITIVE  # noqa: F401 - the examples below use them

__all__ = [
    "MAX_NODES",
    "ACTIVE",
    "shown_units",
    "layer_names",
    "layout",
    "check_layers",
    "weight_scale",
    "edges",
    "edge_style",
    "value_scale",
    "value_fill",
    "network_svg",
]

#: A layer wider than this is drawn with its first and last few units and a "⋮" between.
MAX_NODES = 10
#: Vermillion ring: the layer a stepper computes in the current step.
ACTIVE = ACCENT


def shown_units(n: int, max_nodes: int = MAX_NODES) -> list:
    """Indices of the units drawn for a layer of ``n``; None marks the "⋮" gap.

    >>> shown_units(3)
    [0, 1, 2]
    >>> shown_units(64)
    [0, 1, 2, 3, None, 59, 60, 61, 62, 63]
    """
    if n <= max_nodes:
        return list(range(n))
    head = (max_nodes - 1) // 2
    tail = max_nodes - 1 - head
    return list(range(head)) + [None] + list(range(n - tail, n))


def layer_names(n_layers: int) -> list[str]:
    """``["input", "hidden 1", ..., "output"]`` for ``n_layers`` layers (the input included).

    >>> layer_names(3)
    ['input', 'hidden 1', 'output']
    """
    if n_layers == 1:
        return ["input"]
    return ["input"] + [f"hidden {i}" for i in range(1, n_layers - 1)] + ["output"]


def layout(
    layer_sizes,
    width,
    height,
    top,
    bottom,
    left,
    right,
    *,
    gap: float = 60.0,
    even: bool = False,
    max_nodes: int = MAX_NODES,
) -> list:
    """Node positions: for each layer a list of ``(unit index or None, x, y)``, y downwards.

    Layers are evenly spaced from ``left`` to ``width - right``. The units of a layer are
    centred vertically, ``gap`` apart at most (``even``: each takes an equal share of the
    height, for nodes with text under them).

    >>> [[(u, round(x), round(y)) for u, x, y in layer] for layer in layout([1, 2], 100, 100,
    ...                                                                      0, 0, 10, 10)]
    [[(0, 10, 50)], [(0, 90, 20), (1, 90, 80)]]
    """
    n_layers = len(layer_sizes)
    xs = np.linspace(left, width - right, n_layers) if n_layers > 1 else np.array([width / 2])
    room, middle = height - top - bottom, (top + height - bottom) / 2
    layers = []
    for x, n in zip(xs, layer_sizes, strict=True):
        units = shown_units(int(n), max_nodes)
        m = len(units)
        if even:
            ys = [top + room * (i + 0.5) / m for i in range(m)]
        elif m == 1:
            ys = [middle]
        else:
            span = min(room, (m - 1) * gap)
            ys = [middle - span / 2 + span * i / (m - 1) for i in range(m)]
        layers.append([(u, float(x), float(y)) for u, y in zip(units, ys, strict=True)])
    return layers


def check_layers(layer_sizes, weights=None, node_values=None):
    """Validate sizes, weights and node values; return them as ``(list of int, arrays, arrays)``.

    ``weights``: one ``W`` of shape (n_in, n_out) per layer; ``node_values``: per layer None or
    one value per unit.
    """
    sizes = [int(n) for n in layer_sizes]
    if len(sizes) < 1 or min(sizes) < 1:
        raise ValueError(f"layer_sizes must be a list of positive ints; got {list(layer_sizes)}.")
    if weights is not None:
        weights = [np.asarray(W, dtype=np.float64) for W in weights]
        expected = list(zip(sizes[:-1], sizes[1:], strict=True))
        got = [W.shape for W in weights]
        if got != expected:
            raise ValueError(
                f"weights must have shapes {expected} for layer_sizes {sizes}; got {got}."
            )
    if node_values is not None:
        node_values = [
            None if v is None else np.asarray(v, dtype=np.float64).reshape(-1) for v in node_values
        ]
        if len(node_values) > len(sizes):
            raise ValueError(
                f"node_values has {len(node_values)} layers; the network has {len(sizes)}."
            )
        for i, v in enumerate(node_values):
            if v is not None and v.size != sizes[i]:
                raise ValueError(f"node_values[{i}] must have {sizes[i]} values; got {v.size}.")
    return sizes, weights, node_values


def weight_scale(weights) -> float:
    """The largest finite |w| over all layers, for scaling edge widths (1 when there is none).

    >>> weight_scale([np.array([[0.5, -2.0]])]), weight_scale(None)
    (2.0, 1.0)
    """
    if not weights:
        return 1.0
    finite = [np.abs(W[np.isfinite(W)]) for W in weights]
    largest = max((float(a.max()) for a in finite if a.size), default=0.0)
    return largest if largest > 0 else 1.0


def edges(layers, weights):
    """Every drawn edge as ``(x0, y0, x1, y1, w)``, skipping the "⋮" gaps of wide layers.

    ``layers`` holds ``(unit index or None, x, y)`` per drawn node; ``w`` is None without weights.
    """
    for li in range(len(layers) - 1):
        W = weights[li] if weights is not None else None
        for ui, x0, y0 in layers[li]:
            if ui is None:
                continue
            for uj, x1, y1 in layers[li + 1]:
                if uj is not None:
                    yield x0, y0, x1, y1, (None if W is None else float(W[ui, uj]))


def edge_style(w: float, scale: float = 1.0) -> tuple[str, float]:
    """The one edge rule of every diagram: ``(colour, width)`` of the edge of weight ``w``.

    Colour: blue for ``w >= 0``, orange below 0. Width: from 0.5 (w = 0) to 5 (``|w| >= scale``),
    in proportion to ``|w|``. A weight that is not a number is drawn at full width.

    >>> edge_style(1.0, 2.0) == (POSITIVE, 2.75), edge_style(-3.0, 2.0) == (NEGATIVE, 5.0)
    (True, True)
    """
    share = min(abs(w) / scale, 1.0) if np.isfinite(w) else 1.0
    return sign_color(w) if np.isfinite(w) else NEUTRAL, 0.5 + 4.5 * share


def _edges_svg(layers, weights, scale) -> list[str]:
    """The edges, one ``<g>`` per colour (it carries the colour: a saved notebook stores it)."""
    groups: dict[str, list[str]] = {}
    for x0, y0, x1, y1, w in edges(layers, weights):
        line = f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}"'
        if w is None:
            groups.setdefault(NEUTRAL, []).append(line + "/>")
            continue
        colour, width = edge_style(w, scale)
        groups.setdefault(colour, []).append(
            f'{line} stroke-width="{width:.2f}"><title>w = {fmt(w)}</title></line>'
        )
    drawn = max(len(layer) for layer in layers)
    opacity = 0.75 if weights is not None else (0.5 if drawn <= 5 else 0.25)
    return [
        f'<g stroke="{colour}" stroke-opacity="{opacity}"'
        + (' stroke-width="1">' if colour == NEUTRAL else ">")
        + "".join(lines)
        + "</g>"
        for colour, lines in groups.items()
    ]


def value_scale(node_values) -> float:
    """The largest finite |value| over all layers' node values (1 when there is none)."""
    return (
        max(
            (
                float(np.abs(v[np.isfinite(v)]).max())
                for v in node_values or []
                if v is not None and np.isfinite(v).any()
            ),
            default=1.0,
        )
        or 1.0
    )


def value_fill(values, ui, vmax) -> str | None:
    """The fill of a node of value ``values[ui]``: its sign's colour, stronger for larger |value|.

    None when there is no (finite) value.

    >>> value_fill(np.array([1.0]), 0, 1.0) == tint(POSITIVE, 0.75)
    True
    """
    if values is None or not np.isfinite(values[ui]):
        return None
    return tint(sign_color(values[ui]), 0.15 + 0.6 * abs(values[ui]) / vmax)


def _node_svg(x, y, r, fill, ring, ring_width, image=None, title=None) -> str:
    """One node: a circle, or (with a data-URI ``image``) a framed square heatmap."""
    tip = f"<title>{html.escape(title)}</title>" if title else ""
    if image is None:
        return (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" stroke="{ring}" '
            f'stroke-width="{ring_width}">{tip}</circle>'
        )
    return (
        f'<image x="{x - r:.0f}" y="{y - r:.0f}" width="{2 * r:.0f}" height="{2 * r:.0f}" '
        f'href="{image}" preserveAspectRatio="none">{tip}</image>'
        f'<rect x="{x - r:.0f}" y="{y - r:.0f}" width="{2 * r:.0f}" height="{2 * r:.0f}" '
        f'fill="none" stroke="{ring}" stroke-width="{ring_width}"/>'
    )


def _text(x, y, text, size=11, anchor="middle", extra="") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}"{extra}>'
        f"{html.escape(str(text))}</text>"
    )


def _node_texts(x, y, r, lines, label, label_left, font) -> list[str]:
    """The first line inside the node, the others under it; ``label`` beside it."""
    parts = []
    if lines:
        parts.append(_text(x, y + font * 0.35, lines[0], font))
        parts.extend(
            _text(x, y + r + 13 + 12 * m, line, 11, extra=f' fill="{INK}"')
            for m, line in enumerate(lines[1:])
        )
    if label is not None:
        anchor, dx = ("end", -r - 4) if label_left else ("start", r + 4)
        parts.append(_text(x + dx, y + 4, label, 12, anchor))
    return parts


def _per_unit(table, li, ui):
    """``table[li][ui]`` when both exist, else None (tables are ragged and optional)."""
    if table is None or li >= len(table) or table[li] is None or ui >= len(table[li]):
        return None
    return table[li][ui]


def _nodes_svg(layers, options, r, font) -> list[str]:
    values = options.get("node_values")
    vmax = value_scale(values)
    fills, done = options.get("layer_fills"), options.get("node_done")
    parts = []
    for li, layer in enumerate(layers):
        active = li == options.get("active_layer")
        ring, ring_width = (ACTIVE, 3.5) if active else (INK, 1.2)
        base = fills[li] if fills else (WHITE if done is None or done[li] else FAINT)
        layer_values = values[li] if values is not None and li < len(values) else None
        for ui, x, y in layer:
            if ui is None:
                parts.append(_text(x, y + 6, "⋮", 18))
                continue
            fill = value_fill(layer_values, ui, vmax) or base
            image = _per_unit(options.get("node_images"), li, ui)
            title = _per_unit(options.get("node_titles"), li, ui)
            parts.append(_node_svg(x, y, r, fill, ring, ring_width, image, title))
            lines = _per_unit(options.get("node_text"), li, ui)
            if lines is None and layer_values is not None:
                lines = [fmt(layer_values[ui])]
            parts.extend(
                _node_texts(
                    x, y, r, lines, _per_unit(options.get("node_labels"), li, ui), li == 0, font
                )
            )
    return parts


def _captions_svg(layers, captions, y_first, bold_first=False) -> list[str]:
    """Per layer, lines of text at its x, from ``y_first`` down (the first one bold)."""
    parts = []
    for layer, lines in zip(layers, captions, strict=True):
        x = layer[0][1]
        for k, line in enumerate(lines):
            weight = ' font-weight="bold"' if bold_first and k == 0 else ""
            parts.append(_text(x, y_first + 16 * k, line, 12, extra=f' fill="{INK}"{weight}'))
    return parts


def network_svg(
    layer_sizes, weights=None, node_values=None, node_labels=None, width=520, height=300, **options
) -> str:
    """A network diagram as a standalone SVG string (for an ``ipywidgets.HTML`` view).

    Parameters
    ----------
    layer_sizes : list of int
        ``[n_in, h1, ..., n_out]``. Layers wider than 10 units are drawn with a "⋮" gap.
    weights : list of array_like, optional
        One ``W`` of shape (n_in, n_out) per layer, drawn by :func:`edge_style`; thin grey
        edges when None.
    node_values : list of array_like, optional
        Per layer, a value per unit (or None): printed on the node, which is tinted blue
        (positive) or orange (negative).
    node_labels : list of list of str, optional
        Per layer, a label per unit beside the node (left of the inputs, right of the others).
    width, height : int
        Size in pixels.
    **options
        ``node_text`` (per layer, per unit, lines: the first inside the node, the others under
        it), ``node_images`` (per layer, per unit, a PNG data URI: square heatmap nodes),
        ``node_titles`` (tooltips), ``active_layer`` (ringed in vermillion), ``node_done``
        (per layer: computed nodes white, the others grey), ``layer_fills`` (one fill
        per layer), ``captions`` (per layer, lines under it; default "name (size)"),
        ``titles`` (per layer, one line above it), ``edge_scale`` (|w| of the widest edge;
        default the largest weight), ``layers`` (node positions as :func:`layout` returns them),
        ``radius``, ``margins`` ``(top, bottom, side)``, ``even`` and ``max_nodes`` (see
        :func:`layout`) and ``footer`` (SVG elements added last, e.g. a legend).

    >>> svg = network_svg([2, 3], node_values=[[1.0, -0.5], None], node_labels=[["x1", "x2"]])
    >>> svg.count("<circle"), ">-0.5<" in svg, ">x1<" in svg, "hidden" in svg
    (5, True, True, False)
    """
    sizes, weights, node_values = check_layers(layer_sizes, weights, node_values)
    options["node_values"], options["node_labels"] = node_values, node_labels
    width, height = int(width), int(height)
    top, bottom, side = options.get("margins", (14.0, 30.0, 46.0))
    even, max_nodes = options.get("even", False), options.get("max_nodes", MAX_NODES)
    layers = options.get("layers") or layout(
        sizes, width, height, top, bottom, side, side, even=even, max_nodes=max_nodes
    )
    m = max(len(layer) for layer in layers)
    r = options.get("radius") or max(
        5.0, min(16.0, (height - top - bottom) / (2.4 * m), width / (4.0 * len(sizes)))
    )
    scale = options.get("edge_scale") or weight_scale(weights)
    captions = options.get("captions")
    if captions is None:
        captions = [
            [f"{name} ({n})"] for name, n in zip(layer_names(len(sizes)), sizes, strict=True)
        ]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" role="img">',
        f"<title>Network {'-'.join(map(str, sizes))}</title>",
        f'<rect width="{width}" height="{height}" fill="white"/>',
        *_edges_svg(layers, weights, scale),
        *_nodes_svg(layers, options, r, max(7, min(11, int(r * 0.75)))),
        *_captions_svg(
            layers,
            captions,
            height - 10 - 16 * (max(map(len, captions)) - 1),
            bold_first=max(map(len, captions)) > 1,
        ),
    ]
    if options.get("titles"):
        parts += _captions_svg(layers, [[t] for t in options["titles"]], 16)
    parts.append(options.get("footer", ""))
    parts.append("</svg>")
    return "".join(parts)
