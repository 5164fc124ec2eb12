"""Clicks on the playground's pictures: a point of the decision map in data coordinates, a
neuron of the network picture.

The browser reports a click through :mod:`ipyevents` (when it is installed) as a dict:
``relativeX`` and ``relativeY`` are pixels from the top-left corner of the clicked widget,
``shiftKey`` says whether shift was held. The decision map is an SVG picture whose plot area
starts ``MAP_LEFT`` pixels from the left and ``MAP_TOP`` from the top and is ``MAP_SIZE``
pixels wide and high (see :func:`~nn_course.widgets._playground_render.map_svg`); here such a
click becomes the point (x1, x2) it shows, or ``None`` for a click outside the plot area.
In the network picture, each neuron is a square heatmap centred where
:func:`~nn_course.widgets._playground_render.network_layout` puts it: a click on one names it;
each weight is a line between two centres: a click on one, between the squares, names it.

Without ipyevents (it is an optional front-end extension, e.g. absent from a web page that
did not ship it) nothing listens to clicks and the sliders and buttons of "Draw" do the same.

See notebook 12_playground.
"""

from __future__ import annotations

import math

from ._playground_render import MAP_LEFT, MAP_SIZE, MAP_TOP, NODE, network_layout

__all__ = ["map_point", "network_node", "network_edge", "click_listener"]


def _pixels(event: dict) -> tuple[float, float] | None:
    """``relativeX``, ``relativeY`` of an ipyevents event as finite floats, or None."""
    try:
        x, y = float(event["relativeX"]), float(event["relativeY"])
    except (KeyError, TypeError, ValueError):
        return None
    return (x, y) if math.isfinite(x) and math.isfinite(y) else None


def map_point(event: dict, extent: float) -> tuple[float, float] | None:
    """The data point (x1, x2) under a click on the decision map, or None outside its plot.

    Parameters
    ----------
    event : dict
        As ipyevents sends it: ``relativeX``, ``relativeY`` (pixels from the picture's
        top-left corner); other keys are ignored.
    extent : float
        The map shows ``[-extent, extent]`` on both axes.

    Returns
    -------
    tuple of two floats or None
        x1 grows to the right and x2 upwards, rounded to 2 decimals; None for a click on
        the title, the axes or the legend, or an event without usable coordinates.

    Examples
    --------
    >>> map_point({"relativeX": 34 + 140, "relativeY": 24 + 140}, 6.0)   # the centre
    (0.0, 0.0)
    >>> map_point({"relativeX": 34 + 280, "relativeY": 24}, 6.0)         # top-right corner
    (6.0, 6.0)
    >>> map_point({"relativeX": 5, "relativeY": 100}, 6.0) is None       # on the x2 axis
    True
    """
    pixels = _pixels(event)
    if pixels is None:
        return None
    px, py = pixels[0] - MAP_LEFT, pixels[1] - MAP_TOP
    if not (0 <= px <= MAP_SIZE and 0 <= py <= MAP_SIZE):
        return None
    x1 = (px / MAP_SIZE * 2 - 1) * extent
    x2 = (1 - py / MAP_SIZE * 2) * extent
    return round(x1, 2) + 0.0, round(x2, 2) + 0.0  # + 0.0: no "-0.0"


def network_node(event: dict, layer_sizes: list[int]) -> tuple[int, int] | None:
    """The neuron under a click on the network picture: (layer, neuron), both 0-based, the
    layer counted among the Dense layers (0 is the first hidden layer, the last is the
    output), as the playground's "Look inside" menu names them; None for a click on an input,
    a weight or nothing.

    Examples
    --------
    >>> from nn_course.widgets._playground_render import network_layout
    >>> x, y = network_layout([2, 3, 1])[1][2]      # the third neuron of hidden layer 1
    >>> network_node({"relativeX": x + 5, "relativeY": y - 5}, [2, 3, 1])
    (0, 2)
    >>> x, y = network_layout([2, 3, 1])[0][0]      # an input: nothing to look inside
    >>> network_node({"relativeX": x, "relativeY": y}, [2, 3, 1]) is None
    True
    """
    pixels = _pixels(event)
    if pixels is None:
        return None
    for layer, column in enumerate(network_layout(list(layer_sizes))[1:]):
        for j, (x, y) in enumerate(column):
            if abs(pixels[0] - x) <= NODE / 2 and abs(pixels[1] - y) <= NODE / 2:
                return layer, j
    return None


#: A click counts as on a weight's line within this many pixels of it.
EDGE_TOLERANCE = 4.0


def network_edge(event: dict, layer_sizes: list[int],
                 tolerance: float = EDGE_TOLERANCE) -> tuple[int, int, int] | None:
    """The weight under a click on the network picture: (layer, neuron, input), all 0-based,
    the weight ``W[input, neuron]`` of Dense layer ``layer`` (as :func:`network_node` counts
    layers); the nearest line within ``tolerance`` pixels, between the two columns of
    squares; None for a click on a square or away from every line.

    Examples
    --------
    >>> from nn_course.widgets._playground_render import network_layout
    >>> (x0, y0), (x1, y1) = network_layout([2, 3, 1])[0][1], network_layout([2, 3, 1])[1][0]
    >>> middle = {"relativeX": (x0 + x1) / 2, "relativeY": (y0 + y1) / 2 + 1}
    >>> network_edge(middle, [2, 3, 1])   # from input x2 to neuron 1 of the hidden layer
    (0, 0, 1)
    >>> network_edge({"relativeX": x0, "relativeY": y0}, [2, 3, 1]) is None   # on a square
    True
    """
    pixels = _pixels(event)
    if pixels is None or network_node(event, layer_sizes) is not None:
        return None
    px, py = pixels
    best, nearest = None, tolerance
    layout = network_layout(list(layer_sizes))
    for layer, (left, right) in enumerate(zip(layout[:-1], layout[1:])):
        if not left[0][0] + NODE / 2 <= px <= right[0][0] - NODE / 2:
            continue  # only the lines' stretch between the two columns of squares
        for k, (x0, y0) in enumerate(left):
            for j, (x1, y1) in enumerate(right):
                y_on_line = y0 + (y1 - y0) * (px - x0) / (x1 - x0)
                distance = abs(py - y_on_line) * (x1 - x0) / math.hypot(x1 - x0, y1 - y0)
                if distance <= nearest:
                    best, nearest = (layer, j, k), distance
    return best


def click_listener(source, handler):
    """Call ``handler(event)`` on every click on the widget ``source``; return the listener
    (an ``ipyevents.Event``), or None when ipyevents is not installed."""
    try:
        from ipyevents import Event
    except ImportError:
        return None
    listener = Event(source=source, watched_events=["click"])
    listener.on_dom_event(handler)
    return listener
