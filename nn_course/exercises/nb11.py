"""Exercises of notebook 11_hyperparameter_tuning: early stopping and dropout by hand.

* ``q1`` ``early_stopping(val_losses, patience)``: the epoch with the lowest validation loss and
  the epoch in which :class:`~nn_course.training.EarlyStopping` stops training, both counted
  from 1 (checked against the package's callback on hidden loss curves).
* ``q2`` ``dropout(A, rate, rng)``: inverted dropout in training, checked against the package's
  :class:`~nn_course.layers.Dropout` with the same random numbers.

>>> q1.verdict(reference_early_stopping)
('correct', 'correct!')
>>> reference_early_stopping([1.0, 0.8, 0.9, 0.7, 0.75, 0.76, 0.8], patience=2)
(4, 6)
"""

from __future__ import annotations

import numpy as np

from ..layers import Dropout
from ..training import EarlyStopping, History
from ._core import Question, compare

__all__ = ["q1", "q2", "reference_early_stopping", "reference_dropout", "package_early_stopping"]


# --------------------------------------------------------------------------- q1: early stopping
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
        case = f"for val_losses={[round(v, 3) for v in losses][:8]}{'...' if len(losses) > 8 else ''}, patience={patience}"
        if (best, stop) == expected:
            continue
        if (best + 1, stop + 1) == expected:
            return f"{case}: count the epochs from 1, not 0 (use enumerate(val_losses, start=1))"
        if stop < expected[1] - 1:
            return (f"{case}: training stopped in epoch {stop}, too early (expected {expected[1]}): keep going "
                    f"until patience={patience} epochs in a row have failed to improve on the best")
        if best != expected[0]:
            return (f"{case}: best_epoch should be {expected[0]}, got {best} (an epoch improves only if its "
                    "loss is strictly lower than the best so far)")
        if stop == expected[1] + 1:
            return (f"{case}: stop_epoch should be {expected[1]}, got {stop}, one epoch too late: training "
                    f"stops in the epoch that makes {patience} epochs in a row without improvement "
                    "(wait >= patience)")
        if stop == expected[1] - 1:
            return (f"{case}: stop_epoch should be {expected[1]}, got {stop}, one epoch too early: stop only "
                    f"once {patience} epochs in a row have not improved")
        return f"{case}: stop_epoch should be {expected[1]}, got {stop}"
    return None


q1 = Question(
    "q1",
    check=_check_early_stopping,
    hint=("Keep best (start at np.inf), best_epoch and wait. For each epoch (from 1): if loss < best, "
          "remember it and set wait = 0; otherwise wait += 1, and if wait >= patience, return "
          "(best_epoch, epoch). After the loop return (best_epoch, len(val_losses))."),
    solution='''def early_stopping(val_losses, patience):
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return best_epoch, epoch
    return best_epoch, len(val_losses)''',
    success="That is the whole of EarlyStopping; restore_best_weights then goes back to best_epoch.",
    reference=reference_early_stopping,
)


# --------------------------------------------------------------------------- q2: dropout
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
    "no_scale": ("the kept values are not scaled: divide by the keep probability 1 - rate, so the expected "
                 "value of each unit stays the same and nothing needs changing at test time"),
    "scale_by_rate": "divide by the keep probability 1 - rate, not by rate",
    "multiply": "divide the kept values by 1 - rate (inverted dropout scales them up, not down)",
    "reversed": ("the mask keeps a unit with probability rate; it should DROP with probability rate: "
                 "keep = rng.random(A.shape) < 1 - rate"),
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
            if rate > 0 and abs(zero_got.mean() - rate) < 0.15 and not np.array_equal(zero_got, zero_expected):
                return ("the right share of units is dropped, but not the same ones: draw the mask in one call, "
                        "keep = rng.random(A.shape) < 1 - rate, so it matches the hidden cases")
        return problem
    return None


q2 = Question(
    "q2",
    check=_check_dropout,
    hint=("keep = rng.random(A.shape) < 1 - rate gives True for the units that stay; return "
          "A * keep / (1 - rate)."),
    solution='''def dropout(A, rate, rng):
    keep = rng.random(A.shape) < 1 - rate
    return A * keep / (1 - rate)''',
    success="Inverted dropout: random units off in training, nothing to do at test time.",
    reference=reference_dropout,
)
