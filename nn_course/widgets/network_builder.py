"""``network_builder()``: choose a network's layer sizes and activations; see it and count it.

The diagram redraws as an SVG whenever a slider moves, and a table counts the parameters layer
by layer: a dense layer from ``n_in`` to ``n_out`` neurons has ``n_in * n_out`` weights (one
per connection) and ``n_out`` biases (one per neuron). The total is checked against
:meth:`nn_course.Network.n_parameters` of the same network built by the package.

See notebook 05_network_structure.

Examples
--------
>>> w = network_builder()
>>> w.controls["n_inputs"].value = 4
>>> w.controls["n_hidden"].value = 1
>>> w.controls["width1"].value = 3
>>> w.controls["n_outputs"].value = 2
>>> w.state["sizes"], w.state["n_parameters"]
([4, 3, 2], 23)
"""

from __future__ import annotations


import ipywidgets as widgets

from ..diagrams import layer_names, network_svg
from ..network import Network
from ..style import FAINT, NEUTRAL, PANEL, WHITE
from ._controls import dropdown, int_slider
from ._base import Explorer, html_view

__all__ = [
    "network_builder",
    "layer_parameter_counts",
    "network_diagram_svg",
    "MAX_HIDDEN_LAYERS",
    "MAX_DRAWN_NODES",
]

#: Hidden layers the builder offers (one width slider each).
MAX_HIDDEN_LAYERS = 4
#: A layer wider than this is drawn with its first and last few neurons and a "⋮" between.
MAX_DRAWN_NODES = 10

HIDDEN_ACTIVATIONS = ["relu", "tanh", "sigmoid", "leaky_relu", "elu", "softplus", "linear"]
OUTPUT_ACTIVATIONS = ["linear", "sigmoid", "softmax"]

# Node fills by role, in greys: a role has no sign and no class, so no blue, orange or other
# class colour (a learner would read them as positive, negative or a class). The captions under
# the layers name the roles ("input", "hidden 1", "output").
_INPUT_FILL, _HIDDEN_FILL, _OUTPUT_FILL = PANEL, WHITE, FAINT


def layer_parameter_counts(sizes) -> list[tuple[int, int, int, int]]:
    """Per layer ``(n_in, n_out, n_weights, n_biases)`` for sizes ``[n_inputs, ..., n_outputs]``.

    >>> layer_parameter_counts([2, 3, 1])
    [(2, 3, 6, 3), (3, 1, 3, 1)]
    """
    return [(n_in, n_out, n_in * n_out, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]


def _captions(sizes, activations) -> list[list[str]]:
    """Per layer its name and "size · activation" (inputs: "n features")."""
    captions = [["input", f"{sizes[0]} feature{'s' if sizes[0] != 1 else ''}"]]
    for i, name in enumerate(layer_names(len(sizes))[1:], start=1):
        captions.append([name, f"{sizes[i]} · {activations[i - 1]}"])
    return captions


def network_diagram_svg(
    sizes, activations=None, width: int = 560, height: int = 320, max_nodes: int = MAX_DRAWN_NODES
) -> str:
    """An SVG drawing of a fully connected feedforward network (no weights yet: grey edges).

    Parameters
    ----------
    sizes : list of int
        ``[n_inputs, width_1, ..., n_outputs]``.
    activations : list of str, optional
        One name per layer after the input, written under the layer.
    width, height : int
        Size of the drawing in pixels.
    max_nodes : int
        Layers wider than this are drawn with ``max_nodes - 1`` neurons and a "⋮".

    >>> network_diagram_svg([2, 3, 1], ["relu", "sigmoid"]).count("<circle")
    6
    """
    sizes = [int(n) for n in sizes]
    activations = list(activations) if activations is not None else [""] * (len(sizes) - 1)
    fills = [_INPUT_FILL] + [_HIDDEN_FILL] * (len(sizes) - 2) + [_OUTPUT_FILL]
    return network_svg(
        sizes,
        width=width,
        height=height,
        layer_fills=fills[-len(sizes) :],
        captions=_captions(sizes, activations),
        margins=(22, 46, 60),
        even=True,
        radius=min(11.0, (height - 68) / (2.6 * max_nodes)),
        max_nodes=max_nodes,
    )


def _output_meaning(n_outputs: int, activation: str) -> str:
    """One sentence on what the output layer produces (and a warning for odd choices)."""
    if activation == "linear":
        if n_outputs == 1:
            return "one linear output: any real number, as in <b>regression</b> (predict a price)."
        return (
            f"{n_outputs} linear outputs: {n_outputs} real numbers (regression of several targets)."
        )
    if activation == "sigmoid":
        if n_outputs == 1:
            return (
                "one sigmoid output: a probability between 0 and 1, as in <b>binary "
                "classification</b>."
            )
        return (
            f"{n_outputs} sigmoid outputs: {n_outputs} independent yes/no probabilities "
            "(multi-label); they need not sum to 1."
        )
    if n_outputs == 1:
        return (
            "⚠️ softmax of a single output is always exactly 1: use one sigmoid output for two "
            "classes, or at least 2 softmax outputs."
        )
    return (
        f"softmax over {n_outputs} outputs: {n_outputs} class probabilities that sum to 1, "
        "as in <b>multi-class classification</b>."
    )


def _controls(n_inputs, hidden, n_outputs, hidden_activation, output_activation) -> dict:
    style = {"description_width": "130px"}

    def sized(description, value, lo, hi):  # an own Layout each: unused widths get hidden
        return int_slider(
            description, value, lo, hi, style=style, layout=widgets.Layout(width="360px")
        )

    controls = {
        "n_inputs": sized("inputs", n_inputs, 1, 64),
        "n_hidden": sized("hidden layers", len(hidden), 0, MAX_HIDDEN_LAYERS),
    }
    for k in range(1, MAX_HIDDEN_LAYERS + 1):
        start = hidden[k - 1] if k <= len(hidden) else 8
        controls[f"width{k}"] = sized(f"width of hidden {k}", start, 1, 64)
    controls["n_outputs"] = sized("outputs", n_outputs, 1, 10)
    layout = widgets.Layout(width="360px")
    controls["hidden_activation"] = dropdown(
        "hidden activation", HIDDEN_ACTIVATIONS, hidden_activation, style=style, layout=layout
    )
    controls["output_activation"] = dropdown(
        "output activation", OUTPUT_ACTIVATIONS, output_activation, style=style, layout=layout
    )
    return controls


def _table(rows, sizes, widths, output_act, package_total) -> str:
    """The parameter table, checked against the package's own count."""
    cell = "padding: 2px 10px; text-align: right"
    heads = ("layer", "W shape (n_in, n_out)", "weights n_in·n_out", "biases n_out", "parameters")
    lines = [
        "<table style='border-collapse: collapse; font-family: sans-serif; font-size: 13px'>",
        f"<tr style='border-bottom: 1px solid {NEUTRAL}'>"
        + "".join(f"<th style='{cell}; white-space: nowrap'>{h}</th>" for h in heads)
        + "</tr>",
    ]
    for i, (n_in, n_out, n_w, n_b) in enumerate(rows, start=1):
        name = "output" if i == len(rows) else f"hidden {i}"
        lines.append(
            f"<tr><td style='{cell}'>{i} ({name})</td>"
            f"<td style='{cell}'>({n_in}, {n_out})</td>"
            f"<td style='{cell}'>{n_in} · {n_out} = {n_w}</td><td style='{cell}'>{n_b}</td>"
            f"<td style='{cell}'>{n_w + n_b}</td></tr>"
        )
    total = sum(w + b for _, _, w, b in rows)
    check = "✓ the same total" if total == package_total else "✗ NOT the table's total"
    depth = len(widths)
    lines.append(
        f"<tr style='border-top: 1px solid {NEUTRAL}; font-weight: bold'>"
        f"<td style='{cell}'>total</td><td style='{cell}'></td>"
        f"<td style='{cell}'>{sum(r[2] for r in rows)}</td>"
        f"<td style='{cell}'>{sum(r[3] for r in rows)}</td><td style='{cell}'>{total}</td>"
        "</tr></table>"
    )
    lines.append(
        f"<div style='font-family: sans-serif; font-size: 13px; margin-top: 6px'>"
        f"Check with the package: <code>Network.from_sizes({sizes}).n_parameters()</code> "
        f"= {package_total} {check}<br>"
        f"depth: {depth} hidden layer{'s' if depth != 1 else ''} + the output layer; "
        "widths: "
        f"{widths if widths else 'none (a single layer: inputs straight to outputs)'}<br>"
        f"Output: {_output_meaning(sizes[-1], output_act)}</div>"
    )
    return "".join(lines)


_SHAPE_CONTROLS = ("n_inputs", "n_hidden", "n_outputs", "hidden_activation", "output_activation")


def _extend_depth_with_widths(controls: dict) -> None:
    """Moving the width of a hidden layer that is not there yet adds the layers up to it, so
    every slider always changes the network."""

    def extend_depth(k):
        def on_change(change):
            if k > controls["n_hidden"].value:
                controls["n_hidden"].value = k

        return on_change

    for k in range(1, MAX_HIDDEN_LAYERS + 1):
        controls[f"width{k}"].observe(extend_depth(k), names="value")


def network_builder(
    n_inputs: int = 2,
    hidden: tuple[int, ...] = (8, 8),
    n_outputs: int = 1,
    hidden_activation: str = "relu",
    output_activation: str = "sigmoid",
) -> Explorer:
    """Build a network's shape with sliders: a live diagram and parameter count.

    Parameters
    ----------
    n_inputs : int
        Number of input features (1 to 64; 64 = the pixels of an 8x8 digit).
    hidden : tuple of int
        Widths of the hidden layers to start with (at most :data:`MAX_HIDDEN_LAYERS`, each 1 to
        64).
    n_outputs : int
        Number of outputs (1 to 10).
    hidden_activation, output_activation : str
        The starting activations.

    Returns
    -------
    Explorer
        Controls ``n_inputs``, ``n_hidden`` (number of hidden layers), ``width1`` ...
        ``width4``, ``n_outputs``, ``hidden_activation``, ``output_activation``. ``.state``
        holds ``sizes``, ``rows`` (per layer: n_in, n_out, weights, biases), ``n_parameters``
        (the sum of the table) and ``network_n_parameters`` (from the package's Network).
        Setting the width of a hidden layer beyond ``n_hidden`` adds layers up to it.
    """
    hidden = list(hidden)
    if len(hidden) > MAX_HIDDEN_LAYERS:
        raise ValueError(
            f"network_builder shows at most {MAX_HIDDEN_LAYERS} hidden layers; got {len(hidden)}."
        )
    controls = _controls(n_inputs, hidden, n_outputs, hidden_activation, output_activation)

    _extend_depth_with_widths(controls)
    diagram, table = html_view(), html_view()
    state: dict = {}

    def update() -> None:
        depth = controls["n_hidden"].value
        for k in range(1, MAX_HIDDEN_LAYERS + 1):
            controls[f"width{k}"].layout.display = "" if k <= depth else "none"
        widths = [controls[f"width{k}"].value for k in range(1, depth + 1)]
        sizes = [controls["n_inputs"].value] + widths + [controls["n_outputs"].value]
        hidden_act = controls["hidden_activation"].value
        output_act = controls["output_activation"].value
        acts = [hidden_act] * depth + [output_act]
        diagram.value = network_diagram_svg(sizes, acts)
        rows = layer_parameter_counts(sizes)
        package_total = Network.from_sizes(
            sizes, activation=hidden_act, output_activation=output_act, init="zeros"
        ).n_parameters()
        table.value = _table(rows, sizes, widths, output_act, package_total)
        state.update(
            sizes=sizes,
            rows=rows,
            n_parameters=sum(w + b for _, _, w, b in rows),
            network_n_parameters=package_total,
            activations=acts,
        )

    # two columns of controls above the picture: the diagram keeps its full width
    shape = widgets.VBox([controls[name] for name in _SHAPE_CONTROLS])
    widths = widgets.VBox([controls[f"width{k}"] for k in range(1, MAX_HIDDEN_LAYERS + 1)])
    return Explorer(
        [widgets.HBox([shape, widths]), diagram, table],
        controls,
        update,
        state=state,
        views={"diagram": diagram, "table": table},
    )
