"""The playground: a TensorFlow-Playground-style lab for small networks, inside the notebook.

Pick a data set, choose input features, add layers and neurons, set the activation, the
learning rate, regularisation, the optimizer and the weight initialisation, then press play
and watch the network learn: the decision map, every neuron's own heatmap, the weights as
coloured lines, the loss curves and the gradient size of every layer update live.

Everything is plain Python you can read and drive from code::

    pg = playground(dataset="spiral", hidden=[8, 8], activation="tanh")
    pg.run_epochs(100)                    # train headlessly (no browser needed)
    state = pg.get_state()                # a plain dict: the playground's "URL"
    pg2 = playground(state=state)         # the same configuration, ready to train
    net = pg.export_network()             # a copy of the trained Network
    print(pg.code())                      # the nn_course lines that do the same thing

Coordinates: the data sets of :mod:`nn_course.datasets` (values in about [-1.5, 1.5]) are
multiplied by :data:`SCALE` = 5, so the data fill the plane [-6, 6] x [-6, 6] as in the
original TensorFlow Playground. That makes ``sin(x1)`` a real wave (about two periods across the
plane) rather than a nearly straight line; the squares reach 36, so large learning rates
diverge quickly when they are switched on, which is worth seeing too.

Classification uses one sigmoid output and binary cross-entropy (labels 0/1); regression a
linear output and mean squared error. Colours: orange is positive (class 1), blue negative
(class 0), everywhere: data, heatmaps, weights.

While playing, training runs as an asyncio task on the kernel's event loop (the kernel stays
free for other cells); without a running loop (a plain Python script, a test) it runs in a
background thread. Either way :meth:`Playground.pause` stops it.

See notebook 12_playground.
"""

from __future__ import annotations

import asyncio
import copy
import html
import threading
import time

import ipywidgets as widgets
import numpy as np
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from .. import datasets
from ..network import Network
from ..plotting import PALETTE
from ..training import Trainer
from . import _playground_render as render
from ._base import VIEW_CLASS, Explorer


__all__ = ["playground", "Playground", "PlaygroundModel", "features", "FEATURES", "DATASETS",
           "LEARNING_RATES", "REGULARIZATION_RATES", "SCALE", "DEFAULT_STATE"]

#: Data-set coordinates are multiplied by this: the playground's plane is [-6, 6]^2.
SCALE = 5.0
EXTENT = 6.0
N_POINTS = 500
GRID = 100          # resolution of the output heatmap
THUMB_STEP = 3      # neuron heatmaps use every 3rd grid point (34 x 34)
MAX_LAYERS = 6
MAX_NEURONS = 8

#: name -> (problem type, generator, noise std at 0 % and at 100 % noise)
DATASETS = {
    "circle": ("classification", datasets.circles, 0.0, 0.5),
    "xor": ("classification", datasets.xor, 0.0, 0.5),
    "gaussian": ("classification", datasets.gaussians, 0.18, 0.82),
    "spiral": ("classification", datasets.spirals, 0.0, 0.5),
    "plane": ("regression", datasets.plane, 0.0, 1.0),
    "multi_gaussian": ("regression", datasets.multi_gaussian, 0.0, 1.0),
}
_DATASET_LABELS = {
    "circle": "Circle", "xor": "XOR", "gaussian": "Two Gaussians", "spiral": "Spiral",
    "plane": "Plane (regression)", "multi_gaussian": "Multi-Gaussian (regression)",
}

#: Input features, computed from the two coordinates (in the playground's [-6, 6] plane).
FEATURES = {
    "x1": lambda X: X[:, 0],
    "x2": lambda X: X[:, 1],
    "x1^2": lambda X: X[:, 0] ** 2,
    "x2^2": lambda X: X[:, 1] ** 2,
    "x1*x2": lambda X: X[:, 0] * X[:, 1],
    "sin(x1)": lambda X: np.sin(X[:, 0]),
    "sin(x2)": lambda X: np.sin(X[:, 1]),
}
_FEATURE_LABELS = {"x1": "x₁", "x2": "x₂", "x1^2": "x₁²", "x2^2": "x₂²", "x1*x2": "x₁x₂",
                   "sin(x1)": "sin(x₁)", "sin(x2)": "sin(x₂)"}

#: The TensorFlow Playground's choices.
LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
REGULARIZATION_RATES = [0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
ACTIVATIONS = ["relu", "tanh", "sigmoid", "linear"]
OPTIMIZERS = ["sgd", "momentum", "adam"]
INITS = ["glorot_uniform", "he_normal", "normal", "zeros"]

DEFAULT_STATE = {
    "dataset": "circle",
    "problem": "classification",
    "noise": 0,
    "train_ratio": 50,
    "batch_size": 10,
    "show_test": False,
    "discretize": False,
    "features": ["x1", "x2"],
    "hidden": [4, 2],
    "activation": "tanh",
    "learning_rate": 0.03,
    "regularization": "none",
    "reg_rate": 0.0,
    "optimizer": "sgd",
    "init": "glorot_uniform",
    "seed": 0,
    "data_seed": 0,
}


def features(X, names) -> np.ndarray:
    """The input features the playground feeds to the network, shape (n_samples, len(names)).

    Parameters
    ----------
    X : array_like (n_samples, 2)
        Points in the playground's plane (data-set coordinates times :data:`SCALE`).
    names : list of str
        From ``FEATURES``: "x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)".

    >>> features(np.array([[1.0, 2.0]]), ["x1", "x1*x2", "x2^2"]).tolist()
    [[1.0, 2.0, 4.0]]
    """
    X = np.asarray(X, dtype=np.float64)
    unknown = [n for n in names if n not in FEATURES]
    if unknown or not names:
        raise ValueError(f"features must be a non-empty list from {list(FEATURES)}; got {names!r}.")
    return np.column_stack([FEATURES[n](X) for n in names])


def _noise_std(dataset: str, percent: float) -> float:
    _, _, low, high = DATASETS[dataset]
    return round(low + (high - low) * percent / 100.0, 4)


def _make_data(dataset: str, noise_percent: float, train_ratio: float, data_seed: int):
    """Generate, scale and split a data set exactly as :meth:`Playground.code` writes it."""
    _, generator, _, _ = DATASETS[dataset]
    data_rng = np.random.default_rng(data_seed)
    X, y = generator(N_POINTS, noise=_noise_std(dataset, noise_percent), rng=data_rng)
    X = SCALE * X
    test_fraction = round(1 - train_ratio / 100, 2)
    return datasets.train_test_split(X, y, test_fraction=test_fraction, rng=data_rng)


_UNSET = object()


def _check_epochs(n) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"n must be an int >= 0; got {n!r}.")
    return int(n)


def _fmt_loss(value: float) -> str:
    return f"{value:.3f}" if abs(value) < 1000 else f"{value:.3g}"


def _lr_label(value: float) -> str:
    return f"{value:g}"


class PlaygroundModel:
    """The playground without widgets: data, features, network, trainer and history.

    For headless runs (comparisons in a notebook cell, tests, benchmarks): no widget is
    created, so nothing is sent to the browser or stored in the notebook. :class:`Playground`
    is this plus the controls and views.

    Parameters
    ----------
    state : dict, optional
        A configuration (see :data:`DEFAULT_STATE`); ``**settings`` override its keys.

    >>> m = PlaygroundModel(dataset="xor", features=["x1*x2"], hidden=[])
    >>> m.run_epochs(30)
    >>> m.summary()["test_accuracy"] > 0.9
    True
    """

    def __init__(self, state: dict | None = None, **settings):
        self._lock = threading.RLock()
        self._points_cache = None
        self.state = copy.deepcopy(DEFAULT_STATE)
        merged = {**(state or {}), **settings}
        new = self._checked(merged)
        weights = new.pop("weights", None)
        self.state.update(new)
        self._make_data()
        self._rebuild_network(weights)

    def set_state(self, state: dict) -> None:
        """Apply a state dict (as :meth:`get_state` returns; missing keys keep their value)."""
        with self._lock:
            new = self._checked(state)
            weights = new.pop("weights", None)
            self.state.update(new)
            self._make_data()
            self._rebuild_network(weights)

    def run_epochs(self, n: int) -> None:
        """Train ``n`` epochs (stops early if the loss diverges)."""
        n = _check_epochs(n)
        with self._lock:
            self._train(n)

    def summary(self) -> dict:
        """Epoch, losses and (for classification) accuracies, rounded to 4 decimals."""
        with self._lock, np.errstate(all="ignore"):
            result = {"epoch": self.epoch, "train_loss": round(self.train_loss, 4),
                      "test_loss": round(self.test_loss, 4)}
            if self.state["problem"] == "classification" and not self.diverged:
                result["train_accuracy"] = round(self.net.accuracy(self.F_train, self.y_train), 4)
                result["test_accuracy"] = round(self.net.accuracy(self.F_test, self.y_test), 4)
            return result

    def __repr__(self) -> str:
        s = self.state
        return (f"{type(self).__name__}(dataset={s['dataset']!r}, features={s['features']!r}, "
                f"hidden={s['hidden']!r}, activation={s['activation']!r}, epoch={self.epoch})")

    # ------------------------------------------------------------------ state
    @staticmethod
    def _checked(state: dict) -> dict:
        """Validate a state dict (unknown keys or bad values raise ValueError)."""
        state = dict(state)
        allowed = set(DEFAULT_STATE) | {"weights", "epoch"}
        unknown = sorted(set(state) - allowed)
        if unknown:
            raise ValueError(f"Unknown playground state keys {unknown}; allowed: {sorted(allowed)}.")
        state.pop("epoch", None)
        choices = {"dataset": list(DATASETS), "problem": ["classification", "regression"],
                   "activation": ACTIVATIONS, "learning_rate": LEARNING_RATES,
                   "regularization": ["none", "L1", "L2"], "reg_rate": REGULARIZATION_RATES,
                   "optimizer": OPTIMIZERS, "init": INITS}
        for key, options in choices.items():
            if key in state and state[key] not in options:
                raise ValueError(f"state[{key!r}] must be one of {options}; got {state[key]!r}.")
        if "dataset" in state and "problem" not in state:
            state["problem"] = DATASETS[state["dataset"]][0]
        if "dataset" in state and DATASETS[state["dataset"]][0] != state["problem"]:
            raise ValueError(f"dataset {state['dataset']!r} is a {DATASETS[state['dataset']][0]} "
                             f"data set; got problem {state['problem']!r}.")
        ranges = {"noise": (0, 50, 5), "train_ratio": (10, 90, 10), "batch_size": (1, 30, 1)}
        for key, (lo, hi, step) in ranges.items():
            if key in state:
                v = state[key]
                if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or not lo <= v <= hi \
                        or (v - lo) % step:
                    raise ValueError(f"state[{key!r}] must be an int in {lo}..{hi} in steps of {step}; "
                                     f"got {v!r}.")
                state[key] = int(v)
        if "hidden" in state:
            hidden = [int(n) for n in state["hidden"]]
            if len(hidden) > MAX_LAYERS or any(not 1 <= n <= MAX_NEURONS for n in hidden):
                raise ValueError(f"state['hidden'] must list 0 to {MAX_LAYERS} layer sizes, each 1 to "
                                 f"{MAX_NEURONS}; got {state['hidden']!r}.")
            state["hidden"] = hidden
        if "features" in state:
            names = list(state["features"])
            if not names or any(n not in FEATURES for n in names):
                raise ValueError(f"state['features'] must be a non-empty list from {list(FEATURES)}; "
                                 f"got {names!r}.")
            state["features"] = [n for n in FEATURES if n in names]  # canonical order
        for key in ("seed", "data_seed"):
            if key in state:
                state[key] = int(state[key])
        for key in ("show_test", "discretize"):
            if key in state:
                state[key] = bool(state[key])
        return state

    def get_state(self, include_weights: bool = False) -> dict:
        """The configuration as a plain, JSON-able dict (the playground's "URL").

        ``playground(state=d)`` or :meth:`set_state` rebuilds it: same data, same initial
        weights, so the same training gives the same losses. With ``include_weights`` the
        current weights (lists of lists) and the epoch are included too.
        """
        with self._lock:
            state = {k: (list(v) if isinstance(v, list) else v) for k, v in self.state.items()}
            if include_weights:
                state["weights"] = [[W.tolist(), b.tolist()] for W, b in self.net.get_weights()]
                state["epoch"] = self.epoch
            return state

    # ------------------------------------------------------------------ model
    @property
    def loss_name(self) -> str:
        return "binary_cross_entropy" if self.state["problem"] == "classification" else "mse"

    @property
    def penalties(self) -> tuple[float, float]:
        """(l1, l2) from the regularization choice and rate."""
        kind, rate = self.state["regularization"], float(self.state["reg_rate"])
        return (rate if kind == "L1" else 0.0, rate if kind == "L2" else 0.0)

    def _make_data(self) -> None:
        s = self.state
        self.X_train, self.X_test, self.y_train, self.y_test = _make_data(
            s["dataset"], s["noise"], s["train_ratio"], s["data_seed"])
        side = np.linspace(-EXTENT, EXTENT, GRID)
        gx, gy = np.meshgrid(side, side[::-1])   # row 0 at the top: x2 = +6
        self._grid = np.c_[gx.ravel(), gy.ravel()]
        self._points_cache = None

    def _feature_arrays(self) -> None:
        names = self.state["features"]
        self.F_train = features(self.X_train, names)
        self.F_test = features(self.X_test, names)
        self.F_grid = features(self._grid, names)

    def _rebuild_network(self, weights=None) -> None:
        """A fresh network, optimizer and history (epoch 0) for the current configuration."""
        s = self.state
        self._feature_arrays()
        output = "sigmoid" if s["problem"] == "classification" else "linear"
        init = s["init"]
        self.net = Network.from_sizes([len(s["features"]), *s["hidden"], 1], activation=s["activation"],
                                      output_activation=output, init=init, rng=s["seed"])
        if weights is not None:
            self.net.set_weights([(np.asarray(W), np.asarray(b)) for W, b in weights])
        l1, l2 = self.penalties
        self.trainer = Trainer(self.net, self.loss_name, s["optimizer"], learning_rate=s["learning_rate"],
                               l1=l1, l2=l2, rng=s["seed"])
        self.epoch = 0
        self.history = {"train_loss": [], "test_loss": [], "grad_norms": []}
        self._record()

    @property
    def network(self) -> Network:
        """The live network (changes as it trains); :meth:`export_network` gives a copy."""
        return self.net

    def export_network(self) -> Network:
        """An independent copy of the current network, for inspection in the kernel."""
        with self._lock:
            return self.net.copy()

    def load_network(self, net: Network, features_used=None) -> None:
        """Load a Network: its layer sizes and activation become the playground's.

        Parameters
        ----------
        net : Network
            Dense layers only: 0 to 6 hidden layers of 1 to 8 neurons with one activation from
            relu/tanh/sigmoid/linear, and one output (sigmoid: classification, linear:
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
            raise ValueError(f"The playground's networks have one output; this one has {sizes[-1]}.")
        acts = {layer.activation.name for layer in dense[:-1]}
        if len(acts) > 1 or (acts and next(iter(acts)) not in ACTIVATIONS):
            raise ValueError(f"Hidden layers must share one activation from {ACTIVATIONS}; got {sorted(acts)}.")
        out = dense[-1].activation.name
        if out not in ("sigmoid", "linear"):
            raise ValueError(f"The output activation must be 'sigmoid' (classification) or 'linear' "
                             f"(regression); got {out!r}.")
        names = list(features_used) if features_used is not None else list(self.state["features"])
        if len(names) != sizes[0]:
            raise ValueError(f"The network has {sizes[0]} inputs but {len(names)} features are on "
                             f"({names}); pass features_used=[...] with {sizes[0]} names.")
        problem = "classification" if out == "sigmoid" else "regression"
        new = {"hidden": hidden, "features": names, "problem": problem}
        if acts:
            new["activation"] = next(iter(acts))
        if DATASETS[self.state["dataset"]][0] != problem:
            new["dataset"] = "circle" if problem == "classification" else "plane"
        new["weights"] = [(W.copy(), b.copy()) for W, b in net.get_weights()]
        self.set_state(new)

    # ------------------------------------------------------------------ training
    def _record(self) -> None:
        """Append the losses (no penalty) and per-layer gradient sizes of the current weights."""
        loss = self.loss_name
        with np.errstate(all="ignore"):
            train = self.net.loss(self.F_train, self.y_train, loss)
            test = self.net.loss(self.F_test, self.y_test, loss)
            _, grads = self.net._loss_and_gradients(self.F_train, self.y_train, loss)
            norms = [float(np.mean(np.abs(g["W"]))) for g in grads]
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
        s = self.state
        epochs = max(self.epoch, 1) if epochs is None else int(epochs)
        gen = DATASETS[s["dataset"]][1].__name__
        output = "sigmoid" if s["problem"] == "classification" else "linear"
        l1, l2 = self.penalties
        penalty = (f", l1={l1:g}" if l1 else "") + (f", l2={l2:g}" if l2 else "")
        sizes = [len(s["features"]), *s["hidden"], 1]
        return "\n".join([
            "import numpy as np",
            "from nn_course import Network, datasets",
            "from nn_course.training import Trainer",
            "from nn_course.widgets.playground import features",
            "",
            f"data_rng = np.random.default_rng({s['data_seed']})",
            f"X, y = datasets.{gen}({N_POINTS}, noise={_noise_std(s['dataset'], s['noise'])}, rng=data_rng)",
            f"X = {SCALE:g} * X  # the playground's plane: [-6, 6] x [-6, 6]",
            "X_train, X_test, y_train, y_test = datasets.train_test_split(",
            f"    X, y, test_fraction={round(1 - s['train_ratio'] / 100, 2)}, rng=data_rng)",
            f"names = {s['features']!r}",
            "F_train, F_test = features(X_train, names), features(X_test, names)",
            "",
            f"net = Network.from_sizes({sizes}, activation={s['activation']!r},",
            f"                         output_activation={output!r}, init={s['init']!r}, rng={s['seed']})",
            f"trainer = Trainer(net, {self.loss_name!r}, {s['optimizer']!r}, "
            f"learning_rate={s['learning_rate']:g}{penalty}, rng={s['seed']})",
            f"for epoch in range({epochs}):",
            f"    trainer.train_epoch(F_train, y_train, batch_size={min(s['batch_size'], len(self.F_train))})",
            f"print('train loss', round(net.loss(F_train, y_train, {self.loss_name!r}), 4))",
            f"print('test loss', round(net.loss(F_test, y_test, {self.loss_name!r}), 4))",
        ])


class Playground(PlaygroundModel, Explorer):
    """The playground widget (build it with :func:`playground`): a :class:`PlaygroundModel`
    with controls and live views.

    Attributes
    ----------
    controls : dict
        Every control by name: "dataset", "noise", "train_ratio", "batch_size", "regenerate",
        "show_test", "discretize", the features "x1" ... "sin(x2)", "add_layer",
        "remove_layer", "plus_1".."plus_6", "minus_1".."minus_6", "activation",
        "learning_rate", "regularization", "reg_rate", "problem", "optimizer", "init",
        "play", "step", "reset", "show_code", "export".
    network : Network
        The live network being trained (use :meth:`export_network` for a copy).
    epoch : int
    history : dict of lists
        "train_loss", "test_loss" and "grad_norms" (one list of per-layer mean |dL/dW| per epoch).
    """

    #: Seconds between frames while playing (at most 25 redraws a second).
    frame_interval = 0.04
    #: Training epochs between two redraws while playing.
    epochs_per_frame = 1

    _widget_protocol = False

    def __init__(self, state: dict | None = None):
        self._quiet = False
        self._playing = False
        self._task = None
        self._thread = None
        self._message = ""
        PlaygroundModel.__init__(self, state)
        self._build_controls()
        self._build_views()
        Explorer.__init__(self, self._layout(), self._controls_dict, self._redraw)

    # ipywidgets calls ``get_state()`` / ``set_state(sync_data)`` on every widget to talk to
    # the browser. The playground's own get_state/set_state (configuration dicts) answer the
    # learner; calls from the widget protocol are recognised and passed to ipywidgets.
    def open(self) -> None:
        self._widget_protocol = True
        try:
            super().open()
        finally:
            self._widget_protocol = False

    def get_state(self, key=_UNSET, drop_defaults=_UNSET, *, include_weights: bool = False) -> dict:
        """The configuration as a plain, JSON-able dict; see :meth:`PlaygroundModel.get_state`."""
        if self._widget_protocol or key is not _UNSET or drop_defaults is not _UNSET:
            return widgets.Widget.get_state(self, None if key is _UNSET else key,
                                            False if drop_defaults is _UNSET else drop_defaults)
        return PlaygroundModel.get_state(self, include_weights)

    # ------------------------------------------------------------------ building
    def _build_controls(self) -> None:
        s = self.state
        # Layouts and styles are shared between controls: every one is a model the browser
        # (and a saved notebook) must hold, and most are identical.
        narrow = widgets.Layout(width="220px")
        style = DescriptionStyle(description_width="78px")
        slider_style = widgets.SliderStyle(description_width="78px")
        button_style = widgets.ButtonStyle()
        check_style = CheckboxStyle()
        html_style = HTMLStyle()
        self._shared = {"html_style": html_style, "plain": widgets.Layout()}

        def button(**kwargs):
            return widgets.Button(style=button_style, **kwargs)

        c = {}
        c["dataset"] = widgets.Dropdown(
            options=[(_DATASET_LABELS[k], k) for k in DATASETS], value=s["dataset"],
            description="Data", layout=narrow, style=style)
        c["noise"] = widgets.IntSlider(value=s["noise"], min=0, max=50, step=5, description="Noise %",
                                       layout=narrow, style=slider_style)
        c["train_ratio"] = widgets.IntSlider(value=s["train_ratio"], min=10, max=90, step=10,
                                             description="Train %", layout=narrow, style=slider_style)
        c["regenerate"] = button(description="Regenerate", icon="refresh",
                                         tooltip="Draw new points (new data seed)",
                                         layout=widgets.Layout(width="134px"))
        c["show_test"] = widgets.Checkbox(value=s["show_test"], description="Show test data",
                                          indent=False, layout=narrow, style=check_style)
        c["discretize"] = widgets.Checkbox(value=s["discretize"], description="Discretize output",
                                           indent=False, layout=narrow, style=check_style)
        c["batch_size"] = widgets.IntSlider(value=s["batch_size"], min=1, max=30, description="Batch",
                                            layout=narrow, style=slider_style)
        c["learning_rate"] = widgets.SelectionSlider(
            options=[(_lr_label(v), v) for v in LEARNING_RATES], value=s["learning_rate"],
            description="Learn. rate", layout=narrow, style=slider_style)
        c["regularization"] = widgets.Dropdown(options=[("None", "none"), ("L1", "L1"), ("L2", "L2")],
                                               value=s["regularization"], description="Regular.",
                                               layout=narrow, style=style)
        c["reg_rate"] = widgets.Dropdown(options=[(f"{v:g}", v) for v in REGULARIZATION_RATES],
                                         value=s["reg_rate"], description="Reg. rate",
                                         layout=narrow, style=style)
        c["activation"] = widgets.Dropdown(options=ACTIVATIONS, value=s["activation"],
                                           description="Activation", layout=narrow, style=style)
        c["problem"] = widgets.Dropdown(options=[("Classification", "classification"),
                                                 ("Regression", "regression")],
                                        value=s["problem"], description="Problem", layout=narrow,
                                        style=style)
        c["optimizer"] = widgets.Dropdown(options=[("SGD", "sgd"), ("Momentum", "momentum"),
                                                   ("Adam", "adam")],
                                          value=s["optimizer"], description="Optimizer",
                                          layout=narrow, style=style)
        c["init"] = widgets.Dropdown(options=[("Glorot uniform", "glorot_uniform"),
                                              ("He normal", "he_normal"),
                                              ("Normal (std 0.05)", "normal"), ("Zeros", "zeros")],
                                     value=s["init"], description="Init", layout=narrow, style=style)
        feature_layout = widgets.Layout(width="90px")
        for name in FEATURES:
            c[name] = widgets.Checkbox(value=name in s["features"], description=_FEATURE_LABELS[name],
                                       indent=False, layout=feature_layout, style=check_style)
        small = widgets.Layout(width="30px", padding="0")
        c["add_layer"] = button(description="+", tooltip="Add a hidden layer", layout=small)
        c["remove_layer"] = button(description="−", tooltip="Remove a hidden layer", layout=small)
        tiny = widgets.Layout(width="28px", padding="0")
        for i in range(1, MAX_LAYERS + 1):
            c[f"plus_{i}"] = button(description="+", tooltip=f"Add a neuron to layer {i}",
                                            layout=tiny)
            c[f"minus_{i}"] = button(description="−", tooltip=f"Remove a neuron from layer {i}",
                                             layout=tiny)
        c["play"] = button(description="Play", icon="play", button_style="success",
                                   layout=widgets.Layout(width="90px"))
        step_layout = widgets.Layout(width="80px")
        c["step"] = button(description="Step", icon="step-forward", tooltip="Train one epoch",
                           layout=step_layout)
        c["reset"] = button(description="Reset", icon="undo", tooltip="New start: epoch 0",
                            layout=step_layout)
        c["show_code"] = button(description="Show code", icon="code",
                                        tooltip="The nn_course lines for this configuration",
                                        layout=widgets.Layout(width="120px"))
        c["export"] = button(description="Export network", icon="download",
                                     tooltip="Copy the trained network into the variable playground_net",
                                     layout=widgets.Layout(width="150px"))
        self._controls_dict = c
        self._names = {id(w): name for name, w in c.items()}
        handlers = {
            "regenerate": self._on_regenerate, "add_layer": self._on_add_layer,
            "remove_layer": self._on_remove_layer, "play": self._on_play, "step": self._on_step,
            "reset": self._on_reset, "show_code": self._on_show_code, "export": self._on_export,
        }
        for i in range(1, MAX_LAYERS + 1):
            handlers[f"plus_{i}"] = lambda _b, i=i: self._on_neurons(i, +1)
            handlers[f"minus_{i}"] = lambda _b, i=i: self._on_neurons(i, -1)
        for name, handler in handlers.items():
            c[name].on_click(handler)
        self._layers_label = widgets.HTML(layout=self._shared["plain"], style=html_style)
        label_layout = widgets.Layout(width="100%")
        self._neuron_labels = [widgets.HTML(layout=label_layout, style=html_style) for _ in range(MAX_LAYERS)]

    def _view(self, layout: widgets.Layout | None = None) -> widgets.HTML:
        """An HTML view marked as a view. Views that are never hidden share one Layout and one
        style: each widget model is stored in the saved notebook, once per playground."""
        view = widgets.HTML(layout=layout or self._shared["plain"], style=self._shared["html_style"])
        view.add_class(VIEW_CLASS)
        return view

    def _build_views(self) -> None:
        self.stats_view = self._view(widgets.Layout(width="330px"))
        self.network_view = self._view()
        self.output_view = self._view()
        self.curve_view = self._view()
        self.grad_view = self._view()
        self.code_view = self._view(widgets.Layout(display="none", width="100%"))
        self.views = [self.stats_view, self.network_view, self.output_view, self.curve_view,
                      self.grad_view, self.code_view]

    def _layout(self) -> list:
        c = self._controls_dict

        def heading(text):
            return widgets.HTML(f"<b style='letter-spacing:0.05em'>{text}</b>",
                                layout=self._shared["plain"], style=self._shared["html_style"])

        toolbar = widgets.HBox(
            [c["play"], c["step"], c["reset"], self.stats_view, c["problem"]],
            layout=widgets.Layout(align_items="center", flex_flow="row wrap"))
        data = widgets.VBox(
            [heading("DATA"), c["dataset"], c["noise"], c["train_ratio"], c["regenerate"],
             c["show_test"], c["discretize"], heading("TRAINING"), c["batch_size"],
             c["learning_rate"], c["optimizer"], c["activation"], c["regularization"],
             c["reg_rate"], c["init"]],
            layout=widgets.Layout(width="236px"))
        feats = widgets.VBox([heading("FEATURES")] + [c[name] for name in FEATURES],
                             layout=widgets.Layout(width="96px"))
        self._layer_boxes = []
        for i in range(1, MAX_LAYERS + 1):
            box = widgets.VBox(
                [widgets.HBox([c[f"plus_{i}"], c[f"minus_{i}"]], layout=self._shared["plain"]),
                 self._neuron_labels[i - 1]],
                layout=widgets.Layout(width=f"{render.COLUMN}px", align_items="center"))
            self._layer_boxes.append(box)
        offset = render.LEFT + render.NODE / 2 + render.COLUMN - render.COLUMN / 2
        layer_row = widgets.HBox(
            [widgets.Box(layout=widgets.Layout(width=f"{offset:.0f}px"))] + self._layer_boxes,
            layout=self._shared["plain"])
        network = widgets.VBox(
            [widgets.HBox([c["add_layer"], c["remove_layer"], self._layers_label],
                          layout=widgets.Layout(align_items="center")),
             layer_row, self.network_view, self.grad_view],
            layout=widgets.Layout(min_width="300px"))
        output = widgets.VBox([heading("OUTPUT"), self.output_view, self.curve_view],
                              layout=self._shared["plain"])
        main = widgets.HBox([data, feats, network, output],
                            layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))
        bottom = widgets.VBox([widgets.HBox([c["show_code"], c["export"]], layout=self._shared["plain"]),
                               self.code_view], layout=self._shared["plain"])
        return [toolbar, main, bottom]

    def set_state(self, state: dict) -> None:
        """Apply a state dict (as :meth:`get_state` returns; missing keys keep their value).

        Training stops, and the playground restarts at epoch 0 in the new configuration.
        """
        if any(self.has_trait(key) for key in state):  # a widget-protocol update from the browser
            widgets.Widget.set_state(self, state)
            return
        with self._lock:
            self.pause()
            PlaygroundModel.set_state(self, state)
            self._sync_controls()
            self._redraw()

    def _sync_controls(self) -> None:
        """Set every control from ``self.state`` without triggering the handlers."""
        s, c = self.state, self._controls_dict
        self._quiet = True
        try:
            for key in ("dataset", "problem", "noise", "train_ratio", "batch_size", "show_test",
                        "discretize", "activation", "learning_rate", "regularization", "reg_rate",
                        "optimizer", "init"):
                c[key].value = s[key]
            for name in FEATURES:
                c[name].value = name in s["features"]
        finally:
            self._quiet = False

    def run_epochs(self, n: int, redraw: bool = True) -> None:
        """Train ``n`` epochs now (synchronously), then redraw once.

        The headless way to train: tests and notebook cells call this; the play button does
        the same thing one frame at a time in the background. Stops early if the loss diverges.
        """
        n = _check_epochs(n)
        with self._lock:
            self._train(n)
            if redraw:
                self._redraw()

    # ------------------------------------------------------------------ play / pause
    @property
    def playing(self) -> bool:
        return self._playing

    def play(self) -> None:
        """Start training in the background: an asyncio task on the running event loop (the
        Jupyter kernel's), or a daemon thread when no loop is running."""
        with self._lock:
            if self._playing:
                return
            self._playing = True
            self._set_play_button()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None:
            self._task = loop.create_task(self._play_async())
        else:
            self._thread = threading.Thread(target=self._play_thread, name="playground", daemon=True)
            self._thread.start()

    def pause(self) -> None:
        """Stop background training (the current frame finishes first)."""
        with self._lock:
            self._playing = False
            self._set_play_button()

    def wait(self, timeout: float = 5.0) -> None:
        """Block until a background thread started by :meth:`play` has stopped (for scripts)."""
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _set_play_button(self) -> None:
        button = self._controls_dict["play"]
        button.description = "Pause" if self._playing else "Play"
        button.icon = "pause" if self._playing else "play"
        button.button_style = "warning" if self._playing else "success"

    def _frame(self) -> bool:
        """Train one frame's epochs and redraw; return whether to keep playing."""
        with self._lock:
            if not self._playing:
                return False
            try:
                self._train(self.epochs_per_frame)
                if self.diverged:
                    self._message = "The loss diverged (NaN or infinite): lower the learning rate and press reset."
                    self._playing = False
                    self._set_play_button()
                self._redraw()
            except Exception as error:  # keep the kernel alive; say what happened
                self._message = f"Training stopped: {type(error).__name__}: {error}"
                self._playing = False
                self._set_play_button()
                self._draw_stats()
            return self._playing

    async def _play_async(self) -> None:
        while True:
            start = time.perf_counter()
            if not self._frame():
                break
            await asyncio.sleep(max(self.frame_interval - (time.perf_counter() - start), 0.001))

    def _play_thread(self) -> None:
        while True:
            start = time.perf_counter()
            if not self._frame():
                break
            time.sleep(max(self.frame_interval - (time.perf_counter() - start), 0.001))

    def close(self) -> None:
        """Stop playing and close the widget and its children."""
        if getattr(self, "_controls_dict", None) is not None:  # absent if __init__ failed
            self.pause()
            self.wait()
        super().close()

    # ------------------------------------------------------------------ control handlers
    def _on_change(self, change) -> None:
        if self._quiet:
            return
        name = self._names.get(id(change["owner"]))
        with self._lock:
            self._message = ""
            s, c = self.state, self._controls_dict
            value = change["new"]
            if name in FEATURES:
                chosen = [n for n in FEATURES if c[n].value]
                if not chosen:  # the network needs at least one input: keep this one on
                    self._quiet = True
                    c[name].value = True
                    self._quiet = False
                    self._message = "At least one feature must stay on."
                    self._draw_stats()
                    return
                s["features"] = chosen
                self._rebuild_network()
            elif name in ("dataset", "problem"):
                s[name] = value
                if name == "dataset":
                    s["problem"] = DATASETS[value][0]
                elif DATASETS[s["dataset"]][0] != value:
                    s["dataset"] = "circle" if value == "classification" else "plane"
                self._sync_controls()
                self._make_data()
                self._rebuild_network()
            elif name in ("noise", "train_ratio"):
                s[name] = value
                self._make_data()
                self._rebuild_network()
            elif name in ("activation", "init", "optimizer"):
                s[name] = value
                self._rebuild_network()
            elif name == "learning_rate":
                s[name] = value
                self.trainer.optimizer.learning_rate = value
            elif name in ("regularization", "reg_rate"):
                s[name] = value
                self.trainer.l1, self.trainer.l2 = self.penalties
            elif name in ("batch_size", "show_test", "discretize"):
                s[name] = value
            self._redraw()

    def _on_regenerate(self, _button=None) -> None:
        with self._lock:
            self.state["data_seed"] += 1
            self._make_data()
            self._rebuild_network()
            self._redraw()

    def _on_add_layer(self, _button=None) -> None:
        with self._lock:
            if len(self.state["hidden"]) < MAX_LAYERS:
                self.state["hidden"].append(2)
                self._rebuild_network()
            self._redraw()

    def _on_remove_layer(self, _button=None) -> None:
        with self._lock:
            if self.state["hidden"]:
                self.state["hidden"].pop()
                self._rebuild_network()
            self._redraw()

    def _on_neurons(self, layer: int, delta: int) -> None:
        with self._lock:
            hidden = self.state["hidden"]
            if layer <= len(hidden) and 1 <= hidden[layer - 1] + delta <= MAX_NEURONS:
                hidden[layer - 1] += delta
                self._rebuild_network()
            self._redraw()

    def _on_play(self, _button=None) -> None:
        if self._playing:
            self.pause()
        else:
            self.play()

    def _on_step(self, _button=None) -> None:
        with self._lock:
            self.pause()
            self.run_epochs(1)

    def _on_reset(self, _button=None) -> None:
        with self._lock:
            self.pause()
            self._message = ""
            self._rebuild_network()
            self._redraw()

    def _on_show_code(self, _button=None) -> None:
        with self._lock:
            shown = self.code_view.layout.display != "none"
            self.code_view.layout.display = "none" if shown else None
            self._controls_dict["show_code"].description = "Show code" if shown else "Hide code"
            self._draw_code()

    def _on_export(self, _button=None) -> None:
        with self._lock:
            self.exported = self.export_network()
            self._message = "A copy of the network is in pg.exported"
            try:
                from IPython import get_ipython

                shell = get_ipython()
            except ImportError:  # pragma: no cover - IPython comes with the kernel
                shell = None
            if shell is not None:
                shell.user_ns["playground_net"] = self.exported
                self._message = "Exported: the variable playground_net holds a copy of the network."
            self._draw_stats()

    # ------------------------------------------------------------------ drawing
    def _redraw(self) -> None:
        """Draw every view from the current network (one forward pass over the grid)."""
        with self._lock, np.errstate(all="ignore"):
            self._draw_network_and_output()
            self._draw_stats()
            self._draw_charts()
            self._update_layer_buttons()
            if self.code_view.layout.display != "none":
                self._draw_code()

    def _draw_network_and_output(self) -> None:
        s = self.state
        steps = self.net._trace(self.F_grid)
        thumb = np.s_[::THUMB_STEP, ::THUMB_STEP]
        strong = _TABLES["strong"]
        node_images, titles = [], []

        def thumbnail(values2d, lo=-1.0, hi=1.0):
            return render.data_uri(render.heatmap_png(values2d[thumb], strong, lo, hi))

        key = tuple(s["features"])
        if key not in _INPUT_THUMBNAILS:  # the inputs never change: draw each feature once
            images = []
            for j in range(len(key)):
                column = self.F_grid[:, j].reshape(GRID, GRID)
                images.append(thumbnail(column / (float(np.max(np.abs(column))) or 1.0)))
            _INPUT_THUMBNAILS[key] = images
        node_images.append(_INPUT_THUMBNAILS[key])
        titles.append([f"feature {name}" for name in key])
        for k, (step, layer) in enumerate(zip(steps, self.net.layers, strict=True)):
            act = layer.activation.name
            images, names = [], []
            for j in range(step.a.shape[1]):
                a = step.a[:, j].reshape(GRID, GRID)
                if k == len(steps) - 1:
                    values = 2 * a - 1 if act == "sigmoid" else np.clip(a, -1, 1)
                else:
                    centre = 0.5 if act == "sigmoid" else 0.0
                    spread = float(np.nanmax(np.abs(a[thumb] - centre))) if np.isfinite(a).any() else 0.0
                    values = (a - centre) / spread if spread > 1e-12 else a * 0.0
                images.append(thumbnail(values))
                names.append(f"layer {k + 1}, neuron {j + 1}: bias {layer.b[j]:.3g}"
                             if k < len(steps) - 1 else f"output: bias {layer.b[j]:.3g}")
            node_images.append(images)
            titles.append(names)
        self.network_view.value = render.network_svg(
            self.net.layer_sizes, [layer.W for layer in self.net.layers], node_images,
            [_FEATURE_LABELS[n] for n in s["features"]], titles)

        out = steps[-1].a[:, 0].reshape(GRID, GRID)
        if s["problem"] == "classification":
            values = 2 * out - 1
        else:
            values = np.clip(out, -1, 1)
        if s["discretize"]:
            values = np.sign(values)
        uri = render.data_uri(render.heatmap_png(values, _TABLES["light"]))
        if self._points_cache is None:
            self._points_cache = (self._points(self.X_train, self.y_train, "white"),
                                  self._points(self.X_test, self.y_test, "black"))
        points = self._points_cache[0] + (self._points_cache[1] if s["show_test"] else "")
        if s["problem"] == "classification":
            legend = "dots: orange class 1, blue class 0\nbackground: the predicted class"
        else:
            legend = "colour: the value\nblue negative, orange positive"
        if s["show_test"]:
            legend += "; ringed dots: test data"
        title = f"Decision map, epoch {self.epoch}" if s["problem"] == "classification" else \
            f"Predicted value, epoch {self.epoch}"
        self.output_view.value = render.map_svg(uri, points, EXTENT, title, legend=legend)

    def _points(self, X, y, outline: str) -> str:
        if self.state["problem"] == "classification":
            colours = [render.POSITIVE if label == 1 else render.NEGATIVE for label in y]
            return render.points_svg(X, colours, EXTENT, outline=outline)
        colours = [render.hex_colour(float(np.clip(v, -1, 1)), _TABLES["full"]) for v in y]
        if outline == "white":  # values near 0 are white dots: a thin grey ring keeps them visible
            return render.points_svg(X, colours, EXTENT, outline="#777", stroke_width=0.6)
        return render.points_svg(X, colours, EXTENT, outline=outline)

    def _draw_stats(self) -> None:
        s = self.state
        message = f"<div style='color:#a33'>{html.escape(self._message)}</div>" if self._message else ""
        reg = "no regularization" if s["regularization"] == "none" else \
            f"{s['regularization']} {s['reg_rate']:g}"
        self.stats_view.value = (
            "<div style='font-family:sans-serif;line-height:1.35'>"
            f"<span style='font-size:12px;color:#555'>Epoch</span> "
            f"<span style='font-size:20px;font-weight:bold'>{self.epoch:06,d}</span><br>"
            f"<span style='font-size:12.5px'>Training loss <b>{_fmt_loss(self.train_loss)}</b> · "
            f"Test loss <b>{_fmt_loss(self.test_loss)}</b></span><br>"
            f"<span style='font-size:11px;color:#555'>learning rate {s['learning_rate']:g} · "
            f"batch {s['batch_size']} · {s['optimizer']} · {reg}</span>{message}</div>"
        )

    def _draw_charts(self) -> None:
        h = self.history
        self.curve_view.value = render.line_chart_svg(
            [("train", h["train_loss"], PALETTE[0]), ("test", h["test_loss"], PALETTE[3])],
            title="Loss", xlabel="epoch", ylabel="loss", width=324, height=150, legend="top")
        norms = np.array(h["grad_norms"], dtype=np.float64)
        n_layers = norms.shape[1]
        labels = [f"layer {i + 1}" for i in range(n_layers - 1)] + ["output"]
        colours = PALETTE[:7] + PALETTE[:7]
        series = [(labels[i], norms[:, i], colours[i % len(colours)]) for i in range(n_layers)]
        self.grad_view.value = render.line_chart_svg(
            series, title="Gradient size per layer: mean |dL/dW|", xlabel="epoch",
            ylabel="log scale", width=420, height=170, log=True, legend="right")

    def _draw_code(self) -> None:
        self.code_view.value = (
            "<pre style='font-size:12px;background:#f6f6f6;padding:6px;margin:2px;white-space:pre'>"
            f"{html.escape(self.code())}</pre>")

    def _update_layer_buttons(self) -> None:
        hidden = self.state["hidden"]
        n = len(hidden)
        self._layers_label.value = (f"<b>{n} HIDDEN LAYER{'S' if n != 1 else ''}</b>")
        c = self._controls_dict
        c["add_layer"].disabled = n >= MAX_LAYERS
        c["remove_layer"].disabled = n == 0
        for i in range(1, MAX_LAYERS + 1):
            box = self._layer_boxes[i - 1]
            if i <= n:
                box.layout.visibility = "visible"
                box.layout.display = None
                size = hidden[i - 1]
                self._neuron_labels[i - 1].value = (
                    f"<div style='text-align:center;font-size:11px'>{size} neuron{'s' if size != 1 else ''}</div>")
                c[f"plus_{i}"].disabled = size >= MAX_NEURONS
                c[f"minus_{i}"].disabled = size <= 1
            else:
                box.layout.display = "none"



#: data URIs of the input-feature heatmaps, by tuple of feature names (they depend on nothing else)
_INPUT_THUMBNAILS: dict[tuple, list[str]] = {}

_TABLES = {"strong": render.colour_table(0.9, levels=48), "light": render.colour_table(0.55),
           "full": render.colour_table(1.0)}


def playground(state: dict | None = None, **settings) -> Playground:
    """Build the playground.

    Parameters
    ----------
    state : dict, optional
        A configuration from :meth:`Playground.get_state` (missing keys take the defaults of
        :data:`DEFAULT_STATE`).
    **settings
        Keys of the state given directly, e.g. ``playground(dataset="xor", hidden=[])``.

    Examples
    --------
    >>> pg = playground(dataset="xor", features=["x1*x2"], hidden=[], learning_rate=0.1)
    >>> pg.net.layer_sizes
    [1, 1]
    >>> pg.run_epochs(20)
    >>> pg.epoch, pg.train_loss < pg.history["train_loss"][0]
    (20, True)

    See notebook 12_playground.
    """
    merged = dict(state or {})
    merged.update(settings)
    return Playground(merged)
