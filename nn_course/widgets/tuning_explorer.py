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
from ..style import ACCENT, CLASS_COLORS, fmt
from ..training import fit
from ..tuning import build_network
from ._controls import choice_slider, dropdown, int_slider, slider
from ._base import Explorer, FigureView, html_view

__all__ = [
    "tuning_explorer",
    "TuningExplorer",
    "load_data",
    "train_config",
    "LEARNING_RATES",
    "BATCH_SIZES",
    "WIDTHS",
    "L2_VALUES",
    "ACTIVATIONS",
    "DATASETS",
]

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
    net = build_network(
        X_train.shape[1],
        n_classes,
        hidden=(config["hidden"],),
        activation=config["activation"],
        dropout=config["dropout"],
        rng=seed,
    )
    with _one_blas_thread():
        history = fit(
            net,
            X_train,
            y_train,
            loss="cross_entropy",
            optimizer="sgd",
            learning_rate=config["learning_rate"],
            epochs=config["epochs"],
            batch_size=config["batch_size"],
            validation_data=(X_val, y_val),
            rng=seed,
            l2=config["l2"],
        )
    return net, history


def _one_blas_thread():
    """One BLAS thread while training: for matrices this small, threads only add waiting
    (several times slower on a busy machine). A no-op without threadpoolctl."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - installed with scikit-learn
        return contextlib.nullcontext()
    return threadpool_limits(1)


_KEYS = (
    "learning_rate",
    "batch_size",
    "epochs",
    "hidden",
    "activation",
    "l2",
    "dropout",
    "dataset",
)


def _controls(dataset: str) -> dict:
    look = {"style": {"description_width": "95px"}, "layout": widgets.Layout(width="330px")}
    return {
        "learning_rate": choice_slider("learning rate", LEARNING_RATES, 0.1, **look),
        "batch_size": choice_slider("batch size", BATCH_SIZES, 16, **look),
        "epochs": int_slider("epochs", 40, 5, 100, 5, continuous_update=True, **look),
        "hidden": choice_slider("hidden width", WIDTHS, 32, **look),
        "activation": dropdown("activation", ACTIVATIONS, "relu", **look),
        "l2": choice_slider("L2 penalty", L2_VALUES, 0.0, **look),
        "dropout": slider("dropout", 0.0, 0.0, 0.6, readout_format=".1f", **look),
        "dataset": dropdown("data set", list(DATASETS), dataset, **look),
        "train": widgets.Button(
            description="train",
            button_style="primary",
            icon="play",
            tooltip="Train a fresh network with these settings",
        ),
    }


def _curves(view: FigureView) -> dict:
    """Training and validation lines of loss and accuracy (empty until the first run)."""
    ax_loss, ax_acc = view.axes
    lines = {}
    for ax, metric, label in (
        (ax_loss, "loss", "cross-entropy loss"),
        (ax_acc, "accuracy", "accuracy"),
    ):
        (lines[metric],) = ax.plot([], [], color=PALETTE[0], label="training")
        (lines["val_" + metric],) = ax.plot([], [], color=PALETTE[3], label="validation")
        ax.set(xlabel="epoch", ylabel=label)
        ax.legend(loc="upper right" if metric == "loss" else "lower right", fontsize=9)
    ax_loss.set(title="Loss")
    ax_acc.set(ylim=(0.0, 1.02), title="Accuracy")
    view.figure.tight_layout(rect=(0, 0, 1, 0.93))
    return lines


def _preview(c: dict, state: dict, seed: int) -> str:
    """The run the settings ``c`` would make, and whether the curves show it."""
    X_train, y_train, X_val, _ = load_data(c["dataset"], seed)
    description, samples = DATASETS[c["dataset"]]
    n_in, n_out = X_train.shape[1], int(y_train.max()) + 1
    n_params = (n_in + 1) * c["hidden"] + (c["hidden"] + 1) * n_out
    steps = math.ceil(len(X_train) / c["batch_size"])
    rows = [
        ("network", f"{n_in} &rarr; {c['hidden']} ({c['activation']}) &rarr; {n_out} (softmax)"),
        ("parameters", f"{n_params:,}"),
        (
            "data",
            html.escape(
                f"{description}, {len(X_train)} training and {len(X_val)} validation {samples}"
            ),
        ),
        (
            "updates",
            f"{steps} per epoch &times; {c['epochs']} epochs = {steps * c['epochs']:,} SGD steps",
        ),
        ("step size", f"learning rate {fmt(c['learning_rate'])}, batch of {c['batch_size']}"),
        ("regularisation", f"L2 {fmt(c['l2'])}, dropout {c['dropout']:.1f}"),
    ]
    table = "".join(
        f"<tr><td style='padding-right:8px'><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows
    )
    if state["history"] is None:
        note = "Press <b>train</b> to train with these settings."
    elif state["config"] != c:
        note = (
            f"<span style='color:{ACCENT}'><b>Settings changed:</b> the curves show the "
            "previous run; press <b>train</b>.</span>"
        )
    else:
        note = f"<span style='color:{CLASS_COLORS[2]}'>The curves show these settings.</span>"
    return f"<table style='font-size:13px'>{table}</table><p>{note}</p>"


def _result(history) -> str:
    """The final accuracies of a run, or why it stopped."""
    h = history.history
    if history.diverged or not len(h.get("val_accuracy", [])):
        return (
            f"<b style='color:{ACCENT}'>Training diverged</b> after {len(history)} "
            f"epoch(s): {html.escape(history.message or 'the loss exploded')}"
        )
    train_acc, val_acc = h["accuracy"][-1], h["val_accuracy"][-1]
    best = int(np.nanargmin(h["val_loss"])) + 1
    return (
        f"Final accuracy: training <b>{train_acc:.1%}</b>, validation <b>{val_acc:.1%}</b> "
        f"(gap {100 * (train_acc - val_acc):.1f} points). Lowest validation loss at epoch "
        f"{best} of {len(history)}."
    )


def _draw(view: FigureView, lines: dict, history, c: dict) -> None:
    """The learning curves of one run, titled with its settings."""
    ax_loss, ax_acc = view.axes
    epochs = np.asarray(history.epochs)
    for key, line in lines.items():
        values = np.asarray(history.history.get(key, []), dtype=float)
        line.set_data(epochs[: len(values)], values)
    ax_loss.relim()
    ax_loss.autoscale_view()
    ax_loss.set_ylim(bottom=0.0)
    ax_acc.set_xlim(ax_loss.get_xlim())
    view.figure.suptitle(
        f"lr {fmt(c['learning_rate'])}, batch {c['batch_size']}, width "
        f"{c['hidden']}, {c['activation']}, L2 {fmt(c['l2'])}, dropout "
        f"{c['dropout']:.1f} ({c['dataset']})",
        fontsize=11,
    )
    view.draw()


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
    controls = _controls(dataset)
    preview, result = html_view(width="360px"), html_view()
    view = FigureView(width=9.0, height=3.3, ncols=2)
    lines = _curves(view)

    def config() -> dict:
        return {name: controls[name].value for name in _KEYS}

    state = {"config": None, "history": None, "n_runs": 0, "current": config}

    def update() -> None:
        """The cheap part: describe the run the current settings would make."""
        preview.value = _preview(config(), state, seed)

    def train(_button=None) -> None:
        c = config()
        _, history = train_config(c, load_data(c["dataset"], seed), seed)
        state.update(config=c, history=history, n_runs=state["n_runs"] + 1)
        _draw(view, lines, history, c)
        result.value = _result(history)
        explorer.refresh()

    controls["train"].on_click(train)
    left = widgets.VBox([controls[k] for k in controls], layout=widgets.Layout(width="350px"))
    explorer = TuningExplorer(
        [widgets.HBox([left, preview]), view.image, result],
        controls,
        update,
        state=state,
        views={"view": view},
    )
    train()  # the first curves, so the figure is never empty
    return explorer


class TuningExplorer(Explorer):
    """The explorer, with the last run exposed for tests and curious learners."""

    @property
    def history(self):
        """The :class:`~nn_course.training.History` of the last run."""
        return self.state["history"]

    @property
    def config(self) -> dict:
        """The settings of the last run."""
        return dict(self.state["config"])

    @property
    def stale(self) -> bool:
        """True when a control changed after the last run (the curves show older settings)."""
        return self.state["config"] != self.state["current"]()

    @property
    def n_runs(self) -> int:
        """How many times the network was trained."""
        return self.state["n_runs"]
