"""The training loop: mini-batches, history, early stopping, divergence detection.

One epoch shuffles the training set, cuts it into mini-batches and, for each batch, runs the
network forward, backpropagates the loss and lets the optimizer update the weights::

    for epoch in range(epochs):
        for X_batch, y_batch in batches(X, y, batch_size, rng):
            loss, grads = net.loss_and_gradients(X_batch, y_batch, loss)
            optimizer.step(net.params, grads)

That is all :func:`fit` does, plus the bookkeeping a learner needs: a :class:`History` of the
loss and accuracy per epoch (and on validation data), callbacks such as
:class:`EarlyStopping`, an optional progress bar, and a guard that stops a run whose loss
explodes instead of filling the weights with NaN.

Speed. The arguments are checked once per call of :func:`fit`; the inner loop then works on
validated float64 arrays with the labels already one-hot encoded, and computes the forward
pass, the loss and the backward pass through the network's own unchecked
``Network._loss_and_gradients`` (the same code as :meth:`Network.loss_and_gradients
<nn_course.network.Network.loss_and_gradients>`, without its per-call checks). :class:`Trainer` gives the same step one batch or one epoch at a time,
for widgets and the playground.

See notebooks 09_numpy_from_scratch and 11_hyperparameter_tuning.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from . import losses as losses_module
from . import optimizers as optimizers_module
from ._validation import as_rng, check_labels, check_positive_float, check_positive_int, check_X_y

__all__ = [
    "fit",
    "evaluate",
    "Trainer",
    "History",
    "Callback",
    "EarlyStopping",
    "LearningRateScheduler",
    "DivergenceError",
    "DIVERGENCE_FACTOR",
]

#: A run has diverged when a mini-batch loss is NaN/inf or exceeds this factor times
#: ``max(first mini-batch loss, 1)``.
DIVERGENCE_FACTOR = 1e3

# Data sets below this size are shuffled as a whole once per epoch and then sliced (cheap
# views); larger ones are gathered batch by batch into reused buffers so memory does not
# double.
_SHUFFLE_COPY_BYTES = 64 * 2**20


class DivergenceError(RuntimeError):
    """Raised by :func:`fit` with ``on_divergence="raise"`` when the loss explodes.

    The network has already been given back the weights of the last finite epoch.

    Examples
    --------
    >>> import numpy as np
    >>> from nn_course import Network, Dense
    >>> net = Network([Dense(2, 2, "linear", rng=0)])
    >>> X, y = np.array([[1.0, 2.0], [3.0, -1.0]]), np.array([0, 1])
    >>> try:
    ...     fit(net, X, y, learning_rate=1e9, epochs=3, on_divergence="raise")
    ... except DivergenceError as err:
    ...     print("stopped:", "too high" in str(err), np.isfinite(net.layers[0].W).all())
    stopped: True True

    See notebook 11_hyperparameter_tuning.
    """


# --------------------------------------------------------------------------- targets
class _Targets:
    """Training targets converted once: ``Y`` float (n, n_outputs) and ``labels`` for accuracy.

    ``labels`` is an int array (n,) for cross_entropy, a bool array (n, k) for
    binary_cross_entropy (``Y > 0.5``), and None for mse (no accuracy).
    """

    __slots__ = ("Y", "labels")

    def __init__(self, Y: np.ndarray, labels: np.ndarray | None) -> None:
        self.Y = Y
        self.labels = labels

    def take(self, index) -> _Targets:
        return _Targets(self.Y[index], None if self.labels is None else self.labels[index])


def _prepare_targets(net, loss: losses_module.Loss, y, name: str = "y") -> _Targets:
    n_out = net.n_outputs
    y_arr = np.asarray(y)
    if isinstance(loss, losses_module.CrossEntropy):
        if y_arr.ndim == 2 and y_arr.shape[1] == n_out and n_out > 1:
            Y = np.ascontiguousarray(loss.targets(y_arr, np.empty((len(y_arr), n_out))))
            return _Targets(Y, Y.argmax(axis=1))
        if n_out < 2:
            raise ValueError(
                "cross_entropy needs an output layer with one unit per class (at least 2); got "
                f"{n_out} output. For two classes with one output use binary_cross_entropy."
            )
        labels = check_labels(y_arr, n_out, name)
        return _Targets(losses_module.one_hot(labels, n_out), labels)
    Y = np.ascontiguousarray(loss.targets(y_arr, np.empty((len(y_arr), n_out))), dtype=np.float64)
    if isinstance(loss, losses_module.BinaryCrossEntropy):
        return _Targets(Y, Y > 0.5)
    return _Targets(Y, None)


# --------------------------------------------------------------------------- the step
class _Stepper:
    """One training step on a validated, prepared batch, through the network's own backprop.

    The step is exactly :meth:`Network.loss_and_gradients <nn_course.network.Network.loss_and_gradients>`
    without its per-call checks (the data were checked once by :meth:`Trainer.prepare`), and it
    keeps the output layer's logits ``z`` for counting correct predictions.
    """

    def __init__(self, net, loss: losses_module.Loss, l1: float = 0.0, l2: float = 0.0) -> None:
        net._check_loss(loss)  # a loss that does not fit the output layer fails here, once
        self.net = net
        self.loss = loss
        self.l1 = l1
        self.l2 = l2
        self.params = net.params
        if isinstance(loss, losses_module.CrossEntropy):
            self.kind = "ce"
        elif isinstance(loss, losses_module.BinaryCrossEntropy):
            self.kind = "bce"
        else:
            self.kind = "mse"

    def loss_and_gradients(self, X: np.ndarray, Y: np.ndarray, rng=None):
        """Return ``(loss, grads, z_out)`` for one prepared batch, in training mode."""
        steps: list = []
        value, grads = self.net._loss_and_gradients(X, Y, self.loss, self.l1, self.l2, True, rng, steps,
                                                    targets_ready=True)
        return value, grads, steps[-1].z

    def evaluate(self, X: np.ndarray, targets: _Targets, batch: int = 4096) -> dict[str, float]:
        """Loss (with penalty) and accuracy in inference mode (dropout off)."""
        n = X.shape[0]
        total = 0.0
        correct = 0
        for start in range(0, n, batch):
            stop = min(start + batch, n)
            steps = self.net._trace(X[start:stop])
            value, _ = self.net.output_delta(steps, targets.Y[start:stop], self.loss)
            total += value * (stop - start)
            if targets.labels is not None:
                correct += _n_correct(steps[-1].z, targets.labels[start:stop], self.kind)
        out = {"loss": total / n + self.net.penalty(self.l1, self.l2)}
        if targets.labels is not None:
            out["accuracy"] = correct / (n if self.kind == "ce" else targets.labels.size)
        return out


def _n_correct(z: np.ndarray, labels: np.ndarray, kind: str) -> int:
    """Number of correct predictions from output logits ``z`` (argmax, or z > 0 for sigmoid)."""
    if kind == "ce":
        return int(np.count_nonzero(z.argmax(axis=1) == labels))
    return int(np.count_nonzero((z > 0) == labels))


# --------------------------------------------------------------------------- checks
def _check_net(net) -> None:
    from .network import Network

    if not isinstance(net, Network):
        raise TypeError(f"net must be a nn_course Network; got {type(net).__name__}.")


def _check_penalty(value, name: str) -> float:
    return check_positive_float(value, name, allow_zero=True)


def _check_batch_size(batch_size, n: int) -> int:
    if batch_size is None:
        return n
    return min(check_positive_int(batch_size, "batch_size"), n)


def _as_callbacks(callbacks) -> list:
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


# --------------------------------------------------------------------------- Trainer
class Trainer:
    """Train a network one mini-batch or one epoch at a time (for widgets and the playground).

    :func:`fit` is built on it. The trainer holds the loss, the optimizer (with its state)
    and the weight penalties; ``trainer.optimizer.learning_rate``, ``trainer.l1`` and
    ``trainer.l2`` may be changed between steps, e.g. from a slider.

    Parameters
    ----------
    net : Network
        Trained in place.
    loss : str or Loss, default "cross_entropy"
        "mse", "binary_cross_entropy" or "cross_entropy".
    optimizer : str or Optimizer, default "sgd"
        A name from :func:`nn_course.optimizers.names` or an optimizer object.
    learning_rate : float, optional
        Step size; default: the optimizer's own (0.1 for sgd, 0.001 for adam).
    l1, l2 : float >= 0
        Weight penalties ``l1 * sum|W| + l2 * sum W**2`` added to the loss (biases excluded).
    rng : Generator, int or None
        Randomness for shuffling and dropout masks.

    Attributes
    ----------
    net, loss, optimizer, rng
    steps : int
        Mini-batch updates done so far.

    Examples
    --------
    >>> import numpy as np
    >>> from nn_course import Network, Dense
    >>> X = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]]); y = np.array([0, 1, 1, 0])
    >>> net = Network([Dense(2, 4, "tanh", rng=0), Dense(4, 1, "sigmoid", rng=1)])
    >>> trainer = Trainer(net, "binary_cross_entropy", "sgd", learning_rate=1.0, rng=0)
    >>> first = trainer.train_step(X, y)
    >>> for _ in range(500):
    ...     last = trainer.train_step(X, y)
    >>> bool(last < first), trainer.steps
    (True, 501)

    See notebooks 09_numpy_from_scratch and 12_playground.
    """

    def __init__(
        self,
        net,
        loss="cross_entropy",
        optimizer="sgd",
        learning_rate: float | None = None,
        l1: float = 0.0,
        l2: float = 0.0,
        rng=None,
    ) -> None:
        _check_net(net)
        self.net = net
        self.loss = net._check_loss(loss)
        self.optimizer = optimizers_module.get(optimizer, learning_rate)
        self.rng = as_rng(rng)
        self._stepper = _Stepper(net, self.loss, _check_penalty(l1, "l1"), _check_penalty(l2, "l2"))
        self.steps = 0

    @property
    def l1(self) -> float:
        """L1 penalty factor (settable between steps)."""
        return self._stepper.l1

    @l1.setter
    def l1(self, value: float) -> None:
        self._stepper.l1 = _check_penalty(value, "l1")

    @property
    def l2(self) -> float:
        """L2 penalty factor (settable between steps)."""
        return self._stepper.l2

    @l2.setter
    def l2(self, value: float) -> None:
        self._stepper.l2 = _check_penalty(value, "l2")

    @property
    def learning_rate(self) -> float:
        """Shortcut for ``optimizer.learning_rate`` (settable)."""
        return self.optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, value: float) -> None:
        self.optimizer.learning_rate = value

    def prepare(self, X, y) -> tuple[np.ndarray, _Targets]:
        """Check ``X``, ``y`` and convert the targets once (one-hot labels for cross-entropy)."""
        X, _ = check_X_y(X, y, self.net.n_inputs)
        return np.ascontiguousarray(X), _prepare_targets(self.net, self.loss, y)

    def _step(self, X: np.ndarray, Y: np.ndarray) -> tuple[float, np.ndarray]:
        # The inner loop: no checks, targets already prepared.
        value, grads, z = self._stepper.loss_and_gradients(X, Y, self.rng)
        self.optimizer.step(self._stepper.params, grads)
        self.steps += 1
        return value, z

    def train_step(self, X_batch, y_batch) -> float:
        """One gradient-descent update on one mini-batch.

        Parameters
        ----------
        X_batch : array_like (batch_size, n_inputs)
        y_batch : array_like
            Labels (batch_size,) or one-hot / target rows (batch_size, n_outputs).

        Returns
        -------
        float
            The batch loss *before* the update (plus the weight penalty), NaN/inf if the
            step overflowed: the caller decides what to show (see :attr:`History.diverged`
            for what :func:`fit` does).
        """
        X, targets = self.prepare(X_batch, y_batch)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            value, _ = self._step(X, targets.Y)
        return value

    def _epoch(
        self, X: np.ndarray, targets: _Targets, batch_size: int, shuffle: bool, limit
    ) -> tuple[float, float | None, float]:
        """Run one epoch; return (mean loss, accuracy or None, limit).

        Stops at the first batch whose loss is not below ``limit`` (NaN included) and returns
        that loss as the mean, so the caller sees the divergence. ``limit=None`` sets it from
        the first batch: ``DIVERGENCE_FACTOR * max(loss, 1)``.
        """
        n = X.shape[0]
        Y, labels = targets.Y, targets.labels
        kind = self._stepper.kind
        gather = False
        order = None
        if shuffle:
            order = self.rng.permutation(n)
            if X.nbytes + Y.nbytes <= _SHUFFLE_COPY_BYTES:
                X, Y = X[order], Y[order]
                labels = None if labels is None else labels[order]
            else:
                # Gather each batch into the same buffers: fresh 1 MB arrays per batch cost
                # page faults that slowed the following matrix product by ~40%.
                gather = True
                X_buf = np.empty((batch_size, X.shape[1]))
                Y_buf = np.empty((batch_size, Y.shape[1]))
        step = self._step
        total = 0.0
        correct = 0
        for start in range(0, n, batch_size):
            if gather:
                idx = order[start : start + batch_size]
                Xb, Yb = X_buf[: len(idx)], Y_buf[: len(idx)]
                np.take(X, idx, axis=0, out=Xb)
                np.take(Y, idx, axis=0, out=Yb)
                lb = None if labels is None else labels[idx]
            else:
                stop = start + batch_size
                Xb, Yb = X[start:stop], Y[start:stop]
                lb = None if labels is None else labels[start:stop]
            value, z = step(Xb, Yb)
            if limit is None:
                limit = DIVERGENCE_FACTOR * max(value, 1.0) if math.isfinite(value) else 0.0
            if not value < limit:  # NaN compares False too
                return value, None, limit
            total += value * Xb.shape[0]
            if lb is not None:
                correct += _n_correct(z, lb, kind)
        accuracy = None
        if labels is not None:
            accuracy = correct / (n if kind == "ce" else labels.size)
        return total / n, accuracy, limit

    def train_epoch(
        self, X, y, batch_size: int | None = 32, rng=None, shuffle: bool = True
    ) -> float:
        """One pass over ``(X, y)`` in mini-batches; return the mean mini-batch loss.

        Parameters
        ----------
        X : array_like (n_samples, n_inputs)
        y : array_like (n_samples,) or (n_samples, n_outputs)
        batch_size : int or None
            None means the whole set in one batch.
        rng : Generator, int or None, optional
            If given, replaces the trainer's generator (for shuffling and dropout).
        shuffle : bool
            Visit the samples in a new random order each epoch.

        Returns
        -------
        float
            Mean of the mini-batch losses (weighted by batch size); NaN/inf if a step
            overflowed (the epoch then stops at that batch).
        """
        if rng is not None:
            self.rng = as_rng(rng)
        X, targets = self.prepare(X, y)
        batch_size = _check_batch_size(batch_size, X.shape[0])
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            value, _, _ = self._epoch(X, targets, batch_size, bool(shuffle), math.inf)
        return value

    def evaluate(self, X, y) -> dict[str, float]:
        """Loss (plus penalty) and, for classifiers, accuracy on ``(X, y)``, dropout off.

        Returns
        -------
        dict
            ``{"loss": float, "accuracy": float}`` (no ``"accuracy"`` for mse).
        """
        X, targets = self.prepare(X, y)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return self._stepper.evaluate(X, targets)

    def __repr__(self) -> str:
        return (
            f"Trainer(loss={self.loss.name!r}, optimizer={self.optimizer!r}, "
            f"l1={self.l1}, l2={self.l2}, steps={self.steps})"
        )


def evaluate(net, X, y, loss="cross_entropy", l1: float = 0.0, l2: float = 0.0) -> dict[str, float]:
    """Loss and accuracy of ``net`` on ``(X, y)`` in inference mode (dropout off).

    Parameters
    ----------
    net : Network
    X : array_like (n_samples, n_inputs)
    y : array_like (n_samples,) labels, or (n_samples, n_outputs) one-hot / targets
    loss : str or Loss, default "cross_entropy"
    l1, l2 : float
        Weight penalties to add to the loss (as during training).

    Returns
    -------
    dict
        ``{"loss": ..., "accuracy": ...}``; no ``"accuracy"`` for mse.

    Examples
    --------
    >>> import numpy as np
    >>> from nn_course import Network, Dense
    >>> net = Network([Dense(2, 2, "linear", init="zeros")])
    >>> out = evaluate(net, np.ones((4, 2)), [0, 1, 1, 0])
    >>> round(out["loss"], 4), out["accuracy"]      # log(2): all outputs equal
    (0.6931, 0.5)

    See notebook 09_numpy_from_scratch.
    """
    return Trainer(net, loss, "sgd", l1=l1, l2=l2).evaluate(X, y)


# --------------------------------------------------------------------------- History
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
        for key, value in logs.items():
            series = self.history.get(key)
            if series is None:
                series = self.history[key] = [math.nan] * n_before
            series.append(float(value))
        for series in self.history.values():
            if len(series) <= n_before:
                series.append(math.nan)

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


# --------------------------------------------------------------------------- callbacks
class Callback:
    """Base class for callbacks: override the hooks you need.

    :func:`fit` calls ``set_trainer(trainer)`` once, then ``on_train_begin(history)``,
    ``on_epoch_begin(epoch)`` and ``on_epoch_end(epoch, logs)`` for every epoch (numbered
    from 1), and ``on_train_end(history)``. ``logs`` holds the epoch's numbers (``"loss"``,
    ``"val_loss"``, ...); keys a callback adds are recorded in the history. Set
    ``self.trainer.stop_training = True`` to stop after the current epoch.

    A plain function ``f(epoch, logs)`` can be passed instead; it is called at each epoch end.

    Examples
    --------
    >>> import numpy as np
    >>> from nn_course import Network, Dense
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
    stops in the second such epoch; ``patience=0`` in the first). With ``restore_best_weights`` the network
    ends with the weights of the best epoch (whether training stopped early or ran all its
    epochs); ``history.best_epoch`` says which.

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


# --------------------------------------------------------------------------- fit
def fit(
    net,
    X,
    y,
    loss="cross_entropy",
    optimizer="sgd",
    learning_rate: float | None = None,
    epochs: int = 10,
    batch_size: int | None = 32,
    validation_data: tuple | None = None,
    shuffle: bool = True,
    rng=None,
    callbacks: Iterable | None = (),
    verbose: bool = False,
    l1: float = 0.0,
    l2: float = 0.0,
    on_divergence: str = "stop",
) -> History:
    """Train ``net`` in place with mini-batch gradient descent; return the :class:`History`.

    Each epoch visits every training sample once, in mini-batches of ``batch_size`` (in a new
    random order when ``shuffle``). ``net.fit(X, y, ...)`` calls this function.

    Divergence. If a mini-batch loss becomes NaN or infinite, or exceeds
    ``DIVERGENCE_FACTOR`` (1000) times ``max(first mini-batch loss, 1)``, training stops at
    once and the network gets back the weights it had at the end of the last complete
    epoch (its initial weights if that was the first). Nothing is printed: the returned
    history has ``diverged = True``, ``stop_reason = "diverged"`` and a ``message`` naming
    the likely cause (a learning rate that is too high); ``verbose=True`` prints the message,
    and ``on_divergence="raise"`` raises :class:`DivergenceError` instead (after restoring
    the weights). The optimizer state is reset.

    Parameters
    ----------
    net : Network
    X : array_like (n_samples, n_inputs)
    y : array_like
        cross_entropy: labels (n_samples,) or one-hot (n_samples, n_classes);
        binary_cross_entropy: 0/1 labels (n_samples,) or (n_samples, n_outputs);
        mse: targets (n_samples,) or (n_samples, n_outputs).
    loss : str or Loss, default "cross_entropy"
    optimizer : str or Optimizer, default "sgd"
        "sgd", "momentum", "nesterov", "rmsprop", "adam", or an optimizer object (whose state
        carries over between calls).
    learning_rate : float >= 0, optional
        Default: the optimizer's own (0.1 for sgd, 0.01 for momentum, 0.001 for adam).
    epochs : int >= 1, default 10
    batch_size : int >= 1 or None, default 32
        None (or a size above n_samples) means full-batch gradient descent.
    validation_data : tuple (X_val, y_val), optional
        Evaluated after every epoch (dropout off): ``"val_loss"``, ``"val_accuracy"``.
    shuffle : bool, default True
    rng : Generator, int or None
        Randomness for shuffling and dropout: the same seed gives the same history.
    callbacks : list of Callback or functions f(epoch, logs)
    verbose : bool, default False
        Show a progress bar (tqdm, notebook-aware) and print why training stopped early.
    l1, l2 : float >= 0, default 0
        Weight penalties added to the loss (and to ``val_loss``).
    on_divergence : {"stop", "raise"}, default "stop"

    Returns
    -------
    History

    Raises
    ------
    ValueError, TypeError
        For a bad argument, naming what was expected and what was given.
    DivergenceError
        Only with ``on_divergence="raise"``.

    Examples
    --------
    >>> from nn_course import Network, Dense, datasets
    >>> X, y = datasets.moons(200, noise=0.1, rng=0)
    >>> net = Network([Dense(2, 16, "tanh", rng=0), Dense(16, 2, "linear", rng=1)])
    >>> history = fit(net, X, y, optimizer="adam", learning_rate=0.05, epochs=30, rng=0)
    >>> history.history["accuracy"][-1] > 0.95
    True
    >>> history = fit(net, X, y, learning_rate=1e6, epochs=5, rng=0)   # far too high
    >>> history.diverged
    True
    >>> print(history.message)  # doctest: +ELLIPSIS
    Training diverged in epoch 1: ... The learning rate (1e+06) is probably too high...

    See notebooks 09_numpy_from_scratch and 11_hyperparameter_tuning.
    """
    _check_net(net)
    if isinstance(epochs, bool) or not isinstance(epochs, numbers.Integral):
        raise TypeError(
            f"epochs must be an integer >= 1 (the number of passes over the data); "
            f"got {epochs!r} ({type(epochs).__name__})."
        )
    epochs = check_positive_int(epochs, "epochs")
    if on_divergence not in ("stop", "raise"):
        raise ValueError(f"on_divergence must be 'stop' or 'raise'; got {on_divergence!r}.")
    trainer = Trainer(net, loss, optimizer, learning_rate, l1, l2, rng)
    X, targets = trainer.prepare(X, y)
    n = X.shape[0]
    batch_size = _check_batch_size(batch_size, n)
    val = None
    if validation_data is not None:
        if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
            raise TypeError(
                "validation_data must be a pair (X_val, y_val); got "
                f"{type(validation_data).__name__}"
                + (
                    f" of length {len(validation_data)}"
                    if hasattr(validation_data, "__len__")
                    else ""
                )
                + "."
            )
        val = trainer.prepare(*validation_data)
    callbacks = _as_callbacks(callbacks)
    shuffle = bool(shuffle)

    history = History(
        {
            "epochs": epochs,
            "batch_size": batch_size,
            "n_samples": n,
            "loss": trainer.loss.name,
            "optimizer": trainer.optimizer.get_config(),
            "l1": trainer.l1,
            "l2": trainer.l2,
        }
    )
    trainer.stop_training = False
    trainer.stop_reason = None
    trainer.stop_message = ""
    trainer.history = history
    for cb in callbacks:
        cb.set_trainer(trainer)
        cb.on_train_begin(history)

    bar = None
    if verbose:
        from tqdm.auto import tqdm

        bar = tqdm(total=epochs, unit="epoch", desc="training")

    stepper = trainer._stepper
    last_good = net.get_weights()  # weights at the end of the last finite epoch
    limit = None  # set from the first mini-batch loss
    try:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for epoch in range(1, epochs + 1):
                for cb in callbacks:
                    cb.on_epoch_begin(epoch)
                loss_value, accuracy, limit = trainer._epoch(X, targets, batch_size, shuffle, limit)
                if not loss_value < limit:  # NaN, inf or exploded
                    _diverged(trainer, history, epoch, loss_value, last_good)
                    break
                logs = {"loss": loss_value}
                if accuracy is not None:
                    logs["accuracy"] = accuracy
                if val is not None:
                    for key, value in stepper.evaluate(*val).items():
                        logs["val_" + key] = value
                for cb in callbacks:
                    cb.on_epoch_end(epoch, logs)
                history.append(epoch, logs)
                last_good = net.get_weights()
                if bar is not None:
                    bar.set_postfix({k: f"{v:.4g}" for k, v in logs.items()}, refresh=False)
                    bar.update(1)
                if trainer.stop_training:
                    history.stop_reason = trainer.stop_reason or "callback"
                    history.stopped_epoch = epoch
                    history.message = (
                        trainer.stop_message or f"A callback stopped training after epoch {epoch}."
                    )
                    break
    finally:
        if bar is not None:
            bar.close()
    for cb in callbacks:
        cb.on_train_end(history)
    if verbose and history.message:
        print(history.message)
    if history.diverged and on_divergence == "raise":
        raise DivergenceError(history.message)
    return history


def _diverged(trainer: Trainer, history: History, epoch: int, value: float, weights) -> None:
    """Stop a diverging run: restore the last finite weights and explain what happened."""
    trainer.net.set_weights(weights)
    trainer.optimizer.reset()
    what = (
        "became NaN"
        if math.isnan(value)
        else ("became infinite" if math.isinf(value) else f"exploded to {value:.3g}")
    )
    kept = "the initial weights" if epoch == 1 else f"the weights from the end of epoch {epoch - 1}"
    history.diverged = True
    history.stop_reason = "diverged"
    history.stopped_epoch = epoch
    history.message = (
        f"Training diverged in epoch {epoch}: the loss {what}, so training stopped and the "
        f"network keeps {kept}. The learning rate ({trainer.optimizer.learning_rate:g}) is "
        "probably too high: try one 3 to 10 times smaller."
    )
