"""Exercises of 09_numpy_from_scratch: references pass, typical mistakes get the right message."""

from __future__ import annotations

import numpy as np
import pytest

from nn_course import Network
from nn_course.exercises import nb09 as ex
from nn_course.exercises.nb09 import (
    reference_backward,
    reference_forward,
    reference_sgd_step,
    reference_softmax_cross_entropy,
)


def not_done(*args):
    raise NotImplementedError  # the notebook's placeholder


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3, ex.q4, ex.q5, ex.q6])
def test_reference_is_correct_and_placeholder_not_attempted(question):
    assert question.verdict(question.reference) == ("correct", "correct!")
    assert question.verdict(not_done)[0] == "not attempted"
    assert question.verdict(None)[0] == "not attempted"


@pytest.mark.parametrize(
    "question", [ex.q1, ex.q2, ex.q3, ex.q4, ex.q5, ex.q6], ids=lambda q: q.name
)
def test_printed_solution_passes_its_checker(question):
    assert question.verdict(question.solution_answer()) == ("correct", "correct!")


def test_use_falls_back_to_the_reference(capsys):
    assert ex.q2.use(not_done) is ex.q2.reference
    assert "reference" in capsys.readouterr().out
    assert ex.q2.use(reference_forward) is reference_forward


def verdict(question, func):
    status, message = question.verdict(func)
    assert status == "wrong", message
    return message


# ---------------------------------------------------------------- q1
def test_reference_init_matches_the_package_network():
    params = ex.reference_init_params([64, 128, 10], np.random.default_rng(3))
    net = Network.from_sizes([64, 128, 10], init="he_normal", rng=np.random.default_rng(3))
    for p, (W, b) in zip(params, net.get_weights()):
        np.testing.assert_array_equal(p["W"], W)
        np.testing.assert_array_equal(p["b"], b)


def test_init_mistakes():
    def transposed(sizes, rng):
        return [
            {"W": rng.normal(0, np.sqrt(2 / a), (b, a)), "b": np.zeros(b)}
            for a, b in zip(sizes[:-1], sizes[1:])
        ]

    def zeros(sizes, rng):
        return [{"W": np.zeros((a, b)), "b": np.zeros(b)} for a, b in zip(sizes[:-1], sizes[1:])]

    def glorot(sizes, rng):
        return [
            {"W": rng.normal(0, np.sqrt(2 / (a + b)), (a, b)), "b": np.zeros(b)}
            for a, b in zip(sizes[:-1], sizes[1:])
        ]

    def std_one(sizes, rng):
        return [
            {"W": rng.normal(size=(a, b)), "b": np.zeros(b)}
            for a, b in zip(sizes[:-1], sizes[1:])
        ]

    def global_random(sizes, rng):
        legacy = np.random.normal  # noqa: NPY002 (the mistake under test: the global generator)
        return [
            {"W": legacy(0, np.sqrt(2 / a), (a, b)), "b": np.zeros(b)}
            for a, b in zip(sizes[:-1], sizes[1:])
        ]

    def random_bias(sizes, rng):
        return [
            {"W": rng.normal(0, np.sqrt(2 / a), (a, b)), "b": rng.normal(size=b)}
            for a, b in zip(sizes[:-1], sizes[1:])
        ]

    assert "transposed" in verdict(ex.q1, transposed)
    assert "every weight is the same" in verdict(ex.q1, zeros)
    assert "Glorot" in verdict(ex.q1, glorot)
    assert "standard deviation sqrt(2 / n_in)" in verdict(ex.q1, std_one)
    assert "rng argument" in verdict(ex.q1, global_random)
    assert "biases should start at zero" in verdict(ex.q1, random_bias)


# ---------------------------------------------------------------- q2
def test_forward_mistakes():
    def no_bias(params, X):
        acts = [X]
        for i, p in enumerate(params):
            Z = acts[-1] @ p["W"]
            acts.append(Z if i == len(params) - 1 else np.maximum(Z, 0))
        return acts

    def relu_on_output(params, X):
        acts = [X]
        for p in params:
            acts.append(np.maximum(acts[-1] @ p["W"] + p["b"], 0))
        return acts

    def only_logits(params, X):
        return reference_forward(params, X)[-1]

    def without_X(params, X):
        return reference_forward(params, X)[1:]

    def sigmoid_hidden(params, X):
        acts = [X]
        for i, p in enumerate(params):
            Z = acts[-1] @ p["W"] + p["b"]
            acts.append(Z if i == len(params) - 1 else 1 / (1 + np.exp(-Z)))
        return acts

    assert "logits (last entry): values differ" in verdict(ex.q2, no_bias)
    assert "no ReLU on the output layer" in verdict(ex.q2, relu_on_output)
    assert "not one array" in verdict(ex.q2, only_logits)
    assert "start the list with X" in verdict(ex.q2, without_X)
    assert "values differ" in verdict(ex.q2, sigmoid_hidden)


# ---------------------------------------------------------------- q3
def test_softmax_cross_entropy_mistakes():
    def unstable(logits, y):
        e = np.exp(logits)
        P = e / e.sum(axis=1, keepdims=True)
        n = len(y)
        G = P.copy()
        G[np.arange(n), y] -= 1
        return -np.log(P[np.arange(n), y]).mean(), G / n

    def summed(logits, y):
        loss, grad = reference_softmax_cross_entropy(logits, y)
        return loss * len(y), grad

    def no_divide(logits, y):
        loss, grad = reference_softmax_cross_entropy(logits, y)
        return loss, grad * len(y)

    def wrong_sign(logits, y):
        loss, grad = reference_softmax_cross_entropy(logits, y)
        return loss, -grad

    def only_loss(logits, y):
        return reference_softmax_cross_entropy(logits, y)[0]

    with np.errstate(all="ignore"):
        assert "nan or inf" in verdict(ex.q3, unstable)
    assert "SUM over the samples" in verdict(ex.q3, summed)
    assert "n times too large" in verdict(ex.q3, no_divide)
    assert "wrong sign" in verdict(ex.q3, wrong_sign)
    assert "pair (loss, grad_logits)" in verdict(ex.q3, only_loss)


# ---------------------------------------------------------------- q4
def test_backward_mistakes():
    def no_relu_mask(params, acts, delta):
        grads = [None] * len(params)
        for i in range(len(params) - 1, -1, -1):
            grads[i] = {"W": acts[i].T @ delta, "b": delta.sum(axis=0)}
            delta = delta @ params[i]["W"].T
        return grads

    def transposed(params, acts, delta):
        grads = reference_backward(params, acts, delta)
        return [{"W": g["W"].T, "b": g["b"]} for g in grads]

    def mean_bias(params, acts, delta):
        grads = reference_backward(params, acts, delta)
        n = len(acts[0])
        return [{"W": g["W"], "b": g["b"] / n} for g in grads]

    def mask_of_wrong_layer(params, acts, delta):
        grads = [None] * len(params)
        for i in range(len(params) - 1, -1, -1):
            grads[i] = {"W": acts[i].T @ delta, "b": delta.sum(axis=0)}
            if i > 0:
                delta = (delta @ params[i]["W"].T) * (acts[i - 1] > 0).mean()
        return grads

    assert "through W.T and the ReLU" in verdict(ex.q4, no_relu_mask)
    assert "looks transposed" in verdict(ex.q4, transposed)
    assert "sum delta over the samples" in verdict(ex.q4, mean_bias)
    assert "values differ" in verdict(ex.q4, mask_of_wrong_layer)


# ---------------------------------------------------------------- q5
def test_sgd_step_mistakes():
    def rebinds(params, grads, lr):
        return [{k: p[k] - lr * g[k] for k in p} for p, g in zip(params, grads)]

    def uphill(params, grads, lr):
        for p, g in zip(params, grads):
            for k in p:
                p[k] += lr * g[k]

    def no_lr(params, grads, lr):
        for p, g in zip(params, grads):
            for k in p:
                p[k] -= g[k]

    def forgets_bias(params, grads, lr):
        for p, g in zip(params, grads):
            p["W"] -= lr * g["W"]

    assert "in place" in verdict(ex.q5, rebinds)
    assert "uphill" in verdict(ex.q5, uphill)
    assert "multiply the gradient by learning_rate" in verdict(ex.q5, no_lr)
    assert "update the biases too" in verdict(ex.q5, forgets_bias)


# ---------------------------------------------------------------- q6
def _epoch(order_fn, drop_last=False, result="mean"):
    def train_epoch(params, X, y, batch_size, learning_rate, rng):
        order_X, order_y = order_fn(len(X), rng)
        stop = len(X) - len(X) % batch_size if drop_last else len(X)
        batch_losses = []
        for start in range(0, stop, batch_size):
            Xb, yb = X[order_X[start:start + batch_size]], y[order_y[start:start + batch_size]]
            acts = reference_forward(params, Xb)
            loss, g = reference_softmax_cross_entropy(acts[-1], yb)
            reference_sgd_step(params, reference_backward(params, acts, g), learning_rate)
            batch_losses.append(loss)
        return {"mean": np.mean(batch_losses), "last": batch_losses[-1], "none": None}[result]
    return train_epoch


def _shared(n, rng):
    order = rng.permutation(n)
    return order, order


def test_train_epoch_accepts_the_sample_weighted_mean():
    def weighted(params, X, y, batch_size, learning_rate, rng):
        order = rng.permutation(len(X))
        total = 0.0
        for start in range(0, len(X), batch_size):
            batch = order[start:start + batch_size]
            acts = reference_forward(params, X[batch])
            loss, g = reference_softmax_cross_entropy(acts[-1], y[batch])
            reference_sgd_step(params, reference_backward(params, acts, g), learning_rate)
            total += loss * len(batch)
        return total / len(X)

    assert ex.q6.verdict(weighted)[0] == "correct"
    assert ex.q6.verdict(_epoch(_shared))[0] == "correct"


def test_train_epoch_mistakes():
    no_shuffle = _epoch(lambda n, rng: (np.arange(n), np.arange(n)))
    separate = _epoch(lambda n, rng: (rng.permutation(n), rng.permutation(n)))
    assert "shuffle first" in verdict(ex.q6, no_shuffle)
    assert "two different permutations" in verdict(ex.q6, separate)
    assert "last, smaller batch was skipped" in verdict(ex.q6, _epoch(_shared, drop_last=True))
    assert "last batch's" in verdict(ex.q6, _epoch(_shared, result="last"))
    assert "returned None" in verdict(ex.q6, _epoch(_shared, result="none"))
    assert "did not change" in verdict(ex.q6, lambda params, X, y, bs, lr, rng: 1.0)
