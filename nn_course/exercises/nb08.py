"""Exercises of notebook 08_backpropagation: autodiff pieces, chain rule, hidden delta, a step.

* ``q1`` ``value_mul(a, b)``, ``q2`` ``value_tanh(a)``, ``q3`` ``backward(root)``: the pieces of
  the autodiff engine :mod:`nn_course.autodiff`.
* ``q4`` ``neuron_gradients(x, w, b, y)``: for one tanh neuron ``a = tanh(w x + b)`` with the
  squared error ``L = (a - y)^2``, return ``(dL/dw, dL/db)`` by the chain rule. (The notebook
  works the same chain for a sigmoid neuron; here the activation's derivative changes.)
* ``q5`` ``hidden_delta(P, Y, W2, A1)``: a tanh hidden layer feeds a softmax output layer of two
  or more neurons; from the batch's probabilities ``P``, one-hot targets ``Y``, the weights ``W2``
  and the hidden activations ``A1``, return the hidden layer's delta ``dL/dZ1`` (n, h). The
  checker names a missing ``f'``, a wrong transpose, a forgotten batch mean and a sum over the
  wrong axis.
* ``q6`` ``descend(w, learning_rate, steps)``: gradient descent on a new two-weight loss,
  ``L = (w1 - 1)^2 + 4 (w2 + 2)^2``: its gradient by the power and chain rules, then the update
  of section 8 repeated; returns the final weights.
* ``p1``, ``p2``: the predictions; ``quiz``: the closing quiz. Both are data tables that live
  in :mod:`._nb08_quiz` and are re-exported here, so the notebook reaches them as ``ex.<name>``.

>>> q5.verdict(reference_hidden_delta)
('correct', 'correct!')
"""

from __future__ import annotations

import math

import numpy as np

from ..autodiff import Value
from ._core import Question, compare
from ._nb08_quiz import p1, p2, quiz

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "p1", "p2", "quiz", "reference_neuron_gradients",
           "reference_hidden_delta", "reference_descend", "reference_value_mul",
           "reference_value_tanh", "reference_backward"]


# --------------------------------------------------------------------------- references
def reference_neuron_gradients(x, w, b, y):
    a = np.tanh(w * x + b)
    dL_dz = 2 * (a - y) * (1 - a**2)  # dL/da * da/dz
    return dL_dz * x, dL_dz


def reference_hidden_delta(P, Y, W2, A1):
    n = P.shape[0]
    delta2 = (P - Y) / n                     # (n, k): the output delta of a mean loss
    return (delta2 @ W2.T) * (1 - A1**2)     # (n, k) @ (k, h), times tanh' = 1 - a^2


def _valley_gradient(w):
    """The gradient of ``L = (w1 - 1)^2 + 4 (w2 + 2)^2``: ``(2 (w1 - 1), 8 (w2 + 2))``."""
    return np.array([2 * (w[0] - 1), 8 * (w[1] + 2)])


def reference_descend(w, learning_rate, steps):
    """``steps`` steps of gradient descent on ``L = (w1 - 1)^2 + 4 (w2 + 2)^2`` from ``w``."""
    w = np.array(w, dtype=np.float64)
    for _ in range(steps):
        gradient = np.array([2 * (w[0] - 1), 8 * (w[1] + 2)])  # power rule, chain rule
        w = w - learning_rate * gradient
    return w


def reference_value_mul(a, b):
    out = Value(a.data * b.data, (a, b), "*")

    def _backward():
        a.grad += b.data * out.grad
        b.grad += a.data * out.grad
    out._backward = _backward
    return out


def reference_value_tanh(a):
    t = math.tanh(a.data)
    out = Value(t, (a,), "tanh")

    def _backward():
        a.grad += (1 - t**2) * out.grad
    out._backward = _backward
    return out


def reference_backward(root):
    order, seen = [], set()

    def visit(v):
        if v not in seen:
            seen.add(v)
            for child in v._prev:
                visit(child)
            order.append(v)
    visit(root)
    root.grad = 1.0
    for v in reversed(order):
        v._backward()


# --------------------------------------------------------------------------- checks
def _pair(got, what):
    if got is None:
        return None, f"{what} returned None: did you forget a `return`?"
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return None, f"{what} should return two numbers, (dL/dw, dL/db)"
    return got, None


def _check_q4(func):
    for x, w, b, y in ((1.5, 0.8, -0.3, 1.0), (-2.0, 0.5, 0.4, 0.0), (0.7, -1.2, 0.9, 1.0)):
        got, problem = _pair(func(x, w, b, y), "neuron_gradients")
        if problem:
            return problem
        dw, db = reference_neuron_gradients(x, w, b, y)
        a = np.tanh(w * x + b)
        gw, gb = float(got[0]), float(got[1])
        if np.isclose(gw, 2 * (a - y) * x) and np.isclose(gb, 2 * (a - y)):
            return "you left out da/dz: the tanh's derivative 1 - a**2 is a factor of the chain"
        if np.isclose(gb, 2 * (a - y) * a * (1 - a)):
            return ("a * (1 - a) is the sigmoid's derivative; this neuron uses tanh, whose "
                    "derivative is 1 - a**2")
        if np.isclose(gw, db) and not np.isclose(x, 1.0):
            return "dL/dw has one more factor than dL/db: dz/dw = x"
        if np.isclose(gw, dw / 2) and np.isclose(gb, db / 2):
            return "the derivative of (a - y)^2 is 2 (a - y): you lost the factor 2"
        for value, want, name in ((gw, dw, "dL/dw"), (gb, db, "dL/db")):
            problem = compare(value, want, f"{name} for x={x}, w={w}, b={b}, y={y}")
            if problem:
                return problem
    return None


def _q5_case(n, h, k, seed):
    rng = np.random.default_rng(seed)
    logits = rng.normal(size=(n, k))
    P = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    Y = np.eye(k)[rng.integers(0, k, size=n)]
    return P, Y, rng.normal(size=(h, k)), np.tanh(rng.normal(size=(n, h)))


def _q5_slip(got, P, Y, W2, A1):
    """Name the slip when ``got`` matches a known wrong formula."""
    n = P.shape[0]
    d2 = (P - Y) / n
    fprime = 1 - A1**2
    if got.shape == (A1.shape[1],) and np.allclose(got, ((d2 @ W2.T) * fprime).sum(axis=0)):
        return ("you summed over the samples (axis 0): a delta keeps one row per sample, "
                "shape (n, h). The sum over samples belongs to dW and db, not to delta")
    slips = [
        (d2 @ W2.T, "f' is missing: after carrying delta back through the weights, multiply by "
                    "the derivative of the hidden activation (tanh) at each neuron"),
        ((d2 @ W2.T) * A1 * (1 - A1), "a * (1 - a) is the sigmoid's derivative; this hidden layer "
                                      "uses tanh"),
        ((P - Y) @ W2.T * fprime, "you forgot the batch mean: the loss is a mean over the n "
                                  "samples, so the output delta is (P - Y) divided by n"),
        (((d2 @ W2) * fprime) if W2.shape[0] == W2.shape[1] else None,
         "wrong transpose: each hidden neuron j adds w_jk * delta_k over the neurons k it feeds, "
         "which is delta2 times the transpose of W2"),
        ((d2 * W2.sum(axis=0) * fprime) if W2.shape[0] == W2.shape[1] else None,
         "the sum runs over the wrong axis: for neuron j, add w_jk * delta_k over the output "
         "neurons k (the columns of W2), separately for each sample"),
        (((Y - P) / n @ W2.T) * fprime, "wrong sign: the output delta is P - Y, not Y - P"),
    ]
    for wrong, message in slips:
        if wrong is not None and got.shape == wrong.shape and np.allclose(got, wrong):
            return message
    return None


def _check_q5(func):
    # the square case first: there a wrong transpose still runs and must be caught by its values
    for n, h, k, seed in ((4, 3, 3, 820), (5, 4, 2, 821), (1, 3, 4, 822), (6, 2, 3, 823)):
        P, Y, W2, A1 = _q5_case(n, h, k, seed)
        got = func(P.copy(), Y.copy(), W2.copy(), A1.copy())
        if got is None:
            return "hidden_delta returned None: did you forget a `return`?"
        got = np.asarray(got, dtype=np.float64)
        problem = compare(got, reference_hidden_delta(P, Y, W2, A1),
                          f"delta1 for n={n} samples, h={h} hidden, k={k} outputs")
        if problem:
            return _q5_slip(got, P, Y, W2, A1) or problem
    return None


def _descend_with(gradient, w, learning_rate, steps, sign=-1):
    w = np.array(w, dtype=np.float64)
    for _ in range(steps):
        w = w + sign * learning_rate * gradient(w)
    return w


def _check_q6(func):
    for start, lr, steps in (((3.0, 0.0), 0.1, 5), ((-2.0, 1.0), 0.05, 20), ((0.0, -1.0), 0.2, 3)):
        got = func(np.array(start), lr, steps)
        if got is None:
            return "descend returned None: return the final weights"
        got = np.asarray(got, dtype=np.float64).ravel()
        expected = reference_descend(start, lr, steps)
        what = f"descend(w={list(start)}, learning_rate={lr}, steps={steps})"
        if got.shape != (2,):
            return f"{what}: expected the two final weights, got shape {got.shape}"
        slips = [
            (_descend_with(_valley_gradient, start, lr, steps, sign=+1),
             "the steps go uphill: move against the gradient, not along it"),
            (_descend_with(lambda w: np.array([w[0] - 1, 4 * (w[1] + 2)]), start, lr, steps),
             "your slopes are half the right size: the power rule brings down the exponent 2"),
            (_descend_with(lambda w: np.array([2 * (w[0] - 1), 2 * (w[1] + 2)]), start, lr, steps),
             "the slope in w2 lost the factor 4 in front of its square"),
            (_descend_with(lambda w: np.array([2 * w[0], 8 * w[1]]), start, lr, steps),
             "the slopes must be 0 at the lowest point (1, -2): "
             "mind the shifts inside the squares"),
            (reference_descend(start, lr, 1), "that is one step: repeat the update `steps` times"),
            (reference_descend(start, lr, steps + 1), "one step too many: count the updates"),
            (reference_descend(start, lr, steps - 1), "one step too few: count the updates")]
        for wrong, message in slips:
            if np.allclose(got, wrong) and not np.allclose(wrong, expected):
                return f"{what}: {message}"
        problem = compare(got, expected, what)
        if problem:
            return problem
    return None


def _check_value_op(func, name, forward, derivative, inputs):
    """Check one Value operation: its forward value, its inputs and its _backward rule."""
    for args in inputs:
        values = [Value(v) for v in args]
        out = func(*values)
        if not isinstance(out, Value):
            return f"{name} should return a new Value; got {type(out).__name__}"
        problem = compare(out.data, forward(*args), f"{name}{args}.data")
        if problem:
            return problem
        if not any(out._prev) or not all(any(v is c for c in out._prev) for v in values):
            return (f"{name}'s output must remember its inputs: give Value(...) the tuple of "
                    "inputs as its second argument, or backward() cannot reach them")
        out.grad = 2.0  # as if the gradient arriving from above were 2
        for v in values:
            v.grad = 0.5  # a gradient already collected from another path
        out._backward()
        for i, v in enumerate(values):
            want = 0.5 + 2.0 * derivative(*args)[i]
            if np.isclose(v.grad, 2.0 * derivative(*args)[i]) and not np.isclose(v.grad, want):
                return (f"{name}: use += in _backward: a value used on several paths collects "
                        "a gradient from each of them")
            if np.isclose(v.grad, 0.5 + derivative(*args)[i]) and not np.isclose(v.grad, want):
                return (f"{name}: multiply the local derivative by out.grad, the gradient "
                        "arriving from above (the chain rule)")
            problem = compare(v.grad, want,
                              f"the gradient {name} passes to input {i + 1} for {args}")
            if problem:
                return problem
    return None


def _check_q1(func):
    return _check_value_op(func, "value_mul", lambda a, b: a * b, lambda a, b: (b, a),
                           [(3.0, -2.0), (0.5, 4.0), (-1.5, -0.25)])


def _check_q2(func):
    return _check_value_op(func, "value_tanh", math.tanh, lambda a: (1 - math.tanh(a) ** 2,),
                           [(0.3,), (-1.2,), (2.0,)])


def _graph():
    """f = (a*b + a).tanh() * b: a and b are each used on two paths."""
    a, b = Value(0.7), Value(-1.3)
    c = a * b
    f = (c + a).tanh() * b
    return f, a, b, c


def _check_q3(func):
    f, a, b, c = _graph()
    func(f)
    want_f, want_a, want_b, want_c = _graph()
    reference_backward(want_f)
    if f.grad == 0.0:
        return "the output's own gradient must start at 1 (d f / d f = 1) before the walk"
    if np.isclose(a.grad, 0.0) and np.isclose(b.grad, 0.0):
        return "no gradient reached the inputs: call each node's _backward(), the output first"
    if not np.isclose(c.grad, want_c.grad) and np.isclose(c.grad, 0.0):
        return ("a node passed its gradient on before any had arrived: walk the list backwards, "
                "from the output to the inputs (reverse topological order)")
    for got, want, name in ((c.grad, want_c.grad, "c = a*b"), (a.grad, want_a.grad, "a"),
                            (b.grad, want_b.grad, "b")):
        if not np.isclose(got, want):
            if np.isclose(got, 2 * want):
                return ("a shared node was visited twice: keep a set of visited nodes so each "
                        "is listed once")
            return compare(got, want, f"the gradient of {name} in f = tanh(a*b + a) * b")
    return None


q4 = Question(
    "q4",
    check=_check_q4,
    hints=("Write the same chain of three links as the sigmoid neuron above; only one link, the "
           "activation's slope, is different for tanh.",
           "Write the links one below the other as section 1 did: the loss's slope in a, the "
           "activation's slope in z (notebook 04 writes tanh's with its own output), and z's slope "
           "in w and in b. Which of them do the two gradients share?"),
    reference=reference_neuron_gradients,
    answer_name="neuron_gradients",
    success="Every gradient in a network is a product like this one.",
)

q5 = Question(
    "q5",
    check=_check_q5,
    hints=("Two steps: the output layer's delta for a mean cross-entropy after softmax "
           "(notebook 07), then the rule that sends a delta one layer down. Check the shape at "
           "each step.",
           "Follow the shapes: the output delta has one row per sample and one column per output; "
           "the hidden delta needs one column per hidden neuron, and W2 is (h, k). Section 4's "
           "table says which product gets from one to the other; tanh's slope can be written with "
           "A1 alone (notebook 04)."),
    reference=reference_hidden_delta,
    answer_name="hidden_delta",
    success="That is the backward step of every hidden layer: a weighted sum, then f'.",
)

q6 = Question(
    "q6",
    check=_check_q6,
    hints=("Two parts: the gradient of this loss (one slope per weight; each square has something "
           "inside it, so the chain rule joins the power rule), then section 8's update, repeated.",
           "Test your gradient at the lowest point (1, -2): both slopes must be 0 there. Keep w as "
           "a NumPy array of two numbers so one line updates both weights inside the loop."),
    reference=reference_descend,
    answer_name="descend",
    success=("Gradient, step, repeat: that loop, with backpropagation for the gradient, "
             "is training."),
)

q1 = Question(
    "q1",
    check=_check_q1,
    hints=("Two things: the output Value (its number, and the tuple of the inputs it came from), "
           "and a small inner function that adds each input's share of the gradient.",
           "The local derivative of a product with respect to one factor is the other factor. Each "
           "input's grad grows (+=) by that local derivative times the gradient of the output."),
    reference=reference_value_mul,
    answer_name="value_mul",
    namespace={"Value": Value},
    success="The backward rule sits right beside the forward one: that pairing is autodiff.",
)

q2 = Question(
    "q2",
    check=_check_q2,
    hints=("Same pattern as value_mul, with one input. The output's number comes from math.tanh.",
           "tanh's slope can be written with its own output t (notebook 04). The input's grad "
           "grows by that slope times the gradient of the output."),
    reference=reference_value_tanh,
    answer_name="value_tanh",
    namespace={"Value": Value, "math": math},
    success="Any function with a known derivative becomes a node the same way.",
)

q3 = Question(
    "q3",
    check=_check_q3,
    hints=("Two parts: list every node so that each comes after its inputs (a depth-first visit "
           "that appends a node once all its inputs are listed), then walk that list backwards.",
           "Keep a set of visited nodes so a shared node is listed once. Before the walk, the "
           "root's grad is the slope of the root with respect to itself. During the walk call each "
           "node's own _backward."),
    reference=reference_backward,
    answer_name="backward",
    success="Reverse topological order: a node passes its gradient on only once it is complete.",
)
