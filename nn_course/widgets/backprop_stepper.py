"""Backprop stepper: a forward pass on a small batch, then the backward pass, one rule per click.

The steps for a network with layers 1..L are: forward through each layer, the loss, then for
each layer from the last to the first its ``delta = dL/dz`` and its gradients
``dL/dW = A_prev.T @ delta`` (a sum over the samples of the batch) and ``dL/db`` (the column
sums of delta). One hidden neuron can be selected: the stepper then writes its delta as the sum
of one term per neuron it feeds, with numbers, and writes a gradient of one of its weights as
the sum of one term per sample; a line above the steps says which neuron is chosen (or that
none is), and the diagram marks it from the first step. A gradient check (backpropagation
against finite differences) sits beside it.

The numbers come from the package (``net.forward(X, trace=True)``, ``net.output_delta``,
``net.backward(..., return_deltas=True)``), so they equal ``net.loss_and_gradients``. Colours
and number format come from :mod:`nn_course.style`.

See notebook 08_backpropagation.

Examples
--------
>>> w = backprop_stepper()
>>> for _ in range(3):
...     w.controls["next"].click()
>>> w.step, w.X.shape
(3, (2, 2))
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from ..gradcheck import gradient_errors
from ..layers import Dense
from ..losses import get as get_loss
from ..network import Network
from ..style import HIGHLIGHT, INK, NEGATIVE, NEUTRAL, POSITIVE, fmt
from ._base import Explorer, html_view
from ._stepper_svg import step_buttons, stepper_svg
from .feedforward_stepper import example_network as _network_of_06

__all__ = ["backprop_stepper", "example_network", "EXAMPLE_X", "EXAMPLE_Y"]

#: A batch of two samples (rows) for the 2-3-2 network, and their class labels.
EXAMPLE_X = np.array([[1.0, 0.5], [-0.5, 1.0]])
EXAMPLE_Y = np.array([0, 1])


def example_network() -> Network:
    """The 2-3-2 network of notebook 06 (sigmoid hidden layer, softmax output), round weights."""
    return _network_of_06()


def _default_loss(net: Network) -> str:
    name, k = net.output_activation.name, net.n_outputs
    if k == 1 and name == "sigmoid":
        return "binary_cross_entropy"
    if k > 1 and name == "softmax":
        return "cross_entropy"
    return "mse"


def _num(x: float, factor: bool = False) -> str:
    """A number coloured by its sign: blue positive, orange negative (nn_course.style).

    ``factor=True`` puts a negative number in brackets, as in ``0.5·(-2)``.
    """
    colour = POSITIVE if x > 0 else NEGATIVE if x < 0 else NEUTRAL
    text = f"({fmt(x)})" if factor and float(fmt(x)) < 0 else fmt(x)
    return f'<span style="color:{colour}">{html.escape(text)}</span>'


def _row(values) -> str:
    return "[" + ", ".join(_num(v) for v in np.ravel(values)) + "]"


def _rows(M, name: str) -> str:
    """One line per sample: ``name, sample i: [..]``."""
    return "\n".join(f"  {name}, sample {i + 1}: {_row(r)}" for i, r in enumerate(np.atleast_2d(M)))


_DERIVATIVE = {"sigmoid": "a(1 - a)", "tanh": "1 - a**2", "relu": "(z > 0)", "linear": "1"}


def _output_delta_text(net, loss, t, d, Y, L: int) -> str:
    n = len(d)
    if loss.logit_activations and t.layer.activation.name in loss.logit_activations:
        Yt = loss.targets(Y, t.z)
        P = d * n + Yt  # (P - Y) / n * n + Y = P
        target = "one-hot y" if loss.name == "cross_entropy" else "y"
        head = (f"delta{L} = dL/dZ{L} = (P - Y) / n    (P = the outputs, Y = {target}, "
                f"n = {n} samples; derived in notebook 07)\n")
        body = "\n".join(f"  sample {i + 1}: ({_row(P[i])} - {_row(Yt[i])}) / {n} = {_row(d[i])}"
                         for i in range(n))
        return head + body
    grad_a = loss.gradient(t.a, Y)
    f_name = t.layer.activation.name
    return (f"delta{L} = dL/dA{L} * f'(Z{L}),  f' = {_DERIVATIVE.get(f_name, f_name + chr(39))}\n"
            + _rows(grad_a, f"dL/da{L}") + "\n" + _rows(d, f"delta{L}"))


def _hidden_delta_text(net, i: int, deltas, trace, unit: int | None) -> str:
    """delta_l = (delta_{l+1} W_{l+1}.T) * f'(Z_l), with the selected neuron's sum written out."""
    li, nxt = i + 1, net.layers[i + 1]
    f_name = net.layers[i].activation.name
    text = (f"delta{li} = (delta{li + 1} @ W{li + 1}.T) * f'(Z{li}),  "
            f"f' = {_DERIVATIVE.get(f_name, f_name + chr(39))}\n" + _rows(deltas[i], f"delta{li}"))
    if unit is None:
        return text
    j = unit
    fprime = net.layers[i].activation.derivative(trace[i].z)[:, j]
    lines = [f"\nneuron {j + 1} of layer {li} feeds {nxt.n_out} neurons: one term for each"]
    for s in range(len(fprime)):
        terms = [(nxt.W[j, k], deltas[i + 1][s, k]) for k in range(nxt.n_out)]
        written = " + ".join(f"{_num(w, True)}·{_num(dk, True)}" for w, dk in terms)
        total = sum(w * dk for w, dk in terms)
        lines.append(f"  sample {s + 1}: delta{li}_{j + 1} = ({written}) · {_num(fprime[s])}"
                     f" = {_num(total, True)} · {_num(fprime[s])} = {_num(deltas[i][s, j])}")
    return text + "\n".join(lines)


def _gradient_text(net, i: int, grads, deltas, trace, unit: int | None) -> str:
    """dW = A_prev.T @ delta (one term per sample), db = column sums of delta."""
    li = i + 1
    prev = "X" if i == 0 else f"A{i}"
    A_prev, d, n = trace[i].input, deltas[i], len(deltas[i])
    W, b = grads[i]["W"], grads[i]["b"]
    text = (f"dL/dW{li} = {prev}.T @ delta{li}: ({A_prev.shape[1]}, {n}) @ ({n}, {d.shape[1]}) "
            f"&rarr; {W.shape}\n" + "\n".join(f"  {_row(r)}" for r in W)
            + f"\ndL/db{li} = column sums of delta{li} = {_row(b)}")
    # one entry written as its sum over the samples: a weight into or out of the selected neuron
    j_in, k = 0, 0
    if unit is not None and li == _unit_layer(net):
        k = unit
    elif unit is not None and li == _unit_layer(net) + 1:
        j_in = unit
    written = " + ".join(f"{_num(A_prev[s, j_in], True)}·{_num(d[s, k], True)}" for s in range(n))
    return text + (f"\none entry, a sum over the {n} samples: dL/dW{li}[{j_in + 1},{k + 1}] = "
                   f"{written} = {_num(W[j_in, k])}")


def _unit_layer(net) -> int:
    """The (1-based) layer whose neurons can be selected: the last hidden layer."""
    return len(net.layers) - 1


def _step_entries(net, loss, state, unit) -> list[tuple[str, str]]:
    """One (title, text) per step, in order: forward per layer, loss, then backward."""
    trace, grads, deltas, Y = state["trace"], state["grads"], state["deltas"], state["Y"]
    out, L = [], len(net.layers)
    for i, t in enumerate(trace):
        prev = "X" if i == 0 else f"A{i}"
        out.append((f"forward, layer {i + 1}",
                    f"Z{i + 1} = {prev} @ W{i + 1} + b{i + 1},  A{i + 1} = "
                    f"{t.layer.activation.name}(Z{i + 1})"
                    + (" = P, the prediction" if i == L - 1 else "")  # P in notebooks 07-09
                    + "\n" + _rows(t.a, f"a{i + 1}")))
    out.append(("loss", f"loss = {loss.name}, the mean over the {len(trace[0].z)} samples "
                        f"= {_num(state['loss_value'])}"))
    for i in range(L - 1, -1, -1):
        if i == L - 1:
            text = _output_delta_text(net, loss, trace[i], deltas[i], Y, L)
            out.append((f"backward, output delta{L}", text))
        else:
            sel = unit if i + 1 == _unit_layer(net) else None
            out.append((f"backward, delta{i + 1}", _hidden_delta_text(net, i, deltas, trace, sel)))
        out.append((f"backward, gradients of layer {i + 1}",
                    _gradient_text(net, i, grads, deltas, trace, unit)))
    return out


def _diagram(net, state, sample: int, unit) -> str:
    trace, deltas, step = state["trace"], state["deltas"], state["step"]
    n_layers, sizes = len(net.layers), net.layer_sizes
    n_deltas = (max(0, step - (n_layers + 1)) + 1) // 2  # deltas known after `step` steps
    text = [[[fmt(v, 2), f"x{j + 1}"] for j, v in enumerate(state["X"][sample])]]
    for i, t in enumerate(trace):
        rows = []
        for k in range(sizes[i + 1]):
            selected = unit is not None and i + 1 == _unit_layer(net) and k == unit
            if i >= step:
                rows.append(["?", "(selected)"] if selected else ["?"])
                continue
            lines = [fmt(t.a[sample, k]), f"z={fmt(t.z[sample, k])}"]
            if i >= n_layers - n_deltas:
                lines.append(f"δ={fmt(deltas[i][sample, k])}")
            if selected:
                lines.append("(selected)")
            rows.append(lines)
        text.append(rows)
    backward_done = max(0, step - (n_layers + 1))
    active = (None if step == 0 else step if step <= n_layers else n_layers if backward_done == 0
              else n_layers - (backward_done - 1) // 2)
    titles = ["input x"] + [("output" if i == n_layers - 1 else "hidden") + f" a{i + 1}"
                            for i in range(n_layers)]
    return stepper_svg(sizes, [layer.W for layer in net.layers], text, active_layer=active,
                       node_done=[True] + [i < step for i in range(n_layers)],
                       layer_titles=titles, height=420)


def _check_table(rows) -> str:
    table = ["<table style='font-family:monospace;font-size:12.5px'>",
             "<tr><th>array</th><th>shape</th><th>relative error</th><th></th></tr>"]
    for row in rows:
        err = row["relative_error"]
        verdict = "ok" if err < 1e-7 else ("check" if err < 1e-3 else "BUG")
        table.append(f"<tr><td>{row['param']}{row['layer'] + 1}</td><td>{row['shape']}</td>"
                     f"<td>{err:.1e}</td><td>{verdict}</td></tr>")
    return ("<div><b>Gradient check</b><br><span style='font-size:12px'>backprop vs finite "
            "differences<br>(below 1e-7: correct)</span>" + "".join(table) + "</table></div>")


def _selection_html(net, unit: int | None) -> str:
    """One line saying which hidden neuron's sums are written out, and where."""
    if len(net.layers) < 2:
        return ""
    li = _unit_layer(net)
    delta_step = len(net.layers) + 1 + 2 * (len(net.layers) - li) + 1
    if unit is None:
        return ("<div>Hidden neuron: <b>none chosen</b>. Choose one above to see its delta "
                "written as a sum of one term per neuron it feeds.</div>")
    return (f"<div>Hidden neuron: <b>neuron {unit + 1} of layer {li}</b> (marked in the "
            f"diagram). Step {delta_step} writes its delta as a sum of one term per neuron it "
            f"feeds; the gradient steps write one of its weights' gradients as a sum over the "
            f"samples.</div>")


def _steps_html(entries, step: int, n_steps: int, selection: str = "") -> str:
    rows = [selection] if selection else []
    for s, (title, text) in enumerate(entries[:step], start=1):
        # Dark text on the light highlight, opacity (not grey) elsewhere: readable on dark themes.
        style = f"background:{HIGHLIGHT};color:{INK};" if s == step else "opacity:0.8;"
        rows.append(f'<div style="{style}padding:2px 4px;margin:2px 0">'
                    f'<b>{s}. {html.escape(title)}</b>'
                    f'<pre style="margin:0;font-size:12.5px">{text}</pre></div>')
    if step == 0:
        rows.append("<div>Click <b>next step</b>: first the forward pass, then the loss, then the "
                    "backward pass from the output layer to the first.</div>")
    elif step == n_steps:
        rows.append("<div><b>Done:</b> these are the gradients of net.loss_and_gradients(X, y). "
                    "Click <b>reset</b> to start again.</div>")
    return ('<div style="font-family:monospace;font-size:13px">'
            f"<div>Step {step} of {n_steps}</div>" + "".join(rows) + "</div>")


def _controls(net, X, Y, classify: bool) -> dict:
    n_hidden = net.layer_sizes[_unit_layer(net)] if len(net.layers) > 1 else 0
    small = {"description_width": "110px"}
    controls = {"sample": widgets.Dropdown(
        options=[(f"sample {i + 1}", i) for i in range(len(X))], value=0,
        description="diagram shows", style=small, layout=widgets.Layout(width="250px"))}
    if n_hidden:
        controls["neuron"] = widgets.Dropdown(
            options=[("none", -1)] + [(f"neuron {j + 1} of layer {_unit_layer(net)}", j)
                                      for j in range(n_hidden)],
            value=0, description="hidden neuron", style=small, layout=widgets.Layout(width="330px"))
    if classify:
        n_classes = max(2, net.n_outputs)
        controls["y"] = widgets.Dropdown(options=[(f"class {c}", c) for c in range(n_classes)],
                                         value=int(Y[0]), description="target y of sample 1",
                                         style={"description_width": "initial"},
                                         layout=widgets.Layout(width="auto"))
    for key, label, icon in (("back", "back", "step-backward"),
                             ("next", "next step", "step-forward"), ("reset", "reset", "undo")):
        controls[key] = widgets.Button(description=label, icon=icon,
                                       layout=widgets.Layout(width="120px"))
    return controls


def _batch(net, X, y, loss):
    """The batch as (X (n, n_in), y) with checked shapes; defaults for the example network."""
    if X is None:
        X = EXAMPLE_X if net.n_inputs == 2 else np.zeros((2, net.n_inputs))
    X = np.asarray(X, dtype=np.float64)
    X = X.reshape(1, -1) if X.ndim == 1 else X
    if X.ndim != 2 or X.shape[1] != net.n_inputs:
        raise ValueError(f"X must have shape (n_samples, {net.n_inputs}); got shape {X.shape}.")
    if y is None:
        y = (EXAMPLE_Y[:len(X)] if len(X) <= 2 else np.zeros(len(X), dtype=int)) \
            if loss.name != "mse" else np.zeros((len(X), net.n_outputs))
    y = np.asarray(y)
    if loss.name != "mse":
        y = y.reshape(-1).astype(int)
    else:
        y = y.astype(np.float64).reshape(len(X), -1)
    if len(y) != len(X):
        raise ValueError(f"y must have one target per sample ({len(X)}); got {len(y)}.")
    return X, y


def backprop_stepper(net: Network | None = None, X=None, y=None, loss=None) -> Explorer:
    """Step through forward and backward propagation for a small batch.

    Parameters
    ----------
    net : Network, optional
        Dense layers only. Default: :func:`example_network` (2-3-2, sigmoid then softmax).
    X : array_like (n_samples, n_inputs), optional
        The batch (default :data:`EXAMPLE_X`, two samples). One sample may be given as a 1-D array.
    y : array_like, optional
        Class labels (n_samples,) for the cross-entropies, targets (n_samples, n_outputs) for MSE.
        The ``y`` dropdown changes the first sample's label.
    loss : str, optional
        Default: binary cross-entropy for one sigmoid output, cross-entropy for softmax, else MSE.

    Returns
    -------
    Explorer
        Controls ``sample`` (which sample the diagram shows), ``neuron`` (a neuron of the last
        hidden layer whose sums are written out, -1 for none), ``y`` (classification only),
        ``next``, ``back``, ``reset``. Attributes: ``step``, ``n_steps``, ``grads``, ``deltas``,
        ``loss_value``, ``X``, ``Y``, ``trace``, ``check`` (the gradient-check rows).
    """
    net = example_network() if net is None else net
    if not all(isinstance(layer, Dense) for layer in net.layers):
        raise ValueError("backprop_stepper shows Dense layers only; remove Dropout layers first.")
    loss = get_loss(loss if loss is not None else _default_loss(net))
    X, y = _batch(net, X, y, loss)
    classify = loss.name != "mse"
    controls = _controls(net, X, y, classify)
    diagram, steps_view, check_view = html_view(min_height="420px"), html_view(), html_view()
    n_steps = len(net.layers) + 1 + 2 * len(net.layers)
    state = {"step": 0, "n_steps": n_steps, "check_key": None}

    def update():
        Y = y.copy()
        if classify:
            Y[0] = controls["y"].value
        trace = net.forward(X, trace=True)
        loss_value, delta = net.output_delta(trace, Y, loss)
        grads, deltas = net.backward(trace, delta, return_deltas=True)
        state.update(X=X, Y=Y, trace=trace, loss_value=loss_value, grads=grads, deltas=deltas)
        if state["check_key"] != Y.tobytes():  # finite differences only when the target changed
            state["check"], state["check_key"] = gradient_errors(net, X, Y, loss), Y.tobytes()
        unit = controls["neuron"].value if "neuron" in controls else -1
        unit = None if unit < 0 else unit
        diagram.value = _diagram(net, state, controls["sample"].value, unit)
        entries = _step_entries(net, loss, state, unit)
        steps_view.value = _steps_html(entries, state["step"], n_steps,
                                       _selection_html(net, unit))
        check_view.value = _check_table(state["check"])

    buttons = step_buttons(controls, state, n_steps, lambda: panel.refresh())
    top = [c for k, c in controls.items() if k in ("sample", "neuron", "y")]
    panel = _BackpropStepper([widgets.HBox(top), buttons, widgets.HBox([diagram, check_view]),
                              steps_view], controls, update)
    panel._state = state
    return panel


class _BackpropStepper(Explorer):
    """An Explorer that also exposes the numbers it shows."""

    def __getattr__(self, name):
        state = self.__dict__.get("_state")
        if state is not None and name in ("step", "n_steps", "grads", "deltas", "loss_value",
                                          "X", "Y", "check", "trace"):
            return state[name]
        raise AttributeError(name)
