"""Exercises of notebook 09_numpy_from_scratch: the pieces of a multi-layer perceptron.

The learner writes six functions; together they train a network on the digits. Parameters are
a list with one dict per layer, ``[{"W": (n_in, n_out), "b": (n_out,)}, ...]`` (the format of
``Network.params``), hidden layers use ReLU and the output layer gives logits.

* ``q1`` ``init_params(layer_sizes, rng)``: He initialisation, biases at zero.
* ``q2`` ``forward(params, X)``: the list ``[X, A1, ..., logits]``.
* ``q3`` ``softmax_cross_entropy(logits, y)``: ``(loss, dL/dlogits)``, numerically stable.
* ``q4`` ``backward(params, activations, grad_logits)``: the gradients, one dict per layer.
* ``q5`` ``sgd_step(params, grads, learning_rate)``: update the arrays in place.
* ``q6`` ``train_epoch(params, X, y, batch_size, learning_rate, rng)``: one shuffled pass.

Each function is checked on hidden cases against the package (``Network`` with the same
weights, ``losses.get("cross_entropy")``), and ``ex.qN.use(my_function)`` returns the
reference implementation until the learner's one passes, so the notebook always runs. The
reference pieces live in :mod:`._nb09_reference` and the closing ``quiz`` (a data table) in
:mod:`._nb09_quiz`; both are re-exported here.

>>> import numpy as np
>>> params = reference_init_params([4, 3, 2], rng=0)
>>> [p["W"].shape for p in params]
[(4, 3), (3, 2)]
>>> q1.verdict(reference_init_params)
('correct', 'correct!')
"""

from __future__ import annotations

import numpy as np

from .. import losses
from ..layers import Dense
from ..network import Network
from ._core import Question, compare
from ._nb09_quiz import quiz
from ._nb09_reference import (reference_backward, reference_forward, reference_init_params,
                              reference_sgd_step, reference_softmax_cross_entropy,
                              reference_train_epoch, variant_epoch)

__all__ = [
    "q1", "q2", "q3", "q4", "q5", "q6", "quiz",
    "reference_init_params", "reference_forward", "reference_softmax_cross_entropy",
    "reference_backward", "reference_sgd_step", "reference_train_epoch",
]


# --------------------------------------------------------------------------- hidden cases
def _random_params(sizes, seed):
    rng = np.random.default_rng(seed)
    return [{"W": rng.normal(0, 0.6, size=(a, b)), "b": rng.normal(0, 0.3, size=b)}
            for a, b in zip(sizes[:-1], sizes[1:])]


def _package_net(params):
    """A package Network (ReLU hidden, linear output) holding ``params``."""
    n = len(params)
    layers = [Dense(p["W"].shape[0], p["W"].shape[1], "relu" if i < n - 1 else "linear",
                    init="zeros")
              for i, p in enumerate(params)]
    net = Network(layers)
    net.set_weights([(p["W"], p["b"]) for p in params])
    return net


def _copy_params(params):
    return [{k: v.copy() for k, v in layer.items()} for layer in params]


_CASES = [([5, 7, 6, 3], 11, 9), ([3, 4, 2], 12, 1), ([64, 16, 10], 13, 6)]


def _check_param_list(params, sizes, what="init_params"):
    if not isinstance(params, (list, tuple)):
        return f"{what} should return a list with one dict per layer; got {type(params).__name__}"
    if len(params) != len(sizes) - 1:
        return (f"{what}({sizes}) should return {len(sizes) - 1} layers (one per pair of sizes); "
                f"got {len(params)}")
    for i, layer in enumerate(params):
        if not isinstance(layer, dict) or set(layer) != {"W", "b"}:
            return f"layer {i} should be a dict with keys 'W' and 'b'; got {layer!r:.60}"
    return None


# --------------------------------------------------------------------------- q1: initialisation
def _check_init(init_params):
    sizes = [400, 300, 200, 10]
    params = init_params(sizes, np.random.default_rng(5))
    problem = _check_param_list(params, sizes)
    if problem:
        return problem
    for i, (layer, n_in, n_out) in enumerate(zip(params, sizes[:-1], sizes[1:])):
        W, b = np.asarray(layer["W"], dtype=float), np.asarray(layer["b"], dtype=float)
        if W.shape == (n_out, n_in):
            return (f"layer {i}: W has shape {W.shape}, expected ({n_in}, {n_out}) = (n_in, n_out) "
                    "(it looks transposed)")
        if W.shape != (n_in, n_out):
            return (f"layer {i}: W should have shape (n_in, n_out) = ({n_in}, {n_out}); "
                    f"got {W.shape}")
        if b.shape != (n_out,):
            return f"layer {i}: b should have shape (n_out,) = ({n_out},); got {b.shape}"
        if np.any(b != 0):
            return f"layer {i}: the biases should start at zero (only W needs random values)"
        if np.all(W == W.flat[0]):
            return (f"layer {i}: every weight is the same; "
                    "with equal weights all neurons of a layer "
                    "compute and learn the same thing. Draw them at random")
        std, he = W.std(), np.sqrt(2.0 / n_in)
        if abs(W.mean()) > 0.2 * he:
            return f"layer {i}: the weights should have mean 0; got mean {W.mean():.3g}"
        if abs(std / he - 1) > 0.1:
            glorot = np.sqrt(2.0 / (n_in + n_out))
            if abs(std / glorot - 1) < 0.1:
                return (f"layer {i}: the spread matches Glorot, sqrt(2 / (n_in + n_out)); He uses "
                        f"sqrt(2 / n_in) = {he:.4f} for ReLU layers")
            if abs(std / np.sqrt(2.0 / n_out) - 1) < 0.1:
                return f"layer {i}: the spread uses n_out; He uses sqrt(2 / n_in) = {he:.4f}"
            return (f"layer {i}: the weights should have standard deviation "
                    f"sqrt(2 / n_in) = {he:.4f}; got {std:.4f}")
    again = init_params(sizes, np.random.default_rng(5))
    if not all(np.array_equal(a["W"], c["W"]) for a, c in zip(params, again)):
        return ("the same seed gave different weights: draw from the rng argument "
                "(rng.normal(...)), not from np.random")
    return None


q1 = Question(
    "q1",
    check=_check_init,
    hints=("One dict per pair of neighbouring layer sizes: random weights whose spread follows "
           "He's formula above, and biases that start at zero.",
           "Pair each size with the next one (the list and the list shifted by one). Draw the "
           "weights with rng.normal, giving the mean, the standard deviation and the shape "
           "(n_in, n_out)."),
    reference=reference_init_params,
    answer_name="init_params",
    success="He initialisation keeps the size of the signal steady through ReLU layers.",
)


# --------------------------------------------------------------------------- q2: forward
def _check_forward(forward):
    for sizes, seed, n in _CASES:
        params = _random_params(sizes, seed)
        X = np.random.default_rng(seed + 100).normal(size=(n, sizes[0]))
        got = forward(_copy_params(params), X.copy())
        if isinstance(got, np.ndarray):
            return ("forward should return the list [X, A1, ..., logits] "
                    "(every layer's output, which backward needs), not one array")
        if not isinstance(got, (list, tuple)):
            return f"forward should return a list [X, A1, ..., logits]; got {type(got).__name__}"
        if len(got) != len(params) + 1:
            return (f"with {len(params)} layers forward should return {len(params) + 1} arrays "
                    f"[X, A1, ..., logits] (start the list with X); got {len(got)}")
        steps = _package_net(params).forward(X, trace=True)
        expected = [X] + [step.a for step in steps]
        problem = compare(got[-1], expected[-1], "the logits (last entry)")
        if problem:
            last = np.asarray(got[-1])
            if last.shape == expected[-1].shape and np.all(last >= 0) \
                    and np.allclose(got[-1], np.maximum(expected[-1], 0)):
                return "the logits should be the last layer's Z itself: no ReLU on the output layer"
            return problem
        for i in range(len(expected) - 1):
            label = f"entry {i} of the list" + (" (X)" if i == 0 else f" (A{i})")
            problem = compare(got[i], expected[i], label)
            if problem:
                return problem
    return None


q2 = Question(
    "q2",
    check=_check_forward,
    hints=("Keep a list that starts with the input; each layer reads the last entry of the list "
           "and appends its own output.",
           "Each layer: the previous output times W, plus b. Hidden layers then apply ReLU (the "
           "elementwise maximum with 0); the last layer appends its weighted sum unchanged: the "
           "logits."),
    reference=reference_forward,
    answer_name="forward",
    success="Keeping every layer's output is what makes the backward pass cheap.",
)


# ---------------------------------------------------------------------- q3: softmax + cross-entropy
def _check_softmax_ce(softmax_cross_entropy):
    rng = np.random.default_rng(3)
    ce = losses.get("cross_entropy")
    cases = [(rng.normal(size=(6, 4)), rng.integers(0, 4, 6)),
             (rng.normal(size=(5, 10)) * 3, rng.integers(0, 10, 5)),
             # huge logits: exp(1000) overflows unless the row maximum is subtracted first
             (rng.normal(size=(4, 3)) * 5 + np.array([[1000.0], [-1000.0], [600.0], [0.0]]),
              np.array([0, 1, 2, 1]))]
    for logits, y in cases:
        got = softmax_cross_entropy(logits.copy(), y.copy())
        if not isinstance(got, tuple) or len(got) != 2:
            return "softmax_cross_entropy should return a pair (loss, grad_logits)"
        loss, grad = got
        problem = compare(loss, ce.from_logits(logits, y), "the loss")
        if problem:
            if np.isfinite(loss) and np.isclose(loss, ce.from_logits(logits, y) * len(y)):
                return "the loss is the SUM over the samples; take the mean (divide by n)"
            return problem
        expected = ce.gradient_from_logits(logits, y)
        problem = compare(grad, expected, "grad_logits")
        if problem:
            if np.shape(grad) == expected.shape and np.allclose(grad, expected * len(y)):
                return ("grad_logits is n times too large: the loss is a mean, "
                        "so divide (P - Y) by n")
            return problem
    return None


q3 = Question(
    "q3",
    check=_check_softmax_ce,
    hints=("Two parts: a stable log of the softmax (subtract each row's maximum first), then the "
           "loss and the gradient that notebook 07 derived for softmax with cross-entropy.",
           "From the log-probabilities, pick each row's true class and average minus those: the "
           "loss. The gradient is the probabilities with 1 taken off at each row's true class, "
           "divided by the number of rows."),
    reference=reference_softmax_cross_entropy,
    answer_name="softmax_cross_entropy",
    success="Softmax and cross-entropy together have the simple gradient (P - Y) / n.",
)


# --------------------------------------------------------------------------- q4: backward
def _check_backward(backward):
    for sizes, seed, n in _CASES:
        params = _random_params(sizes, seed)
        rng = np.random.default_rng(seed + 200)
        X = rng.normal(size=(n, sizes[0]))
        y = rng.integers(0, sizes[-1], n)
        net = _package_net(params)
        steps = net.forward(X, trace=True)
        _, delta = net.output_delta(steps, y, "cross_entropy")
        expected = net.backward(steps, delta)
        activations = [X] + [step.a for step in steps]
        got = backward(_copy_params(params), [a.copy() for a in activations], delta.copy())
        problem = _check_param_list(got, sizes, "backward")
        if problem:
            return problem
        for i in range(len(params) - 1, -1, -1):
            for key in ("W", "b"):
                what = f"grads[{i}][{key!r}]"
                problem = compare(got[i][key], expected[i][key], what)
                if problem:
                    if key == "b" and np.shape(got[i]["b"]) == expected[i]["b"].shape and \
                            np.allclose(np.asarray(got[i]["b"]) * n, expected[i]["b"]):
                        return (f"{what}: sum delta over the samples (axis 0); "
                                "the mean divides by n twice")
                    if i < len(params) - 1:
                        problem += (" (the last layer is right: "
                                    "check how delta goes back through W.T "
                                    "and the ReLU of the layer below)")
                    return problem
    return None


q4 = Question(
    "q4",
    check=_check_backward,
    hints=("Walk the layers from the last to the first, carrying delta; each layer's gradients "
           "come from that layer's input and its delta (the four rules of notebook 08).",
           "A layer's input is the entry of activations just before its output. Weight gradient: "
           "the input transposed times delta; bias gradient: the column sums of delta. Before "
           "moving down, carry delta back through this layer's weights (transposed) and multiply "
           "by the ReLU slope of the layer below: 1 where its output was positive, else 0."),
    reference=reference_backward,
    answer_name="backward",
    success="That is backpropagation: one matrix product per layer, going backwards.",
)


# --------------------------------------------------------------------------- q5: SGD step
def _check_sgd(sgd_step):
    params = _random_params([4, 5, 3], 21)
    grads = _random_params([4, 5, 3], 22)
    before = _copy_params(params)
    learning_rate = 0.3
    result = sgd_step(params, _copy_params(grads), learning_rate)
    expected = _copy_params(before)
    reference_sgd_step(expected, grads, learning_rate)
    if all(np.array_equal(p[k], b[k]) for p, b in zip(params, before) for k in ("W", "b")):
        if isinstance(result, list) and result and isinstance(result[0], dict):
            return ("params did not change: update the arrays in place (layer['W'] -= ...), so the "
                    "network you pass in is the one that learns")
        return "params did not change: update every array in place with p -= learning_rate * g"
    for i, (p, e, b) in enumerate(zip(params, expected, before)):
        for key in ("W", "b"):
            what = f"params[{i}][{key!r}] after the step"
            if np.array_equal(p[key], b[key]):
                return f"{what} did not change: update the biases too" if key == "b" else \
                    f"{what} did not change: update every layer"
            if np.allclose(p[key] - b[key], -grads[i][key]):
                return f"{what}: multiply the gradient by learning_rate"
            problem = compare(p[key] - b[key], e[key] - b[key], f"the change of {what[:-15]}")
            if problem:
                return problem.replace("has the wrong sign", "moves uphill: subtract the gradient")
    return None


q5 = Question(
    "q5",
    check=_check_sgd,
    hints=("Every array of every layer takes a step against its gradient, scaled by the learning "
           "rate.",
           "Loop over the layers and their gradients together, and over the keys of each dict. "
           "Change the arrays in place (an augmented assignment) so the caller's params change; "
           "return nothing."),
    reference=reference_sgd_step,
    answer_name="sgd_step",
    success="Every weight takes a small step downhill.",
)


_MISTAKES = {
    "no_shuffle": "the weights differ: shuffle first with order = rng.permutation(len(X)) and take "
                  "the batches from X[order], y[order]",
    "separate": "the weights differ: X and y were shuffled with two different permutations, so the "
                "labels no longer belong to their images; use ONE order = rng.permutation(len(X)) "
                "for both",
    "drop_last": "the weights differ: the last, smaller batch was skipped; "
                 "range(0, len(X), batch_size) "
                 "with slices order[start:start + batch_size] includes it",
}


def _check_train_epoch(train_epoch):
    sizes = [6, 5, 3]
    rng = np.random.default_rng(31)
    X = rng.normal(size=(23, 6))  # 23 = 4 batches of 5 and a last batch of 3
    y = rng.integers(0, 3, 23)
    start = _random_params(sizes, 32)
    params = _copy_params(start)
    got = train_epoch(params, X.copy(), y.copy(), 5, 0.1, np.random.default_rng(7))
    expected = _copy_params(start)
    expected_loss = reference_train_epoch(expected, X, y, 5, 0.1, np.random.default_rng(7))
    if all(np.array_equal(p["W"], s["W"]) for p, s in zip(params, start)):
        return "the weights did not change: call sgd_step on params for every mini-batch"
    same = all(np.allclose(p[k], e[k], rtol=1e-6, atol=1e-9)
               for p, e in zip(params, expected) for k in "Wb")
    if not same:
        for kind, message in _MISTAKES.items():
            variant = _copy_params(start)
            variant_epoch(variant, X, y, 5, 0.1, np.random.default_rng(7), kind)
            if all(np.allclose(p[k], v[k]) for p, v in zip(params, variant) for k in "Wb"):
                return message
        return ("the weights after one epoch differ from the expected ones: shuffle with "
                "order = rng.permutation(len(X)), then forward, softmax_cross_entropy, backward "
                "and sgd_step on each batch X[batch], y[batch]")
    if got is None:
        return "train_epoch should return the mean of the mini-batch losses; it returned None"
    pairs = variant_epoch(_copy_params(start), X, y, 5, 0.1, np.random.default_rng(7), "ok")
    weighted = sum(loss * m for loss, m in pairs) / len(X)
    if compare(got, weighted, "the returned loss") is None:
        return None  # the per-sample mean is just as good
    if compare(got, pairs[-1][0], "the returned loss") is None:
        return "the returned loss is the last batch's; return the mean over all the mini-batches"
    return compare(got, expected_loss, "the returned loss (mean of the mini-batch losses)")


q6 = Question(
    "q6",
    check=_check_train_epoch,
    hints=("Shuffle once, with one permutation used for both X and y, then walk through it in "
           "slices of batch_size; each slice is one step of your four pieces.",
           "For each slice: forward, the loss and the gradient of the logits, backward, then the "
           "SGD step. Keep each batch's loss in a list and return their mean. The last slice may "
           "be shorter; keep it."),
    reference=reference_train_epoch,
    answer_name="train_epoch",
    namespace={"forward": reference_forward,
               "softmax_cross_entropy": reference_softmax_cross_entropy,
               "backward": reference_backward, "sgd_step": reference_sgd_step},
    success="That loop is all that model.fit does at heart.",
)
