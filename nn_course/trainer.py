"""Train a network one mini-batch or one epoch at a time: the step under :func:`fit`.

A :class:`Trainer` holds what persists between steps (the loss, the optimizer and its state,
the weight penalties, the random generator) and runs one mini-batch (:meth:`Trainer.train_step`)
or one epoch (:meth:`Trainer.train_epoch`) at a time, which is what a live widget needs.
:func:`nn_course.training.fit` runs whole trainings on top of it.

See notebooks 09_numpy_from_scratch and 12_playground.
"""

from __future__ import annotations

import copy
import math

import numpy as np

from . import optimizers as optimizers_module
from ._validation import as_rng, check_batch_size, check_X_y
from .losses import BinaryCrossEntropy, CrossEntropy
from .network import Network
from .penalties import check_penalty

__all__ = ["Trainer", "DIVERGENCE_FACTOR"]

#: A run has diverged when a mini-batch loss is NaN/inf or exceeds this factor times
#: ``max(first mini-batch loss, 1)``.
DIVERGENCE_FACTOR = 1e3

# Data sets below this size are shuffled as a whole once per epoch and then sliced (cheap
# views); larger ones are gathered batch by batch into reused buffers so memory does not
# double.
_SHUFFLE_COPY_BYTES = 64 * 2**20


class Trainer:
    """Train a network one mini-batch or one epoch at a time (for widgets and the playground).

    :func:`~nn_course.training.fit` is built on it. The trainer holds the loss, the optimizer
    (with its state) and the weight penalties; ``trainer.optimizer.learning_rate``,
    ``trainer.l1`` and ``trainer.l2`` may be changed between steps, e.g. from a slider.

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
    params : list of dict
        ``net.params``: the arrays the optimizer updates in place.
    steps : int
        Mini-batch updates done so far.
    stop_training : bool
        Set by a callback to end :func:`fit` after the current epoch (with ``stop_reason``
        and ``stop_message`` to say why).

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
        if not isinstance(net, Network):
            raise TypeError(f"net must be a nn_course Network; got {type(net).__name__}.")
        self.net = net
        self.params = net.params  # the live arrays the optimizer updates
        self.loss = net.check_loss(loss)
        self.optimizer = optimizers_module.get(optimizer, learning_rate)
        self.rng = as_rng(rng)
        self.l1 = l1
        self.l2 = l2
        self.steps = 0
        self.stop_training = False
        self.stop_reason: str | None = None
        self.stop_message = ""
        # Accuracy is recorded for the two classification losses only.
        self.measures_accuracy = isinstance(self.loss, (CrossEntropy, BinaryCrossEntropy))

    @property
    def l1(self) -> float:
        """L1 penalty factor (settable between steps)."""
        return self._l1

    @l1.setter
    def l1(self, value: float) -> None:
        self._l1 = check_penalty(value, "l1")

    @property
    def l2(self) -> float:
        """L2 penalty factor (settable between steps)."""
        return self._l2

    @l2.setter
    def l2(self, value: float) -> None:
        self._l2 = check_penalty(value, "l2")

    @property
    def learning_rate(self) -> float:
        """Shortcut for ``optimizer.learning_rate`` (settable)."""
        return self.optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, value: float) -> None:
        self.optimizer.learning_rate = value

    def prepare(self, X, y) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """Check ``X`` and ``y`` once: return ``(X, Y, labels)`` for the inner loop.

        ``X`` float (n_samples, n_inputs); ``Y`` the targets from
        :meth:`Network.prepare_targets <nn_course.network.Network.prepare_targets>`
        (n_samples, n_outputs); ``labels`` from :meth:`Network.class_labels
        <nn_course.network.Network.class_labels>` for the accuracy, or None for a regression
        loss.
        """
        X, _ = check_X_y(X, y, self.net.n_inputs)
        Y = self.net.prepare_targets(y, self.loss)
        labels = self.net.class_labels(Y, self.loss) if self.measures_accuracy else None
        return np.ascontiguousarray(X), Y, labels

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
            step overflowed: the caller decides what to show (see
            :attr:`History.diverged <nn_course.history.History.diverged>` for what
            :func:`~nn_course.training.fit` does).
        """
        X, Y, _ = self.prepare(X_batch, y_batch)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            value, grads, _ = self.net.backprop(X, Y, self.loss, self._l1, self._l2, True, self.rng)
            self.optimizer.step(self.params, grads)
        self.steps += 1
        return value

    def _batches(self, X, Y, labels, batch_size: int, shuffle: bool):
        """Yield ``(X_batch, Y_batch, labels_batch)`` for one epoch, in a new order if shuffled."""
        n = X.shape[0]
        if not shuffle:
            for start in range(0, n, batch_size):
                stop = start + batch_size
                yield X[start:stop], Y[start:stop], None if labels is None else labels[start:stop]
            return
        order = self.rng.permutation(n)
        if X.nbytes + Y.nbytes <= _SHUFFLE_COPY_BYTES:
            X, Y = X[order], Y[order]
            labels = None if labels is None else labels[order]
            yield from self._batches(X, Y, labels, batch_size, False)
            return
        # Gather each batch into the same buffers: fresh 1 MB arrays per batch cost page
        # faults that slowed the following matrix product by ~40%.
        X_buf = np.empty((batch_size, X.shape[1]))
        Y_buf = np.empty((batch_size, Y.shape[1]))
        for start in range(0, n, batch_size):
            idx = order[start : start + batch_size]
            Xb, Yb = X_buf[: len(idx)], Y_buf[: len(idx)]
            np.take(X, idx, axis=0, out=Xb)
            np.take(Y, idx, axis=0, out=Yb)
            yield Xb, Yb, None if labels is None else labels[idx]

    def run_epochs(
        self, X, Y, labels, batch_size: int, shuffle: bool = True, epochs: int = 1, limit=math.inf
    ) -> tuple[list[float], list[float], float]:
        """Several epochs on prepared data (from :meth:`prepare`): ``(losses, accuracies, limit)``.

        ``losses`` holds each epoch's mean batch loss, each batch's loss measured before its
        update. The run stops at the first batch whose loss is not below ``limit`` (NaN
        included), *without* applying that batch's update, and that loss is the epoch's last
        entry; it also stops after an epoch whose mean is not below ``limit``. So the run
        diverged when ``losses[-1]`` is not below the returned ``limit``. ``limit=None`` sets
        it from the first batch: ``DIVERGENCE_FACTOR * max(loss, 1)``.

        ``accuracies`` holds one accuracy per finished epoch (none without ``labels``): the
        decisions made before each update, counted after the last epoch in one pass over the
        kept outputs (:meth:`_accuracies`), which costs less than counting batch by batch.

        ``X`` (n_samples, n_inputs), ``Y`` (n_samples, n_outputs) and ``labels``
        (n_samples,) or (n_samples, n_outputs), or None, are as :meth:`prepare` returns them.
        """
        net, loss, optimizer, params = self.net, self.loss, self.optimizer, self.params
        l1, l2, rng = self._l1, self._l2, self.rng
        n = X.shape[0]
        losses: list[float] = []
        outputs: list[np.ndarray] = []  # every batch's output layer a, for the accuracies
        seen: list[np.ndarray] = []  # and its labels, in the same order
        whole = ((X, Y, labels),) if batch_size >= n and not shuffle else None  # full batch
        for _ in range(epochs):
            total, stopped = 0.0, None
            for Xb, Yb, lb in whole or self._batches(X, Y, labels, batch_size, shuffle):
                value, grads, steps = net.backprop(Xb, Yb, loss, l1, l2, True, rng)
                if limit is None:
                    limit = DIVERGENCE_FACTOR * max(value, 1.0) if math.isfinite(value) else 0.0
                if not value < limit:  # NaN compares False too
                    stopped = value
                    break
                optimizer.step(params, grads)
                self.steps += 1
                total += value * Xb.shape[0]
                if lb is not None:
                    outputs.append(steps[-1].a)
                    seen.append(lb)
            losses.append(total / n if stopped is None else stopped)
            if not losses[-1] < limit:
                break
        finished = len(losses) if losses[-1] < limit else len(losses) - 1
        return losses, self._accuracies(outputs, seen, finished, n), limit

    def measures_later(self) -> bool:
        """Whether :meth:`run_full_batch` can run: no weight penalty, a loss with ``values``."""
        loss = self.loss
        measure = "values_from_logits" if loss.logit_activations else "values"
        return not (self._l1 or self._l2) and hasattr(loss, measure)

    def run_full_batch(self, X, Y, labels, epochs: int, shuffle: bool, limit: float):
        """Full-batch epochs, their losses measured afterwards: ``(losses, accuracies, ok)``.

        The steps of :meth:`run_epochs` with one batch per epoch and no weight penalty
        (:meth:`measures_later`), without its divergence guard: each step keeps its outputs
        instead of measuring its loss, and once the epochs are done their losses are measured
        in one pass over the stacked outputs (the loss's ``values``), the same numbers bit
        for bit at a fraction of the cost. ``ok`` says that every loss stayed below
        ``limit``; if not, the run went on past the point where :meth:`run_epochs` stops,
        and the caller goes back to a :meth:`snapshot` to run those epochs again, guarded.
        ``X``, ``Y`` and ``labels`` are as :meth:`prepare` returns them.
        """
        net, loss, optimizer, params = self.net, self.loss, self.optimizer, self.params
        rng = self.rng
        n = X.shape[0]
        from_logits = bool(loss.logit_activations)
        whole = None if shuffle else ((X, Y, labels),)
        kept, targets, outputs, seen = [], [], [], []  # outputs the loss reads, and its targets
        for _ in range(epochs):
            for Xb, Yb, lb in whole or self._batches(X, Y, labels, n, True):
                _, grads, steps = net.backprop(Xb, Yb, loss, 0.0, 0.0, True, rng, False)
                optimizer.step(params, grads)
                self.steps += 1
                last = steps[-1]
                kept.append(last.z if from_logits else last.a)
                targets.append(Yb)
                if lb is not None:
                    outputs.append(last.a)
                    seen.append(lb)
        measure = loss.values_from_logits if from_logits else loss.values
        values = measure(np.stack(kept), Y if whole else np.stack(targets))  # one per epoch
        means = (0.0 + values * n) / n  # as run_epochs averages its one batch
        ok = bool(np.all(values < limit) and np.all(means < limit))  # NaN is not below
        return means.tolist(), self._accuracies(outputs, seen, epochs, n), ok

    def snapshot(self):
        """What training steps change, copied: weights, optimizer, random generator, step count.

        :meth:`restore` puts it back, so the same steps can be run again, with the same result.
        """
        state = copy.deepcopy(vars(self.optimizer))
        return self.net.get_weights(), state, self.rng.bit_generator.state, self.steps

    def restore(self, snapshot) -> None:
        """Go back to a :meth:`snapshot`."""
        weights, state, rng_state, steps = snapshot
        self.net.set_weights(weights)
        vars(self.optimizer).update(copy.deepcopy(state))
        self.rng.bit_generator.state = rng_state
        self.steps = steps

    def _accuracies(self, outputs, labels, epochs: int, n: int) -> list[float]:
        """The accuracy of each of ``epochs`` epochs of ``n`` samples, from their batches.

        ``outputs`` are the batches' output-layer activations (batch_size, n_outputs), in
        order, ``labels`` their labels (batch_size,) or (batch_size, n_outputs); rows past
        ``epochs * n`` (a stopped epoch) are left out. The counts are integers, so the result
        is exactly the per-batch count's.
        """
        if not outputs or not epochs:
            return []
        A = outputs[0] if len(outputs) == 1 else np.concatenate(outputs)
        L = labels[0] if len(labels) == 1 else np.concatenate(labels)
        right = self.net.decide(A[: epochs * n], L.ndim == 2) == L[: epochs * n]
        right = right.reshape(epochs, -1)  # one row per epoch
        return (np.count_nonzero(right, axis=1) / right.shape[1]).tolist()

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
            overflowed (the epoch then stops at that batch, without applying it).
        """
        if rng is not None:
            self.rng = as_rng(rng)
        X, Y, _ = self.prepare(X, y)
        batch_size = check_batch_size(batch_size, X.shape[0])
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            losses, _, _ = self.run_epochs(X, Y, None, batch_size, bool(shuffle))
        return losses[0]

    def evaluate(self, X, y) -> dict[str, float]:
        """Loss (plus penalty) and, for classifiers, accuracy on ``(X, y)``, dropout off.

        Returns
        -------
        dict
            ``{"loss": float, "accuracy": float}`` (no ``"accuracy"`` for mse).
        """
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return self.evaluate_prepared(*self.prepare(X, y))

    def evaluate_prepared(self, X, Y, labels, batch: int = 4096) -> dict[str, float]:
        """:meth:`evaluate` on data from :meth:`prepare` (in chunks of ``batch`` rows)."""
        net, n = self.net, X.shape[0]
        total = 0.0
        correct = 0
        for start in range(0, n, batch):
            stop = min(start + batch, n)
            steps = net.trace(X[start:stop])
            value, _ = net.output_delta(steps, Y[start:stop], self.loss)
            total += value * (stop - start)
            if labels is not None:
                correct += net.n_correct(steps[-1].a, labels[start:stop])
        out = {"loss": total / n + net.penalty(self._l1, self._l2)}
        if labels is not None:
            out["accuracy"] = correct / labels.size
        return out

    def __repr__(self) -> str:
        return (
            f"Trainer(loss={self.loss.name!r}, optimizer={self.optimizer!r}, "
            f"l1={self.l1}, l2={self.l2}, steps={self.steps})"
        )
