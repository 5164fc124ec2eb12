"""Exercises of 11_hyperparameter_tuning.

References pass, typical mistakes get the right message.
"""

from __future__ import annotations

import numpy as np
import pytest

from nn_course import Dense, Network, datasets
from nn_course.exercises import nb11 as ex
from nn_course.training import EarlyStopping, fit


def not_done(*args):
    raise NotImplementedError  # the notebook's placeholder


@pytest.mark.parametrize("question", [ex.q2, ex.q3, ex.q1])
def test_reference_is_correct_and_placeholder_not_attempted(question):
    assert question.verdict(question.reference) == ("correct", "correct!")
    assert question.verdict(not_done)[0] == "not attempted"
    assert question.verdict(None)[0] == "not attempted"


def verdict(question, answer):
    status, message = question.verdict(answer)
    assert status == "wrong", message
    return message


def test_reference_early_stopping_matches_a_real_fit():
    X, y = datasets.moons(120, noise=0.35, rng=0)
    X_tr, X_val, y_tr, y_val = datasets.train_test_split(X, y, 0.5, rng=0)
    net = Network([Dense(2, 64, "relu", rng=0), Dense(64, 2, "linear", rng=1)])
    h = fit(net, X_tr, y_tr, learning_rate=0.3, epochs=300, validation_data=(X_val, y_val), rng=0,
            callbacks=[EarlyStopping(patience=4)])
    full = fit(Network([Dense(2, 64, "relu", rng=0), Dense(64, 2, "linear", rng=1)]), X_tr, y_tr,
               learning_rate=0.3, epochs=len(h), validation_data=(X_val, y_val), rng=0)
    assert ex.reference_early_stopping(full["val_loss"], 4) == (h.best_epoch, len(h))


def _stopper(strict=True, offset=0, stop_shift=0):
    def early_stopping(val_losses, patience):
        best, best_epoch, wait = np.inf, 0, 0
        for epoch, loss in enumerate(val_losses, start=1 - offset):
            if loss < best if strict else loss <= best:
                best, best_epoch, wait = loss, epoch, 0
            else:
                wait += 1
                if wait >= patience + stop_shift:
                    return best_epoch, epoch
        return best_epoch, len(val_losses) - offset
    return early_stopping


def test_early_stopping_mistakes():
    def first_rise(val_losses, patience):
        for epoch in range(1, len(val_losses)):
            if val_losses[epoch] > val_losses[epoch - 1]:
                return epoch, epoch + 1
        return len(val_losses), len(val_losses)

    assert "count the epochs from 1" in verdict(ex.q2, _stopper(offset=1))
    assert "strictly lower" in verdict(ex.q2, _stopper(strict=False))
    assert "one epoch too late" in verdict(ex.q2, _stopper(stop_shift=1))  # wait > patience
    assert "too early" in verdict(ex.q2, _stopper(stop_shift=-1))
    assert "too early" in verdict(ex.q2, first_rise)
    assert "pair (best_epoch, stop_epoch)" in verdict(ex.q2, lambda losses, patience: 3)


def test_dropout_mistakes():
    def no_scale(A, rate, rng):
        return A * (rng.random(A.shape) < 1 - rate)

    def by_rate(A, rate, rng):
        return A * (rng.random(A.shape) < 1 - rate) / rate

    def reversed_mask(A, rate, rng):
        return A * (rng.random(A.shape) < rate) / (1 - rate)

    def per_column(A, rate, rng):
        return A * (rng.random(A.shape[1]) < 1 - rate) / (1 - rate)

    def transposed(A, rate, rng):
        return ex.reference_dropout(A, rate, rng).T

    assert "not scaled" in verdict(ex.q3, no_scale)
    assert "not by rate" in verdict(ex.q3, by_rate)
    assert "DROP with probability rate" in verdict(ex.q3, reversed_mask)
    assert (
        "values differ" in verdict(ex.q3, per_column)
        or "not the same ones" in verdict(ex.q3, per_column)
    )
    assert "transposed" in verdict(ex.q3, transposed)


def _adam(correct=True, bias=True, root=True, t_shift=0, sign=-1, returns=3):
    def adam_step(w, g, m, s, t, learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-8):
        m = beta_1 * m + (1 - beta_1) * g
        s = beta_2 * s + (1 - beta_2) * g**2
        m_hat = m / (1 - beta_1 ** (t + t_shift)) if bias else m
        s_hat = s / (1 - beta_2 ** (t + t_shift)) if bias else s
        scale = np.sqrt(s_hat) if root else s_hat
        w = w + sign * learning_rate * m_hat / (scale + epsilon)
        return (w, m, s)[:returns] if returns > 1 else w
    return adam_step


def test_adam_step_solution_and_mistakes():
    assert ex.q1.verdict(_adam())[0] == "correct"
    assert "not bias-corrected" in verdict(ex.q1, _adam(bias=False))
    assert "square root" in verdict(ex.q1, _adam(root=False))
    assert "wrong power" in verdict(ex.q1, _adam(t_shift=1))
    assert "uphill" in verdict(ex.q1, _adam(sign=1))
    assert "three arrays" in verdict(ex.q1, _adam(returns=1))

    def forgets_the_square(w, g, m, s, t, learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-8):
        s = beta_2 * s + (1 - beta_2) * g
        return ex.reference_adam_step(w, g, m, s, t, learning_rate, beta_1, beta_2, epsilon)[0], \
            beta_1 * m + (1 - beta_1) * g, s

    assert "the new s" in verdict(ex.q1, forgets_the_square)


def test_predictions_and_quiz_are_complete():
    assert ex.p1.is_right("b") and not ex.p1.is_right("a")
    assert ex.p2.is_right("b") and not ex.p2.is_right("c")
    assert len(ex.quiz) == 5
    for number in range(1, 6):
        right, _ = ex.quiz.mark(number, {1: "a", 2: "c", 3: "a", 4: "b", 5: 0.05}[number])
        assert right
    assert ex.quiz.mark(2, "a")[0] is False
