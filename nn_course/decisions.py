"""From a network's outputs to its answers: decisions, probabilities and accuracy.

The output layer gives numbers, one row per sample; a classifier still has to *decide*. With
several outputs the decision is the index of the largest one (one class per sample). A single
yes/no output says "yes" above a threshold: 0.5 when it is a probability (a sigmoid), 0 when
it is a logit (a linear or tanh output). Binary cross-entropy may also train several
independent yes/no outputs, each decided on its own. The accuracy is the fraction of
decisions that equal the labels.

:class:`~nn_course.network.Network` answers through these functions (``predict``,
``predict_proba``, ``accuracy``), and so does the training loop when it records accuracy.

See notebooks 05_network_structure and 06_feedforward.

Examples
--------
>>> outputs = np.array([[0.2, 0.9], [0.7, 0.1]])
>>> decide(outputs, threshold=0.5)                 # two outputs: the larger one wins
array([1, 0])
>>> decide(outputs, threshold=0.5, per_output=True)  # two independent yes/no outputs
array([[False,  True],
       [ True, False]])
"""

from __future__ import annotations

import numpy as np

from ._validation import check_labels
from .activations import _sigmoid, _softmax

__all__ = ["threshold", "decide", "class_labels", "n_correct", "probabilities"]

#: Output activations that are never negative (a sigmoid gives a probability): a yes/no output
#: of these says "yes" above 0.5; the others (linear or tanh logits) say "yes" above 0.
HALF_THRESHOLD = ("sigmoid", "step", "softplus", "relu")


def threshold(activation: str) -> float:
    """Where a yes/no output of this activation says "yes": 0.5, or 0 for a logit.

    >>> threshold("sigmoid"), threshold("linear")
    (0.5, 0.0)
    """
    return 0.5 if activation in HALF_THRESHOLD else 0.0


def decide(outputs: np.ndarray, threshold: float, per_output: bool = False) -> np.ndarray:
    """Decisions from outputs ``a`` (n_samples, n_outputs).

    One class per sample, shape (n_samples,): the index of the largest output, or for one
    output True (class 1) where it is above ``threshold``. With ``per_output``, one yes/no
    decision per output, shape (n_samples, n_outputs).
    """
    if outputs.shape[1] > 1 and not per_output:
        return outputs.argmax(axis=1)
    return outputs > threshold if per_output else outputs[:, 0] > threshold


def class_labels(y, n_outputs: int, per_output: bool = False) -> np.ndarray:
    """The labels decisions are compared with, from targets ``y``.

    With ``per_output`` (binary cross-entropy over several outputs; ``y`` already prepared as
    floats (n_samples, n_outputs)) 0/1 labels of that shape; otherwise class labels
    (n_samples,), one-hot rows turned into the index of their 1.

    >>> class_labels(np.array([[0, 1], [1, 0]]), 2)
    array([1, 0])
    """
    y = np.asarray(y)
    if per_output:
        return y > 0.5 if y.shape[1] > 1 else y[:, 0] > 0.5
    if y.ndim == 2 and y.shape[1] > 1:
        y = y.argmax(axis=1)
    return check_labels(y, max(n_outputs, 2))


def n_correct(decisions: np.ndarray, labels: np.ndarray) -> int:
    """How many ``decisions`` equal ``labels`` (both from the functions above).

    >>> n_correct(np.array([1, 0, 1]), np.array([1, 1, 1]))
    2
    """
    return int(np.count_nonzero(decisions == labels))


def probabilities(outputs: np.ndarray, activation: str) -> np.ndarray:
    """Class probabilities from outputs (n_samples, n_outputs) of ``activation``.

    (n_samples, n_classes) for a softmax output (or several linear logits); the probability
    of class 1, shape (n_samples,), for a single sigmoid (or linear logit) output.

    >>> probabilities(np.array([[0.0], [2.0]]), "linear").round(3)
    array([0.5  , 0.881])
    """
    n_outputs = outputs.shape[1]
    if n_outputs > 1 and activation in ("softmax", "linear"):
        return outputs if activation == "softmax" else _softmax(outputs)
    if n_outputs == 1 and activation in ("sigmoid", "linear"):
        return outputs[:, 0] if activation == "sigmoid" else _sigmoid(outputs[:, 0])
    raise ValueError(
        "predict_proba needs a softmax (or linear logits) output for k classes, or one "
        f"sigmoid (or linear logit) output for two; this network ends in {n_outputs} "
        f"'{activation}' unit(s)."
    )
