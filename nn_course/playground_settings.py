"""The playground's settings: data sets, choices, the default state and the state's checks.

A playground configuration is a plain dict (:data:`DEFAULT_STATE`); this module says which
values each key may take, checks a given state against them (a clear ``ValueError`` naming
the key, the allowed values and the value given), and makes the data a state describes.
:class:`nn_course.playground_model.PlaygroundModel` uses it, and every name here can be
imported from :mod:`nn_course.playground_model` too.

See notebook 12_playground.
"""

from __future__ import annotations

import numpy as np

from . import datasets
from .features import FEATURES
from .playground_data import MAX_CLASSES, check_data, fit_to_plane

#: Data-set coordinates are multiplied by this: the playground's plane is [-6, 6]^2.
SCALE = 5.0
EXTENT = 6.0
N_POINTS = 500
GRID = 100  # resolution of the output heatmap
THUMB_STEP = 3  # neuron heatmaps use every 3rd grid point (34 x 34)
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
    "blobs": ("multiclass", datasets.blobs, 0.1, 0.6),
    "spiral_arms": ("multiclass", datasets.spirals, 0.0, 0.5),
}
#: For the multi-class data sets: the generator's argument that sets the number of classes.
CLASS_ARGS = {"blobs": "centers", "spiral_arms": "n_classes"}
#: The problem types; "custom" is the data set of data given as arrays, uploaded or drawn.
PROBLEMS = ["classification", "multiclass", "regression"]
CUSTOM = "custom"

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
    "n_classes": 3,
    "data": None,
    "activations": None,
    "dropout": None,
}
#: Dropout rates a hidden layer can have (0: no dropout).
DROPOUT_RATES = [0.0, 0.1, 0.2, 0.3, 0.5]


def _noise_std(dataset: str, percent: float) -> float:
    _, _, low, high = DATASETS[dataset]
    return round(low + (high - low) * percent / 100.0, 4)


def _class_kwargs(dataset: str, n_classes: int) -> dict:
    return {CLASS_ARGS[dataset]: int(n_classes)} if dataset in CLASS_ARGS else {}


def _make_data(
    dataset: str,
    noise_percent: float,
    train_ratio: float,
    data_seed: int,
    n_classes: int = 3,
    data=None,
):
    """Generate, scale and split a data set exactly as :meth:`Playground.code` writes it.

    For the ``"custom"`` data set, ``data`` holds the rows ``[x1, x2, label]``.
    """
    data_rng = np.random.default_rng(data_seed)
    if dataset == CUSTOM:
        rows = np.asarray(data, dtype=np.float64)
        X, y = rows[:, :2], rows[:, 2]
    else:
        _, generator, _, _ = DATASETS[dataset]
        X, y = generator(
            N_POINTS,
            noise=_noise_std(dataset, noise_percent),
            rng=data_rng,
            **_class_kwargs(dataset, n_classes),
        )
        X = SCALE * X
    test_fraction = round(1 - train_ratio / 100, 2)
    return datasets.train_test_split(X, y, test_fraction=test_fraction, rng=data_rng)


def _check_epochs(n) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"n must be an int >= 0; got {n!r}.")
    return int(n)


def data_state(X, y, problem: str | None = None) -> dict:
    """The state keys that make ``(X, y)`` the playground's data (checked; see
    :func:`nn_course.playground_data.check_data`)."""
    if problem is None:
        values = np.unique(np.asarray(y, dtype=np.float64))
        whole = bool(np.all(values == np.round(values))) and values.size <= MAX_CLASSES
        if whole and set(values.tolist()) <= {0.0, 1.0}:
            problem = "classification"
        elif whole and values.size >= 3:
            problem = "multiclass"
        else:
            problem = "regression"
    X, y = check_data(X, y, problem)
    X, _ = fit_to_plane(X)
    rows = np.c_[X, y].tolist()
    state = {"dataset": CUSTOM, "problem": problem, "data": rows}
    if problem == "multiclass":
        state["n_classes"] = int(np.max(y)) + 1
    return state


def _checked_custom(state: dict) -> dict:
    """Check a state with the custom data set: its rows and problem type."""
    rows = state.get("data")
    if rows is None:
        raise ValueError("dataset 'custom' needs state['data']: rows [x1, x2, label].")
    rows = np.asarray(rows, dtype=np.float64)
    if rows.ndim != 2 or rows.shape[1] != 3:
        raise ValueError(f"state['data'] must be rows [x1, x2, label]; got shape {rows.shape}.")
    problem = state.get("problem", "classification")
    X, y = check_data(rows[:, :2], rows[:, 2], problem)
    state["dataset"], state["problem"] = CUSTOM, problem
    state["data"] = np.c_[X, y].tolist()
    if problem == "multiclass":
        state["n_classes"] = int(np.max(y)) + 1
    return _checked_common(state)


def _checked_common(state: dict) -> dict:
    """Check the keys every configuration shares (ranges, layers, features, seeds)."""
    ranges = {
        "noise": (0, 50, 5),
        "train_ratio": (10, 90, 10),
        "batch_size": (1, 30, 1),
        "n_classes": (3, MAX_CLASSES, 1),
    }
    for key, (lo, hi, step) in ranges.items():
        if key in state:
            v = state[key]
            if (
                isinstance(v, bool)
                or not isinstance(v, (int, np.integer))
                or not lo <= v <= hi
                or (v - lo) % step
            ):
                raise ValueError(
                    f"state[{key!r}] must be an int in {lo}..{hi} in steps of {step}; got {v!r}."
                )
            state[key] = int(v)
    if "hidden" in state:
        hidden = [int(n) for n in state["hidden"]]
        if len(hidden) > MAX_LAYERS or any(not 1 <= n <= MAX_NEURONS for n in hidden):
            raise ValueError(
                f"state['hidden'] must list 0 to {MAX_LAYERS} layer sizes, each 1 to "
                f"{MAX_NEURONS}; got {state['hidden']!r}."
            )
        state["hidden"] = hidden
    if "features" in state:
        names = list(state["features"])
        if not names or any(n not in FEATURES for n in names):
            raise ValueError(
                f"state['features'] must be a non-empty list from {list(FEATURES)}; got {names!r}."
            )
        state["features"] = [n for n in FEATURES if n in names]  # canonical order
    if state.get("activations") is not None:
        acts = list(state["activations"])
        if any(a not in ACTIVATIONS for a in acts) or len(acts) > MAX_LAYERS:
            raise ValueError(
                f"state['activations'] must list one activation per hidden layer from "
                f"{ACTIVATIONS} (or be None: every layer uses state['activation']); got {acts!r}."
            )
        state["activations"] = acts
    if state.get("dropout") is not None:
        rates = [float(r) for r in state["dropout"]]
        if any(r not in DROPOUT_RATES for r in rates) or len(rates) > MAX_LAYERS:
            raise ValueError(
                f"state['dropout'] must list one rate per hidden layer from {DROPOUT_RATES} "
                f"(or be None: no dropout); got {state['dropout']!r}."
            )
        state["dropout"] = rates
    for key in ("seed", "data_seed"):
        if key in state:
            state[key] = int(state[key])
    for key in ("show_test", "discretize"):
        if key in state:
            state[key] = bool(state[key])
    return state


def checked_state(state: dict) -> dict:
    """Validate a state dict (unknown keys or bad values raise ValueError)."""
    state = dict(state)
    allowed = set(DEFAULT_STATE) | {"weights", "epoch", "data"}
    unknown = sorted(set(state) - allowed)
    if unknown:
        raise ValueError(
            f"Unknown playground state keys {unknown}; allowed: {sorted(allowed)}."
        )
    state.pop("epoch", None)
    choices = {
        "dataset": [*DATASETS, CUSTOM],
        "problem": PROBLEMS,
        "activation": ACTIVATIONS,
        "learning_rate": LEARNING_RATES,
        "regularization": ["none", "L1", "L2"],
        "reg_rate": REGULARIZATION_RATES,
        "optimizer": OPTIMIZERS,
        "init": INITS,
    }
    for key, options in choices.items():
        if key in state and state[key] not in options:
            raise ValueError(f"state[{key!r}] must be one of {options}; got {state[key]!r}.")
    if state.get("dataset") == CUSTOM or state.get("data") is not None:
        return _checked_custom(state)
    if "dataset" in state:
        state["data"] = None
    if "dataset" in state and "problem" not in state:
        state["problem"] = DATASETS[state["dataset"]][0]
    if "dataset" in state and DATASETS[state["dataset"]][0] != state["problem"]:
        raise ValueError(
            f"dataset {state['dataset']!r} is a {DATASETS[state['dataset']][0]} "
            f"data set; got problem {state['problem']!r}."
        )
    return _checked_common(state)
