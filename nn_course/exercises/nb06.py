"""Exercises of notebook 06_feedforward: one layer for a batch, predicted classes, a whole network.

* ``q1`` ``layer_forward(X, W, b)``: a sigmoid layer, ``sigmoid(X @ W + b)``, for a batch.
* ``q2`` ``predict_class(P)``: the predicted class of every row of class probabilities.
* ``q3`` ``network_forward(X, W1, b1, W2, b2)``: a tanh hidden layer then a softmax output,
  returning the class probabilities.

Each function is checked on hidden cases against the package (``Dense``, ``Network``).

>>> q1.verdict(reference_layer_forward)
('correct', 'correct!')
"""

from __future__ import annotations

import numpy as np

from ..layers import Dense
from ..network import Network
from ._core import Question, compare

__all__ = ["q1", "q2", "q3", "reference_layer_forward", "reference_predict_class",
           "reference_network_forward"]


# --------------------------------------------------------------------------- references
def reference_layer_forward(X, W, b):
    """``sigmoid(X @ W + b)``: X (n, n_in), W (n_in, n_out), b (n_out,) -> (n, n_out)."""
    Z = X @ W + b
    return 1.0 / (1.0 + np.exp(-Z))


def reference_predict_class(P):
    """The index of the largest probability in every row: (n, k) -> (n,)."""
    return np.argmax(P, axis=1)


def reference_network_forward(X, W1, b1, W2, b2):
    """Class probabilities of a tanh hidden layer followed by a softmax output layer."""
    A1 = np.tanh(X @ W1 + b1)
    Z2 = A1 @ W2 + b2
    E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


# --------------------------------------------------------------------------- hidden cases
def _dense(W, b, activation):
    layer = Dense(W.shape[0], W.shape[1], activation, init="zeros")
    layer.W[...] = W
    layer.b[...] = b
    return layer


def _layer_cases():
    rng = np.random.default_rng(606)
    for n, n_in, n_out in ((5, 3, 4), (1, 2, 3), (7, 4, 2)):
        yield rng.normal(size=(n, n_in)), rng.normal(size=(n_in, n_out)), rng.normal(size=n_out)


def _check_q1(func):
    for X, W, b in _layer_cases():
        expected = _dense(W, b, "sigmoid").forward(X)
        got = func(X.copy(), W.copy(), b.copy())
        if got is not None and np.shape(got) == expected.shape and np.allclose(got, X @ W + b):
            return "these are the weighted sums z; apply the sigmoid to get the outputs a = sigmoid(z)"
        if got is not None and np.shape(got) == expected.shape and np.allclose(got, 1 / (1 + np.exp(-(X @ W)))):
            return "the outputs are off by the bias: add b to X @ W before the sigmoid"
        problem = compare(got, expected, f"layer_forward(X of shape {X.shape}, W of shape {W.shape}, b)")
        if problem:
            return problem
    return None


def _check_q2(func):
    rng = np.random.default_rng(62)
    for n, k in ((6, 3), (4, 2), (9, 5)):
        P = rng.dirichlet(np.ones(k), size=n)
        got = func(P.copy())
        expected = np.argmax(P, axis=1)
        if got is None:
            return "predict_class returned None: did you forget a `return`?"
        got = np.asarray(got)
        if got.shape == (k,):
            return (f"got {k} values for {n} samples: take the largest probability along each row "
                    "(axis=1), not down each column (axis=0)")
        if got.shape == (n,) and np.issubdtype(got.dtype, np.floating) and np.allclose(got, P.max(axis=1)):
            return "these are the largest probabilities; the predicted class is their index (np.argmax)"
        problem = compare(got, expected, f"predict_class(P of shape {P.shape})", rtol=0, atol=0)
        if problem:
            return problem
    return None


def _check_q3(func):
    rng = np.random.default_rng(63)
    for n, n_in, n_hidden, k in ((5, 2, 3, 2), (3, 4, 5, 3), (1, 2, 2, 4)):
        X = rng.normal(size=(n, n_in))
        W1, b1 = rng.normal(size=(n_in, n_hidden)), rng.normal(size=n_hidden)
        W2, b2 = rng.normal(size=(n_hidden, k)), rng.normal(size=k)
        net = Network([_dense(W1, b1, "tanh"), _dense(W2, b2, "softmax")])
        expected = net.forward(X)
        got = func(X.copy(), W1.copy(), b1.copy(), W2.copy(), b2.copy())
        if got is not None and np.shape(got) == expected.shape:
            got = np.asarray(got, dtype=np.float64)
            if np.allclose(got, np.tanh(X @ W1 + b1) @ W2 + b2):
                return "these are the output layer's z (logits); apply softmax to turn them into probabilities"
            if np.all(np.isfinite(got)) and not np.allclose(got.sum(axis=1), 1.0):
                return "each row of probabilities should sum to 1: divide exp(z) by its row sum (axis=1, keepdims=True)"
        problem = compare(got, expected, f"network_forward(X of shape {X.shape}, ...)")
        if problem:
            return problem
    return None


q1 = Question(
    "q1",
    check=_check_q1,
    hint="Compute the weighted sums Z = X @ W + b (shape (n, n_out)), then a = 1 / (1 + np.exp(-Z)).",
    solution="def layer_forward(X, W, b):\n    Z = X @ W + b\n    return 1 / (1 + np.exp(-Z))",
    success="One line of matrix algebra computes a whole layer for a whole batch.",
    reference=reference_layer_forward,
)

q2 = Question(
    "q2",
    check=_check_q2,
    hint="np.argmax(P, axis=1) gives, for every row, the column of its largest entry.",
    solution="def predict_class(P):\n    return np.argmax(P, axis=1)",
    success="The network's answer is the class it gives the highest probability.",
    reference=reference_predict_class,
)

q3 = Question(
    "q3",
    check=_check_q3,
    hint=("A1 = np.tanh(X @ W1 + b1); Z2 = A1 @ W2 + b2; subtract each row's maximum from Z2, "
          "take np.exp and divide by the row sums (axis=1, keepdims=True)."),
    solution=("def network_forward(X, W1, b1, W2, b2):\n"
              "    A1 = np.tanh(X @ W1 + b1)\n"
              "    Z2 = A1 @ W2 + b2\n"
              "    E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))\n"
              "    return E / E.sum(axis=1, keepdims=True)"),
    success="That is a whole feedforward pass: what net.forward(X) does for any number of layers.",
    reference=reference_network_forward,
)
