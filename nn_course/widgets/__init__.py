"""Interactive widgets, one factory per idea; each returns an :class:`Explorer`.

Every widget exposes ``.controls`` (name -> control) and updates synchronously, so it can be
driven from code and tests as well as with the mouse.
"""

from ._base import Explorer, FigureView, html_view

__all__ = ["Explorer", "FigureView", "html_view"]
