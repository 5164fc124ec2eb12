"""Feedforward stepper: compute a network's output one layer per click.

Each click on "next layer" computes one more layer, ``z = a_prev @ W + b`` then ``a = f(z)``,
writes every ``z`` and ``a`` on the diagram and prints the matrix-form line with its shapes.
The input sliders change ``x``; the values shown are always those of
``net.forward(x, trace=True)``.

See notebook 06_feedforward.

Examples
--------
>>> w = feedforward_stepper()
>>> w.controls["next"].click()
>>> w.step
1
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from ..layers import Dense
from ..network import Network
from ._controls import slider
from ._base import Explorer, html_view
from ._stepper_svg import fmt, fmt_array, step_buttons, step_controls, stepper_svg

__all__ = ["feedforward_stepper", "example_network"]

#: The 2-3-2 network of notebook 06: round weights, so the arithmetic can be followed by hand.
EXAMPLE_WEIGHTS = [
    (np.array([[0.5, -1.0, 0.8], [1.5, 0.5, -0.6]]), np.array([0.0, 0.5, -0.2])),
    (np.array([[1.0, -1.0], [-0.7, 0.9], [1.2, -0.4]]), np.array([0.1, -0.1])),
]
EXAMPLE_X = np.array([1.0, 0.5])


def example_network() -> Network:
    """The 2-3-2 network (sigmoid hidden layer, softmax output) of notebook 06 and the stepper."""
    net = Network([Dense(2, 3, "sigmoid", init="zeros"), Dense(3, 2, "softmax", init="zeros")])
    net.set_weights(EXAMPLE_WEIGHTS)
    return net


def _layer_name(i: int, n_layers: int) -> str:
    return "output layer" if i == n_layers - 1 else f"hidden layer {i + 1}"


def _diagram(net: Network, X: np.ndarray, trace, step: int) -> str:
    """The network with the input and every computed layer's a and z under its nodes."""
    sizes, n_layers = net.layer_sizes, len(net.layers)
    node_text = [[[fmt(v, 2), f"x{j + 1}"] for j, v in enumerate(X[0])]]
    for i, t in enumerate(trace):
        if i < step:
            node_text.append(
                [[fmt(t.a[0, k], 3), f"z={fmt(t.z[0, k], 3)}"] for k in range(sizes[i + 1])]
            )
        else:
            node_text.append([["?", ""] for _ in range(sizes[i + 1])])
    titles = ["input x"] + [
        ("output a" if i == n_layers - 1 else "hidden a") + f"{i + 1}" for i in range(n_layers)
    ]
    return stepper_svg(
        sizes,
        [layer.W for layer in net.layers],
        node_text,
        active_layer=step if step else None,
        node_done=[True] + [i < step for i in range(n_layers)],
        layer_titles=titles,
    )


def _one_neuron(t, layer) -> str:
    """Neuron 1's weighted sum written out, as in the by-hand section of notebook 06."""
    terms = " + ".join(
        f"{fmt(v)}*{fmt(w) if w >= 0 else '(' + fmt(w) + ')'}"
        for v, w in zip(t.input[0], layer.W[:, 0])
    )
    return f"&nbsp;&nbsp;(neuron 1: {html.escape(terms)} + {fmt(layer.b[0])} = {fmt(t.z[0, 0])})"


def _result(out: np.ndarray, f_name: str) -> list[str]:
    """What the output of the last layer means."""
    lines = []
    if f_name == "softmax":
        lines.append(
            f"Class probabilities {html.escape(fmt_array(out))} (they sum to 1); "
            f"predicted class: <b>{int(np.argmax(out))}</b>"
        )
    elif f_name == "sigmoid" and out.size == 1:
        lines.append(f"P(class 1) = {fmt(out[0])}; predicted class: <b>{int(out[0] > 0.5)}</b>")
    lines.append("Done: this is net.forward(x). Click <b>reset</b> to start again.")
    return lines


def _explanation(net: Network, X: np.ndarray, trace, step: int) -> str:
    """The computation of the current step, line by line."""
    n_layers = len(net.layers)
    lines = [f"<b>Input</b> x = {html.escape(fmt_array(X[0], 2))}, shape {X.shape}"]
    if step == 0:
        lines.append("Click <b>next layer</b> to compute the first layer.")
    else:
        t, layer = trace[step - 1], net.layers[step - 1]
        prev = "x" if step == 1 else f"a{step - 1}"
        f_name = layer.activation.name
        lines.append(
            f"<b>Step {step} of {n_layers}: {_layer_name(step - 1, n_layers)}</b> ({f_name})"
        )
        lines.append(
            f"z{step} = {prev} @ W{step} + b{step}:  {t.input.shape} @ {layer.W.shape} "
            f"+ {layer.b.shape} &rarr; {t.z.shape}"
        )
        lines.append(f"z{step} = {html.escape(fmt_array(t.z[0]))}")
        if layer.n_in <= 4:
            lines.append(_one_neuron(t, layer))
        lines.append(
            f"a{step} = {f_name}(z{step}) = {html.escape(fmt_array(t.a[0]))}, shape {t.a.shape}"
        )
        lines += (
            _result(trace[-1].a[0], f_name)
            if step == n_layers
            else [f"a{step} is the input of the next layer."]
        )
    return (
        '<div style="font-family:monospace;font-size:13px;line-height:1.6">'
        + "<br>".join(lines)
        + "</div>"
    )


def _input_sliders(x: np.ndarray) -> dict:
    """One slider per input, for up to 4 inputs."""
    look = {"readout_format": ".1f", "style": {"description_width": "60px"}}
    return {
        f"x{j + 1}": slider(f"input x{j + 1}", float(np.clip(x[j], -3, 3)), -3.0, 3.0, **look)
        for j in range(min(x.size, 4))
    }


def feedforward_stepper(net: Network | None = None, x=None) -> Explorer:
    """Step through a network's forward pass, one layer per click.

    Parameters
    ----------
    net : Network, optional
        Dense layers only. Default: :func:`example_network` (2-3-2, sigmoid then softmax).
    x : array_like (n_inputs,), optional
        The input; default ``[1.0, 0.5]`` (zeros for another network). One slider per input
        (for up to 4 inputs) lets the learner change it.

    Returns
    -------
    Explorer
        Controls ``x1``, ``x2``, ... (sliders), ``next``, ``back``, ``reset`` (buttons).
        Attributes: ``step`` (layers computed so far), ``trace`` (the current
        ``net.forward(x, trace=True)``), ``x`` (the current input, shape (1, n_inputs)).
    """
    net = example_network() if net is None else net
    if not all(isinstance(layer, Dense) for layer in net.layers):
        raise ValueError(
            "feedforward_stepper shows Dense layers only; remove Dropout layers first."
        )
    n_in = net.n_inputs
    if x is None:
        x = EXAMPLE_X if n_in == 2 else np.zeros(n_in)
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    if x.shape != (n_in,):
        raise ValueError(f"x must have {n_in} values, one per input; got shape {x.shape}.")
    sliders = _input_sliders(x)
    controls = step_controls(dict(sliders), next_label="next layer")
    diagram = html_view(min_height="300px")
    explanation = html_view(min_height="170px")
    state = {"step": 0}

    def update() -> None:
        X = x.copy()
        for j in range(len(sliders)):
            X[j] = controls[f"x{j + 1}"].value
        X = X[None, :]
        trace = net.forward(X, trace=True)
        state.update(x=X, trace=trace)
        diagram.value = _diagram(net, X, trace, state["step"])
        explanation.value = _explanation(net, X, trace, state["step"])

    buttons = step_buttons(controls, state, len(net.layers), lambda: panel.refresh())
    panel = _FeedforwardStepper(
        [widgets.HBox(list(sliders.values())), buttons, diagram, explanation],
        controls,
        update,
        state=state,
    )
    return panel


class _FeedforwardStepper(Explorer):
    """An Explorer that also exposes what it shows, for tests and curious learners."""

    @property
    def step(self) -> int:
        """How many layers have been computed (0 = only the input)."""
        return self.state["step"]

    @property
    def trace(self):
        """``net.forward(x, trace=True)`` for the current input."""
        return self.state["trace"]

    @property
    def x(self) -> np.ndarray:
        """The current input, shape (1, n_inputs)."""
        return self.state["x"]
