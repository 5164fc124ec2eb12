"""Figures for the course: consistent, labelled, colour-blind safe.

Every function returns the matplotlib ``Figure`` (or ``Axes``) so a notebook can add to it.
Figures have a white background so they read the same on light and dark JupyterLab themes.

See every notebook; the style is set once in each setup cell with :func:`use_course_style`.
"""

from __future__ import annotations

import io

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["PALETTE", "CLASS_COLORS", "use_course_style", "new_figure", "figure_to_png"]

#: Okabe-Ito colours: distinguishable with every common form of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
#: Colours of class 0, 1, 2, ... in scatter plots and decision maps.
CLASS_COLORS = PALETTE

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


def new_figure(width: float = 6.0, height: float = 4.0, nrows: int = 1, ncols: int = 1, dpi: int = 80):
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
