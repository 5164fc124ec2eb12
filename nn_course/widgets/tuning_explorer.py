"""Tuning explorer: pick the hyperparameters, press *train*, read the learning curves.

The controls set the learning rate, batch size, number of epochs, hidden-layer width,
activation, L2 penalty and dropout rate of a one-hidden-layer network. Moving a control only
updates the *preview* (the network, its parameter count, the number of weight updates the run
will make), which is instant; the **train** button trains the network with plain SGD on a
small data set (noisy moons, or a subset of the digits) and draws the training and validation
loss and accuracy per epoch, with the final accuracies and the gap between them.

Every run starts from the same seed, so pressing *train* twice gives the same curves and any
difference between two runs comes from the settings you changed.

See notebook 11_hyperparameter_tuning.

Examples
--------
>>> w = tuning_explorer()
>>> w.controls["learning_rate"].value = 0.3
>>> w.stale                       # the curves are from the earlier settings
True
>>> w.controls["train"].click()
>>> w.stale, w.history.params["epochs"] == w.controls["epochs"].value
(False, True)
"""

from __future__ import annotations

import contextlib
import functools
import html
import math

import ipywidgets as widgets
import numpy as np

from .. import datasets
from ..plotting import PALETTE
from ..training import fit
from ..tuning import build_network
from ._base import Explorer, FigureView, html_view

__all__ = ["tuning_explorer", "TuningExplorer", "load_data", "train_config", "LEARNING_RATES", "BATCH_SIZES",
           "WIDTHS", "L2_VALUES", "ACTIVATIONS", "DATASETS"]

LEARNING_RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0]
BATCH_SIZES = [8, 16, 32, 64, 128, 256]
WIDTHS = [2, 4, 8, 16, 32, 64, 128]
L2_VALUES = [0.0, 0.0001, 0.001, 0.01, 0.1]
ACTIVATIONS = ["relu", "tanh", "sigmoid", "leaky_relu", "elu"]
#: name -> (description shown in the preview, what one sample is called); the preview adds
#: the sizes of the training and validation sets, counted from the data
DATASETS = {
    "digits": ("digits subset: 64 pixels, 10 classes", "images"),
    "moons": ("noisy moons: 2 features, 2 classes", "points"),
}


@functools.lru_cache(maxsize=None)
def load_data(name: str = "digits", seed: int = 0):
    """``(X_train, y_train, X_val, y_val)`` for the explorer, standardised on the training part.

    Small on purpose: training takes well under a second and a wide network can overfit.
    """
    if name == "moons":
        X, y = datasets.moons(300, noise=0.3, rng=seed)
    elif name == "digits":
        X_all, y_all = datasets.digits()
        keep = np.random.default_rng(seed).permutation(len(X_all))[:400]
        X, y = X_all[keep], y_all[keep]
    else:
        raise ValueError(f"Unknown data set {name!r}; choose from {sorted(DATASETS)}.")
    X_train, X_val, y_train, y_val = datasets.train_test_split(X, y, 0.5, rng=seed, stratify=True)
    X_train, mean, std = datasets.standardize(X_train)
    X_val, _, _ = datasets.standardize(X_val, mean, std)
    for array in (X_train, y_train, X_val, y_val):
        array.setflags(write=False)  # cached: shared between runs
    return X_train, y_train, X_val, y_val


def train_config(config: dict, data, seed: int = 0):
    """Train a fresh one-hidden-layer network with ``config``; return ``(net, history)``.

    ``config`` keys: learning_rate, batch_size, epochs, hidden (width), activation, l2, dropout.
    """
    X_train, y_train, X_val, y_val = data
    n_classes = int(max(y_train.max(), y_val.max())) + 1
    net = build_network(X_train.shape[1], n_classes, hidden=(config["hidden"],),
                        activation=config["activation"], dropout=config["dropout"], rng=seed)
    with _one_blas_thread():
        history = fit(net, X_train, y_train, loss="cross_entropy", optimizer="sgd",
                      learning_rate=config["learning_rate"], epochs=config["epochs"],
                      batch_size=config["batch_size"], validation_data=(X_val, y_val), rng=seed,
                      l2=config["l2"])
    return net, history


def _one_blas_thread():
    """One BLAS thread while training: for matrices this small, threads only add waiting
    (several times slower on a busy machine). A no-op without threadpoolctl."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - installed with scikit-learn
        return contextlib.nullcontext()
    return threadpool_limits(1)


def _fmt_number(value) -> str:
    return "0" if value == 0 else f"{value:g}"


def tuning_explorer(dataset: str = "digits", seed: int = 0) -> Explorer:
    """Controls for seven hyperparameters, a preview, and learning curves after *train*.

    Parameters
    ----------
    dataset : {"digits", "moons"}
        The starting data set (a dropdown switches it). The digits subset is small enough for a
        wide network to overfit, so L2 and dropout show their effect.
    seed : int
        Seeds the data, the initial weights and the shuffling.

    Returns
    -------
    Explorer
        Controls ``learning_rate``, ``batch_size``, ``epochs``, ``hidden``, ``activation``,
        ``l2``, ``dropout``, ``dataset`` and the button ``train``. Attributes ``history`` and
        ``config`` (of the last run), ``stale`` (settings changed since), ``n_runs``.
    """
    if dataset not in DATASETS:
        raise ValueError(f"Unknown data set {dataset!r}; choose from {sorted(DATASETS)}.")
    style = {"description_width": "95px"}
    wide = widgets.Layout(width="330px")
    controls = {
        "learning_rate": widgets.SelectionSlider(options=LEARNING_RATES, value=0.1, description="learning rate",
                                                 continuous_update=True, style=style, layout=wide),
        "batch_size": widgets.SelectionSlider(options=BATCH_SIZES, value=16, description="batch size",
                                              continuous_update=True, style=style, layout=wide),
        "epochs": widgets.IntSlider(value=40, min=5, max=100, step=5, description="epochs",
                                    continuous_update=True, style=style, layout=wide),
        "hidden": widgets.SelectionSlider(options=WIDTHS, value=32, description="hidden width",
                                          continuous_update=True, style=style, layout=wide),
        "activation": widgets.Dropdown(options=ACTIVATIONS, value="relu", description="activation",
                                       style=style, layout=wide),
        "l2": widgets.SelectionSlider(options=L2_VALUES, value=0.0, description="L2 penalty",
                                      continuous_update=True, style=style, layout=wide),
        "dropout": widgets.FloatSlider(value=0.0, min=0.0, max=0.6, step=0.1, description="dropout",
                                       readout_format=".1f", continuous_update=True, style=style, layout=wide),
        "dataset": widgets.Dropdown(options=list(DATASETS), value=dataset, description="data set",
                                    style=style, layout=wide),
        "train": widgets.Button(description="train", button_style="primary", icon="play",
                                tooltip="Train a fresh network with these settings"),
    }
    preview = html_view(width="360px")
    result = html_view()
    view = FigureView(width=9.0, height=3.3, ncols=2)
    ax_loss, ax_acc = view.axes
    lines = {}
    for ax, metric, label in ((ax_loss, "loss", "cross-entropy loss"), (ax_acc, "accuracy", "accuracy")):
        (lines[metric],) = ax.plot([], [], color=PALETTE[0], label="training")
        (lines["val_" + metric],) = ax.plot([], [], color=PALETTE[1], label="validation")
        ax.set(xlabel="epoch", ylabel=label)
        ax.legend(loc="upper right" if metric == "loss" else "lower right", fontsize=9)
    ax_loss.set(title="Loss")
    ax_acc.set(ylim=(0.0, 1.02), title="Accuracy")
    view.figure.tight_layout(rect=(0, 0, 1, 0.93))
    suptitle = view.figure.suptitle("", fontsize=11)

    def config() -> dict:
        return {name: controls[name].value for name in
                ("learning_rate", "batch_size", "epochs", "hidden", "activation", "l2", "dropout", "dataset")}

    state = {"config": None, "history": None, "n_runs": 0}

    def update() -> None:
        """The cheap part: describe the run the current settings would make."""
        c = config()
        X_train, y_train, X_val, _ = load_data(c["dataset"], seed)
        description, samples = DATASETS[c["dataset"]]
        n_in, n_out = X_train.shape[1], int(y_train.max()) + 1
        n_params = (n_in + 1) * c["hidden"] + (c["hidden"] + 1) * n_out
        steps = math.ceil(len(X_train) / c["batch_size"])
        stale = state["config"] != c
        rows = [
            ("network", f"{n_in} &rarr; {c['hidden']} ({c['activation']}) &rarr; {n_out} (softmax)"),
            ("parameters", f"{n_params:,}"),
            ("data", html.escape(f"{description}, {len(X_train)} training and {len(X_val)} "
                                 f"validation {samples}")),
            ("updates", f"{steps} per epoch &times; {c['epochs']} epochs = {steps * c['epochs']:,} SGD steps"),
            ("step size", f"learning rate {_fmt_number(c['learning_rate'])}, batch of {c['batch_size']}"),
            ("regularisation", f"L2 {_fmt_number(c['l2'])}, dropout {c['dropout']:.1f}"),
        ]
        table = "".join(f"<tr><td style='padding-right:8px'><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows)
        if state["history"] is None:
            note = "Press <b>train</b> to train with these settings."
        elif stale:
            note = ("<span style='color:#D55E00'><b>Settings changed:</b> the curves show the previous "
                    "run; press <b>train</b>.</span>")
        else:
            note = "<span style='color:#009E73'>The curves show these settings.</span>"
        preview.value = f"<table style='font-size:13px'>{table}</table><p>{note}</p>"

    def draw(history, c) -> None:
        h = history.history
        epochs = np.asarray(history.epochs)
        for key, line in lines.items():
            values = np.asarray(h.get(key, []), dtype=float)
            line.set_data(epochs[: len(values)], values)
        ax_loss.relim()
        ax_loss.autoscale_view()
        ax_loss.set_ylim(bottom=0.0)
        ax_acc.set_xlim(ax_loss.get_xlim())
        suptitle.set_text(f"lr {_fmt_number(c['learning_rate'])}, batch {c['batch_size']}, width {c['hidden']}, "
                          f"{c['activation']}, L2 {_fmt_number(c['l2'])}, dropout {c['dropout']:.1f} ({c['dataset']})")
        view.draw()
        if history.diverged or not len(h.get("val_accuracy", [])):
            result.value = (f"<b style='color:#D55E00'>Training diverged</b> after {len(history)} epoch(s): "
                            f"{html.escape(history.message or 'the loss exploded')}")
            return
        train_acc, val_acc = h["accuracy"][-1], h["val_accuracy"][-1]
        best = int(np.nanargmin(h["val_loss"])) + 1
        result.value = (f"Final accuracy: training <b>{train_acc:.1%}</b>, validation <b>{val_acc:.1%}</b> "
                        f"(gap {100 * (train_acc - val_acc):.1f} points). Lowest validation loss at epoch "
                        f"{best} of {len(history)}.")

    def train(_button=None) -> None:
        c = config()
        _, history = train_config(c, load_data(c["dataset"], seed), seed)
        state.update(config=c, history=history, n_runs=state["n_runs"] + 1)
        draw(history, c)
        explorer.refresh()

    controls["train"].on_click(train)
    left = widgets.VBox([controls[k] for k in controls], layout=widgets.Layout(width="350px"))
    top = widgets.HBox([left, preview])
    state["current"] = config
    explorer = TuningExplorer([top, view.image, result], controls, update, state)
    train()  # the first curves, so the figure is never empty
    return explorer


class TuningExplorer(Explorer):
    """The explorer, with the last run exposed for tests and curious learners."""

    def __init__(self, children, controls, update, state):
        super().__init__(children, controls, update)
        self._state = state

    @property
    def history(self):
        """The :class:`~nn_course.training.History` of the last run."""
        return self._state["history"]

    @property
    def config(self) -> dict:
        """The settings of the last run."""
        return dict(self._state["config"])

    @property
    def stale(self) -> bool:
        """True when a control changed after the last run (the curves show older settings)."""
        return self._state["config"] != self._state["current"]()

    @property
    def n_runs(self) -> int:
        """How many times the network was trained."""
        return self._state["n_runs"]
