"""Backprop stepper: a forward pass, then the backward pass, one chain-rule product per click.

The steps for a network with layers 1..L are: forward through each layer, the loss, then for
each layer from the last to the first its ``delta = dL/dz`` and its gradients
``dL/dW = a_prev.T @ delta``, ``dL/db = sum(delta)``. Every line shows the product that made the
number. A gradient check (backpropagation against finite differences) sits beside it.

The numbers come from the package (``net.forward(x, trace=True)``, ``net.output_delta``,
``net.backward(..., return_deltas=True)``), so they equal ``net.loss_and_gradients``.

See notebook 08_backpropagation.

Examples
--------
>>> w = backprop_stepper()
>>> for _ in range(3):
...     w.controls["next"].click()
>>> w.step
3
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from ..gradcheck import gradient_errors
from ..layers import Dense
from ..losses import get as get_loss
from ..network import Network
from ._base import Explorer, html_view
from ._stepper_svg import fmt, fmt_array, step_buttons, stepper_svg

__all__ = ["backprop_stepper", "example_network"]

#: The 2-2-1 network of notebook 08 (sigmoid units), with round weights.
EXAMPLE_WEIGHTS = [
    (np.array([[0.6, -0.4], [0.2, 0.9]]), np.array([0.1, -0.3])),
    (np.array([[1.2], [-0.8]]), np.array([0.2])),
]
EXAMPLE_X = np.array([1.0, 0.5])
EXAMPLE_Y = 0

_LOSS_SHORT = {"mse": "MSE", "binary_cross_entropy": "BCE", "cross_entropy": "CE"}


def example_network() -> Network:
    """The 2-2-1 sigmoid network used by notebook 08 and the stepper (binary cross-entropy)."""
    net = Network([Dense(2, 2, "sigmoid", init="zeros"), Dense(2, 1, "sigmoid", init="zeros")])
    net.set_weights(EXAMPLE_WEIGHTS)
    return net


def _default_loss(net: Network) -> str:
    name, k = net.output_activation.name, net.n_outputs
    if k == 1 and name == "sigmoid":
        return "binary_cross_entropy"
    if k > 1 and name == "softmax":
        return "cross_entropy"
    return "mse"


def _arr(values, indent: int = 9) -> str:
    # Rows of a matrix line up under the first one.
    return html.escape(fmt_array(values).replace("\n", "\n" + " " * indent))


def _loss_formula(name: str, L: int, Y, output_activation: str) -> str:
    """The loss of the one sample, written out."""
    if name == "mse":
        return f" = mean((a{L} - y)**2)"
    p = f"a{L}"
    if output_activation == "linear":  # the output is a logit; the loss squashes it first
        p = f"sigmoid(z{L})" if name == "binary_cross_entropy" else f"softmax(z{L})"
    if name == "binary_cross_entropy":
        return f" = -log({p})" if int(Y[0]) == 1 else f" = -log(1 - {p})"
    return f" = -log({p}[{int(Y[0])}])"


def _derivative_text(name: str, i: int) -> str:
    return {
        "sigmoid": f"a{i} * (1 - a{i})",
        "tanh": f"1 - a{i}**2",
        "relu": f"(z{i} > 0)",
        "linear": "1",
    }.get(name, f"{name}'(z{i})")


def backprop_stepper(net: Network | None = None, x=None, y=None, loss=None) -> Explorer:
    """Step through forward and backward propagation for one input.

    Parameters
    ----------
    net : Network, optional
        Dense layers only. Default: :func:`example_network` (2-2-1 sigmoid).
    x : array_like (n_inputs,), optional
        The input (default ``[1.0, 0.5]``); sliders ``x1``, ``x2``, ... change it.
    y : int, float or array_like, optional
        The target: a class label for the cross-entropies (the ``y`` dropdown changes it),
        an array of ``n_outputs`` numbers for MSE. Default 0.
    loss : str, optional
        Default: binary cross-entropy for one sigmoid output, cross-entropy for softmax, else MSE.

    Returns
    -------
    Explorer
        Controls ``x1``, ``x2``, ... (sliders), ``y`` (dropdown, classification only), ``next``,
        ``back``, ``reset``. Attributes: ``step``, ``n_steps``, ``grads`` and ``deltas``
        (the backward pass for the current input), ``loss_value``, ``X``, ``Y``, ``check``
        (the gradient-check rows).
    """
    net = example_network() if net is None else net
    if not all(isinstance(layer, Dense) for layer in net.layers):
        raise ValueError("backprop_stepper shows Dense layers only; remove Dropout layers first.")
    loss = get_loss(loss if loss is not None else _default_loss(net))
    n_in, n_layers, sizes = net.n_inputs, len(net.layers), net.layer_sizes
    x = np.asarray(EXAMPLE_X if x is None and n_in == 2 else (np.zeros(n_in) if x is None else x), dtype=np.float64)
    x = x.reshape(-1)
    if x.shape != (n_in,):
        raise ValueError(f"x must have {n_in} values, one per input; got shape {x.shape}.")
    classify = loss.name != "mse"
    n_classes = 2 if net.n_outputs == 1 else net.n_outputs

    controls = {}
    for j in range(min(n_in, 4)):
        controls[f"x{j + 1}"] = widgets.FloatSlider(
            value=float(np.clip(x[j], -3, 3)), min=-3.0, max=3.0, step=0.1, description=f"input x{j + 1}",
            continuous_update=True, readout_format=".1f", style={"description_width": "60px"})
    if classify:
        y0 = EXAMPLE_Y if y is None else int(np.asarray(y).reshape(-1)[0])
        controls["y"] = widgets.Dropdown(options=[(f"class {c}", c) for c in range(n_classes)], value=y0,
                                         description="target y", style={"description_width": "60px"},
                                         layout=widgets.Layout(width="180px"))
        y_fixed = None
    else:
        y_fixed = np.zeros((1, net.n_outputs)) if y is None else np.asarray(y, dtype=np.float64).reshape(1, -1)
    for key, label, icon in (("back", "back", "step-backward"), ("next", "next step", "step-forward"),
                             ("reset", "reset", "undo")):
        controls[key] = widgets.Button(description=label, icon=icon, layout=widgets.Layout(width="120px"))

    diagram = html_view(min_height="330px")
    steps_view = html_view(min_height="240px")
    check_view = html_view()

    n_steps = n_layers + 1 + 2 * n_layers
    state = {"step": 0, "n_steps": n_steps, "check_key": None}

    def inputs():
        X = x.copy()
        for j in range(min(n_in, 4)):
            X[j] = controls[f"x{j + 1}"].value
        X = X[None, :]
        Y = np.array([controls["y"].value]) if classify else y_fixed
        return X, Y

    def compute():
        X, Y = inputs()
        trace = net.forward(X, trace=True)
        loss_value, delta = net.output_delta(trace, Y, loss)
        grads, deltas = net.backward(trace, delta, return_deltas=True)
        state.update(X=X, Y=Y, trace=trace, loss_value=loss_value, grads=grads, deltas=deltas)
        key = (X.tobytes(), Y.tobytes())
        if state["check_key"] != key:  # finite differences only when the input or target changed
            state["check"] = gradient_errors(net, X, Y, loss)
            state["check_key"] = key

    def lines_for_steps():
        """One (title, text) per step, in order."""
        Y, trace = state["Y"], state["trace"]
        grads, deltas = state["grads"], state["deltas"]
        out = []
        for i, t in enumerate(trace):
            prev = "x" if i == 0 else f"a{i}"
            f_name = t.layer.activation.name
            out.append((f"forward, layer {i + 1}",
                        f"z{i + 1} = {prev} @ W{i + 1} + b{i + 1} = {_arr(t.z[0])}\n"
                        f"a{i + 1} = {f_name}(z{i + 1}) = {_arr(t.a[0])}"))
        L = n_layers
        y_text = str(int(Y[0])) if classify else _arr(Y[0])
        out.append(("loss", f"L = {loss.name}(a{L}, y = {y_text}){_loss_formula(loss.name, L, Y, net.output_activation.name)} "
                            f"= {fmt(state['loss_value'], 4)}"))
        for i in range(L - 1, -1, -1):
            layer, t, d = net.layers[i], trace[i], deltas[i]
            li = i + 1
            if i == L - 1:
                f_name = layer.activation.name
                if loss.logit_activations and f_name in loss.logit_activations:
                    if f_name == "linear":
                        squash = "sigmoid" if loss.name == "binary_cross_entropy" else "softmax"
                        p = f"{squash}(z{li})"
                    else:
                        p = f"a{li}"
                    target = "one_hot(y)" if loss.name == "cross_entropy" else "y"
                    probs = d[0] + loss.targets(Y, t.z)[0]  # (p - y) / 1 + y = p
                    y_vec = loss.targets(Y, t.z)[0]
                    text = (f"delta{li} = dL/dz{li} = ({p} - {target}) / n    (n = 1 sample)\n"
                            f"       = ({_arr(probs)} - {_arr(y_vec)}) / 1\n"
                            f"       = {_arr(d[0])}")
                else:
                    grad_a = loss.gradient(t.a, Y)
                    text = (f"delta{li} = dL/da{li} * f'(z{li}) = {_arr(grad_a[0])} * "
                            f"[{_derivative_text(f_name, li)}]\n       = {_arr(d[0])}")
                out.append((f"backward, output delta{li}", text))
            else:
                nxt = net.layers[i + 1]
                back = deltas[i + 1] @ nxt.W.T
                deriv = layer.activation.derivative(t.z)
                out.append((f"backward, delta{li}",
                            f"delta{li} = (delta{li + 1} @ W{li + 1}.T) * f'(z{li})    "
                            f"f'(z{li}) = {_derivative_text(layer.activation.name, li)}\n"
                            f"       = {_arr(back[0])} * {_arr(deriv[0])}\n"
                            f"       = {_arr(d[0])}"))
            prev = "x" if i == 0 else f"a{i}"
            n_prev = layer.n_in
            out.append((f"backward, gradients of layer {li}",
                        f"dL/dW{li} = {prev}.T @ delta{li}: ({n_prev}, 1) @ (1, {layer.n_out}) "
                        f"&rarr; {grads[i]['W'].shape}\n"
                        f"       = {_arr(grads[i]['W'])}\n"
                        f"dL/db{li} = delta{li} summed over samples = {_arr(grads[i]['b'])}"))
        return out

    def update():
        compute()
        step = state["step"]
        trace, deltas = state["trace"], state["deltas"]
        X = state["X"]
        # Which layers' deltas are known after `step` steps: the backward part starts at L + 1.
        backward_done = max(0, step - (n_layers + 1))
        n_deltas = (backward_done + 1) // 2
        node_text = [[[fmt(v, 2), f"x{j + 1}"] for j, v in enumerate(X[0])]]
        for i, t in enumerate(trace):
            if i < step:
                rows = []
                for k in range(sizes[i + 1]):
                    lines = [fmt(t.a[0, k], 3), f"z={fmt(t.z[0, k], 3)}"]
                    if i >= n_layers - n_deltas:
                        lines.append(f"δ={fmt(deltas[i][0, k], 4)}")
                    rows.append(lines)
                node_text.append(rows)
            else:
                node_text.append([["?"] for _ in range(sizes[i + 1])])
        if step == 0:
            active = None
        elif step <= n_layers:
            active = step
        elif step == n_layers + 1:
            active = n_layers
        else:
            active = n_layers - (backward_done - 1) // 2
        titles = ["input x"] + [("output" if i == n_layers - 1 else "hidden") + f" a{i + 1}" for i in range(n_layers)]
        diagram.value = stepper_svg(sizes, [layer.W for layer in net.layers], node_text, active_layer=active,
                                    node_done=[True] + [i < step for i in range(n_layers)],
                                    layer_titles=titles, height=330)

        entries = lines_for_steps()
        rows = []
        for s, (title, text) in enumerate(entries[:step], start=1):
            newest = s == step
            # Dark text on the light highlight, opacity (not grey) elsewhere: readable on dark themes.
            style = "background:#FFF4DC;color:#111;" if newest else "opacity:0.75;"
            rows.append(f'<div style="{style}padding:2px 4px;margin:2px 0"><b>{s}. {html.escape(title)}</b>'
                        f'<pre style="margin:0;font-size:12.5px">{text}</pre></div>')
        if step == 0:
            rows.append("<div>Click <b>next step</b>: first the forward pass, then the loss, then the "
                        "backward pass from the output layer to the first.</div>")
        elif step == n_steps:
            rows.append("<div><b>Done:</b> these are the gradients of net.loss_and_gradients(x, y). "
                        "Click <b>reset</b> to start again.</div>")
        steps_view.value = ('<div style="font-family:monospace;font-size:13px">'
                            f"<div>Step {step} of {n_steps}</div>" + "".join(rows) + "</div>")

        table = ["<table style='font-family:monospace;font-size:12.5px'>",
                 "<tr><th>array</th><th>shape</th><th>relative error</th><th></th></tr>"]
        for row in state["check"]:
            err = row["relative_error"]
            verdict = "ok" if err < 1e-7 else ("check" if err < 1e-3 else "BUG")
            table.append(f"<tr><td>{row['param']}{row['layer'] + 1}</td><td>{row['shape']}</td>"
                         f"<td>{err:.1e}</td><td>{verdict}</td></tr>")
        table.append("</table>")
        check_view.value = ("<div><b>Gradient check</b><br><span style='font-size:12px'>backprop vs finite "
                            "differences<br>(below 1e-7: correct)</span>" + "".join(table) + "</div>")

    buttons = step_buttons(controls, state, n_steps, lambda: panel.refresh())
    top = [c for k, c in controls.items() if k.startswith("x") or k == "y"]
    body = widgets.HBox([diagram, check_view])
    panel = _BackpropStepper([widgets.HBox(top), buttons, body, steps_view], controls, update)
    panel._state = state
    return panel


class _BackpropStepper(Explorer):
    """An Explorer that also exposes the numbers it shows."""

    def __getattr__(self, name):
        state = self.__dict__.get("_state")
        if state is not None and name in ("step", "n_steps", "grads", "deltas", "loss_value", "X", "Y", "check",
                                          "trace"):
            return state[name]
        raise AttributeError(name)
