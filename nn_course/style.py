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

__all__ = [
    "POSITIVE",
    "NEGATIVE",
    "NEUTRAL",
    "CLASS_COLORS",
    "class_color",
    "fmt",
]

#: Blue: positive weights and values, class 1.
POSITIVE = "#0072B2"
#: Orange: negative weights and values, class 0.
NEGATIVE = "#E69F00"
#: Grey for what has no sign (zero, "not computed yet", axes).
NEUTRAL = "#999999"

#: One colour per class: class 0 orange, class 1 blue, then green, reddish purple, vermillion.
CLASS_COLORS = [NEGATIVE, POSITIVE, "#009E73", "#CC79A7", "#D55E00"]


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
