"""What a training run recorded: the loss and accuracy of every epoch, and why it stopped.

:func:`~nn_course.training.fit` returns a :class:`History`; its ``history`` dict of lists has
the same shape as Keras's ``History.history``, so the plots of notebook 10 work for both.

See notebooks 09_numpy_from_scratch and 11_hyperparameter_tuning.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["History"]


class History:
    """What happened during :func:`fit`, epoch by epoch.

    Attributes
    ----------
    history : dict of str -> list of float
        ``"loss"`` (mean mini-batch loss during the epoch, penalty included, as Keras
        reports it), ``"accuracy"`` (classifiers), ``"val_loss"``, ``"val_accuracy"`` (with
        ``validation_data``, measured after the epoch with dropout off), plus anything a
        callback writes into ``logs`` (e.g. ``"learning_rate"``).
    epochs : list of int
        The epoch numbers, starting at 1, one per entry of each list.
    params : dict
        The settings of the run (epochs, batch_size, optimizer, loss, l1, l2, n_samples).
    diverged : bool
        True if training stopped because the loss became NaN/inf or exploded; the network
        then holds the weights of the last epoch that finished with a finite loss.
    stop_reason : str or None
        ``None`` (ran all epochs), ``"diverged"``, ``"early_stopping"`` or ``"callback"``.
    stopped_epoch : int or None
        The epoch in which training stopped early.
    best_epoch : int or None
        Set by :class:`EarlyStopping`: the epoch whose weights were kept.
    message : str
        A sentence explaining why training stopped early ("" if it did not).

    Examples
    --------
    >>> h = History()
    >>> h.append(1, {"loss": 0.5, "accuracy": 0.8})
    >>> h.append(2, {"loss": 0.25, "accuracy": 0.9})
    >>> h["loss"], h.epochs, len(h)
    ([0.5, 0.25], [1, 2], 2)
    >>> h.last()
    {'loss': 0.25, 'accuracy': 0.9}

    See notebooks 09_numpy_from_scratch and 11_hyperparameter_tuning.
    """

    def __init__(self, params: dict | None = None) -> None:
        self.history: dict[str, list[float]] = {}
        self.epochs: list[int] = []
        self.params: dict[str, Any] = dict(params or {})
        self.diverged = False
        self.stop_reason: str | None = None
        self.stopped_epoch: int | None = None
        self.best_epoch: int | None = None
        self.message = ""

    def append(self, epoch: int, logs: dict[str, float]) -> None:
        """Record one epoch's numbers (keys first seen later are padded with NaN before)."""
        n_before = len(self.epochs)
        self.epochs.append(int(epoch))
        if logs.keys() == self.history.keys():  # the usual epoch: the same keys as before
            for key, value in logs.items():
                self.history[key].append(float(value))
            return
        for key, value in logs.items():
            series = self.history.get(key)
            if series is None:
                series = self.history[key] = [math.nan] * n_before
            series.append(float(value))
        for series in self.history.values():
            if len(series) <= n_before:
                series.append(math.nan)

    def extend(self, epochs, columns: dict[str, list[float]]) -> None:
        """Record several epochs at once: ``columns`` maps each key to one value per epoch.

        The same as :meth:`append` epoch by epoch, in one go (what :func:`fit` does when
        nothing watches the epochs one by one).

        >>> h = History()
        >>> h.extend([1, 2], {"loss": [0.5, 0.25], "accuracy": [0.8, 0.9]})
        >>> h.history, h.epochs
        ({'loss': [0.5, 0.25], 'accuracy': [0.8, 0.9]}, [1, 2])
        """
        epochs = [int(epoch) for epoch in epochs]
        if not epochs:
            return
        if self.epochs and columns.keys() != self.history.keys():  # new keys: pad, as append
            for i, epoch in enumerate(epochs):
                self.append(epoch, {key: values[i] for key, values in columns.items()})
            return
        self.epochs += epochs
        for key, values in columns.items():
            self.history.setdefault(key, []).extend(float(value) for value in values)

    def __getitem__(self, key: str) -> list[float]:
        try:
            return self.history[key]
        except KeyError:
            raise KeyError(f"History has no {key!r}; it has {sorted(self.history)}.") from None

    def __contains__(self, key: object) -> bool:
        return key in self.history

    def __len__(self) -> int:
        return len(self.epochs)

    def last(self) -> dict[str, float]:
        """The numbers of the last recorded epoch (``{}`` if none)."""
        if not self.epochs:
            return {}
        return {key: series[-1] for key, series in self.history.items()}

    def to_dataframe(self):
        """The history as a pandas DataFrame indexed by epoch (needs pandas installed)."""
        import importlib.util

        if importlib.util.find_spec("pandas") is None:
            raise ImportError("to_dataframe needs pandas; use History.history (a dict of lists).")
        import pandas as pd

        return pd.DataFrame(self.history, index=pd.Index(self.epochs, name="epoch"))

    def __repr__(self) -> str:
        parts = [f"epochs={len(self)}"]
        last = self.last()
        parts += [f"{k}={v:.4g}" for k, v in last.items()]
        if self.stop_reason:
            parts.append(f"stop_reason={self.stop_reason!r}")
        return f"History({', '.join(parts)})"
