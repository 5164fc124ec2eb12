"""The playground as a web page of its own: one lab and a link that shares its set-up.

``make playground`` serves ``notebooks/pages/playground.ipynb`` with Voila; that notebook shows
:func:`playground_page`. The page opens the set-up in its address (``?state=pg1...``, the
string :meth:`Playground.share <nn_course.widgets.playground.Playground.share>` returns), and
its *Share link* button writes the address of the current set-up, to copy and send: whoever
opens it gets the same data, seed and settings (see :mod:`nn_course.playground_share`).

See notebook 12_playground.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..playground_share import share_url, state_from_query
from ..style import ACCENT
from .playground import Playground, playground

__all__ = ["PlaygroundPage", "playground_page"]


class PlaygroundPage:
    """A playground, a *Share link* button and the link it writes.

    Attributes
    ----------
    lab : Playground
        The lab (``lab.model``, ``lab.widget``, ``lab.share()``).
    message : ipywidgets.HTML
        Empty, or why the address's set-up could not be opened.
    share_button : ipywidgets.Button
        Writes the current set-up's address into ``link``.
    link : ipywidgets.Text
        The address to copy; empty until the button is pressed.
    widget : ipywidgets.VBox
        All of the above, in that order (the lab first).
    """

    def __init__(self, query: str | None = None, base: str | None = None):
        self.base = base
        self.message = widgets.HTML()
        try:
            self.lab: Playground = playground(state=state_from_query(query))
        except ValueError as error:  # a damaged or truncated link: say so, open the default
            self.lab = playground()
            self.message.value = (
                f"<span style='color:{ACCENT}'>The set-up in this address could not be opened "
                f"({html.escape(str(error))}); here is the default one.</span>"
            )
        self.share_button = widgets.Button(
            description="Share link", icon="link",
            tooltip="The address of this set-up (data, seed and settings), to copy and send",
        )
        self.link = widgets.Text(
            value="", placeholder="press Share link", description="Link",
            layout=widgets.Layout(width="760px"),
        )
        self.share_button.on_click(lambda _button: self.update_link())
        row = widgets.HBox([self.share_button, self.link])
        self.widget = widgets.VBox([self.message, self.lab.widget, row])

    def update_link(self) -> str:
        """Write the current set-up's address into :attr:`link` and return it."""
        self.link.value = share_url(self.lab.share(), self.base)
        return self.link.value

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def playground_page(query: str | None = None, base: str | None = None) -> PlaygroundPage:
    """The playground page: the set-up in the page's address, and a link that shares it.

    Parameters
    ----------
    query : str, optional
        The address's query (``state=pg1...``); by default the one Voila gives the page's
        kernel (``QUERY_STRING``); none opens the default lab.
    base : str, optional
        The page's address without its query, for the shared link; by default the one Voila
        gives the kernel (``VOILA_REQUEST_URL``).

    Examples
    --------
    >>> from nn_course.playground_share import encode
    >>> page = playground_page("state=" + encode({"dataset": "xor", "hidden": [4]}), "http://h/")
    >>> page.lab.model.state["dataset"], page.lab.model.state["hidden"]
    ('xor', [4])
    >>> page.update_link().startswith("http://h/?state=pg1.")
    True
    >>> playground_page("state=pg1.damaged").message.value != ""
    True

    See notebook 12_playground.
    """
    return PlaygroundPage(query, base)
