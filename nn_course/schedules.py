"""Learning-rate schedules: change the learning rate η as training goes on.

A schedule is a function ``schedule(epoch) -> learning rate`` with ``epoch`` counted from 1.

* :func:`constant` keeps η fixed;
* :func:`step_decay` multiplies η by ``drop`` every ``every`` epochs (a staircase);
* :func:`cosine` lowers η from its start to ``final`` along half a cosine wave;
* :func:`warmup` wraps any schedule: the first ``epochs`` epochs climb linearly up to it
  (big steps from random weights can throw training off; warm-up starts gently).

:class:`ScheduleCallback` applies a schedule during :func:`nn_course.training.fit`: in its
``on_epoch_begin(epoch)`` hook it sets ``trainer.optimizer.learning_rate`` to
``schedule(epoch)``, and it records the rate used in the history as ``"learning_rate"``. It
is the :class:`~nn_course.callbacks.LearningRateScheduler` of the callbacks, for a schedule
that depends on the epoch only.

See notebook 11_hyperparameter_tuning.

Examples
--------
>>> s = step_decay(0.1, drop=0.5, every=10)
>>> [s(1), s(10), s(11), s(21)]
[0.1, 0.1, 0.05, 0.025]
>>> c = cosine(0.1, epochs=11)
>>> round(c(1), 6), round(c(6), 6), round(c(11), 6)
(0.1, 0.05, 0.0)
>>> w = warmup(constant(0.1), epochs=4)
>>> [round(w(e), 3) for e in (1, 2, 3, 4, 5)]
[0.025, 0.05, 0.075, 0.1, 0.1]
"""

from __future__ import annotations

import math
from typing import Callable

from ._validation import check_positive_float, check_positive_int
from .callbacks import LearningRateScheduler

__all__ = ["constant", "step_decay", "cosine", "warmup", "ScheduleCallback", "learning_rates"]

Schedule = Callable[[int], float]


def _epoch(epoch) -> int:
    return check_positive_int(epoch, "epoch", minimum=1)


def constant(learning_rate: float) -> Schedule:
    """η the same in every epoch.

    >>> constant(0.1)(7)
    0.1
    """
    lr = check_positive_float(learning_rate, "learning_rate")

    def schedule(epoch: int) -> float:
        _epoch(epoch)
        return lr

    return schedule


def step_decay(learning_rate: float, drop: float = 0.5, every: int = 10) -> Schedule:
    """η times ``drop`` after every ``every`` epochs: ``lr * drop ** ((epoch - 1) // every)``.

    Parameters
    ----------
    learning_rate : float > 0
        η in the first ``every`` epochs.
    drop : float in (0, 1]
    every : int >= 1

    >>> [step_decay(1.0, 0.1, 2)(e) for e in (1, 2, 3, 5)]
    [1.0, 1.0, 0.1, 0.010000000000000002]
    """
    lr = check_positive_float(learning_rate, "learning_rate")
    drop = check_positive_float(drop, "drop")
    if drop > 1:
        raise ValueError(f"drop must be in (0, 1] (a factor that lowers the rate); got {drop}")
    every = check_positive_int(every, "every", minimum=1)

    def schedule(epoch: int) -> float:
        return lr * drop ** ((_epoch(epoch) - 1) // every)

    return schedule


def cosine(learning_rate: float, epochs: int, final: float = 0.0) -> Schedule:
    """Half a cosine from η in epoch 1 down to ``final`` in epoch ``epochs`` (then ``final``).

    ``final + (lr - final) * (1 + cos(pi * (epoch - 1) / (epochs - 1))) / 2``

    >>> round(cosine(1.0, epochs=3)(2), 6)
    0.5
    """
    lr = check_positive_float(learning_rate, "learning_rate")
    epochs = check_positive_int(epochs, "epochs", minimum=2)
    final = check_positive_float(final, "final", allow_zero=True)
    if final > lr:
        raise ValueError(f"final ({final}) must not be above learning_rate ({lr})")

    def schedule(epoch: int) -> float:
        progress = min(_epoch(epoch) - 1, epochs - 1) / (epochs - 1)
        return final + (lr - final) * 0.5 * (1.0 + math.cos(math.pi * progress))

    return schedule


def warmup(schedule: Schedule, epochs: int) -> Schedule:
    """Climb linearly to ``schedule`` over the first ``epochs`` epochs, then follow it.

    In epoch ``e <= epochs`` the rate is ``schedule(e) * e / epochs``.

    >>> warmup(constant(0.2), epochs=2)(1)
    0.1
    """
    if not callable(schedule):
        raise TypeError(f"schedule must be a function epoch -> learning rate; got {schedule!r}")
    epochs = check_positive_int(epochs, "epochs", minimum=1)

    def warmed(epoch: int) -> float:
        epoch = _epoch(epoch)
        return schedule(epoch) * min(1.0, epoch / epochs)

    return warmed


def learning_rates(schedule: Schedule, epochs: int) -> list[float]:
    """The rates of epochs 1..epochs, for plotting a schedule.

    >>> learning_rates(step_decay(0.4, 0.5, 1), 3)
    [0.4, 0.2, 0.1]
    """
    return [float(schedule(e)) for e in range(1, check_positive_int(epochs, "epochs") + 1)]


class ScheduleCallback(LearningRateScheduler):
    """Use a schedule in :func:`~nn_course.training.fit`: ``callbacks=[ScheduleCallback(s)]``.

    A :class:`~nn_course.callbacks.LearningRateScheduler` for a schedule of the epoch alone:
    before each epoch's first step it sets ``trainer.optimizer.learning_rate = schedule(epoch)``
    and records the rate in ``logs["learning_rate"]`` (so ``history["learning_rate"]`` lists
    it per epoch).

    Examples
    --------
    >>> import numpy as np
    >>> from nn_course import Network, Dense
    >>> from nn_course.training import fit
    >>> net = Network([Dense(2, 1, "linear", rng=0)])
    >>> h = fit(net, np.ones((4, 2)), np.ones(4), loss="mse", epochs=3, rng=0,
    ...         callbacks=[ScheduleCallback(step_decay(0.1, 0.5, 1))])
    >>> h["learning_rate"]
    [0.1, 0.05, 0.025]
    """

    def __init__(self, schedule: Schedule) -> None:
        if not callable(schedule):
            raise TypeError(
                f"schedule must be a function epoch -> learning rate; got {schedule!r}")
        # the scheduler passes (epoch, current rate); a schedule of the epoch ignores the rate
        super().__init__(lambda epoch, _learning_rate: schedule(epoch))
