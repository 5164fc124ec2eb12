"""Notebook 09's multi-layer perceptron, written once: the answers its checkers compare with.

Parameters are a list with one dict per layer, ``[{"W": (n_in, n_out), "b": (n_out,)}, ...]``
(the format of ``Network.params``); hidden layers use ReLU and the output layer gives logits.

* the six reference pieces, one per question of :mod:`nn_course.exercises.nb09` (which
  re-exports them): ``ex.qN.solution()`` prints a piece's own source, renamed to the name the
  learner gives it, and ``ex.qN.use(...)`` falls back on it;
* :func:`variant_epoch`: the reference epoch with one typical slip built in (no shuffle, X and
  y shuffled apart, the last batch dropped), so q6's checker can name the slip it sees.

>>> params = reference_init_params([4, 3, 2], rng=0)
>>> [a.shape for a in reference_forward(params, np.ones((5, 4)))]
[(5, 4), (5, 3), (5, 2)]
"""

from __future__ import annotations

import numpy as np

__all__ = ["reference_init_params", "reference_forward", "reference_softmax_cross_entropy",
           "reference_backward", "reference_sgd_step", "reference_train_epoch", "variant_epoch"]


# --------------------------------------------------------------------------- reference pieces
def reference_init_params(layer_sizes, rng):
    """He-normal weights ``N(0, 2 / n_in)`` and zero biases, one dict per layer.

    Draws in the same order as ``Network.from_sizes(layer_sizes, init="he_normal", rng=rng)``,
    so both start from identical weights.
    """
    rng = np.random.default_rng(rng) if not isinstance(rng, np.random.Generator) else rng
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        W = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
        params.append({"W": W, "b": np.zeros(n_out)})
    return params


def reference_forward(params, X):
    """``[X, A1, ..., logits]``: ReLU after every hidden layer, no activation on the last."""
    activations = [X]
    for i, layer in enumerate(params):
        Z = activations[-1] @ layer["W"] + layer["b"]
        activations.append(np.maximum(Z, 0.0) if i < len(params) - 1 else Z)
    return activations


def reference_softmax_cross_entropy(logits, y):
    """Mean cross-entropy of softmax(logits) against labels ``y``
    and its gradient ``(P - Y) / n``."""
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)  # exp() can no longer overflow
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_probs[np.arange(n), y].mean()
    grad = np.exp(log_probs)
    grad[np.arange(n), y] -= 1.0
    return float(loss), grad / n


def reference_backward(params, activations, grad_logits):
    """Gradients ``[{"W": A_prev.T @ delta, "b": delta.sum(0)}, ...]`` from the output back."""
    grads = [None] * len(params)
    delta = grad_logits
    for i in range(len(params) - 1, -1, -1):
        A_prev = activations[i]
        grads[i] = {"W": A_prev.T @ delta, "b": delta.sum(axis=0)}
        if i > 0:
            # back through W, then through the ReLU of the layer below (slope 1 where it was on)
            delta = (delta @ params[i]["W"].T) * (activations[i] > 0)
    return grads


def reference_sgd_step(params, grads, learning_rate):
    """``p -= learning_rate * g`` for every array, in place."""
    for layer, grad in zip(params, grads):
        for key in layer:
            layer[key] -= learning_rate * grad[key]


def reference_train_epoch(params, X, y, batch_size, learning_rate, rng):
    """One epoch of mini-batch SGD with the four pieces;
    returns the mean of the mini-batch losses."""
    order = rng.permutation(len(X))
    batch_losses = []
    for start in range(0, len(X), batch_size):
        batch = order[start:start + batch_size]
        activations = forward(params, X[batch])
        loss, grad_logits = softmax_cross_entropy(activations[-1], y[batch])
        grads = backward(params, activations, grad_logits)
        sgd_step(params, grads, learning_rate)
        batch_losses.append(loss)
    return float(np.mean(batch_losses))


# The names the notebook gives its pieces: reference_train_epoch calls them, as the learner's does.
forward, softmax_cross_entropy = reference_forward, reference_softmax_cross_entropy
backward, sgd_step = reference_backward, reference_sgd_step


# --------------------------------------------------------------------------- an epoch with a slip
def variant_epoch(params, X, y, batch_size, learning_rate, rng, kind):
    """The reference epoch with the typical mistake ``kind`` built in, to say which one the
    learner made: ``"no_shuffle"``, ``"separate"`` (X and y shuffled apart), ``"drop_last"``;
    any other kind makes none. Returns ``[(batch loss, batch size), ...]``."""
    n = len(X)
    if kind == "no_shuffle":
        order = np.arange(n)
    elif kind == "separate":
        order_X, order_y = rng.permutation(n), rng.permutation(n)
    else:
        order = rng.permutation(n)
    stop = n - n % batch_size if kind == "drop_last" else n
    losses_ = []
    for start in range(0, stop, batch_size):
        if kind == "separate":
            Xb, yb = X[order_X[start:start + batch_size]], y[order_y[start:start + batch_size]]
        else:
            batch = order[start:start + batch_size]
            Xb, yb = X[batch], y[batch]
        acts = reference_forward(params, Xb)
        loss, g = reference_softmax_cross_entropy(acts[-1], yb)
        reference_sgd_step(params, reference_backward(params, acts, g), learning_rate)
        losses_.append((loss, len(yb)))
    return losses_
