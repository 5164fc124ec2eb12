"""Exercises of notebook 11_hyperparameter_tuning: an Adam step, early stopping and dropout.

* ``q1`` ``adam_step(w, g, m, s, t, learning_rate, ...)``: one Adam update, checked against
  :class:`~nn_course.optimizers.Adam` over several steps.
* ``q2`` ``early_stopping(val_losses, patience)``: the epoch with the lowest validation loss and
  the epoch in which :class:`~nn_course.training.EarlyStopping` stops training, both counted
  from 1 (checked against the package's callback on hidden loss curves).
* ``q3`` ``dropout(A, rate, rng)``: inverted dropout in training, checked against the package's
  :class:`~nn_course.layers.Dropout` with the same random numbers.
* ``p1`` (before the optimiser race), ``p2`` (before the tuning explorer), ``quiz``.

>>> q2.verdict(reference_early_stopping)
('correct', 'correct!')
>>> reference_early_stopping([1.0, 0.8, 0.9, 0.7, 0.75, 0.76, 0.8], patience=2)
(4, 6)
"""

from __future__ import annotations

import numpy as np

from ..layers import Dropout
from ..training import EarlyStopping, History
from ..optimizers import Adam
from ._core import Question, compare
from .predict import Predict
from .quiz import Choice, Numeric, Quiz

__all__ = ["q1", "q2", "q3", "p1", "p2", "quiz", "reference_early_stopping", "reference_dropout",
           "reference_adam_step", "package_early_stopping"]


# --------------------------------------------------------------------------- q2: early stopping
def reference_early_stopping(val_losses, patience):
    """``(best_epoch, stop_epoch)``, epochs counted from 1.

    An epoch *improves* when its loss is strictly below the best so far. Training stops in the
    epoch that makes the count of epochs since the last improvement reach ``patience``
    (``patience=2`` stops in the second epoch in a row without improvement, as in Keras); if
    that never happens it runs to the end, ``stop_epoch = len(val_losses)``.
    """
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return best_epoch, epoch
    return best_epoch, len(val_losses)


class _FakeTrainer:
    net = None
    stop_training = False


def package_early_stopping(val_losses, patience):
    """What the package's ``EarlyStopping`` does with this validation curve: ``(best, stop)``."""
    callback = EarlyStopping(patience=patience, restore_best_weights=False)
    trainer = _FakeTrainer()
    callback.set_trainer(trainer)
    callback.on_train_begin(History())
    epoch = 0
    for epoch, loss in enumerate(val_losses, start=1):
        callback.on_epoch_end(epoch, {"val_loss": float(loss)})
        if trainer.stop_training:
            break
    return callback.best_epoch, epoch


def _cases():
    rng = np.random.default_rng(11)
    t = np.arange(1, 41)
    u_shape = 1 / t + 0.002 * t  # falls, then rises: the classic overfitting curve
    cases = [
        ([1.0, 0.8, 0.9, 0.7, 0.75, 0.76, 0.8], 2),
        ([1.0, 0.8, 0.8, 0.8, 0.8, 0.5], 2),       # a tie is not an improvement
        ([1.0, 0.9, 0.8, 0.7], 3),                 # never stops
        ([0.5, 0.6, 0.4, 0.45, 0.3], 0),           # patience 0: the first bad epoch stops
        (list(u_shape), 5),
        (list(u_shape + rng.normal(0, 0.01, t.size)), 3),
    ]
    return cases


def _check_early_stopping(early_stopping):
    for losses, patience in _cases():
        expected = package_early_stopping(losses, patience)
        got = early_stopping(list(losses), patience)
        if not isinstance(got, tuple) or len(got) != 2:
            return "early_stopping should return a pair (best_epoch, stop_epoch)"
        best, stop = (int(v) if v is not None else None for v in got)
        shown = f"{[round(v, 3) for v in losses][:8]}{'...' if len(losses) > 8 else ''}"
        case = f"for val_losses={shown}, patience={patience}"
        if (best, stop) == expected:
            continue
        if (best + 1, stop + 1) == expected:
            return f"{case}: count the epochs from 1, not 0 (use enumerate(val_losses, start=1))"
        if stop < expected[1] - 1:
            return (f"{case}: training stopped in epoch {stop}, too early "
                    f"(expected {expected[1]}): keep going "
                    f"until patience={patience} epochs in a row have failed to improve on the best")
        if best != expected[0]:
            return (f"{case}: best_epoch should be {expected[0]}, got {best} "
                    "(an epoch improves only if its "
                    "loss is strictly lower than the best so far)")
        if stop == expected[1] + 1:
            return (f"{case}: stop_epoch should be {expected[1]}, got {stop}, "
                    "one epoch too late: training "
                    f"stops in the epoch that makes {patience} epochs in a row without improvement "
                    "(wait >= patience)")
        if stop == expected[1] - 1:
            return (f"{case}: stop_epoch should be {expected[1]}, got {stop}, "
                    "one epoch too early: stop only "
                    f"once {patience} epochs in a row have not improved")
        return f"{case}: stop_epoch should be {expected[1]}, got {stop}"
    return None


q2 = Question(
    "q2",
    check=_check_early_stopping,
    hints=("Walk through the losses once, epoch by epoch (counted from 1), carrying three things: "
           "the best loss so far, the epoch it happened in, and how many epochs have passed "
           "since it last improved.",
           "A strictly lower loss becomes the new best and resets the counter; anything else "
           "adds one to it, and the moment the counter reaches the patience you stop and report "
           "both epochs. If the loop ends without stopping, the stop epoch is the last one."),
    reference=reference_early_stopping,
    answer_name="early_stopping",
    success=("That is the whole of EarlyStopping; "
             "restore_best_weights then goes back to best_epoch."),
)


# --------------------------------------------------------------------------- q3: dropout
def reference_dropout(A, rate, rng):
    """Inverted dropout in training: zero each entry with probability ``rate``, scale the rest."""
    keep = rng.random(A.shape) < 1.0 - rate
    return A * keep / (1.0 - rate)


def _variants(A, rate, seed):
    r = lambda: np.random.default_rng(seed)  # noqa: E731 - the same draws for every variant
    keep = 1.0 - rate
    return {
        "no_scale": A * (r().random(A.shape) < keep),
        "scale_by_rate": A * (r().random(A.shape) < keep) / rate,
        "multiply": A * (r().random(A.shape) < keep) * keep,
        "reversed": A * (r().random(A.shape) < rate) / keep,
    }


_MESSAGES = {
    "no_scale": ("the kept values are not scaled: divide by the keep probability 1 - rate, "
                 "so the expected "
                 "value of each unit stays the same and nothing needs changing at test time"),
    "scale_by_rate": "divide by the keep probability 1 - rate, not by rate",
    "multiply": "divide the kept values by 1 - rate (inverted dropout scales them up, not down)",
    "reversed": ("the mask keeps a unit with probability rate; it should DROP with probability "
                 "rate, so a unit stays when its random number is below 1 - rate"),
}


def _check_dropout(dropout):
    rng = np.random.default_rng(4)
    for shape, rate, seed in (((6, 5), 0.5, 1), ((30, 8), 0.2, 2), ((4, 3), 0.0, 3)):
        A = rng.normal(size=shape) + 2.0
        expected = Dropout(rate).trace(A, training=True, rng=np.random.default_rng(seed)).a
        got = dropout(A.copy(), rate, np.random.default_rng(seed))
        problem = compare(got, expected, f"dropout(A, rate={rate})")
        if problem is None:
            continue
        if np.shape(got) == expected.shape:
            for kind, result in _variants(A, rate, seed).items():
                if rate > 0 and np.allclose(got, result):
                    return _MESSAGES[kind]
            zero_got, zero_expected = np.asarray(got) == 0, expected == 0
            if (rate > 0 and abs(zero_got.mean() - rate) < 0.15
                    and not np.array_equal(zero_got, zero_expected)):
                return ("the right share of units is dropped, but not the same ones: draw the mask "
                        "in one call of rng.random with the shape of A, and keep a unit when its "
                        "number is below 1 - rate, so it matches the hidden cases")
        return problem
    return None


q3 = Question(
    "q3",
    check=_check_dropout,
    hints=("Two pieces: a True/False mask with one random draw per entry of A, then the kept "
           "entries made bigger so the average of the output equals the average of A.",
           "An entry stays when its uniform random number is below the keep probability (one "
           "minus the rate); multiply A by the mask and divide by that same keep probability."),
    reference=reference_dropout,
    answer_name="dropout",
    success="Inverted dropout: random units off in training, nothing to do at test time.",
)


# --------------------------------------------------------------------------- q1: one Adam step
def reference_adam_step(w, g, m, s, t, learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-8):
    """One Adam update at step ``t`` (counted from 1); returns ``(w, m, s)``, all new arrays."""
    m = beta_1 * m + (1 - beta_1) * g
    s = beta_2 * s + (1 - beta_2) * g**2
    m_hat = m / (1 - beta_1**t)
    s_hat = s / (1 - beta_2**t)
    w = w - learning_rate * m_hat / (np.sqrt(s_hat) + epsilon)
    return w, m, s


def _adam_slips(w, g, m, s, t, lr, b1, b2, eps):
    m2, s2 = b1 * m + (1 - b1) * g, b2 * s + (1 - b2) * g**2
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            "no bias correction": w - lr * m2 / (np.sqrt(s2) + eps),
            "no square root": w - lr * (m2 / (1 - b1**t)) / (s2 / (1 - b2**t) + eps),
            "t from 0": w - lr * (m2 / (1 - b1 ** (t + 1))) / (np.sqrt(s2 / (1 - b2 ** (t + 1)))
                                                               + eps),
            "plus": w + lr * (m2 / (1 - b1**t)) / (np.sqrt(s2 / (1 - b2**t)) + eps),
        }


_ADAM_MESSAGES = {
    "no bias correction": ("the averages are not bias-corrected: m and s start at 0, so in the "
                           "first steps they are too small; divide each by one minus its beta to "
                           "the power t before the step"),
    "no square root": ("the step divides by the corrected average of g² itself; it should divide "
                       "by its square root (the typical size of g, in the same units as g)"),
    "t from 0": ("the bias correction uses the wrong power: t is the number of the step being "
                 "taken, 1 on the first step"),
    "plus": "the step goes uphill: subtract it from w (gradient descent moves against g)",
}


def _check_adam_step(adam_step):
    rng = np.random.default_rng(11)
    lr, b1, b2, eps = 0.01, 0.8, 0.95, 1e-8
    # one step from given averages, where the classic slips each give a different number
    w, g = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    m, s = 0.1 * rng.normal(size=(3, 2)), rng.random((3, 2))
    t = 3
    got = adam_step(w.copy(), g.copy(), m.copy(), s.copy(), t, lr, b1, b2, eps)
    if not isinstance(got, tuple) or len(got) != 3:
        return ("adam_step should return three arrays (w, m, s): the new weights and both new "
                "averages, which the next step needs")
    expected = reference_adam_step(w, g, m, s, t, lr, b1, b2, eps)
    for name, got_part, expected_part in zip(("m", "s"), got[1:], expected[1:]):
        problem = compare(got_part, expected_part, f"the new {name}")
        if problem:
            return problem
    if compare(got[0], expected[0], "w") is not None:
        for slip, value in _adam_slips(w, g, m, s, t, lr, b1, b2, eps).items():
            if np.shape(got[0]) == value.shape and np.allclose(got[0], value):
                return _ADAM_MESSAGES[slip]
        return compare(got[0], expected[0], "the new w (step t=3)")
    # five steps from zero averages must match the package's Adam
    params = [{"w": np.array([1.0, -2.0, 0.5])}]
    package = Adam(lr, beta_1=b1, beta_2=b2, epsilon=eps)
    w, m, s = params[0]["w"].copy(), np.zeros(3), np.zeros(3)
    for t in range(1, 6):
        g = np.array([2.0, -0.01, 30.0]) * t
        package.step(params, [{"w": g}])
        w, m, s = adam_step(w, g, m, s, t, lr, b1, b2, eps)
        problem = compare(w, params[0]["w"], f"w after step {t} (from m = s = 0)")
        if problem:
            return problem
    return None


q1 = Question(
    "q1",
    check=_check_adam_step,
    hints=("Follow the Adam lines of section 2 in order: update the two running averages, "
           "correct both for having started at zero, then move the weights.",
           "Each correction divides by one minus its beta raised to the step number t; the step "
           "is the learning rate times the corrected mean, divided by the square root of the "
           "corrected average of the squares plus epsilon, and it is subtracted."),
    reference=reference_adam_step,
    answer_name="adam_step",
    success="Momentum's direction, RMSProp's per-weight scale: the optimiser most networks use.",
)


# --------------------------------------------------------------------------- predictions
p1 = Predict(
    "p1",
    "On the ravine, plain SGD and momentum start from the same point with the same learning "
    "rate. Which reaches a loss below 0.001 in fewer steps?",
    choices={"a": "plain SGD", "b": "momentum", "c": "both need the same number of steps"},
    answer="b",
    why={"a": "Along the gentle floor of the ravine SGD's steps are the learning rate times a "
              "small gradient: it crawls.",
         "c": "The velocity adds up gradients that keep pointing the same way, so momentum "
              "moves faster along the floor than SGD."},
    reveal="Momentum needs fewer than half of SGD's steps (the table under the race counts "
           "them). Along the floor the gradient points the same way every step, so the velocity "
           "builds up; across the ravine it flips sign every step, so the velocity averages "
           "it away and the zig-zag dies down.",
)

p2 = Predict(
    "p2",
    "In the tuning explorer you will set the learning rate to 0.001 and train. What will the "
    "training loss do over the run?",
    choices={"a": "fall quickly close to zero",
             "b": "fall slowly, and still be high at the end",
             "c": "grow and explode"},
    answer="b",
    why={"a": "Each step is a thousandth of the gradient: far too small to get close in a short "
              "run (section 1 showed the same on the full digits).",
         "c": "Exploding comes from steps that are too large, not too small."},
    reveal="The curves creep down and end far above the default run's: the steps are tiny, so "
           "the run ends long before the network has learned much (section 1's sweep).",
)


# --------------------------------------------------------------------------- closing quiz
quiz = Quiz("quiz", [
    Choice("You double the batch size and keep the number of epochs. What happens to the "
           "number of SGD steps in the run?",
           {"a": "it halves", "b": "it doubles", "c": "it stays the same"}, answer="a",
           why={"a": "One step per batch: twice as many images per batch, half as many batches.",
                "b": "Bigger batches mean fewer of them per pass over the data, not more.",
                "c": "An epoch is one pass over the data; the number of steps in it is the "
                     "number of batches, which depends on the batch size."}),
    Choice("Which optimiser divides each weight's step by the root of a running average of that "
           "weight's own squared gradients, with no velocity?",
           {"a": "momentum", "b": "Nesterov", "c": "RMSProp", "d": "plain SGD"}, answer="c",
           why={"a": "Momentum keeps a velocity and scales every weight by the same learning "
                     "rate.",
                "b": "Nesterov is momentum with a look-ahead: still one learning rate for all.",
                "c": "RMSProp: s averages g², the step is η g / √s for each weight.",
                "d": "Plain SGD uses the raw gradient times one learning rate."}),
    Choice("With L2 (λ > 0) the training loss of epoch 1 is far higher than without it, on the "
           "same network from the same start. Why?",
           {"a": "the reported loss includes the penalty λ ΣW², which is largest for the "
                 "starting weights",
            "b": "L2 makes the network predict worse from the very first step",
            "c": "L2 shrinks the learning rate"}, answer="a",
           why={"a": "The loss being minimised is the cross-entropy plus λ ΣW²; the random "
                     "starting weights have the largest sum of squares of the run.",
                "b": "The predictions start from the same weights, so the cross-entropy part is "
                     "the same at the start; the difference is the added penalty.",
                "c": "L2 adds 2λW to the gradient; the learning rate is unchanged."}),
    Choice("All the weights into a hidden layer start equal to the same constant 0.05. After "
           "training, how many really different neurons does that layer have?",
           {"a": "as many as it has neurons", "b": "one", "c": "none: the weights stay 0.05"},
           answer="b",
           why={"a": "Equal neurons get equal gradients and take equal steps, so nothing ever "
                     "makes them differ.",
                "b": "The symmetry is never broken: they all change, but all in the same way.",
                "c": "The weights do change (the gradient is not zero); they just change "
                     "together."}),
    Numeric("A cosine schedule goes from η = 0.1 in epoch 1 down to 0 in epoch 11. What is η in "
            "epoch 6?", answer=0.05, tolerance=1e-3,
            why="Epoch 6 is halfway: cos(π/2) = 0, so η = 0.1 × (1 + 0) / 2 = 0.05."),
])
