"""The course's one visual language: colours and number formatting.

Every plot, SVG diagram and widget takes its colours and its number format from here, so a
colour means the same thing in every notebook:

* **blue means positive**: a positive weight, a positive value, class 1 (the "yes" class);
* **orange means negative**: a negative weight, a negative value, class 0.

This is the convention of TensorFlow Playground too. Both colours come from the Okabe-Ito
palette, which stays distinguishable for the common kinds of colour blindness; classes 2, 3
and 4 of a multi-class problem take the next colours of the same palette.

>>> POSITIVE, NEGATIVE
('#0072B2', '#E69F00')
>>> class_color(1) == POSITIVE and class_color(0) == NEGATIVE
True
>>> fmt(0.123456), fmt(-2.0), fmt(1234.5), fmt(3e-7)
('0.123', '-2', '1.23e+03', '3e-07')
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "POSITIVE",
    "NEGATIVE",
    "NEUTRAL",
    "ACCENT",
    "CLASS_COLORS",
    "class_color",
    "fmt",
    "fmt_fixed",
    "fmt_array",
    "sign_color",
    "rgb",
    "tint",
    "DIVERGING",
    "NAN_COLOR",
    "diverging_table",
    "diverging_cmap",
    "LINE_COLORS",
    "INK",
    "MUTED",
    "FAINT",
    "PANEL",
    "WHITE",
    "HIGHLIGHT",
    "TISSUE",
    "TISSUE_EDGE",
]

#: Blue: positive weights and values, class 1.
POSITIVE = "#0072B2"
#: Orange: negative weights and values, class 0.
NEGATIVE = "#E69F00"
#: Grey for what has no sign (zero, "not computed yet", axes).
NEUTRAL = "#999999"
#: Vermillion for what to look at now: the current point, the layer being computed, a mistake.
ACCENT = "#D55E00"

#: One colour per class: class 0 orange, class 1 blue, then green, reddish purple, vermillion.
CLASS_COLORS = [NEGATIVE, POSITIVE, "#009E73", "#CC79A7", "#D55E00"]

#: Okabe-Ito colours for lines, in the order of matplotlib's colour cycle: blue, orange, green,
#: vermillion, purple, sky blue, yellow, black.
LINE_COLORS = [POSITIVE, NEGATIVE, "#009E73", ACCENT, "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

# Greys and white carry no meaning: they draw text, outlines and backgrounds.
#: Dark grey for text and outlines.
INK = "#333333"
#: Mid grey for secondary text, guide lines and strokes.
MUTED = "#555555"
#: Light grey for faint rules, empty slots and parts not reached yet.
FAINT = "#DDDDDD"
#: Very light grey for the background of a panel or an input node.
PANEL = "#F2F2F2"
#: White: backgrounds and the middle of the diverging scale.
WHITE = "#FFFFFF"
#: Pale cream behind the current step of a list of steps (dark text stays readable on it).
HIGHLIGHT = "#FFF4DC"
#: Beige and dark brown of the drawing of a biological neuron: tissue, neither a sign nor a class.
TISSUE = "#D9C6A5"
TISSUE_EDGE = "#5A4A35"


def class_color(k: int) -> str:
    """The colour of class ``k`` (0-based): orange, blue, green, purple, vermillion."""
    if not 0 <= int(k) < len(CLASS_COLORS):
        raise ValueError(f"class index must be 0..{len(CLASS_COLORS) - 1}; got {k}")
    return CLASS_COLORS[int(k)]


def fmt(value: float, digits: int = 3) -> str:
    """A number as a learner reads it: ``digits`` significant digits, no trailing zeros.

    >>> fmt(0.5), fmt(-0.04567), fmt(12.0)
    ('0.5', '-0.0457', '12')
    """
    text = f"{float(value):.{digits}g}"
    return "0" if text == "-0" else text


def fmt_fixed(value: float, decimals: int = 3) -> str:
    """A number with a fixed count of decimals, for columns that line up (steppers, tables).

    >>> fmt_fixed(0.6), fmt_fixed(-0.0001), fmt_fixed(2, 1)
    ('0.600', '0.000', '2.0')
    """
    text = f"{float(value):.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def fmt_array(values, decimals: int = 3) -> str:
    """A 1-D or 2-D array as ``[1.000, -2.000]`` rows (:func:`fmt_fixed`), without wrapping.

    >>> fmt_array([[1, -2], [0.5, 0]], 1)
    '[[1.0, -2.0],\\n [0.5, 0.0]]'
    """
    values = np.asarray(values, dtype=np.float64)
    if values.ndim == 0:
        return fmt_fixed(float(values), decimals)
    if values.ndim == 1:
        return "[" + ", ".join(fmt_fixed(v, decimals) for v in values) + "]"
    return "[" + ",\n ".join(fmt_array(row, decimals) for row in values) + "]"


def sign_color(value: float) -> str:
    """:data:`POSITIVE` (blue) for a value >= 0, :data:`NEGATIVE` (orange) below 0.

    >>> sign_color(0.3) == POSITIVE, sign_color(-1) == NEGATIVE
    (True, True)
    """
    return POSITIVE if value >= 0 else NEGATIVE


def rgb(color: str) -> tuple[int, int, int]:
    """``"#RRGGBB"`` as a tuple of three ints 0..255.

    >>> rgb("#0072B2")
    (0, 114, 178)
    """
    color = color.lstrip("#")
    return tuple(int(color[i : i + 2], 16) for i in (0, 2, 4))


def tint(color: str, amount: float) -> str:
    """Mix ``color`` with white: amount 0 is white, 1 the colour itself.

    >>> tint(POSITIVE, 0.0), tint(POSITIVE, 1.0)
    ('#FFFFFF', '#0072B2')
    """
    amount = min(max(float(amount), 0.0), 1.0)
    mixed = [round(255 + (c - 255) * amount) for c in rgb(color)]
    return "#{:02X}{:02X}{:02X}".format(*mixed)


#: The diverging scale of every heatmap: orange at -1 (negative, class 0), white at 0,
#: blue at +1 (positive, class 1).
DIVERGING = (NEGATIVE, WHITE, POSITIVE)
#: Colour of a value that is not a number (NaN) in a heatmap.
NAN_COLOR = "#AAAAAA"


def diverging_table(strength: float = 0.85, levels: int = 255) -> np.ndarray:
    """The diverging scale as a lookup table: ``(levels + 1, 3)`` uint8 RGB rows.

    Row 0 is the colour of -1 (orange), the middle row white, row ``levels - 1`` the colour of
    +1 (blue); ``strength`` is how far the ends go from white towards the full colours. The
    last row is grey, for NaN. The playground maps its heatmaps through such tables.

    >>> table = diverging_table(1.0, levels=3)
    >>> [tuple(int(c) for c in row) for row in table] == [rgb(NEGATIVE), (255, 255, 255),
    ...                                                   rgb(POSITIVE), rgb(NAN_COLOR)]
    True
    """
    t = np.linspace(-1.0, 1.0, int(levels))[:, None]
    white = np.full(3, 255.0)
    ends = np.where(t < 0, np.array(rgb(NEGATIVE), float), np.array(rgb(POSITIVE), float))
    table = white + strength * np.abs(t) * (ends - white)
    return np.round(np.vstack([table, rgb(NAN_COLOR)])).astype(np.uint8)


def diverging_cmap():
    """The diverging scale as a matplotlib colormap: 0 orange (class 0), 1 blue (class 1).

    >>> cmap = diverging_cmap()
    >>> from matplotlib.colors import to_hex
    >>> to_hex(cmap(0.0)).upper() == NEGATIVE, to_hex(cmap(1.0)).upper() == POSITIVE
    (True, True)
    """
    from matplotlib.colors import LinearSegmentedColormap  # only the plots need matplotlib

    return LinearSegmentedColormap.from_list("course_orange_blue", list(DIVERGING))
