"""A feedforward network: a list of layers applied one after the other.

.. math::  A^{(0)} = X, \\qquad A^{(l)} = f_l(A^{(l-1)} W_l + b_l), \\qquad \\hat y = A^{(L)}

Training needs the gradient of the loss with respect to every weight. Backpropagation gets
all of them in one backward sweep: start from ``delta = dL/dz`` at the output layer and hand
``dL/da = delta @ W.T`` back to the layer before (see :mod:`nn_course.layers`).

See notebooks 05_network_structure, 06_feedforward and 08_backpropagation.

Examples
--------
>>> net = Network([Dense(2, 8, "relu", rng=0), Dense(8, 3, "linear", rng=1)])
>>> net.layer_sizes
[2, 8, 3]
>>> net.n_parameters()
51
>>> X = np.array([[0.5, -1.0], [1.0, 2.0]])
>>> net.forward(X).shape
(2, 3)
>>> loss, grads = net.loss_and_gradients(X, [0, 2], loss="cross_entropy")
>>> [g["W"].shape for g in grads]
[(2, 8), (8, 3)]
"""

from __future__ import annotations

import copy

import numpy as np

from . import decisions, network_io, penalties
from . import losses as losses_module
from ._validation import as_rng, check_2d, check_X_y
from .layers import Dense, LayerTrace, check_stack
from .layers import summary as layers_summary

__all__ = ["Network"]


class Network:
    """A sequential stack of :class:`~nn_course.layers.Dense` (and ``Dropout``) layers.

    Parameters
    ----------
    layers : list of Dense or Dropout
        Applied in order. Each Dense layer's ``n_in`` must equal the previous one's ``n_out``.

    Attributes
    ----------
    layers : list
    """

    def __init__(self, layers):
        self.layers = check_stack(layers)  # checked to fit together: see nn_course.layers

    @classmethod
    def from_sizes(
        cls, sizes, activation="relu", output_activation="linear", init="glorot", rng=None
    ):
        """A network from layer sizes, e.g. ``[2, 8, 8, 1]``: 2 inputs, two hidden layers of 8.

        >>> Network.from_sizes([2, 4, 1], activation="tanh", output_activation="sigmoid", rng=0)
        Network([Dense(2, 4, activation='tanh'), Dense(4, 1, activation='sigmoid')])
        """
        sizes = list(sizes)
        if len(sizes) < 2:
            raise ValueError(f"sizes needs at least [n_inputs, n_outputs]; got {sizes}.")
        rng = as_rng(rng)
        functions = [activation] * (len(sizes) - 2) + [output_activation]
        pairs = zip(sizes[:-1], sizes[1:], functions, strict=True)
        return cls([Dense(n_in, n_out, f, init, rng) for n_in, n_out, f in pairs])

    # ----------------------------------------------------------------- structure
    @property
    def dense_layers(self) -> list[Dense]:
        """The Dense layers, in order (Dropout left out)."""
        return [layer for layer in self.layers if isinstance(layer, Dense)]

    @property
    def n_inputs(self) -> int:
        """Number of input features the network expects."""
        return self.layers[0].n_in

    @property
    def n_outputs(self) -> int:
        """Number of output units."""
        return self.layers[-1].n_out

    @property
    def layer_sizes(self) -> list[int]:
        """``[n_inputs, width_1, ..., n_outputs]`` over the Dense layers."""
        return [self.n_inputs] + [layer.n_out for layer in self.dense_layers]

    @property
    def output_activation(self):
        """The output layer's Activation."""
        return self.layers[-1].activation

    @property
    def params(self) -> list[dict[str, np.ndarray]]:
        """Each layer's ``{"W": W, "b": b}`` (``{}`` for Dropout): the arrays optimisers update."""
        return [layer.params for layer in self.layers]

    def n_parameters(self) -> int:
        """Number of weights and biases: the sum of ``n_in * n_out + n_out`` over Dense layers."""
        return sum(layer.n_parameters for layer in self.layers)

    def summary(self) -> str:
        """A table of the layers, like Keras's ``model.summary()``.

        >>> print(Network.from_sizes([2, 3, 1], rng=0).summary())
        Layer  Type   Weights W  Activation  Parameters
        -----  -----  ---------  ----------  ----------
        1      Dense  (2, 3)     relu                 9
        2      Dense  (3, 1)     linear               4
        Total parameters: 13
        """
        return layers_summary(self.layers)

    def __repr__(self) -> str:
        return f"Network([{', '.join(repr(layer) for layer in self.layers)}])"

    # ----------------------------------------------------------------- forward
    def forward(self, X, trace: bool = False, training: bool = False, rng=None):
        """Run the network on a batch.

        Parameters
        ----------
        X : array_like (n_samples, n_inputs)
        trace : bool
            If True, return a list with one :class:`~nn_course.layers.LayerTrace` per layer
            (its ``input``, ``z`` and ``a``) instead of just the output.
        training : bool
            Dropout is only active in training.
        rng : Generator, int or None
            Randomness for dropout masks.

        Returns
        -------
        ndarray (n_samples, n_outputs), or list of LayerTrace if ``trace``.
        """
        X = check_2d(X, "X", self.n_inputs)
        steps = self.trace(X, training, rng)
        return steps if trace else steps[-1].a

    def trace(self, X: np.ndarray, training: bool = False, rng=None) -> list[LayerTrace]:
        """:meth:`forward` with ``trace=True``, unchecked: ``X`` float (n_samples, n_inputs)."""
        if training and not isinstance(rng, np.random.Generator):
            rng = as_rng(rng)  # one generator for every dropout layer of this pass
        steps = []
        for layer in self.layers:
            step = layer.trace(X, training, rng)
            steps.append(step)
            X = step.a
        return steps

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities (n_samples, n_classes), or P(class 1) (n_samples,) for one output.

        From a softmax or linear logits, or one sigmoid or linear output: see :mod:`.decisions`.
        """
        return decisions.probabilities(self.forward(X), self.output_activation.name)

    @property
    def threshold(self) -> float:
        """Above this a yes/no output says "yes": 0.5 for sigmoid (step, ReLU, softplus), else 0."""
        return decisions.threshold(self.output_activation.name)

    def decide(self, outputs: np.ndarray, per_output: bool = False) -> np.ndarray:
        """Decisions from outputs ``a`` (n_samples, n_outputs): :func:`.decisions.decide`."""
        return decisions.decide(outputs, self.threshold, per_output)

    def predict(self, X) -> np.ndarray:
        """Predicted class labels, shape (n_samples,).

        With several outputs: the index of the largest output. With one output: 1 where it is
        above the threshold (0.5 for sigmoid/step outputs, 0 for linear/tanh logits), else 0.
        For regression use :meth:`forward`, which returns the raw outputs.
        """
        return self.decide(self.forward(X)).astype(np.int64)

    def class_labels(self, y, loss=None) -> np.ndarray:
        """The labels :meth:`accuracy` compares decisions with, from targets ``y``.

        For ``loss="binary_cross_entropy"`` every output is its own yes/no question: 0/1
        labels (n_samples, n_outputs) (several outputs) or (n_samples,). Otherwise class
        labels (n_samples,) (one-hot rows are turned into the index of their 1).
        """
        if loss is not None and self.check_loss(loss).name == "binary_cross_entropy":
            return decisions.class_labels(self.prepare_targets(y, loss), self.n_outputs, True)
        return decisions.class_labels(y, self.n_outputs)

    def n_correct(self, outputs: np.ndarray, labels: np.ndarray) -> int:
        """How many decisions on ``outputs`` equal ``labels`` (from :meth:`class_labels`)."""
        return decisions.n_correct(self.decide(outputs, labels.ndim == 2), labels)

    def accuracy(self, X, y, loss=None) -> float:
        """Fraction of correct decisions: the accuracy :func:`~nn_course.training.fit` records.

        For a classifier with one decision per sample (softmax or several linear outputs under
        cross-entropy, or one sigmoid output) it is the fraction of samples whose predicted
        class equals ``y`` (labels or one-hot rows). With ``loss="binary_cross_entropy"`` and
        several outputs each output is a separate yes/no question, and the accuracy is the
        fraction of all n_samples * n_outputs answers that are right (as Keras's
        ``binary_accuracy``).

        >>> net = Network([Dense(1, 2, "sigmoid", init="zeros")])
        >>> net.layers[0].b[:] = [1.0, -1.0]          # says "yes" to output 0, "no" to output 1
        >>> Y = np.array([[1, 1], [1, 0]])
        >>> net.accuracy(np.zeros((2, 1)), Y, loss="binary_cross_entropy")   # 3 of 4 answers
        0.75
        >>> net.accuracy(np.zeros((2, 1)), [0, 0])    # argmax: class 0 twice, both right
        1.0
        """
        X, y = check_X_y(X, y, self.n_inputs)
        labels = self.class_labels(y, loss)
        return self.n_correct(self.trace(X)[-1].a, labels) / labels.size

    # ----------------------------------------------------------------- loss and backward
    def check_loss(self, loss) -> losses_module.Loss:
        """The :class:`~nn_course.losses.Loss` named by ``loss``, if it fits the output layer.

        Raises ``ValueError`` for a cross-entropy after an output that gives neither
        probabilities nor logits (e.g. a ReLU output): :func:`nn_course.losses.for_output`.
        """
        return losses_module.for_output(loss, self.output_activation.name)

    def prepare_targets(self, y, loss) -> np.ndarray:
        """Targets ``y`` as the loss wants them: floats (n_samples, n_outputs), checked once.

        Labels become one-hot rows for cross-entropy; a 1-D ``y`` is one output otherwise.
        The result is what :meth:`backprop` takes.
        """
        y = np.asarray(y)
        shape = (y.shape[0] if y.ndim else 0, self.n_outputs)
        Y = self.check_loss(loss).targets(y, np.empty(shape))
        return np.ascontiguousarray(Y, dtype=np.float64)

    def output_delta(self, steps: list[LayerTrace], y, loss) -> tuple[float, np.ndarray]:
        """The loss and ``delta = dL/dz`` of the output layer, from a forward trace.

        For cross-entropy after a softmax/sigmoid (or linear logits) this is the famous
        ``(p - y) / n``, computed from ``z`` without ever taking ``log(0)``. Otherwise it is
        ``dL/da`` passed back through the output activation.
        """
        loss = self.check_loss(loss)
        return self._output_delta(steps[-1], loss.targets(y, steps[-1].z), loss)

    def _output_delta(self, last: LayerTrace, Y: np.ndarray, loss, measure: bool = True):
        # output_delta for prepared targets Y and a checked loss (the loss None unless measure)
        if loss.logit_activations:
            probabilities = None if self.layers[-1].activation.name == "linear" else last.a
            return loss.value_and_gradient_from_logits(last.z, Y, probabilities, measure)
        value, grad_a = loss.value_and_gradient(last.a, Y, measure)
        return value, self.layers[-1].activation.vjp(last.z, last.a, grad_a)

    def backward(self, steps: list[LayerTrace], delta: np.ndarray, return_deltas: bool = False):
        """Backpropagate the output layer's ``delta = dL/dz`` through every layer.

        Each layer's ``backward`` turns the ``dL/da`` handed back by the layer after it into
        its own gradients and the ``dL/da`` of the layer before (the first layer skips that
        last product: nothing needs it).

        Returns
        -------
        grads : list of dict
            One ``{"W": (n_in, n_out), "b": (n_out,)}`` per layer (``{}`` for Dropout).
        deltas : list of ndarray, only if ``return_deltas``
            ``dL/dz`` of every Dense layer, (n_samples, n_out) (None for Dropout).
        """
        layers = self.layers
        last = len(layers) - 1
        grads = [None] * (last + 1)
        # positional arguments: backward(step, grad_a, delta, input_grad)
        grad_a, grads[last] = layers[last].backward(steps[last], None, delta, last > 0)
        for i in range(last - 1, -1, -1):
            grad_a, grads[i] = layers[i].backward(steps[i], grad_a, None, i > 0)
        if return_deltas:
            return grads, [step.delta for step in steps]
        return grads

    def penalty(self, l1: float = 0.0, l2: float = 0.0) -> float:
        """Weight penalty ``l1 * sum|W| + l2 * sum W^2`` (biases excluded): see penalties."""
        return penalties.penalty(self.layers, l1, l2)

    def add_penalty_gradients(self, grads, l1: float = 0.0, l2: float = 0.0) -> None:
        """Add the penalty's gradient ``l1 * sign(W) + 2 * l2 * W`` to each Dense ``grads["W"]``."""
        penalties.add_penalty_gradients(self.layers, grads, l1, l2)

    def backprop(self, X, Y, loss, l1=0.0, l2=0.0, training=False, rng=None, measure=True):
        """Forward pass, loss and backward pass on a prepared batch, without checks.

        The training loop's step: :meth:`loss_and_gradients` after its checks, also returning
        the trace (whose last ``a`` gives the batch's decisions for the accuracy).

        Parameters
        ----------
        X : ndarray (n_samples, n_inputs), float
        Y : ndarray (n_samples, n_outputs)
            Targets from :meth:`prepare_targets`.
        loss : Loss
            From :meth:`check_loss`.
        l1, l2, training, rng
            As for :meth:`loss_and_gradients`.
        measure : bool, default True
            False skips the loss itself (returned as None): the gradients do not need it.

        Returns
        -------
        loss : float (None unless ``measure``)
        grads : list of dict
        steps : list of LayerTrace
        """
        steps = self.trace(X, training, rng)
        value, delta = self._output_delta(steps[-1], Y, loss, measure)
        grads = self.backward(steps, delta)
        if l1 or l2:
            value = value + self.penalty(l1, l2) if measure else None
            self.add_penalty_gradients(grads, l1, l2)
        return value, grads, steps

    def loss(self, X, y, loss="mse", l1: float = 0.0, l2: float = 0.0) -> float:
        """The loss on ``(X, y)`` (plus the weight penalty, if any), in inference mode."""
        X, y = check_X_y(X, y, self.n_inputs)
        value, _ = self.output_delta(self.trace(X), y, loss)
        return value + self.penalty(l1, l2)

    def loss_and_gradients(
        self, X, y, loss="mse", l1: float = 0.0, l2: float = 0.0, training: bool = False, rng=None
    ):
        """The loss and its gradient with respect to every weight and bias.

        Parameters
        ----------
        X : array_like (n_samples, n_inputs)
        y : array_like
            Targets: (n_samples,) or (n_samples, n_outputs) for mse and binary_cross_entropy;
            integer labels (n_samples,) or one-hot (n_samples, n_classes) for cross_entropy.
        loss : str or Loss
            "mse", "binary_cross_entropy" or "cross_entropy".
        l1, l2 : float
            Weight penalties added to the loss (``l1 * sum|W| + l2 * sum W^2``).
        training, rng
            Dropout on (with masks drawn from ``rng``) or off.

        Returns
        -------
        loss : float
        grads : list of dict
            One ``{"W": ..., "b": ...}`` per layer, same shapes as the layer's ``W`` and ``b``.
        """
        X, y = check_X_y(X, y, self.n_inputs)
        l1, l2 = penalties.check_penalty(l1, "l1"), penalties.check_penalty(l2, "l2")
        loss = self.check_loss(loss)
        Y = self.prepare_targets(y, loss)
        value, grads, _ = self.backprop(X, Y, loss, l1, l2, training, rng)
        return value, grads

    # ----------------------------------------------------------------- weights
    def get_weights(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Copies of every Dense layer's ``(W, b)``, in order (the format Keras uses, per layer)."""
        return network_io.get_weights(self.dense_layers)

    def set_weights(self, weights) -> None:
        """Set each Dense layer's ``(W, b)`` from a list like :meth:`get_weights` gives, checked."""
        network_io.set_weights(self.dense_layers, weights)

    def copy(self) -> "Network":
        """An independent deep copy (weights included)."""
        return copy.deepcopy(self)

    def save(self, path) -> None:
        """Save architecture and weights to a ``.npz`` file (no pickle inside)."""
        network_io.save(path, self.layers)

    @classmethod
    def load(cls, path) -> "Network":
        """Load a network written by :meth:`save` (read with ``allow_pickle=False``)."""
        layers, weights = network_io.load(path)
        net = cls(layers)
        net.set_weights(weights)
        return net

    # ----------------------------------------------------------------- training
    def fit(self, X, y, **kwargs):
        """Train the network; see :func:`nn_course.training.fit` for the arguments.

        Returns the training :class:`~nn_course.history.History`. The one method that reaches
        up to the training module (imported here, so that training.py can import Network).
        """
        from .training import fit

        return fit(self, X, y, **kwargs)
