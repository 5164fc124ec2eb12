"""Exercises of notebook 06_feedforward: a layer in another library's layout, binary predictions,
a network of any depth.

* ``p1``: predict the class after dragging x1 in the feedforward stepper.
* ``q1`` ``layer_forward_t(X, W_t, b)``: a sigmoid layer whose weights are stored
  ``(n_out, n_in)``, as PyTorch stores them.
* ``q2`` ``predict_binary(p)``: classes 0/1 from one sigmoid output of shape ``(n, 1)``.
* ``q3`` ``network_forward(X, layers)``: ReLU hidden layers then a softmax output, any depth.
* ``quiz``: the closing quiz.

Each function is checked on hidden cases against the package (``Dense``, ``Network``).

>>> q1.verdict(reference_layer_forward)
('correct', 'correct!')
"""

from __future__ import annotations

import numpy as np

from ..layers import Dense
from ..network import Network
from ._core import Question, compare
from .predict import Predict
from .quiz import Choice, Numeric, Quiz

__all__ = [
    "p1",
    "q1",
    "q2",
    "q3",
    "quiz",
    "reference_layer_forward",
    "reference_predict_binary",
    "reference_network_forward",
]


# --------------------------------------------------------------------------- prediction
p1 = Predict(
    "p1",
    "The 2-3-2 network predicts class 0 for x = (1.0, 0.5). You are about to drag x1 down to -2.0 "
    "(x2 stays 0.5). Which class will it predict?",
    choices={"a": "class 0", "b": "class 1"},
    answer="b",
    why={
        "a": "Hidden neuron 1 (weight +0.5 from x1) drops and hidden neuron 2 (weight -1.0 from "
        "x1) rises; neuron 2 pushes output 2 up (+0.9) and output 1 down (-0.7)."
    },
    reveal="Class 1, with probabilities about 0.437 and 0.563: a smaller x1 lowers hidden neuron 1 "
    "and raises hidden neuron 2, which favours the second output.",
)


# --------------------------------------------------------------------------- references
def reference_layer_forward(X, W_t, b):
    # W_t has one row per neuron: transpose it to (n_in, n_out) for X @ W
    Z = X @ W_t.T + b
    return 1.0 / (1.0 + np.exp(-Z))


def reference_predict_binary(p):
    # p: (n, 1) probabilities of class 1 -> (n,) classes 0/1
    return (p[:, 0] >= 0.5).astype(int)


def reference_network_forward(X, layers):
    A = X
    for W, b in layers[:-1]:  # hidden layers: ReLU
        A = np.maximum(0.0, A @ W + b)
    W, b = layers[-1]  # output layer: stable softmax
    Z = A @ W + b
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
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
        yield rng.normal(size=(n, n_in)), rng.normal(size=(n_out, n_in)), rng.normal(size=n_out)


def _check_q1(func):
    for X, W_t, b in _layer_cases():
        expected = _dense(W_t.T, b, "sigmoid").forward(X)
        try:
            got = func(X.copy(), W_t.copy(), b.copy())
        except ValueError as error:
            if "mismatch" in str(error) or "not aligned" in str(error):
                return (
                    f"the shapes do not fit ({error}): X is {X.shape} and W_t is {W_t.shape}, "
                    "one row per neuron; the product needs W_t turned round first"
                )
            raise
        same_shape = got is not None and np.shape(got) == expected.shape
        if same_shape and np.allclose(got, X @ W_t.T + b):
            return "these are the weighted sums z; apply the sigmoid to get the outputs"
        if same_shape and np.allclose(got, 1 / (1 + np.exp(-(X @ W_t.T)))):
            return "the outputs are off by the bias: add b before the sigmoid"
        problem = compare(
            got, expected, f"layer_forward_t(X of shape {X.shape}, W_t of shape {W_t.shape}, b)"
        )
        if problem:
            return problem
    return None


def _check_q2(func):
    rng = np.random.default_rng(62)
    for n in (6, 1, 9):
        p = rng.uniform(size=(n, 1))
        p[0, 0] = 0.5  # exactly on the boundary: class 1
        got = func(p.copy())
        expected = reference_predict_binary(p)
        if got is None:
            return "predict_binary returned None: did you forget a `return`?"
        got = np.asarray(got)
        if got.shape == (n, 1):
            return (
                f"got shape {got.shape}; return one class per sample, "
                f"shape ({n},): take the single column"
            )
        if got.shape == expected.shape and np.all(got == 0) and not np.all(expected == 0):
            return (
                "every class is 0: argmax over a single column always gives 0. With one "
                "sigmoid output, the class comes from comparing p with 0.5"
            )
        if (
            got.shape == expected.shape
            and np.issubdtype(got.dtype, np.floating)
            and not np.all(np.isin(got, (0.0, 1.0)))
        ):
            return "these are not classes: each entry should be 0 or 1"
        if got.shape == expected.shape and got[0] == 0 and np.array_equal(got[1:], expected[1:]):
            return "p = 0.5 exactly should count as class 1: compare with >=, not >"
        problem = compare(got, expected, f"predict_binary(p of shape {p.shape})", rtol=0, atol=0)
        if problem:
            return problem
    return None


def _network_cases():
    rng = np.random.default_rng(63)
    for n, sizes in ((5, (2, 3, 2)), (3, (4, 5, 6, 3)), (1, (2, 4, 4, 4, 5))):
        X = rng.normal(size=(n, sizes[0]))
        layers = [
            (rng.normal(size=(a, b)), rng.normal(size=b)) for a, b in zip(sizes[:-1], sizes[1:])
        ]
        yield X, layers


def _check_q3(func):
    for X, layers in _network_cases():
        acts = ["relu"] * (len(layers) - 1) + ["softmax"]
        net = Network([_dense(W, b, act) for (W, b), act in zip(layers, acts)])
        expected = net.forward(X)
        got = func(X.copy(), [(W.copy(), b.copy()) for W, b in layers])
        what = f"network_forward(X of shape {X.shape}, {len(layers)} layers)"
        if got is not None and np.shape(got) == expected.shape:
            arr = np.asarray(got, dtype=np.float64)
            A = X
            for W, b in layers[:-1]:
                A = np.maximum(0.0, A @ W + b)
            logits = A @ layers[-1][0] + layers[-1][1]
            if np.allclose(arr, logits):
                return (
                    f"{what}: these are the last layer's z (logits); "
                    f"apply softmax to get probabilities"
                )
            if np.all(np.isfinite(arr)) and not np.allclose(arr.sum(axis=1), 1.0):
                return f"{what}: each row of probabilities should sum to 1 (divide along axis=1)"
            last_relu = np.maximum(0.0, logits)
            E = np.exp(last_relu - last_relu.max(axis=1, keepdims=True))
            if np.allclose(arr, E / E.sum(axis=1, keepdims=True)):
                return (
                    f"{what}: ReLU was applied to the output layer too; "
                    f"its z goes straight into softmax"
                )
        problem = compare(got, expected, what)
        if problem:
            return problem
    return None


q1 = Question(
    "q1",
    check=_check_q1,
    hints=(
        "Write down the shapes: X is (n_samples, n_in) and W_t is (n_out, n_in). For X times "
        "the weights to work, the inner sizes must match. What must happen to W_t first?",
        "Turn W_t into the course's layout (one column per neuron), then it is the layer you "
        "know: weighted sums plus bias, then the sigmoid. NumPy arrays have an attribute that "
        "swaps rows and columns.",
    ),
    reference=reference_layer_forward,
    answer_name="layer_forward_t",
    success="Same layer, other layout: the shapes tell you where the transpose goes.",
)

q2 = Question(
    "q2",
    check=_check_q2,
    hints=(
        "With one sigmoid output there is one probability per sample, P(class 1). When is "
        "class 1 the likelier one?",
        "Take the single column so the result has one entry per sample, compare it with one "
        "half, and turn True/False into whole numbers.",
    ),
    reference=reference_predict_binary,
    answer_name="predict_binary",
    success=(
        "One sigmoid output, one threshold: the same decision two softmax outputs make with argmax."
    ),
)

q3 = Question(
    "q3",
    check=_check_q3,
    hints=(
        "Feedforward is one step repeated: each layer reads the previous layer's output. Loop "
        "over the pairs, treating the last pair differently from the others.",
        "Keep a running array that starts as X. For every pair but the last: weighted sums, "
        "then ReLU. For the last: weighted sums only, then a softmax along each row, with each "
        "row's largest value taken away first.",
    ),
    reference=reference_network_forward,
    answer_name="network_forward",
    success="That is net.forward(X) for any number of layers.",
)


# --------------------------------------------------------------------------- quiz
quiz = Quiz(
    "quiz",
    [
        Numeric(
            "A batch of 32 samples goes through a layer whose W has shape (5, 8). How many numbers "
            "does its Z hold?",
            answer=32 * 8,
            tolerance=0,
            why="(32, 5) @ (5, 8) gives Z of shape (32, 8): 32 x 8 = 256 numbers, one per sample "
            "and neuron.",
        ),
        Choice(
            "X has shape (10, 4) and W1 shape (4, 6). What is the shape of b1?",
            {"a": "(10, 6)", "b": "(4,)", "c": "(6,)"},
            answer="c",
            why={
                "a": "Every sample shares the same biases: broadcasting adds the (6,) vector to "
                "each of the 10 rows.",
                "b": "That is one per input; biases belong to the layer's neurons.",
                "c": "Right: one bias per neuron of the layer, and the layer has 6 neurons.",
            },
        ),
        Choice(
            "A softmax output row is [0.2, 0.7, 0.1]. What is the predicted class?",
            {"a": "1", "b": "0.7", "c": "2"},
            answer="a",
            why={
                "a": (
                    "Right: the largest probability is at position 1 (counting from 0): the argmax."
                ),
                "b": "0.7 is the probability of the predicted class, not the class itself.",
                "c": "The class is where the largest probability sits, not the last position.",
            },
        ),
        Choice(
            "Why can a 2-2-1 network solve XOR when a single sigmoid neuron cannot?",
            {
                "a": (
                    "Because of the sigmoid: one sigmoid neuron could "
                    "solve it with large enough weights"
                ),
                "b": (
                    "Its hidden layer computes new features in which one line separates the classes"
                ),
                "c": "Its extra weights let it memorise the four points one by one",
            },
            answer="b",
            why={
                "a": "One sigmoid neuron still splits the plane where z = 0, a straight line, and "
                "no line separates XOR.",
                "b": "Right: (0, 1) and (1, 0) land on the same hidden point, and the output "
                "neuron's one line separates the hidden points.",
                "c": "The output neuron still draws a single line; what changed is the space it "
                "draws it in.",
            },
        ),
        Choice(
            "In a network diagram one neuron's circle is deep orange. What does that say?",
            {
                "a": "It predicts class 0",
                "b": "Its weights are negative",
                "c": "Its value is negative, and large in size compared with the other values",
            },
            answer="c",
            why={
                "a": "Class colours belong to data points in scatter plots; a circle's tint is "
                "the sign and size of its value.",
                "b": "Weights are the lines, coloured by their own sign; a circle shows the value.",
                "c": "Right: circles are tinted by their value: orange negative, blue positive, "
                "stronger for a larger size.",
            },
        ),
    ],
)
