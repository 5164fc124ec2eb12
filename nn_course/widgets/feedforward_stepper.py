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
from ._base import Explorer, html_view
from ._stepper_svg import fmt, fmt_array, step_buttons, stepper_svg

__all__ = ["feedforward_stepper", "example_network"]

#: The 2-3-2 network of notebook 06: round weights, so the arithmetic can be followed by hand.
EXAMPLE_WEIGHTS = [
    (np.array([[0.5, -1.0, 0.8], [1.5, 0.5, -0.6]]), np.array([0.0, 0.5, -0.2])),
    (np.array([[1.0, -1.0], [-0.7, 0.9], [1.2, -0.4]]), np.array([0.1, -0.1])),
]
EXAMPLE_X = np.array([1.0, 0.5])


def example_network() -> Network:
    """The 2-3-2 network (sigmoid hidden layer, softmax output) used by notebook 06 and the stepper."""
    net = Network([Dense(2, 3, "sigmoid", init="zeros"), Dense(3, 2, "softmax", init="zeros")])
    net.set_weights(EXAMPLE_WEIGHTS)
    return net


def _layer_name(i: int, n_layers: int) -> str:
    return "output layer" if i == n_layers - 1 else f"hidden layer {i + 1}"


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
        raise ValueError("feedforward_stepper shows Dense layers only; remove Dropout layers first.")
    n_in = net.n_inputs
    if x is None:
        x = EXAMPLE_X if n_in == 2 else np.zeros(n_in)
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    if x.shape != (n_in,):
        raise ValueError(f"x must have {n_in} values, one per input; got shape {x.shape}.")
    n_layers = len(net.layers)
    sizes = net.layer_sizes
    weights = [layer.W for layer in net.layers]

    controls = {}
    for j in range(min(n_in, 4)):
        controls[f"x{j + 1}"] = widgets.FloatSlider(
            value=float(np.clip(x[j], -3, 3)), min=-3.0, max=3.0, step=0.1, description=f"input x{j + 1}",
            continuous_update=True, readout_format=".1f", style={"description_width": "60px"})
    for key, label, icon in (("back", "back", "step-backward"), ("next", "next layer", "step-forward"),
                             ("reset", "reset", "undo")):
        controls[key] = widgets.Button(description=label, icon=icon, layout=widgets.Layout(width="120px"))

    diagram = html_view(min_height="300px")
    explanation = html_view(min_height="170px")

    state = {"step": 0}

    def current_x() -> np.ndarray:
        values = x.copy()
        for j in range(min(n_in, 4)):
            values[j] = controls[f"x{j + 1}"].value
        return values[None, :]

    def update() -> None:
        X = current_x()
        trace = net.forward(X, trace=True)
        step = state["step"]
        state.update(x=X, trace=trace)

        node_text = [[[fmt(v, 2), f"x{j + 1}"] for j, v in enumerate(X[0])]]
        for i, t in enumerate(trace):
            if i < step:
                node_text.append([[fmt(t.a[0, k], 3), f"z={fmt(t.z[0, k], 3)}"] for k in range(sizes[i + 1])])
            else:
                node_text.append([["?", ""] for _ in range(sizes[i + 1])])
        titles = ["input x"] + [("output a" if i == n_layers - 1 else "hidden a") + f"{i + 1}"
                                for i in range(n_layers)]
        diagram.value = stepper_svg(sizes, weights, node_text, active_layer=step if step else None,
                                    node_done=[True] + [i < step for i in range(n_layers)], layer_titles=titles)

        lines = [f"<b>Input</b> x = {html.escape(fmt_array(X[0], 2))}, shape {X.shape}"]
        if step == 0:
            lines.append("Click <b>next layer</b> to compute the first layer.")
        else:
            i = step - 1
            t, layer = trace[i], net.layers[i]
            prev = "x" if i == 0 else f"a{i}"
            f_name = layer.activation.name
            lines.append(f"<b>Step {step} of {n_layers}: {_layer_name(i, n_layers)}</b> ({f_name})")
            lines.append(f"z{step} = {prev} @ W{step} + b{step}:  {t.input.shape} @ {layer.W.shape} + "
                         f"{layer.b.shape} &rarr; {t.z.shape}")
            lines.append(f"z{step} = {html.escape(fmt_array(t.z[0]))}")
            if layer.n_in <= 4:  # one neuron written out, as in the by-hand section of notebook 06
                terms = " + ".join(f"{fmt(v)}*{fmt(w) if w >= 0 else '(' + fmt(w) + ')'}"
                                   for v, w in zip(t.input[0], layer.W[:, 0]))
                lines.append(f"&nbsp;&nbsp;(neuron 1: {html.escape(terms)} + {fmt(layer.b[0])} "
                             f"= {fmt(t.z[0, 0])})")
            lines.append(f"a{step} = {f_name}(z{step}) = {html.escape(fmt_array(t.a[0]))}, shape {t.a.shape}")
            if step == n_layers:
                out = trace[-1].a[0]
                if f_name == "softmax":
                    lines.append(f"Class probabilities {html.escape(fmt_array(out))} (they sum to 1); "
                                 f"predicted class: <b>{int(np.argmax(out))}</b>")
                elif f_name == "sigmoid" and out.size == 1:
                    lines.append(f"P(class 1) = {fmt(out[0])}; predicted class: <b>{int(out[0] > 0.5)}</b>")
                lines.append("Done: this is net.forward(x). Click <b>reset</b> to start again.")
            else:
                lines.append(f"a{step} is the input of the next layer.")
        explanation.value = ('<div style="font-family:monospace;font-size:13px;line-height:1.6">'
                             + "<br>".join(lines) + "</div>")

    buttons = step_buttons(controls, state, n_layers, lambda: panel.refresh())
    sliders = [c for k, c in controls.items() if k.startswith("x")]
    panel = _FeedforwardStepper([widgets.HBox(sliders), buttons, diagram, explanation], controls, update)
    panel._state = state
    return panel


class _FeedforwardStepper(Explorer):
    """An Explorer that also exposes what it shows, for tests and curious learners."""

    @property
    def step(self) -> int:
        """How many layers have been computed (0 = only the input)."""
        return self._state["step"]

    @property
    def trace(self):
        """``net.forward(x, trace=True)`` for the current input."""
        return self._state["trace"]

    @property
    def x(self) -> np.ndarray:
        """The current input, shape (1, n_inputs)."""
        return self._state["x"]
