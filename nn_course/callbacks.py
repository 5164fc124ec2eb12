"""Callbacks: code that :func:`~nn_course.training.fit` runs around every epoch.

A callback watches training and may steer it: :class:`EarlyStopping` stops when the
validation loss stops improving and keeps the best weights, :class:`LearningRateScheduler`
sets the learning rate before each epoch. Write your own by subclassing :class:`Callback`, or
pass a plain function ``f(epoch, logs)``.

The protocol. :func:`~nn_course.training.fit` calls, in this order,

* ``set_trainer(trainer)`` once: ``self.trainer`` is the :class:`~nn_course.training.Trainer`
  (``trainer.net``, ``trainer.optimizer``, ``trainer.loss``);
* ``on_train_begin(history)`` once;
* for every epoch (counted from 1): ``on_epoch_begin(epoch)``, which may change
  ``trainer.optimizer.learning_rate`` (the epoch's steps use the new rate), then the epoch,
  then ``on_epoch_end(epoch, logs)``, which may add keys to ``logs`` (they are recorded in the
  history) or set ``trainer.stop_training = True`` to stop after this epoch;
* ``on_train_end(history)`` once, also after a divergence or an early stop.

See notebook 11_hyperparameter_tuning.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from ._validation import check_positive_float, check_positive_int

if TYPE_CHECKING:  # for the annotations only
    from .history import History
    from .training import Trainer

__all__ = ["Callback", "EarlyStopping", "LearningRateScheduler", "as_callbacks"]


class Callback:
    """Base class for callbacks: override the hooks you need.

    :func:`~nn_course.training.fit` calls ``set_trainer(trainer)`` once, then
    ``on_train_begin(history)``, ``on_epoch_begin(epoch)`` and ``on_epoch_end(epoch, logs)``
    for every epoch (numbered from 1), and ``on_train_end(history)`` (the module docstring
    gives the details). ``logs`` holds the epoch's numbers (``"loss"``, ``"val_loss"``, ...);
    keys a callback adds are recorded in the history. ``on_epoch_begin`` may set
    ``self.trainer.optimizer.learning_rate``; set ``self.trainer.stop_training = True`` to stop
    after the current epoch.

    A plain function ``f(epoch, logs)`` can be passed instead; it is called at each epoch end.

    Examples
    --------
    >>> import numpy as np
    >>> from nn_course import Network, Dense
    >>> from nn_course.training import fit
    >>> class WeightNorm(Callback):
    ...     def on_epoch_end(self, epoch, logs):
    ...         logs["w_norm"] = float(np.linalg.norm(self.trainer.net.layers[0].W))
    >>> net = Network([Dense(2, 1, "linear", init="zeros")])
    >>> h = fit(net, np.ones((4, 2)), np.ones(4), loss="mse", epochs=2, callbacks=[WeightNorm()])
    >>> [round(v, 4) for v in h["w_norm"]]
    [0.2828, 0.396]

    See notebook 11_hyperparameter_tuning.
    """

    trainer: Trainer | None = None

    def set_trainer(self, trainer: Trainer) -> None:
        """Called once before training: the trainer this callback watches."""
        self.trainer = trainer

    def on_train_begin(self, history: History) -> None:
        """Called once before the first epoch."""

    def on_epoch_begin(self, epoch: int) -> None:
        """Called before each epoch (``epoch`` counts from 1)."""

    def on_epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
        """Called after each epoch with its numbers; may add keys to ``logs``."""

    def on_train_end(self, history: History) -> None:
        """Called once after the last epoch (also after a divergence or an early stop)."""


class _FunctionCallback(Callback):
    def __init__(self, function: Callable) -> None:
        self.function = function

    def on_epoch_end(self, epoch, logs):
        self.function(epoch, logs)


class EarlyStopping(Callback):
    """Stop when a monitored number stops improving, and keep the best weights.

    After each epoch the monitored value (``"val_loss"`` by default) is compared with the
    best so far; an improvement must be larger than ``min_delta``. Training stops at the end
    of the ``patience``-th epoch in a row without improvement (as Keras does: ``patience=2``
    stops in the second such epoch; ``patience=0`` in the first). With
    ``restore_best_weights`` the network ends with the weights of the best epoch (whether
    training stopped early or ran all its epochs); ``history.best_epoch`` says which.

    Parameters
    ----------
    patience : int >= 0, default 5
        Epochs without improvement to wait before stopping.
    monitor : str, default "val_loss"
        A key of the history: "val_loss", "val_accuracy", "loss", "accuracy", ...
    min_delta : float >= 0, default 0.0
    mode : {"auto", "min", "max"}
        "auto": maximise names containing "accuracy", minimise the rest.
    restore_best_weights : bool, default True

    Examples
    --------
    >>> import numpy as np
    >>> from nn_course import Network, Dense, datasets
    >>> from nn_course.training import fit
    >>> X, y = datasets.blobs(200, rng=0)
    >>> X_tr, X_val, y_tr, y_val = datasets.train_test_split(X, y, 0.25, rng=0)
    >>> net = Network([Dense(2, 8, "tanh", rng=0), Dense(8, 2, "linear", rng=1)])
    >>> h = fit(net, X_tr, y_tr, epochs=200, validation_data=(X_val, y_val), rng=0,
    ...         callbacks=[EarlyStopping(patience=3, min_delta=1e-3)])
    >>> h.stop_reason, len(h) < 200, h.best_epoch <= len(h)
    ('early_stopping', True, True)

    See notebook 11_hyperparameter_tuning.
    """

    def __init__(
        self,
        patience: int = 5,
        monitor: str = "val_loss",
        min_delta: float = 0.0,
        mode: str = "auto",
        restore_best_weights: bool = True,
    ) -> None:
        if not isinstance(monitor, str):
            raise TypeError(f"monitor must be a history key such as 'val_loss'; got {monitor!r}.")
        self.monitor = monitor
        self.patience = check_positive_int(patience, "patience", minimum=0)
        self.min_delta = check_positive_float(min_delta, "min_delta", allow_zero=True)
        if mode not in ("auto", "min", "max"):
            raise ValueError(f"mode must be 'auto', 'min' or 'max'; got {mode!r}.")
        if mode == "auto":
            mode = "max" if "accuracy" in monitor else "min"
        self.mode = mode
        self.restore_best_weights = bool(restore_best_weights)

    def on_train_begin(self, history):
        self.best = math.inf if self.mode == "min" else -math.inf
        self.best_epoch: int | None = None
        self.best_weights = None
        self.wait = 0
        self.history = history

    def _improved(self, value: float) -> bool:
        if self.mode == "min":
            return value < self.best - self.min_delta
        return value > self.best + self.min_delta

    def on_epoch_end(self, epoch, logs):
        if self.monitor not in logs:
            available = sorted(logs)
            hint = ""
            if self.monitor.startswith("val_"):
                hint = " Pass validation_data=(X_val, y_val) to fit, or monitor 'loss'."
            raise ValueError(
                f"EarlyStopping monitors {self.monitor!r}, which this run does not record; "
                f"it records {available}.{hint}"
            )
        value = logs[self.monitor]
        if math.isfinite(value) and self._improved(value):
            self.best, self.best_epoch, self.wait = value, epoch, 0
            if self.restore_best_weights:
                self.best_weights = self.trainer.net.get_weights()
            return
        self.wait += 1
        if self.wait >= self.patience:
            trainer = self.trainer
            trainer.stop_training = True
            trainer.stop_reason = "early_stopping"
            trainer.stop_message = (
                f"Early stopping after epoch {epoch}: {self.monitor} did not improve for "
                f"{self.wait} epochs (best {self.best:.4g} at epoch {self.best_epoch})."
            )

    def on_train_end(self, history):
        history.best_epoch = self.best_epoch
        if self.restore_best_weights and self.best_weights is not None:
            if self.best_epoch != (history.epochs[-1] if history.epochs else None):
                self.trainer.net.set_weights(self.best_weights)
                if history.message:
                    history.message += f" Restored the weights of epoch {self.best_epoch}."


class LearningRateScheduler(Callback):
    """Set the learning rate before each epoch from ``schedule(epoch, learning_rate)``.

    The rate used is recorded in the history as ``"learning_rate"``.

    Parameters
    ----------
    schedule : callable
        ``schedule(epoch, learning_rate) -> new learning_rate``; ``epoch`` counts from 1.

    Examples
    --------
    >>> halve = LearningRateScheduler(lambda epoch, lr: 0.1 * 0.5 ** (epoch - 1))
    >>> from nn_course import Network, Dense
    >>> from nn_course.training import fit
    >>> import numpy as np
    >>> net = Network([Dense(2, 1, "linear", rng=0)])
    >>> h = fit(net, np.ones((4, 2)), np.ones(4), loss="mse", epochs=3, callbacks=[halve], rng=0)
    >>> h["learning_rate"]
    [0.1, 0.05, 0.025]

    See notebook 11_hyperparameter_tuning.
    """

    def __init__(self, schedule: Callable[[int, float], float]) -> None:
        if not callable(schedule):
            raise TypeError(f"schedule must be a function f(epoch, lr) -> lr; got {schedule!r}.")
        self.schedule = schedule

    def on_epoch_begin(self, epoch):
        opt = self.trainer.optimizer
        opt.learning_rate = self.schedule(epoch, opt.learning_rate)

    def on_epoch_end(self, epoch, logs):
        logs["learning_rate"] = self.trainer.optimizer.learning_rate


def as_callbacks(callbacks) -> list[Callback]:
    """``callbacks`` (None, one callback or function, or a list of them) as a list of Callback.

    >>> [type(cb).__name__ for cb in as_callbacks([EarlyStopping(), print])]
    ['EarlyStopping', '_FunctionCallback']
    """
    if callbacks is None:
        return []
    if isinstance(callbacks, Callback) or (callable(callbacks) and not isinstance(callbacks, type)):
        callbacks = [callbacks]
    try:
        callbacks = list(callbacks)
    except TypeError:
        raise TypeError(
            "callbacks must be a list of Callback objects or functions f(epoch, logs); "
            f"got {type(callbacks).__name__}."
        ) from None
    out = []
    for cb in callbacks:
        if isinstance(cb, Callback):
            out.append(cb)
        elif callable(cb) and not isinstance(cb, type):
            out.append(_FunctionCallback(cb))
        else:
            raise TypeError(
                "each callback must be a Callback (e.g. EarlyStopping(patience=5)) or a function "
                f"f(epoch, logs); got {cb!r}."
            )
    return out
