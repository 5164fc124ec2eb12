"""The training loop: mini-batches, history, callbacks, divergence detection.

One epoch shuffles the training set, cuts it into mini-batches and, for each batch, runs the
network forward, backpropagates the loss and lets the optimizer update the weights::

    Y = net.prepare_targets(y, loss)              # once: one-hot labels, checked
    for epoch in range(epochs):
        for X_batch, Y_batch in batches(X, Y, batch_size, rng):
            loss_value, grads, steps = net.backprop(X_batch, Y_batch, loss)
            optimizer.step(net.params, grads)

That is all :func:`fit` does, plus the bookkeeping a learner needs: a
:class:`~nn_course.history.History` of the loss and accuracy per epoch (and on validation
data), callbacks such as :class:`~nn_course.callbacks.EarlyStopping`, an optional progress
bar, and a guard that stops a run whose loss explodes instead of filling the weights with NaN.
The arguments are checked once per call of :func:`fit`; the inner loop then works on checked
float arrays through :meth:`Network.backprop <nn_course.network.Network.backprop>`, the
unchecked core of :meth:`Network.loss_and_gradients
<nn_course.network.Network.loss_and_gradients>`. :class:`~nn_course.trainer.Trainer`
gives the same step one batch or one epoch at a time, for widgets and the playground.

Full-batch training that nothing watches epoch by epoch (no callbacks, validation data or
progress bar) runs in blocks of epochs whose losses and accuracies are measured after each
block, all at once: the same numbers, at a fraction of the bookkeeping (``_run_unwatched``).

See notebooks 09_numpy_from_scratch and 11_hyperparameter_tuning.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

import numpy as np

from ._validation import check_batch_size, check_positive_int
from .callbacks import Callback, EarlyStopping, LearningRateScheduler, as_callbacks
from .history import History
from .network import Network
from .trainer import DIVERGENCE_FACTOR, Trainer

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
    """Train ``net`` in place with mini-batch gradient descent; return its :class:`History`.

    Each epoch visits every training sample once, in mini-batches of ``batch_size`` (in a new
    random order when ``shuffle``). ``net.fit(X, y, ...)`` calls this function.

    Divergence. If a mini-batch loss becomes NaN or infinite, or exceeds
    ``DIVERGENCE_FACTOR`` (1000) times ``max(first mini-batch loss, 1)``, training stops at
    once (the update of that mini-batch is not applied) and the network gets back the
    weights it had at the end of the last complete epoch (its initial weights if that was the
    first). Nothing is printed: the returned
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
        See :mod:`nn_course.callbacks` for when each hook runs; ``on_epoch_begin`` may set
        the learning rate of the coming epoch (a schedule).
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
    _check_fit_args(net, epochs, on_divergence)
    trainer = Trainer(net, loss, optimizer, learning_rate, l1, l2, rng)
    X, Y, labels = trainer.prepare(X, y)
    batch_size = check_batch_size(batch_size, X.shape[0])
    val = _prepare_validation(trainer, validation_data)
    callbacks = as_callbacks(callbacks)
    history = _start(trainer, callbacks, epochs, batch_size, X.shape[0])
    bar = _progress_bar(epochs) if verbose else None
    try:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            watched = bool(callbacks) or val is not None or bar is not None
            data = (X, Y, labels)
            if watched or batch_size < X.shape[0]:
                _run_epochs(
                    trainer, history, callbacks, data, val, epochs, batch_size, bool(shuffle), bar
                )
            else:  # full batch, and nothing needs the epochs one by one
                _run_unwatched(trainer, history, data, epochs, bool(shuffle))
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


def _check_fit_args(net, epochs, on_divergence) -> None:
    if not isinstance(net, Network):
        raise TypeError(f"net must be a nn_course Network; got {type(net).__name__}.")
    if isinstance(epochs, bool) or not isinstance(epochs, numbers.Integral):
        raise TypeError(
            f"epochs must be an integer >= 1 (the number of passes over the data); "
            f"got {epochs!r} ({type(epochs).__name__})."
        )
    check_positive_int(epochs, "epochs")
    if on_divergence not in ("stop", "raise"):
        raise ValueError(f"on_divergence must be 'stop' or 'raise'; got {on_divergence!r}.")


def _prepare_validation(trainer: Trainer, validation_data):
    """The validation pair prepared like the training data, or None."""
    if validation_data is None:
        return None
    if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
        length = f" of length {len(validation_data)}" if hasattr(validation_data, "__len__") else ""
        raise TypeError(
            "validation_data must be a pair (X_val, y_val); got "
            f"{type(validation_data).__name__}{length}."
        )
    return trainer.prepare(*validation_data)


def _start(trainer: Trainer, callbacks: list, epochs: int, batch_size: int, n: int) -> History:
    """The empty history with the run's settings, and the callbacks told that training starts."""
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
    trainer.history = history
    for cb in callbacks:
        cb.set_trainer(trainer)
        cb.on_train_begin(history)
    return history


def _progress_bar(epochs: int):
    from tqdm.auto import tqdm

    return tqdm(total=epochs, unit="epoch", desc="training")


def _run_epochs(trainer, history, callbacks, data, val, epochs, batch_size, shuffle, bar):
    """The epochs of :func:`fit`: train, measure, log, and stop early when asked or diverged."""
    X, Y, labels = data
    # A full-batch epoch that diverges has not changed the weights (its one update is not
    # applied); with several batches per epoch the last finite epoch's weights are kept.
    last_good = trainer.net.get_weights() if batch_size < X.shape[0] else None
    limit = None  # set from the first mini-batch loss
    for epoch in range(1, epochs + 1):
        for cb in callbacks:
            cb.on_epoch_begin(epoch)
        losses, accuracies, limit = trainer.run_epochs(X, Y, labels, batch_size, shuffle, 1, limit)
        if not losses[0] < limit:  # NaN, inf or exploded
            _diverged(trainer, history, epoch, losses[0], last_good)
            return
        logs = {"loss": losses[0]}
        if accuracies:
            logs["accuracy"] = accuracies[0]
        if val is not None:
            for key, value in trainer.evaluate_prepared(*val).items():
                logs["val_" + key] = value
        for cb in callbacks:
            cb.on_epoch_end(epoch, logs)
        history.append(epoch, logs)
        if last_good is not None:
            last_good = trainer.net.get_weights()
        if bar is not None:
            bar.set_postfix({k: f"{v:.4g}" for k, v in logs.items()}, refresh=False)
            bar.update(1)
        if trainer.stop_training:
            history.stop_reason = trainer.stop_reason or "callback"
            history.stopped_epoch = epoch
            history.message = (
                trainer.stop_message or f"A callback stopped training after epoch {epoch}."
            )
            return


#: Unwatched full-batch epochs run in blocks of at most this many output values per kind
#: kept (logits for the losses, outputs for the accuracies): 512 kB of float64 each.
_BLOCK_VALUES = 2**16


def _run_unwatched(trainer, history, data, epochs: int, shuffle: bool) -> None:
    """Full-batch epochs that no callback, validation set or progress bar watches.

    The same steps as :func:`_run_epochs`, run many epochs at a time and recorded together:
    an epoch of full-batch training is a single step, and its bookkeeping would cost a fifth
    of it. After the first epoch (which sets the divergence limit), a block runs without the
    per-step guard and its losses are measured after it, all at once
    (:meth:`Trainer.run_full_batch <nn_course.trainer.Trainer.run_full_batch>`); a block that
    turns out to have diverged is run again from its start with the guard, so training stops
    exactly where :func:`_run_epochs` stops. The history and the weights are the same,
    number for number.
    """
    X, Y, labels = data
    n = X.shape[0]
    block = max(1, _BLOCK_VALUES // Y.size)
    later = trainer.measures_later()
    limit = None  # set from the first loss
    done = 0
    while done < epochs:
        count = 1 if limit is None else min(block, epochs - done)
        if later and limit is not None:
            saved = trainer.snapshot()
            losses, accuracies, ok = trainer.run_full_batch(X, Y, labels, count, shuffle, limit)
            if ok:
                _record(history, done, losses, accuracies, labels)
                done += count
                continue
            trainer.restore(saved)  # and run the block again, guarded
        losses, accuracies, limit = trainer.run_epochs(X, Y, labels, n, shuffle, count, limit)
        finished = len(losses) if losses[-1] < limit else len(losses) - 1
        _record(history, done, losses[:finished], accuracies, labels)
        done += finished
        if finished < len(losses):  # NaN, inf or exploded
            _diverged(trainer, history, done + 1, losses[-1], None)
            return


def _record(history, done: int, losses: list, accuracies: list, labels) -> None:
    """Record the epochs after the first ``done``: their losses and (classifiers) accuracies."""
    columns = {"loss": losses}
    if labels is not None:
        columns["accuracy"] = accuracies
    history.extend(range(done + 1, done + len(losses) + 1), columns)


def _diverged(trainer: Trainer, history: History, epoch: int, value: float, weights) -> None:
    """Stop a diverging run: restore the last finite weights and explain what happened."""
    if weights is not None:
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
