"""What the two steppers share: their network diagram and their back / next / reset buttons.

The diagram is :func:`nn_course.diagrams.network_svg` with text under every node, the layer of
the current step ringed and the layers not computed yet in grey; redrawing it costs well under a
millisecond, so a stepper redraws it on every click. Used by
:func:`~nn_course.widgets.feedforward_stepper` and :func:`~nn_course.widgets.backprop_stepper`
(notebooks 06_feedforward and 08_backpropagation).
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..diagrams import ACTIVE, network_svg
from ..style import MUTED, NEGATIVE, POSITIVE
from ..style import fmt_array
from ..style import fmt_fixed as fmt

__all__ = ["stepper_svg", "fmt", "fmt_array", "step_controls", "step_buttons"]


def step_controls(controls: dict, next_label: str = "next") -> dict:
    """Add the "back", "next" and "reset" buttons to ``controls`` (returned too).

    >>> sorted(step_controls({}))
    ['back', 'next', 'reset']
    """
    for key, label, icon in (
        ("back", "back", "step-backward"),
        ("next", next_label, "step-forward"),
        ("reset", "reset", "undo"),
    ):
        controls[key] = widgets.Button(
            description=label, icon=icon, layout=widgets.Layout(width="120px")
        )
    return controls


def step_buttons(controls: dict, state: dict, last_step: int, refresh) -> widgets.HBox:
    """Wire the "back", "next" and "reset" buttons to move ``state["step"]`` within 0..last_step.

    ``refresh()`` redraws the stepper after each click. Returns the buttons in a row.
    """

    def go(delta):
        def handler(_button):
            state["step"] = int(np.clip(state["step"] + delta, 0, last_step))
            refresh()

        return handler

    def reset(_button):
        state["step"] = 0
        refresh()

    controls["next"].on_click(go(+1))
    controls["back"].on_click(go(-1))
    controls["reset"].on_click(reset)
    return widgets.HBox([controls["back"], controls["next"], controls["reset"]])


def _legend(height: int, ringed: bool) -> str:
    """Two lines under the diagram: what the ring and the line colours mean."""
    parts = []
    if ringed:
        parts.append(
            f'<text x="8" y="{height - 22}" font-size="11" fill="{MUTED}">'
            f'<tspan fill="{ACTIVE}" font-weight="bold">Vermillion ring</tspan>: marks the '
            "layer this step computed.</text>"
        )
    parts.append(
        f'<text x="8" y="{height - 8}" font-size="11" fill="{MUTED}">Lines: '
        f'<tspan fill="{POSITIVE}" font-weight="bold">blue</tspan> weight &gt; 0, '
        f'<tspan fill="{NEGATIVE}" font-weight="bold">orange</tspan> weight &lt; 0; '
        "thicker = larger |w|. Number in a circle: its output a.</text>"
    )
    return "".join(parts)


def stepper_svg(
    layer_sizes,
    weights,
    node_text,
    active_layer=None,
    node_done=None,
    layer_titles=None,
    width: int = 560,
    height: int = 300,
) -> str:
    """Draw a small network with text under every node.

    Parameters
    ----------
    layer_sizes : list of int
        ``[n_inputs, ..., n_outputs]``.
    weights : list of ndarray (n_in, n_out)
        One per layer; an edge's colour is the weight's sign, its width grows with ``|w|``.
    node_text : list of list of list of str
        ``node_text[layer][unit]`` is a list of short lines drawn under (and the first one inside)
        the node. Layer 0 is the input layer.
    active_layer : int or None
        Index (into ``layer_sizes``) of the layer to ring in vermillion (the one computed now).
    node_done : list of bool, optional
        Per layer: filled (computed) or grey (not yet).
    layer_titles : list of str, optional
        A caption above each column.

    >>> svg = stepper_svg([1, 1], [np.array([[2.0]])], [[["1"]], [["2", "z=2"]]], active_layer=1)
    >>> ">z=2<" in svg and "Vermillion ring" in svg
    True
    """
    n_layers = len(layer_sizes)
    return network_svg(
        layer_sizes,
        weights,
        width=width,
        height=height,
        node_text=node_text,
        active_layer=active_layer,
        node_done=node_done or [True] * n_layers,
        titles=layer_titles,
        captions=[[] for _ in range(n_layers)],
        radius=19,
        margins=(46, 58, 70),
        even=True,
        footer=_legend(height, active_layer is not None),
    )
