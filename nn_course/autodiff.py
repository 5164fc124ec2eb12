"""A tiny automatic differentiation engine: scalar ``Value`` objects that remember their origin.

Every arithmetic operation on a :class:`Value` returns a new ``Value`` that keeps its inputs
(the edges of a **computational graph**) and a small function, ``_backward``, that applies the
local derivative of that one operation: the chain rule for one link. ``backward()`` then visits
the graph from the output back to the inputs, in topological order, so each node's gradient is
complete before it is passed further down. That is backpropagation, for any expression.

Simple and readable, not fast: one Python object per number. The point is to see that the
matrix rules of backpropagation and this graph walk compute the same gradients.

See 08_backpropagation.

Examples
--------
>>> w, x, b = Value(0.5, label="w"), Value(2.0, label="x"), Value(-0.5, label="b")
>>> loss = ((w * x + b).sigmoid() - 1.0) ** 2
>>> loss.backward()
>>> round(loss.data, 6), round(w.grad, 6), round(x.grad, 6)
(0.142537, -0.354894, -0.088723)
"""

from __future__ import annotations

import html
import math
from numbers import Real

from .style import INK, MUTED, NEGATIVE, NEUTRAL, PANEL, POSITIVE, fmt

__all__ = ["Value", "topological_order", "graph_svg", "network_loss"]


def _as_value(x) -> "Value":
    if isinstance(x, Value):
        return x
    if isinstance(x, Real) and not isinstance(x, bool):
        return Value(x)
    raise TypeError(f"a Value combines with a Value or a real number; got {type(x).__name__}")


class Value:
    """One scalar in a computational graph, with its gradient ``dL/d(this)``.

    Parameters
    ----------
    data : float
        The number.
    label : str, optional
        A name shown by :func:`graph_svg`.

    Attributes
    ----------
    data : float
    grad : float
        ``d(output)/d(this value)`` after ``output.backward()``; 0 before.

    Examples
    --------
    >>> a, b = Value(3.0), Value(-2.0)
    >>> c = a * b + a          # c = ab + a: a is used twice, so its two paths add
    >>> c.backward()
    >>> c.data, a.grad, b.grad
    (-3.0, -1.0, 3.0)
    """

    def __init__(self, data, _children=(), _op: str = "", label: str = ""):
        if not isinstance(data, Real) or isinstance(data, bool):
            raise TypeError(f"Value holds one real number; got {type(data).__name__}")
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None  # leaves have nothing to pass on
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __repr__(self) -> str:
        return f"Value(data={fmt(self.data, 6)}, grad={fmt(self.grad, 6)})"

    # ---------------------------------------------------------------- the two core operations
    def __add__(self, other) -> "Value":
        other = _as_value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():  # d(s + o)/ds = 1: the gradient passes through unchanged
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other) -> "Value":
        other = _as_value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():  # d(s * o)/ds = o: each input gets the other one's value
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k) -> "Value":
        """``self ** k`` for a plain number ``k`` (``TypeError`` for a Value exponent)."""
        if not isinstance(k, Real) or isinstance(k, bool):
            raise TypeError(f"the exponent must be a plain number; got {type(k).__name__}")
        out = Value(self.data ** k, (self,), f"**{fmt(k)}")

        def _backward():  # d(s^k)/ds = k s^(k-1)
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    # ---------------------------------------------------------------- functions of one value
    def exp(self) -> "Value":
        """``e ** self``."""
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():  # (e^s)' = e^s, which is out.data
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> "Value":
        """The natural logarithm; ``ValueError`` for a number <= 0."""
        if self.data <= 0:
            raise ValueError(f"log needs a positive number; got {self.data}")
        out = Value(math.log(self.data), (self,), "log")

        def _backward():  # (log s)' = 1 / s
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self) -> "Value":
        """``tanh(self)``, in (-1, 1)."""
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():  # tanh' = 1 - tanh^2
            self.grad += (1.0 - out.data ** 2) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self) -> "Value":
        """``1 / (1 + e ** -self)``, in (0, 1)."""
        s = 0.5 * (1.0 + math.tanh(0.5 * self.data))  # = 1 / (1 + e^-x), no overflow
        out = Value(s, (self,), "sigmoid")

        def _backward():  # sigmoid' = s (1 - s)
            self.grad += out.data * (1.0 - out.data) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> "Value":
        """``max(self, 0)``."""
        out = Value(max(self.data, 0.0), (self,), "relu")

        def _backward():  # slope 1 where the input was positive, else 0
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out

    # ---------------------------------------------------------------- built from the ones above
    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-_as_value(other))

    def __truediv__(self, other):
        return self * _as_value(other) ** -1

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return _as_value(other) - self

    def __rtruediv__(self, other):
        return _as_value(other) / self

    # ---------------------------------------------------------------- the backward pass
    def backward(self) -> None:
        """Fill ``grad`` of every value this one depends on: ``d(self)/d(value)``.

        Starts from ``d(self)/d(self) = 1`` and calls each node's ``_backward`` in reverse
        topological order, so a node passes its gradient on only once every path into it
        has added its share. Gradients add up: reset them (``v.grad = 0``) before a second call.
        """
        order = topological_order(self)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()


def topological_order(root: Value) -> list[Value]:
    """Every value ``root`` depends on, each after all of its inputs (``root`` last).

    >>> a = Value(2.0); b = a * a; c = b + a
    >>> [v.data for v in topological_order(c)]
    [2.0, 4.0, 6.0]
    """
    order, seen = [], set()

    def visit(v):
        if id(v) not in seen:
            seen.add(id(v))
            for child in v._prev:
                visit(child)
            order.append(v)  # after its inputs
    visit(root)
    return order


# -------------------------------------------------------------------- a network of Values
def _layer_values(W, b, label: str):
    W = [[Value(float(W[j][k]), label=f"w{label}_{j + 1}{k + 1}") for k in range(len(W[0]))]
         for j in range(len(W))]
    return W, [Value(float(bk), label=f"b{label}_{k + 1}") for k, bk in enumerate(b)]


def _apply(name: str, z: Value) -> Value:
    if name == "linear":
        return z
    if name in ("sigmoid", "tanh", "relu"):
        return getattr(z, name)()
    raise ValueError("network_loss knows sigmoid, tanh, relu and linear hidden layers; "
                     f"got {name!r}")


def _sample_loss(z: list, y, loss: str, output: str) -> Value:
    """The loss of one sample from the output layer's weighted sums ``z``."""
    if loss == "cross_entropy" and output in ("softmax", "linear"):
        log_sum = sum(zk.exp() for zk in z).log()  # -log softmax(z)[y] = log sum e^z - z_y
        return log_sum - z[int(y)]
    if loss == "binary_cross_entropy" and output in ("sigmoid", "linear"):
        p = z[0].sigmoid()
        return -(float(y) * p.log() + (1.0 - float(y)) * (1.0 - p).log())
    if loss == "mse":
        a = [_apply(output, zk) for zk in z]
        return sum((ak - float(yk)) ** 2 for ak, yk in zip(a, y)) / len(a)
    raise ValueError(f"network_loss supports mse, binary_cross_entropy (sigmoid output) and "
                     f"cross_entropy (softmax output); got {loss!r} with a {output!r} output")


def network_loss(net, X, y, loss: str = "cross_entropy"):
    """The loss of a dense :class:`~nn_course.Network` on ``(X, y)``, built from ``Value`` objects.

    Every weight becomes a ``Value`` and the forward pass is written neuron by neuron,
    ``z_k = sum_j a_j w_jk + b_k``, so ``loss.backward()`` gives every weight's gradient by
    walking the computational graph. They equal ``net.loss_and_gradients`` (the matrix rules).

    Parameters
    ----------
    net : Network
        Dense layers; hidden activations sigmoid, tanh, relu or linear.
    X : array_like (n_samples, n_inputs)
    y : array_like
        Class labels (n_samples,) for the cross-entropies, targets (n_samples, n_outputs) for mse.
    loss : str
        ``"cross_entropy"`` (softmax output), ``"binary_cross_entropy"`` (one sigmoid output)
        or ``"mse"``.

    Returns
    -------
    loss : Value
        The mean loss over the samples.
    params : list of (W, b)
        Per layer, ``W`` as a list of rows (n_in lists of n_out Values) and ``b`` a list of Values.

    Examples
    --------
    >>> from nn_course import Network
    >>> net = Network.from_sizes([2, 3, 2], "sigmoid", "softmax", rng=0)
    >>> L, params = network_loss(net, [[1.0, -0.5]], [1])
    >>> L.backward()
    >>> _, grads = net.loss_and_gradients([[1.0, -0.5]], [1], loss="cross_entropy")
    >>> bool(abs(params[0][0][0][0].grad - grads[0]["W"][0, 0]) < 1e-12)
    True
    """
    params = [_layer_values(layer.W, layer.b, str(i + 1)) for i, layer in enumerate(net.layers)]
    names = [layer.activation.name for layer in net.layers]
    rows = [[float(v) for v in row] for row in X]
    targets = list(y)
    total = Value(0.0)
    for x, target in zip(rows, targets):
        a = x
        for i, (W, b) in enumerate(params):
            z = [sum((a[j] * W[j][k] for j in range(len(W))), b[k]) for k in range(len(b))]
            a = z if i == len(params) - 1 else [_apply(names[i], zk) for zk in z]
        if loss == "mse":
            target = list(target if hasattr(target, "__len__") else [target])
        total = total + _sample_loss(a, target, loss, names[-1])
    return total / len(rows), params


# -------------------------------------------------------------------- drawing the graph
def _layout(root: Value):
    """Column of each value (0 for leaves, one more than its deepest input) and its row."""
    order = topological_order(root)
    column, rows = {}, {}
    for v in order:
        column[id(v)] = 1 + max((column[id(c)] for c in v._prev), default=-1)
    for v in reversed(order):  # a leaf sits just left of its first user, not far away at 0
        users = [column[id(u)] for u in order if any(c is v for c in u._prev)]
        if not v._prev and users:
            column[id(v)] = min(users) - 1
    for v in order:
        col = column[id(v)]
        rows[id(v)] = sum(1 for u in order[:order.index(v)] if column[id(u)] == col)
    return order, column, rows


_OP_SYMBOL = {"*": "×", "sigmoid": "σ", "tanh": "tanh", "relu": "relu"}


def _colour(x: float) -> str:
    return POSITIVE if x > 0 else NEGATIVE if x < 0 else NEUTRAL


def graph_svg(root: Value, width_per_column: int = 150, row_height: int = 64) -> str:
    """Draw the computational graph of ``root`` as an SVG string (for ``ipywidgets.HTML``).

    Each value is a box with its label (an unnamed input is labelled "constant"), ``data`` and
    ``grad`` to 4 significant digits; the operation that made it is a small circle on its left,
    with arrows from its inputs. Numbers are blue when positive and
    orange when negative (``nn_course.style``).

    Examples
    --------
    >>> x, w = Value(2.0, label="x"), Value(-0.5, label="w")
    >>> out = (x * w).tanh(); out.backward()
    >>> svg = graph_svg(out)
    >>> svg.startswith("<svg") and "tanh" in svg and "grad" in svg
    True
    """
    if not isinstance(root, Value):
        raise TypeError(f"graph_svg draws a Value; got {type(root).__name__}")
    order, column, rows = _layout(root)
    n_cols = max(column.values()) + 1
    n_rows = max(rows.values()) + 1
    box_w, box_h = 112, 42  # "grad -0.00012346" fits
    width, height = n_cols * width_per_column + 20, n_rows * row_height + 30

    def centre(v):
        return (20 + column[id(v)] * width_per_column + box_w / 2,
                20 + rows[id(v)] * row_height + box_h / 2)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" style="background:white;font-family:sans-serif">',
             '<defs><marker id="arrow" markerWidth="8" markerHeight="8" refX="7" refY="4" '
             f'orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="{MUTED}"/></marker></defs>']
    for v in order:
        if not v._prev:
            continue
        vx, vy = centre(v)
        ox = vx - box_w / 2 - 18  # the operation's circle, just left of the box
        for c in v._prev:
            cx, cy = centre(c)
            parts.append(f'<line x1="{cx + box_w / 2:.0f}" y1="{cy:.0f}" '
                         f'x2="{ox - 12:.0f}" y2="{vy:.0f}" '
                         f'stroke="{MUTED}" stroke-width="1.2" marker-end="url(#arrow)"/>')
        parts.append(f'<line x1="{ox + 12:.0f}" y1="{vy:.0f}" '
                     f'x2="{vx - box_w / 2:.0f}" y2="{vy:.0f}" '
                     f'stroke="{MUTED}" stroke-width="1.2"/>')
        parts.append(f'<circle cx="{ox:.0f}" cy="{vy:.0f}" r="12" fill="{PANEL}" '
                     f'stroke="{MUTED}"/>'
                     f'<text x="{ox:.0f}" y="{vy + 4:.0f}" text-anchor="middle" font-size="10">'
                     f'{html.escape(_OP_SYMBOL.get(v._op, v._op))}</text>')
    for v in order:
        vx, vy = centre(v)
        x0, y0 = vx - box_w / 2, vy - box_h / 2
        parts.append(f'<rect x="{x0:.0f}" y="{y0:.0f}" width="{box_w}" height="{box_h}" rx="5" '
                     f'fill="white" stroke="{INK}"/>')
        label = v.label or ("" if v._prev else "constant")  # an unnamed leaf is a constant
        if label:
            parts.append(f'<text x="{vx:.0f}" y="{y0 - 3:.0f}" text-anchor="middle" font-size="11" '
                         f'font-weight="bold" fill="{INK}">{html.escape(label)}</text>')
        parts.append(f'<text x="{x0 + 6:.0f}" y="{y0 + 17:.0f}" font-size="12" '
                     f'fill="{_colour(v.data)}">'
                     f'data {fmt(v.data, 5)}</text>')
        parts.append(f'<text x="{x0 + 6:.0f}" y="{y0 + 34:.0f}" font-size="12" '
                     f'fill="{_colour(v.grad)}">'
                     f'grad {fmt(v.grad, 5)}</text>')
    parts.append(f'<text x="8" y="{height - 6}" font-size="11" fill="{MUTED}">'
                 f'<tspan fill="{POSITIVE}" font-weight="bold">blue</tspan> positive, '
                 f'<tspan fill="{NEGATIVE}" font-weight="bold">orange</tspan> negative; '
                 'grad = d(output)/d(this box)</text>')
    parts.append("</svg>")
    return "".join(parts)
