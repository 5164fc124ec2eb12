"""nn_course.autodiff: every operation's gradient against central differences, and a whole
network's gradients against Network.loss_and_gradients (the matrix rules)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nn_course import Network
from nn_course.autodiff import Value, graph_svg, network_loss, topological_order
from nn_course.style import NEGATIVE, POSITIVE

reals = st.floats(min_value=-3.0, max_value=3.0, allow_nan=False)
positives = st.floats(min_value=0.2, max_value=3.0, allow_nan=False)
away_from_zero = reals.filter(lambda v: abs(v) > 0.1)

# name -> (function of Values/floats, strategy for its two inputs)
BINARY = {
    "add": (lambda a, b: a + b, reals, reals),
    "sub": (lambda a, b: a - b, reals, reals),
    "mul": (lambda a, b: a * b, reals, reals),
    "div": (lambda a, b: a / b, reals, away_from_zero),
    "radd": (lambda a, b: 2.5 + a * b, reals, reals),
    "rsub": (lambda a, b: 1.5 - a * b, reals, reals),
    "rdiv": (lambda a, b: 1.0 / (a * a + b * b + 0.5), reals, reals),
    "neg": (lambda a, b: -a * b, reals, reals),
}
UNARY = {
    "pow3": (lambda a: a ** 3, reals),
    "pow_half": (lambda a: a ** 0.5, positives),
    "exp": (lambda a: a.exp(), reals),
    "log": (lambda a: a.log(), positives),
    "tanh": (lambda a: a.tanh(), reals),
    "sigmoid": (lambda a: a.sigmoid(), reals),
    "relu": (lambda a: a.relu(), away_from_zero),  # not differentiable at 0
}


def central_difference(f, args, i, h=1e-6):
    up, down = list(args), list(args)
    up[i] += h
    down[i] -= h
    return (f(*[Value(v) for v in up]).data - f(*[Value(v) for v in down]).data) / (2 * h)


def assert_grads_match(f, args):
    values = [Value(v) for v in args]
    f(*values).backward()
    for i, v in enumerate(values):
        numeric = central_difference(f, args, i)
        assert v.grad == pytest.approx(numeric, rel=1e-5, abs=1e-6), (
            f"d/d(input {i}) at {args}: expected {numeric} (central difference), got {v.grad}")


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_ops_match_central_differences(name):
    """The gradient of each two-input operation equals the slope measured by central differences."""
    f, sa, sb = BINARY[name]

    @settings(max_examples=40, deadline=None)
    @given(sa, sb)
    def run(a, b):
        assert_grads_match(f, [a, b])
    run()


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_ops_match_central_differences(name):
    """The gradient of each one-input operation equals the slope measured by central differences."""
    f, s = UNARY[name]

    @settings(max_examples=40, deadline=None)
    @given(s)
    def run(a):
        assert_grads_match(f, [a])
    run()


def test_forward_values_are_the_functions():
    a = Value(0.7)
    assert a.exp().data == math.exp(0.7) and a.log().data == math.log(0.7)
    assert a.tanh().data == math.tanh(0.7)
    assert a.sigmoid().data == pytest.approx(1 / (1 + math.exp(-0.7)), rel=1e-15)
    assert Value(-2.0).relu().data == 0.0 and Value(2.0).relu().data == 2.0
    assert Value(-800.0).sigmoid().data == 0.0 and Value(800.0).sigmoid().data == 1.0


def test_a_value_used_twice_gets_both_contributions():
    """Two paths from x to the output: their gradients add (the multivariable chain rule)."""
    x = Value(3.0)
    y = x * x + x.tanh()
    y.backward()
    assert x.grad == pytest.approx(2 * 3.0 + (1 - math.tanh(3.0) ** 2))


def test_topological_order_puts_inputs_first():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    order = topological_order(d)
    assert order[-1] is d and len(order) == 4
    assert order.index(a) < order.index(c) and order.index(b) < order.index(c)


def test_bad_input_is_named():
    with pytest.raises(TypeError, match="real number; got str"):
        Value("3")
    with pytest.raises(TypeError, match="Value or a real number; got list"):
        Value(1.0) + [1.0]
    with pytest.raises(TypeError, match="exponent must be a plain number; got Value"):
        Value(2.0) ** Value(2.0)
    with pytest.raises(ValueError, match="positive number; got -1.0"):
        Value(-1.0).log()
    with pytest.raises(TypeError, match="draws a Value; got float"):
        graph_svg(1.0)


# ------------------------------------------------------------------ whole networks
ACTIVATIONS = ["sigmoid", "tanh", "relu"]
OUTPUTS = [("softmax", "cross_entropy"), ("sigmoid", "binary_cross_entropy"), ("linear", "mse")]


@settings(max_examples=15, deadline=None)
@given(sizes=st.lists(st.integers(1, 3), min_size=1, max_size=2),
       n_in=st.integers(1, 3), n_samples=st.integers(1, 3),
       hidden=st.sampled_from(ACTIVATIONS), out=st.sampled_from(OUTPUTS),
       seed=st.integers(0, 10_000))
def test_network_gradients_equal_the_matrix_rules(sizes, n_in, n_samples, hidden, out, seed):
    """Walking the graph of Values gives the gradients of Network.loss_and_gradients to 1e-10."""
    output_activation, loss = out
    n_out = {"softmax": 3, "sigmoid": 1, "linear": 2}[output_activation]
    rng = np.random.default_rng(seed)
    net = Network.from_sizes([n_in, *sizes, n_out], activation=hidden,
                             output_activation=output_activation, rng=seed)
    net.set_weights([(W + 0.0, rng.normal(0, 0.5, size=b.shape)) for W, b in net.get_weights()])
    X = rng.normal(size=(n_samples, n_in))
    if loss == "cross_entropy":
        y = rng.integers(0, n_out, size=n_samples)
    elif loss == "binary_cross_entropy":
        y = rng.integers(0, 2, size=n_samples)
    else:
        y = rng.normal(size=(n_samples, n_out))
    want_loss, want = net.loss_and_gradients(X, y, loss=loss)
    got_loss, params = network_loss(net, X, y, loss=loss)
    got_loss.backward()
    assert got_loss.data == pytest.approx(want_loss, abs=1e-10)
    for layer, (W, b) in enumerate(params):
        gW = np.array([[v.grad for v in row] for row in W])
        gb = np.array([v.grad for v in b])
        np.testing.assert_allclose(gW, want[layer]["W"], rtol=0, atol=1e-10,
                                   err_msg=f"dL/dW of layer {layer + 1}")
        np.testing.assert_allclose(gb, want[layer]["b"], rtol=0, atol=1e-10,
                                   err_msg=f"dL/db of layer {layer + 1}")


def test_network_loss_refuses_what_it_cannot_build():
    net = Network.from_sizes([2, 2, 2], activation="tanh", output_activation="softmax", rng=0)
    with pytest.raises(ValueError, match="got 'hinge'"):
        network_loss(net, [[0.0, 1.0]], [1], loss="hinge")


def test_graph_svg_shows_data_grad_and_signs():
    x, w = Value(2.0, label="x"), Value(-0.5, label="w")
    out = (x * w).tanh()
    out.backward()
    svg = graph_svg(out)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<rect") == 4  # x, w, x*w, tanh
    assert "data 2" in svg and "data -0.5" in svg and ">x<" in svg
    assert f'fill="{NEGATIVE}">data -0.5' in svg and f'fill="{POSITIVE}">data 2<' in svg
    assert "grad 1<" in svg  # d out / d out
