"""The base every course widget builds on.

A widget is a box of *controls* (sliders, dropdowns, buttons) and *views* (an image of a
figure, or HTML text/SVG). Whenever a control changes, :meth:`Explorer.refresh` redraws the
views. Everything happens synchronously in Python, so tests drive a widget without a browser::

    w = neuron_explorer()
    w.controls["w1"].value = 2.0     # the views are already updated
    w.controls["reset"].click()

Views never use ``ipywidgets.Output``: images and HTML update in place, so a notebook's stored
outputs stay the same under nbval and a figure is never drawn twice.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..plotting import figure_to_png, new_figure

__all__ = ["Explorer", "FigureView", "html_view", "VIEW_CLASS"]

#: CSS class on every view; the browser tests look for it to see that a slider changed something.
VIEW_CLASS = "nn-view"


class FigureView:
    """A matplotlib figure drawn once and shown as a PNG in an ``ipywidgets.Image``.

    Update the artists (``line.set_ydata(...)``), then call :meth:`draw`.
    """

    def __init__(
        self, width: float = 6.0, height: float = 4.0, nrows: int = 1, ncols: int = 1, dpi: int = 80
    ):
        self.figure, self.axes = new_figure(width, height, nrows, ncols, dpi)
        self.image = widgets.Image(
            format="png", layout=widgets.Layout(width=f"{int(width * dpi)}px")
        )
        self.image.add_class(VIEW_CLASS)

    def draw(self) -> None:
        """Render the figure and show it."""
        self.image.value = figure_to_png(self.figure)


def html_view(value: str = "", **layout) -> widgets.HTML:
    """An ``ipywidgets.HTML`` view (text, tables or an SVG diagram) marked as a view."""
    view = widgets.HTML(value=value, layout=widgets.Layout(**layout))
    view.add_class(VIEW_CLASS)
    return view


class Explorer(widgets.VBox):
    """A displayable widget with named ``controls`` that redraws its views on every change.

    Parameters
    ----------
    children : list of widgets
        The layout (controls and views arranged in boxes).
    controls : dict
        Name -> control widget. Every non-button control's ``value`` change calls ``update``;
        buttons get their own handlers from the factory (which should end by calling
        :meth:`refresh`).
    update : callable
        Redraws the views from the controls' current values.
    state : dict, optional
        What the widget computed and shows (numbers, arrays, models), filled in by ``update``;
        public as :attr:`state`, and the properties of a factory's subclass read from it.
    views : dict, optional
        Name -> view; each becomes an attribute (``w.diagram``), for tests and curious learners.
    on_change : callable, optional
        ``on_change(change)`` answers a control's value change instead of :meth:`refresh`
        (for a widget whose controls each need their own handling, like the playground).
    """

    def __init__(
        self,
        children,
        controls: dict,
        update,
        state: dict | None = None,
        views: dict | None = None,
        on_change=None,
    ):
        super().__init__(children)
        self.controls = dict(controls)
        for name, view in (views or {}).items():
            setattr(self, name, view)
        #: What the widget computed and shows; ``update`` fills it in.
        self.state = state if state is not None else {}
        self._update = update
        self._handler = on_change
        for control in self.controls.values():
            if not isinstance(control, widgets.Button):
                control.observe(self._on_change, names="value")
        self.refresh()

    def _on_change(self, change) -> None:
        if self._handler is not None:
            self._handler(change)
        else:
            self.refresh()

    def refresh(self) -> None:
        """Redraw every view from the current control values."""
        self._update()
