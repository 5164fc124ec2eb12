"""Loss functions: one number that says how wrong the predictions are, and its gradient.

Three losses cover the course:

* ``mse``: mean squared error, for regression, ``L = mean((y_pred - y)^2)`` over every entry.
* ``binary_cross_entropy``: for yes/no outputs, ``L = -mean(y log p + (1 - y) log(1 - p))``.
* ``cross_entropy``: for ``k`` classes, ``L = -mean_i log p_{i, y_i}``.

The two cross-entropies can also work *from logits* (the output layer's ``z``, before the
sigmoid/softmax). That form is numerically stable (``log`` of a probability that rounded to 0
never happens) and its gradient is beautifully simple: ``dL/dz = (p - y) / n``. The
:class:`~nn_course.network.Network` uses it whenever the output layer is linear or the matching
sigmoid/softmax.

See notebook 07_loss_functions.

Examples
--------
>>> mse = get("mse")
>>> mse(np.array([[1.0], [3.0]]), np.array([1.0, 1.0]))
2.0
>>> ce = get("cross_entropy")
>>> round(ce.from_logits(np.array([[2.0, 0.0], [0.0, 2.0]]), np.array([0, 1])), 4)
0.1269
"""

from __future__ import annotations

import numpy as np

from ._validation import check_finite, check_labels, look_up
from .activations import _sigmoid, _softmax

__all__ = [
    "Loss",
    "MeanSquaredError",
    "BinaryCrossEntropy",
    "CrossEntropy",
    "LOSSES",
    "get",
    "for_output",
    "names",
    "one_hot",
]

#: Probabilities are clipped to [EPS, 1 - EPS] before a log, so log(0) never happens.
EPS = 1e-12

#: The last two axes, (samples, outputs): the training losses sum over them, so the same code
#: measures one batch (n, k) or, at once, a stack of batches (n_batches, n, k).
_BATCH_AXES = (-2, -1)


def _dots(A: np.ndarray, B: np.ndarray):
    """``np.vdot(A, B)`` of one batch (n, k), or of each batch of a stack (m, n, k).

    One BLAS dot product per batch (``A`` may be a single (n, k) batch shared by all), so a
    batch measured within a stack gives the number it gives alone, bit for bit.
    """
    if B.ndim == 2:
        return np.vdot(A, B)
    rows = B.reshape(len(B), -1)  # one batch per row; ndarray.dot of two rows is vdot
    if A.ndim == 2:
        a = A.ravel()
        return np.array([a.dot(row) for row in rows])
    return np.array([a.dot(row) for a, row in zip(A.reshape(len(A), -1), rows)])


def one_hot(y, n_classes: int) -> np.ndarray:
    """Turn class labels (n_samples,) into one-hot rows (n_samples, n_classes).

    >>> one_hot([0, 2], 3)
    array([[1., 0., 0.],
           [0., 0., 1.]])
    """
    y = check_labels(y, n_classes)
    Y = np.zeros((y.shape[0], n_classes))
    Y[np.arange(y.shape[0]), y] = 1.0
    return Y


def _as_outputs(y_pred, name: str = "y_pred") -> np.ndarray:
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_pred.ndim == 1:
        y_pred = y_pred[:, None]
    if y_pred.ndim != 2:
        raise ValueError(f"{name} must be (n_samples, n_outputs); got shape {y_pred.shape}.")
    return y_pred


def _targets_like(y, y_pred: np.ndarray) -> np.ndarray:
    """Finite float targets of ``y_pred``'s shape (n_samples, n_outputs); 1-D ``y``: one output."""
    y = np.asarray(y, dtype=np.float64)
    if y.ndim == 1:
        y = y[:, None]
    if y.shape != y_pred.shape:
        raise ValueError(
            f"y must have the network output's shape {y_pred.shape} (or ({y_pred.shape[0]},) "
            f"for one output); got shape {np.shape(y)}."
        )
    return check_finite(y, "y")


class Loss:
    """Base class: ``loss(y_pred, y)`` is the value, ``loss.gradient(y_pred, y)`` is ``dL/dy_pred``.

    Attributes
    ----------
    name : str
    logit_activations : tuple of str
        Output activations for which the network computes this loss from logits (empty for MSE).
    """

    name = "loss"
    logit_activations: tuple[str, ...] = ()

    def targets(self, y, y_pred: np.ndarray) -> np.ndarray:
        """Return ``y`` as a float array of ``y_pred``'s shape (n_samples, n_outputs)."""
        raise NotImplementedError

    def __call__(self, y_pred, y) -> float:
        """The loss value for outputs ``y_pred`` (n_samples, n_outputs) and targets ``y``."""
        raise NotImplementedError

    def gradient(self, y_pred, y) -> np.ndarray:
        """``dL/dy_pred``, shape (n_samples, n_outputs)."""
        raise NotImplementedError

    def value_and_gradient(self, y_pred: np.ndarray, Y: np.ndarray, measure: bool = True):
        """``(loss, dL/dy_pred)`` for outputs (n_samples, n_outputs) and prepared targets ``Y``.

        With ``measure=False`` the loss is not computed: ``(None, dL/dy_pred)``.
        """
        return (self(y_pred, Y) if measure else None), self.gradient(y_pred, Y)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class MeanSquaredError(Loss):
    r"""Mean squared error, :math:`L = \frac{1}{n k}\sum_{i,j} (\hat y_{ij} - y_{ij})^2`.

    The mean runs over all ``n`` samples and ``k`` outputs (as in Keras).
    """

    name = "mse"

    def targets(self, y, y_pred):
        """``y`` as floats of ``y_pred``'s shape (a 1-D ``y`` is one output)."""
        return _targets_like(y, y_pred)

    def __call__(self, y_pred, y) -> float:
        y_pred = _as_outputs(y_pred)
        return float(np.mean((y_pred - self.targets(y, y_pred)) ** 2))

    def values(self, y_pred: np.ndarray, Y: np.ndarray):
        """The loss of one batch (n, k) of outputs, or of each batch of a stack (m, n, k).

        ``Y`` holds targets made by :meth:`targets`: the same shape, or one (n, k) batch for
        the whole stack. The training loop's version of :meth:`__call__`, which also
        measures many epochs at once.
        """
        diff = y_pred - Y
        return _dots(diff, diff) / (diff.shape[-2] * diff.shape[-1])

    def value_and_gradient(self, y_pred: np.ndarray, Y: np.ndarray, measure: bool = True):
        """Loss (None unless ``measure``) and ``dL/dy_pred`` for targets made by :meth:`targets`."""
        value = float(self.values(y_pred, Y)) if measure else None
        return value, (y_pred - Y) * (2.0 / y_pred.size)

    def gradient(self, y_pred, y) -> np.ndarray:
        """``dL/dy_pred = 2 (y_pred - y) / (n k)``, shape (n_samples, n_outputs)."""
        y_pred = _as_outputs(y_pred)
        return 2.0 * (y_pred - self.targets(y, y_pred)) / y_pred.size


class BinaryCrossEntropy(Loss):
    r"""Binary cross-entropy, :math:`L = -\frac{1}{n k}\sum (y \log p + (1-y)\log(1-p))`.

    ``y`` holds 0/1 labels (or probabilities), shape (n_samples,) or (n_samples, k).
    """

    name = "binary_cross_entropy"
    logit_activations = ("sigmoid", "linear")

    def targets(self, y, y_pred):
        """0/1 labels as floats of ``y_pred``'s shape; values outside [0, 1] are an error."""
        y = _targets_like(y, y_pred)
        if y.size and (y.min() < 0 or y.max() > 1):
            raise ValueError(
                "binary_cross_entropy needs labels in [0, 1]; "
                f"got values in [{y.min()}, {y.max()}]."
            )
        return y

    def __call__(self, y_pred, y) -> float:
        p = np.clip(_as_outputs(y_pred), EPS, 1 - EPS)
        y = self.targets(y, p)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    def gradient(self, y_pred, y) -> np.ndarray:
        """``dL/dp = (p - y) / (p (1 - p) n k)`` with ``p`` clipped away from 0 and 1."""
        p = np.clip(_as_outputs(y_pred), EPS, 1 - EPS)
        y = self.targets(y, p)
        return (p - y) / (p * (1 - p)) / p.size

    def from_logits(self, z, y) -> float:
        """The same loss from logits ``z`` (p = sigmoid(z)): ``mean(log(1 + e^z) - y z)``."""
        z = _as_outputs(z, "z")
        return float(np.mean(np.logaddexp(0.0, z) - self.targets(y, z) * z))

    def gradient_from_logits(self, z, y) -> np.ndarray:
        """``dL/dz = (sigmoid(z) - y) / (n k)``."""
        z = _as_outputs(z, "z")
        return (_sigmoid(z) - self.targets(y, z)) / z.size

    def values_from_logits(self, z: np.ndarray, Y: np.ndarray):
        """The loss from logits of one batch (n, k), or of each batch of a stack (m, n, k).

        ``Y`` holds targets made by :meth:`targets`: the same shape, or one (n, k) batch for
        the whole stack. The training loop's version of :meth:`from_logits`, which also
        measures many epochs at once.
        """
        # np.add.reduce is what .sum() calls, without its Python wrapper (tiny live batches)
        total = np.add.reduce(np.logaddexp(0.0, z), _BATCH_AXES) - _dots(Y, z)
        return total / (z.shape[-2] * z.shape[-1])

    def value_and_gradient_from_logits(
        self, z: np.ndarray, Y: np.ndarray, probabilities=None, measure: bool = True
    ):
        """Loss (None unless ``measure``) and ``dL/dz`` for logits (n, k) and prepared ``Y``.

        ``probabilities``, if given, is ``sigmoid(z)`` already computed (the output layer's
        ``a``), so the training step does not compute it twice.
        """
        p = _sigmoid(z) if probabilities is None else probabilities
        grad = p - Y
        grad /= z.size
        return (float(self.values_from_logits(z, Y)) if measure else None), grad


class CrossEntropy(Loss):
    r"""Categorical cross-entropy, :math:`L = -\frac{1}{n}\sum_i \sum_c y_{ic} \log p_{ic}`.

    ``y`` holds integer class labels (n_samples,) or one-hot rows (n_samples, n_classes).
    """

    name = "cross_entropy"
    logit_activations = ("softmax", "linear")

    def targets(self, y, y_pred):
        """One-hot rows (n_samples, n_classes) from integer labels or one-hot ``y``."""
        n, k = y_pred.shape
        y = np.asarray(y)
        if y.ndim == 2 and y.shape == (n, k) and k > 1:
            return check_finite(y.astype(np.float64, copy=False), "y")
        if y.ndim == 2 and y.shape[1] != 1:
            raise ValueError(
                f"y must be class labels ({n},) or one-hot rows ({n}, {k}); got shape {y.shape}."
            )
        if y.shape[0] != n:
            raise ValueError(f"y must have {n} labels, one per sample; got shape {y.shape}.")
        if k < 2:
            raise ValueError(
                "cross_entropy needs an output layer with one unit per class (at least 2); got 1 "
                "output. For two classes with one output use binary_cross_entropy."
            )
        return one_hot(y, k)

    def __call__(self, y_pred, y) -> float:
        P = np.clip(_as_outputs(y_pred), EPS, 1.0)
        Y = self.targets(y, P)
        return float(-np.sum(Y * np.log(P)) / P.shape[0])

    def gradient(self, y_pred, y) -> np.ndarray:
        """``dL/dP = -Y / P / n`` (P clipped away from 0)."""
        P = np.clip(_as_outputs(y_pred), EPS, 1.0)
        return -self.targets(y, P) / P / P.shape[0]

    def from_logits(self, z, y) -> float:
        """The same loss from logits: ``mean(logsumexp(z) - z[y])``, stable for any ``z``."""
        Z = _as_outputs(z, "z")
        Y = self.targets(y, Z)
        m = Z.max(axis=1, keepdims=True)
        log_sum_exp = m[:, 0] + np.log(np.exp(Z - m).sum(axis=1))
        return float(np.mean(log_sum_exp - np.sum(Y * Z, axis=1)))

    def gradient_from_logits(self, z, y) -> np.ndarray:
        """``dL/dz = (softmax(z) - Y) / n``, shape (n_samples, n_classes)."""
        Z = _as_outputs(z, "z")
        return (_softmax(Z) - self.targets(y, Z)) / Z.shape[0]

    @staticmethod
    def _shifted_exp(Z: np.ndarray):
        """``m`` (row maxima), ``e = exp(Z - m)`` and ``s`` (row sums of ``e``), for (..., n, k)."""
        # the ufuncs' own reductions: what .max() and .sum() call, without their Python wrappers
        m = np.maximum.reduce(Z, -1, keepdims=True)
        e = np.exp(Z - m)
        return m, e, np.add.reduce(e, -1, keepdims=True)

    @staticmethod
    def _mean(m, s, Z, Y):
        # mean over the samples of logsumexp(z) - z[y], with logsumexp = m + log(s)
        total = np.add.reduce(m, _BATCH_AXES) + np.add.reduce(np.log(s), _BATCH_AXES)
        return (total - _dots(Y, Z)) / Z.shape[-2]

    def values_from_logits(self, Z: np.ndarray, Y: np.ndarray):
        """The loss from logits of one batch (n, k), or of each batch of a stack (m, n, k).

        ``Y`` holds one-hot targets: the same shape, or one (n, k) batch for the whole
        stack. The training loop's version of :meth:`from_logits`, which also measures many
        epochs at once.
        """
        m, _, s = self._shifted_exp(Z)
        return self._mean(m, s, Z, Y)

    def value_and_gradient_from_logits(
        self, Z: np.ndarray, Y: np.ndarray, probabilities=None, measure: bool = True
    ):
        """Loss (None unless ``measure``) and ``dL/dz`` sharing one softmax, for logits (n, k).

        ``Y`` holds one-hot targets. ``probabilities`` is accepted for symmetry with the
        binary loss and not used: the log-sum-exp of the loss needs the exponentials anyway.
        """
        n = Z.shape[0]
        m, e, s = self._shifted_exp(Z)
        value = float(self._mean(m, s, Z, Y)) if measure else None
        e /= s  # softmax(Z), computed in place
        e -= Y
        e /= n
        return value, e


#: Every loss by name (with a few common aliases).
LOSSES: dict[str, type[Loss]] = {
    "mse": MeanSquaredError,
    "binary_cross_entropy": BinaryCrossEntropy,
    "cross_entropy": CrossEntropy,
}
_ALIASES = {
    "mean_squared_error": "mse",
    "bce": "binary_cross_entropy",
    "binary_crossentropy": "binary_cross_entropy",
    "categorical_cross_entropy": "cross_entropy",
    "categorical_crossentropy": "cross_entropy",
}


def names() -> list[str]:
    """The loss names :func:`get` accepts (aliases not listed)."""
    return sorted(LOSSES)


def get(loss) -> Loss:
    """Look up a loss by name (or pass a :class:`Loss` through).

    >>> get("cross_entropy").name
    'cross_entropy'
    >>> get("crossentropy")
    Traceback (most recent call last):
    ...
    ValueError: Unknown loss 'crossentropy'; did you mean 'cross_entropy'? Choose from [...].
    """
    if isinstance(loss, Loss):
        return loss
    return look_up("loss", loss, LOSSES, "a name such as 'mse' or a Loss", _ALIASES)()


def for_output(loss, activation: str) -> Loss:
    """The loss named by ``loss``, checked to fit an output layer of ``activation``.

    A cross-entropy reads the outputs as probabilities (or logits), so it needs an output
    activation from its ``logit_activations``; mse takes any output.

    >>> for_output("binary_cross_entropy", "relu")
    Traceback (most recent call last):
    ...
    ValueError: binary_cross_entropy needs an output layer that gives probabilities or \
logits: activation 'sigmoid' or 'linear'; got 'relu'. A 'relu' output cannot be read as \
probabilities, so training would go badly.
    """
    loss = get(loss)
    if loss.logit_activations and activation not in loss.logit_activations:
        raise ValueError(
            f"{loss.name} needs an output layer that gives probabilities or logits: activation "
            f"{' or '.join(repr(a) for a in loss.logit_activations)}; got {activation!r}. A "
            f"{activation!r} output cannot be read as probabilities, so training would go badly."
        )
    return loss
