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
import json

import numpy as np

from . import losses as losses_module
from ._validation import as_rng, check_2d, check_labels, check_X_y
from .activations import _sigmoid, _softmax
from .layers import Dense, Dropout, LayerTrace

__all__ = ["Network"]

# Output activations that are never negative (a sigmoid gives a probability): a yes/no output
# of these says "yes" above 0.5; the others (linear or tanh logits) say "yes" above 0.
_HALF_THRESHOLD = ("sigmoid", "step", "softplus", "relu")


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
        if isinstance(layers, (Dense, Dropout)):
            layers = [layers]
        layers = list(layers)
        if not layers:
            raise ValueError("Network needs at least one layer; got an empty list.")
        width = None
        for i, layer in enumerate(layers):
            if isinstance(layer, Dropout):
                if width is None:
                    raise ValueError(
                        "The first layer must be Dense (it fixes the number of inputs); "
                        "got Dropout."
                    )
                layer.n_in = layer.n_out = width
            elif isinstance(layer, Dense):
                if width is not None and layer.n_in != width:
                    raise ValueError(
                        f"Layer {i} expects {layer.n_in} inputs but the layer before it has "
                        f"{width} outputs; make them equal (Dense({width}, ...))."
                    )
                width = layer.n_out
            else:
                raise TypeError(
                    f"Layer {i} must be a Dense or Dropout layer; got {type(layer).__name__}."
                )
        if not isinstance(layers[-1], Dense):
            raise ValueError("The last layer must be Dense (the output layer); got Dropout.")
        self.layers = layers

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
        n_layers = len(sizes) - 1
        return cls(
            [
                Dense(
                    sizes[i],
                    sizes[i + 1],
                    output_activation if i == n_layers - 1 else activation,
                    init,
                    rng,
                )
                for i in range(n_layers)
            ]
        )

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
        rows = [("Layer", "Type", "Weights W", "Activation", "Parameters")]
        for i, layer in enumerate(self.layers, start=1):
            if isinstance(layer, Dense):
                rows.append(
                    (
                        str(i),
                        "Dense",
                        str((layer.n_in, layer.n_out)),
                        layer.activation.name,
                        str(layer.n_parameters),
                    )
                )
            else:
                rows.append((str(i), "Dropout", f"rate {layer.rate:g}", "-", "0"))
        widths = [max(len(r[c]) for r in rows) for c in range(5)]
        lines = []
        for j, r in enumerate(rows):
            cells = [r[c].ljust(widths[c]) for c in range(4)] + [r[4].rjust(widths[4])]
            lines.append("  ".join(cells).rstrip())
            if j == 0:
                lines.append("  ".join("-" * w for w in widths))
        lines.append(f"Total parameters: {self.n_parameters()}")
        return "\n".join(lines)

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
        """The forward pass on an already checked float array, one LayerTrace per layer.

        :meth:`forward` with ``trace=True`` without the input checks: ``X`` must be a float
        array (n_samples, n_inputs), as :func:`~nn_course._validation.check_2d` returns it.
        The training loop calls this once per mini-batch.
        """
        if training and not isinstance(rng, np.random.Generator):
            rng = as_rng(rng)  # one generator for every dropout layer of this pass
        steps = []
        for layer in self.layers:
            step = layer.trace(X, training, rng)
            steps.append(step)
            X = step.a
        return steps

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities.

        Returns (n_samples, n_classes) for a softmax output (or a linear output of logits), and
        the probability of class 1, shape (n_samples,), for a single sigmoid (or linear) output.
        """
        out = self.forward(X)
        name = self.output_activation.name
        if self.n_outputs > 1 and name in ("softmax", "linear"):
            return out if name == "softmax" else _softmax(out)
        if self.n_outputs == 1 and name in ("sigmoid", "linear"):
            return out[:, 0] if name == "sigmoid" else _sigmoid(out[:, 0])
        raise ValueError(
            "predict_proba needs a softmax (or linear logits) output for k classes, or one "
            f"sigmoid (or linear logit) output for two; this network ends in {self.n_outputs} "
            f"'{name}' unit(s)."
        )

    @property
    def threshold(self) -> float:
        """Above this a yes/no output says "yes": 0.5 for sigmoid (step, ReLU, softplus), else 0."""
        return 0.5 if self.layers[-1].activation.name in _HALF_THRESHOLD else 0.0

    def decide(self, outputs: np.ndarray, per_output: bool = False) -> np.ndarray:
        """The network's decisions from its outputs ``a`` (n_samples, n_outputs).

        One class per sample, shape (n_samples,): the index of the largest output, or for one
        output 1 where it is above :attr:`threshold`. With ``per_output`` (several independent
        yes/no outputs, as binary cross-entropy trains them) one 0/1 decision per output,
        shape (n_samples, n_outputs).
        """
        if outputs.shape[1] > 1 and not per_output:
            return outputs.argmax(axis=1)
        threshold = self.threshold
        return outputs > threshold if per_output else outputs[:, 0] > threshold

    def predict(self, X) -> np.ndarray:
        """Predicted class labels, shape (n_samples,).

        With several outputs: the index of the largest output. With one output: 1 where it is
        above the threshold (0.5 for sigmoid/step outputs, 0 for linear/tanh logits), else 0.
        For regression use :meth:`forward`, which returns the raw outputs.
        """
        return self.decide(self.forward(X)).astype(np.int64)

    def class_labels(self, y, loss=None) -> np.ndarray:
        """The labels :meth:`accuracy` compares decisions with, from targets ``y``.

        For ``loss="binary_cross_entropy"`` with several outputs, every output is its own
        yes/no question: 0/1 labels (n_samples, n_outputs). Otherwise class labels
        (n_samples,) (one-hot rows are turned into the index of their 1).
        """
        y = np.asarray(y)
        if loss is not None and self.check_loss(loss).name == "binary_cross_entropy":
            Y = self.prepare_targets(y, loss)
            return Y > 0.5 if Y.shape[1] > 1 else Y[:, 0] > 0.5
        if y.ndim == 2 and y.shape[1] > 1:
            y = y.argmax(axis=1)
        return check_labels(y, max(self.n_outputs, 2))

    def n_correct(self, outputs: np.ndarray, labels: np.ndarray) -> int:
        """How many of :meth:`decide`'s decisions on ``outputs`` equal ``labels``.

        ``labels`` as :meth:`class_labels` makes them: (n_samples,) or, for independent
        yes/no outputs, (n_samples, n_outputs). Accuracy is this count over ``labels.size``.
        """
        return int(np.count_nonzero(self.decide(outputs, labels.ndim == 2) == labels))

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
        probabilities nor logits (e.g. a ReLU output).
        """
        loss = losses_module.get(loss)
        name = self.output_activation.name
        if loss.logit_activations and name not in loss.logit_activations:
            raise ValueError(
                f"{loss.name} needs an output layer that gives probabilities or logits: activation "
                f"{' or '.join(repr(a) for a in loss.logit_activations)}; got {name!r}. A {name!r} "
                "output cannot be read as probabilities, so training would go badly."
            )
        return loss

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

    def _output_delta(self, last: LayerTrace, Y: np.ndarray, loss) -> tuple[float, np.ndarray]:
        # output_delta for prepared targets Y and a checked loss.
        if loss.logit_activations:
            probabilities = None if self.layers[-1].activation.name == "linear" else last.a
            return loss.value_and_gradient_from_logits(last.z, Y, probabilities)
        value, grad_a = loss.value_and_gradient(last.a, Y)
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
        """Weight penalty ``l1 * sum|W| + l2 * sum W^2`` over the Dense layers (not biases)."""
        total = 0.0
        for layer in self.dense_layers:
            if l1:
                total += l1 * float(np.abs(layer.W).sum())
            if l2:
                total += l2 * float(np.vdot(layer.W, layer.W))
        return total

    def add_penalty_gradients(self, grads, l1: float = 0.0, l2: float = 0.0) -> None:
        """Add the penalty's gradient ``l1 * sign(W) + 2 * l2 * W`` to each Dense ``grads["W"]``."""
        if not (l1 or l2):
            return
        for layer, g in zip(self.layers, grads, strict=True):
            if isinstance(layer, Dense):
                if l1:
                    g["W"] += l1 * np.sign(layer.W)
                if l2:
                    g["W"] += 2.0 * l2 * layer.W

    def backprop(
        self,
        X: np.ndarray,
        Y: np.ndarray,
        loss: losses_module.Loss,
        l1: float = 0.0,
        l2: float = 0.0,
        training: bool = False,
        rng=None,
    ):
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

        Returns
        -------
        loss : float
        grads : list of dict
        steps : list of LayerTrace
        """
        steps = self.trace(X, training, rng)
        value, delta = self._output_delta(steps[-1], Y, loss)
        grads = self.backward(steps, delta)
        if l1 or l2:
            value += self.penalty(l1, l2)
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
        for name, value in (("l1", l1), ("l2", l2)):
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name} must be a number >= 0; got {value!r}.")
        loss = self.check_loss(loss)
        value, grads, _ = self.backprop(
            X, self.prepare_targets(y, loss), loss, l1, l2, training, rng
        )
        return value, grads

    # Older private names, still called by nn_course.widgets.playground.
    def _trace(self, X, training=False, rng=None):
        return self.trace(X, training, rng)

    def _loss_and_gradients(self, X, y, loss):
        return self.loss_and_gradients(X, y, loss)

    # ----------------------------------------------------------------- weights
    def get_weights(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Copies of every Dense layer's ``(W, b)``, in order (the format Keras uses, per layer)."""
        return [(layer.W.copy(), layer.b.copy()) for layer in self.dense_layers]

    def set_weights(self, weights) -> None:
        """Set every Dense layer's ``(W, b)`` from a list like :meth:`get_weights` returns."""
        weights = list(weights)
        dense = self.dense_layers
        if len(weights) != len(dense):
            raise ValueError(
                f"set_weights needs {len(dense)} (W, b) pairs, one per Dense layer; "
                f"got {len(weights)}."
            )
        new = []
        for i, (layer, pair) in enumerate(zip(dense, weights, strict=True)):
            if len(pair) != 2:
                raise ValueError(f"Entry {i} must be a (W, b) pair; got {len(pair)} arrays.")
            W, b = (np.array(a, dtype=np.float64) for a in pair)
            if W.shape != layer.W.shape or b.shape != layer.b.shape:
                raise ValueError(
                    f"Layer {i}: expected W {layer.W.shape} and b {layer.b.shape}; "
                    f"got W {W.shape} and b {b.shape}."
                )
            new.append((W, b))
        for layer, (W, b) in zip(dense, new, strict=True):
            # Write into the existing arrays so optimisers holding references stay in step.
            layer.W[...] = W
            layer.b[...] = b

    def copy(self) -> "Network":
        """An independent deep copy (weights included)."""
        return copy.deepcopy(self)

    def save(self, path) -> None:
        """Save architecture and weights to a ``.npz`` file (no pickle inside)."""
        config = json.dumps([layer.get_config() for layer in self.layers])
        arrays = {"config": np.array(config)}
        for i, (W, b) in enumerate(self.get_weights()):
            arrays[f"W{i}"], arrays[f"b{i}"] = W, b
        np.savez(path, **arrays)

    @classmethod
    def load(cls, path) -> "Network":
        """Load a network written by :meth:`save` (read with ``allow_pickle=False``)."""
        with np.load(path, allow_pickle=False) as data:
            config = json.loads(str(data["config"]))
            layers = []
            for entry in config:
                if entry["type"] == "Dense":
                    layers.append(
                        Dense(entry["n_in"], entry["n_out"], entry["activation"], init="zeros")
                    )
                elif entry["type"] == "Dropout":
                    layers.append(Dropout(entry["rate"]))
                else:
                    raise ValueError(f"Unknown layer type {entry['type']!r} in {path}.")
            net = cls(layers)
            net.set_weights([(data[f"W{i}"], data[f"b{i}"]) for i in range(len(net.dense_layers))])
        return net

    # ----------------------------------------------------------------- training
    def fit(self, X, y, **kwargs):
        """Train the network; see :func:`nn_course.training.fit` for the arguments.

        Returns the training :class:`~nn_course.history.History`. The one method that reaches
        up to the training module (imported here, so that training.py can import Network).
        """
        from .training import fit

        return fit(self, X, y, **kwargs)
