"""Clicks on the playground's pictures: a point of the decision map in data coordinates.

The browser reports a click through :mod:`ipyevents` (when it is installed) as a dict:
``relativeX`` and ``relativeY`` are pixels from the top-left corner of the clicked widget,
``shiftKey`` says whether shift was held. The decision map is an SVG picture whose plot area
starts ``MAP_LEFT`` pixels from the left and ``MAP_TOP`` from the top and is ``MAP_SIZE``
pixels wide and high (see :func:`~nn_course.widgets._playground_render.map_svg`); here such a
click becomes the point (x1, x2) it shows, or ``None`` for a click outside the plot area.

Without ipyevents (it is an optional front-end extension, e.g. absent from a web page that
did not ship it) nothing listens to clicks and the sliders and buttons of "Draw" do the same.

See notebook 12_playground.
"""

from __future__ import annotations

import math

from ._playground_render import MAP_LEFT, MAP_SIZE, MAP_TOP

__all__ = ["map_point", "click_listener"]


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
    try:
        px = float(event["relativeX"]) - MAP_LEFT
        py = float(event["relativeY"]) - MAP_TOP
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(px) and math.isfinite(py)):
        return None
    if not (0 <= px <= MAP_SIZE and 0 <= py <= MAP_SIZE):
        return None
    x1 = (px / MAP_SIZE * 2 - 1) * extent
    x2 = (1 - py / MAP_SIZE * 2) * extent
    return round(x1, 2) + 0.0, round(x2, 2) + 0.0  # + 0.0: no "-0.0"


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
