"""Interactive widgets, one factory per idea; each returns an :class:`Explorer`.

Every widget exposes ``.controls`` (name -> control) and updates synchronously, so it can be
driven from code and tests as well as with the mouse.
"""

from ._base import Explorer, FigureView, html_view
from .activation_explorer import activation_explorer
from .network_builder import network_builder

__all__ = ["Explorer", "FigureView", "html_view", "activation_explorer", "network_builder"]
