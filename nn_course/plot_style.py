"""The course's matplotlib style and blank figures, shared by every plotting module.

:func:`use_course_style` sets the style once in each notebook's setup cell; :func:`new_figure`
gives a figure a widget can draw into without cell output; :func:`figure_to_png` renders it.
The colours come from :mod:`nn_course.style`. Import all of these from :mod:`nn_course.plotting`.
"""

from __future__ import annotations

import io

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import style

__all__ = [
    "PALETTE",
    "CLASS_COLORS",
    "BINARY_CMAP",
    "MARKERS",
    "POSITIVE_COLOR",
    "NEGATIVE_COLOR",
    "use_course_style",
    "new_figure",
    "figure_to_png",
]

#: Okabe-Ito colours for lines (the order of matplotlib's colour cycle): blue, orange, green,
#: vermillion, purple, sky blue, yellow, black. Distinguishable with every common form of colour
#: blindness. Classes and signs take their colours from :mod:`nn_course.style` instead.
PALETTE = list(style.LINE_COLORS)
#: Colours of class 0, 1, 2, ... in scatter plots and decision maps: class 0 orange, class 1 blue.
CLASS_COLORS = style.CLASS_COLORS

_STYLE = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 80,
    "font.size": 11,
    "axes.titlesize": 12,
    "legend.frameon": False,
    "image.cmap": "cividis",
}


def use_course_style() -> None:
    """Set the course's matplotlib style (white background, colour-blind-safe colours)."""
    matplotlib.rcParams.update(_STYLE)


def new_figure(
    width: float = 6.0, height: float = 4.0, nrows: int = 1, ncols: int = 1, dpi: int = 80
):
    """A figure that is not attached to pyplot: widgets draw into it without cell output.

    Returns ``(fig, axes)`` like ``plt.subplots``.
    """
    with matplotlib.rc_context(_STYLE):
        fig = Figure(figsize=(width, height), dpi=dpi)
        FigureCanvasAgg(fig)
        axes = fig.subplots(nrows, ncols, squeeze=True)
    return fig, axes


def figure_to_png(fig) -> bytes:
    """Render a figure to PNG bytes (for an ``ipywidgets.Image``)."""
    buf = io.BytesIO()
    fig.canvas.print_png(buf)
    return buf.getvalue()


def _as_array(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


#: Orange (class 0) -> white -> blue (class 1): the scatter colours of the two classes, so a
#: probability map reads "how sure the model is of each colour". Safe for colour blindness.
BINARY_CMAP = style.diverging_cmap()
#: Markers per class, so classes differ in shape as well as colour.
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
#: Colours of positive / negative weights in network diagrams (blue / orange).
POSITIVE_COLOR, NEGATIVE_COLOR = style.POSITIVE, style.NEGATIVE

_DEFAULT_Z = np.linspace(-5, 5, 401)
_DEFAULT_Z.setflags(write=False)


def _new_axes(width: float = 6.0, height: float = 4.5):
    """A pyplot figure (so a notebook cell shows it) with the course style, and its Axes."""
    import matplotlib.pyplot as plt  # only here: widgets draw into pyplot-free figures

    with matplotlib.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(width, height))
    return ax
