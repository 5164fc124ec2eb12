"""Short constructors for the controls every widget uses (sliders, dropdowns, checkboxes).

They fix the course's defaults (sliders update while dragged) so a widget's control table
reads as one line per control.

>>> slider("weight w", -1.0, -6.0, 6.0).continuous_update
True
"""

from __future__ import annotations

import ipywidgets as widgets

__all__ = ["slider", "int_slider", "choice_slider", "dropdown", "checkbox"]


def slider(
    description: str, value: float, lo: float, hi: float, step: float = 0.1, **options
) -> widgets.FloatSlider:
    """A float slider from ``lo`` to ``hi`` that updates while it is dragged."""
    options.setdefault("continuous_update", True)
    return widgets.FloatSlider(
        value=value, min=lo, max=hi, step=step, description=description, **options
    )


def int_slider(
    description: str, value: int, lo: int, hi: int, step: int = 1, **options
) -> widgets.IntSlider:
    """An int slider from ``lo`` to ``hi`` (in steps of ``step``)."""
    return widgets.IntSlider(
        value=value, min=lo, max=hi, step=step, description=description, **options
    )


def choice_slider(description: str, values, value, **options) -> widgets.SelectionSlider:
    """A slider over a list of ``values`` (or ``(label, value)`` pairs)."""
    options.setdefault("continuous_update", True)
    return widgets.SelectionSlider(options=values, value=value, description=description, **options)


def dropdown(description: str, values, value, **options) -> widgets.Dropdown:
    """A dropdown of ``values`` (or ``(label, value)`` pairs)."""
    return widgets.Dropdown(options=values, value=value, description=description, **options)


def checkbox(description: str, value: bool, **options) -> widgets.Checkbox:
    """A checkbox with its label on the right (not indented)."""
    return widgets.Checkbox(value=value, description=description, indent=False, **options)
