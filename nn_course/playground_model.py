"""The playground without widgets: data, features, network, trainer and history.

:class:`PlaygroundModel` is what the playground widget trains and draws; on its own it runs
headless (a notebook cell comparing settings, a test, a benchmark) and stores nothing in the
notebook. A configuration is a plain dict (:data:`DEFAULT_STATE`), the playground's "URL".

Coordinates: the data sets of :mod:`nn_course.datasets` (values in about [-1.5, 1.5]) are
multiplied by :data:`SCALE` = 5, so the data fill the plane [-6, 6] x [-6, 6] as in the
original TensorFlow Playground. That makes ``sin(x1)`` a real wave (about two periods across the
plane) rather than a nearly straight line; the squares reach 36, so large learning rates
diverge quickly when they are switched on, which is worth seeing too.

Classification uses one sigmoid output and binary cross-entropy (labels 0/1); multi-class
classification (3 to 5 classes) one softmax output per class and cross-entropy (labels
0..k-1); regression a linear output and mean squared error.

Your own data: ``PlaygroundModel(data=(X, y))`` (or :meth:`PlaygroundModel.set_data`) with
points (n, 2) and labels (n,), checked by :func:`nn_course.playground_data.check_data`; the data
set is then ``"custom"`` and the state holds the points (``state["data"]``), so
:meth:`get_state` / ``set_state`` rebuild it exactly.

See notebook 12_playground.
"""

from __future__ import annotations

import copy
import threading

import numpy as np

from .features import features
from .layers import Dense, Dropout
from .network import Network
from .playground_code import playground_code
from .playground_settings import (  # noqa: F401 (the settings stay importable from here)
    ACTIVATIONS,
    CLASS_ARGS,
    CUSTOM,
    DATASETS,
    DEFAULT_STATE,
    DROPOUT_RATES,
    EXTENT,
    GRID,
    INITS,
    LEARNING_RATES,
    MAX_LAYERS,
    MAX_NEURONS,
    N_POINTS,
    OPTIMIZERS,
    PROBLEMS,
    REGULARIZATION_RATES,
    SCALE,
    THUMB_STEP,
    _check_epochs,
    _checked_common,
    _checked_custom,
    checked_state,
    _class_kwargs,
    _make_data,
    _noise_std,
    data_state,
)
from .training import Trainer

__all__ = [
    "PlaygroundModel",
    "DATASETS",
    "LEARNING_RATES",
    "REGULARIZATION_RATES",
    "ACTIVATIONS",
    "OPTIMIZERS",
    "INITS",
    "SCALE",
    "EXTENT",
    "GRID",
    "N_POINTS",
    "MAX_LAYERS",
    "MAX_NEURONS",
    "DEFAULT_STATE",
    "DROPOUT_RATES",
]

class PlaygroundModel:
    """The playground without widgets: data, features, network, trainer and history.

    For headless runs (comparisons in a notebook cell, tests, benchmarks): no widget is
    created, so nothing is sent to the browser or stored in the notebook. The playground widget
    (:func:`nn_course.widgets.playground`) holds one of these as its ``model`` and adds the
    controls and views.

    Parameters
    ----------
    state : dict, optional
        A configuration (see :data:`DEFAULT_STATE`); ``**settings`` override its keys.

    >>> m = PlaygroundModel(dataset="xor", features=["x1*x2"], hidden=[])
    >>> m.run_epochs(30)
    >>> m.summary()["test_accuracy"] > 0.9
    True
    """

    def __init__(self, state: dict | None = None, data=None, **settings):
        #: Held while the model trains or changes (the widget's play loop trains in the background).
        self.lock = threading.RLock()
        self.state = copy.deepcopy(DEFAULT_STATE)
        merged = {**(state or {}), **settings}
        if data is not None:
            merged.update(data_state(*data, merged.get("problem")))
        self.set_state(merged)

    def set_data(self, X, y, problem: str | None = None) -> None:
        """Use your own points ``X`` (n, 2) and labels ``y`` (n,); a bad input raises a
        ValueError and the current data stay. Points beyond the plane [-6, 6]^2 are scaled
        down to fit. ``problem`` defaults to what the labels are (0/1: classification, 0..k-1
        with k >= 3: multiclass, other numbers: regression)."""
        self.set_state(data_state(X, y, problem))

    def set_state(self, state: dict) -> None:
        """Apply a state dict (as :meth:`get_state` returns; missing keys keep their value)."""
        with self.lock:
            new = self._checked(state)
            weights = new.pop("weights", None)
            self.state.update(new)
            self.new_data()
            self.reset(weights)

    def run_epochs(self, n: int) -> None:
        """Train ``n`` epochs (stops early if the loss diverges)."""
        n = _check_epochs(n)
        with self.lock:
            self._train(n)

    def summary(self) -> dict:
        """Epoch, losses and (for classification) accuracies, rounded to 4 decimals."""
        with self.lock, np.errstate(all="ignore"):
            result = {
                "epoch": self.epoch,
                "train_loss": round(self.train_loss, 4),
                "test_loss": round(self.test_loss, 4),
            }
            if self.state["problem"] != "regression" and not self.diverged:
                result["train_accuracy"] = round(self.net.accuracy(self.F_train, self.y_train), 4)
                result["test_accuracy"] = round(self.net.accuracy(self.F_test, self.y_test), 4)
            return result

    def __repr__(self) -> str:
        s = self.state
        return (
            f"{type(self).__name__}(dataset={s['dataset']!r}, features={s['features']!r}, "
            f"hidden={s['hidden']!r}, activation={s['activation']!r}, epoch={self.epoch})"
        )

    # ------------------------------------------------------------------ state
    _checked = staticmethod(checked_state)

    def get_state(self, include_weights: bool = False) -> dict:
        """The configuration as a plain, JSON-able dict (the playground's "URL").

        ``playground(state=d)`` or :meth:`set_state` rebuilds it: same data, same initial
        weights, so the same training gives the same losses. With ``include_weights`` the
        current weights (lists of lists) and the epoch are included too.
        """
        with self.lock:
            state = {k: (list(v) if isinstance(v, list) else v) for k, v in self.state.items()}
            if include_weights:
                state["weights"] = [[W.tolist(), b.tolist()] for W, b in self.net.get_weights()]
                state["epoch"] = self.epoch
            return state

    # ------------------------------------------------------------------ model
    @property
    def loss_name(self) -> str:
        return {
            "classification": "binary_cross_entropy",
            "multiclass": "cross_entropy",
            "regression": "mse",
        }[self.state["problem"]]

    @property
    def n_outputs(self) -> int:
        """1, or one output per class for a multi-class problem."""
        return self.state["n_classes"] if self.state["problem"] == "multiclass" else 1

    def layer_activations(self) -> list[str]:
        """The activation of every hidden layer: ``state["activations"]`` (kept as long as
        ``hidden``: new layers take ``state["activation"]``), or ``state["activation"]`` for
        all when it is None."""
        s = self.state
        n = len(s["hidden"])
        if s["activations"] is None:
            return [s["activation"]] * n
        acts = list(s["activations"][:n]) + [s["activation"]] * (n - len(s["activations"]))
        s["activations"] = acts
        return acts

    def layer_dropouts(self) -> list[float]:
        """The dropout rate after every hidden layer (``state["dropout"]``, kept as long as
        ``hidden``; None: 0 everywhere). Dropout acts in training only."""
        s = self.state
        n = len(s["hidden"])
        if s["dropout"] is None:
            return [0.0] * n
        rates = list(s["dropout"][:n]) + [0.0] * (n - len(s["dropout"]))
        s["dropout"] = rates
        return rates

    @property
    def output_activation(self) -> str:
        return {"classification": "sigmoid", "multiclass": "softmax", "regression": "linear"}[
            self.state["problem"]
        ]

    @property
    def penalties(self) -> tuple[float, float]:
        """(l1, l2) from the regularization choice and rate."""
        kind, rate = self.state["regularization"], float(self.state["reg_rate"])
        return (rate if kind == "L1" else 0.0, rate if kind == "L2" else 0.0)

    def new_data(self) -> None:
        """Draw the data of the current configuration (data set, noise, split, data seed)."""
        s = self.state
        self.X_train, self.X_test, self.y_train, self.y_test = _make_data(
            s["dataset"], s["noise"], s["train_ratio"], s["data_seed"], s["n_classes"], s["data"]
        )
        if s["problem"] != "regression":
            self.y_train = self.y_train.astype(np.int64)
            self.y_test = self.y_test.astype(np.int64)
        side = np.linspace(-EXTENT, EXTENT, GRID)
        gx, gy = np.meshgrid(side, side[::-1])  # row 0 at the top: x2 = +6
        #: The plane's grid points (GRID * GRID, 2), row 0 at the top; the maps are drawn on it.
        self.grid = np.c_[gx.ravel(), gy.ravel()]

    def _feature_arrays(self) -> None:
        names = self.state["features"]
        self.F_train = features(self.X_train, names)
        self.F_test = features(self.X_test, names)
        self.F_grid = features(self.grid, names)

    def reset(self, weights=None) -> None:
        """A fresh network, optimizer and history (epoch 0) for the current configuration."""
        s = self.state
        self._feature_arrays()
        sizes = [len(s["features"]), *s["hidden"], self.n_outputs]
        acts = [*self.layer_activations(), self.output_activation]
        rng = np.random.default_rng(s["seed"])  # as Network.from_sizes draws them
        rates = [*self.layer_dropouts(), 0.0]
        layers = []
        for i, act in enumerate(acts):
            layers.append(Dense(sizes[i], sizes[i + 1], act, s["init"], rng))
            if rates[i]:
                layers.append(Dropout(rates[i]))
        self.net = Network(layers)
        if weights is not None:
            self.net.set_weights([(np.asarray(W), np.asarray(b)) for W, b in weights])
        l1, l2 = self.penalties
        self.trainer = Trainer(
            self.net,
            self.loss_name,
            s["optimizer"],
            learning_rate=s["learning_rate"],
            l1=l1,
            l2=l2,
            rng=s["seed"],
        )
        self.epoch = 0
        self.history = {"train_loss": [], "test_loss": [], "grad_norms": []}
        self._record()

    @property
    def network(self) -> Network:
        """The live network (changes as it trains); :meth:`export_network` gives a copy."""
        return self.net

    def export_network(self) -> Network:
        """An independent copy of the current network, for inspection in the kernel."""
        with self.lock:
            return self.net.copy()

    def load_network(self, net: Network, features_used=None) -> None:
        """Load a Network: its layer sizes and activation become the playground's.

        Parameters
        ----------
        net : Network
            Dense layers only: 0 to 6 hidden layers of 1 to 8 neurons, each with an activation
            from relu/tanh/sigmoid/linear, and one output (sigmoid: classification, linear:
            regression).
        features_used : list of str, optional
            The feature names its inputs are (default: the current features, which must then be
            as many as the network's inputs).
        """
        if not isinstance(net, Network):
            raise TypeError(f"load_network needs a Network; got {type(net).__name__}.")
        dense = net.dense_layers
        if len(dense) != len(net.layers):
            raise ValueError("load_network takes networks of Dense layers only (no Dropout).")
        sizes = net.layer_sizes
        hidden = sizes[1:-1]
        if sizes[-1] != 1:
            raise ValueError(
                f"The playground's networks have one output; this one has {sizes[-1]}."
            )
        acts = [layer.activation.name for layer in dense[:-1]]
        if any(a not in ACTIVATIONS for a in acts):
            raise ValueError(f"Hidden layers must use activations from {ACTIVATIONS}; got {acts}.")
        out = dense[-1].activation.name
        if out not in ("sigmoid", "linear"):
            raise ValueError(
                f"The output activation must be 'sigmoid' (classification) or 'linear' "
                f"(regression); got {out!r}."
            )
        names = list(features_used) if features_used is not None else list(self.state["features"])
        if len(names) != sizes[0]:
            raise ValueError(
                f"The network has {sizes[0]} inputs but {len(names)} features are on "
                f"({names}); pass features_used=[...] with {sizes[0]} names."
            )
        problem = "classification" if out == "sigmoid" else "regression"
        new = {"hidden": hidden, "features": names, "problem": problem}
        if acts:
            new["activation"] = acts[0]
            new["activations"] = acts if len(set(acts)) > 1 else None
        if DATASETS[self.state["dataset"]][0] != problem:
            new["dataset"] = "circle" if problem == "classification" else "plane"
        new["weights"] = [(W.copy(), b.copy()) for W, b in net.get_weights()]
        self.set_state(new)

    # ------------------------------------------------------------------ training
    def _record(self) -> None:
        """Append the losses (no penalty) and per-layer gradient sizes of the current weights."""
        loss = self.loss_name
        with np.errstate(all="ignore"):
            train, grads = self.net.loss_and_gradients(self.F_train, self.y_train, loss)
            test = self.net.loss(self.F_test, self.y_test, loss)
            norms = [float(np.mean(np.abs(g["W"]))) for g in grads if "W" in g]
        self.history["train_loss"].append(float(train))
        self.history["test_loss"].append(float(test))
        self.history["grad_norms"].append(norms)

    @property
    def train_loss(self) -> float:
        return self.history["train_loss"][-1]

    @property
    def test_loss(self) -> float:
        return self.history["test_loss"][-1]

    @property
    def diverged(self) -> bool:
        """True once the training loss is no longer a finite number."""
        return not np.isfinite(self.train_loss)

    def _train(self, n_epochs: int) -> None:
        batch = min(self.state["batch_size"], len(self.F_train))
        for _ in range(n_epochs):
            if self.diverged:
                break
            with np.errstate(all="ignore"):
                self.trainer.train_epoch(self.F_train, self.y_train, batch)
            self.epoch += 1
            self._record()

    # ------------------------------------------------------------------ show the code
    def code(self, epochs: int | None = None) -> str:
        """The nn_course lines that rebuild this configuration and train it.

        Running them gives the same losses as pressing step ``epochs`` times (default: the
        current epoch count, at least 1) after a reset, as long as no training setting was
        changed in between.
        """
        return playground_code(self, epochs)
