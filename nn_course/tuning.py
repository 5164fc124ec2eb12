"""Hyperparameter search: try settings, score each on held-out data, keep the best.

Hyperparameters are the choices made *before* training (learning rate, batch size, width and
depth, activation, L2, dropout, ...). They are judged on data the network did not train on:
a validation split, or k-fold cross-validation (train k times, each time holding out another
k-th of the data, and average).

* :func:`grid_search` tries every combination of the listed values.
* :func:`random_search` draws ``n_iter`` combinations; a range such as ``("log", 1e-4, 1)``
  is sampled log-uniformly, so 1e-4..1e-3 is as likely as 0.1..1. With the same budget it
  tries many more distinct values of each hyperparameter than a grid (Bergstra & Bengio 2012).

Every configuration is trained from the same initial-weight seed on the same split, so the
differences between rows come from the hyperparameters and not from luck; the whole search
is deterministic given ``rng``.

Hyperparameter names. Training: ``learning_rate``, ``batch_size``, ``epochs``, ``optimizer``,
``l1``, ``l2``. Network (for the default builder, see :func:`build_network`): ``hidden``
(tuple of layer widths), ``activation``, ``init``, ``dropout``. With your own
``build(params, rng)`` function, every non-training name is passed to it.

See notebook 11_hyperparameter_tuning.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import numbers
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from . import losses as losses_module
from ._validation import as_rng, check_positive_int, check_X_y, unknown_name_error
from .layers import Dense, Dropout
from .training import evaluate, fit

__all__ = [
    "grid_search",
    "random_search",
    "grid_configs",
    "sample_configs",
    "build_network",
    "SearchResult",
    "TRAINING_PARAMS",
    "NETWORK_PARAMS",
]

#: Hyperparameters passed to :func:`nn_course.training.fit`.
TRAINING_PARAMS = ("learning_rate", "batch_size", "epochs", "optimizer", "l1", "l2")
#: Hyperparameters understood by :func:`build_network`.
NETWORK_PARAMS = ("hidden", "activation", "init", "dropout")

_RANGE_KINDS = ("log", "uniform", "int", "log_int")


# --------------------------------------------------------------------------- search spaces
def grid_configs(param_grid: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every combination of a grid, in order (the last name varies fastest).

    Parameters
    ----------
    param_grid : dict
        name -> list of values (a single non-list value is held fixed).

    Returns
    -------
    list of dict

    Examples
    --------
    >>> grid_configs({"learning_rate": [0.01, 0.1], "hidden": [(8,), (16,)], "epochs": 20})
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'learning_rate': 0.01, 'hidden': (8,), 'epochs': 20},
     {'learning_rate': 0.01, 'hidden': (16,), 'epochs': 20},
     {'learning_rate': 0.1, 'hidden': (8,), 'epochs': 20},
     {'learning_rate': 0.1, 'hidden': (16,), 'epochs': 20}]

    See notebook 11_hyperparameter_tuning.
    """
    _check_space(param_grid, "param_grid")
    names = list(param_grid)
    values = []
    for name in names:
        v = param_grid[name]
        if isinstance(v, tuple) and v and v[0] in _RANGE_KINDS:
            raise ValueError(
                f"param_grid[{name!r}] is a range {v!r}; a grid needs a list of values "
                f"(e.g. [1e-3, 1e-2, 1e-1]). Use random_search to sample ranges."
            )
        values.append(list(v) if isinstance(v, list) else [v])
        if not values[-1]:
            raise ValueError(f"param_grid[{name!r}] is an empty list; give at least one value.")
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*values)]


def _draw(spec: Any, name: str, rng: np.random.Generator) -> Any:
    if isinstance(spec, list):
        if not spec:
            raise ValueError(f"space[{name!r}] is an empty list; give at least one value.")
        return spec[int(rng.integers(len(spec)))]
    if isinstance(spec, tuple) and spec and isinstance(spec[0], str) and spec[0] in _RANGE_KINDS:
        if len(spec) != 3 or not all(isinstance(v, numbers.Real) for v in spec[1:]):
            raise ValueError(
                f"space[{name!r}] must be (kind, low, high) with numbers low < high; got {spec!r}."
            )
        kind, low, high = spec[0], float(spec[1]), float(spec[2])
        if not low < high:
            raise ValueError(f"space[{name!r}] needs low < high; got {spec!r}.")
        if kind in ("log", "log_int") and low <= 0:
            raise ValueError(f"space[{name!r}] is log-uniform, so low must be > 0; got {spec!r}.")
        if kind == "uniform":
            return float(rng.uniform(low, high))
        if kind == "log":
            return float(math.exp(rng.uniform(math.log(low), math.log(high))))
        if kind == "int":
            return int(rng.integers(int(low), int(high) + 1))
        # log_int: log-uniform, rounded, kept inside [low, high]
        value = math.exp(rng.uniform(math.log(low), math.log(high + 1)))
        return int(min(max(math.floor(value), low), high))
    if isinstance(spec, tuple) and spec and isinstance(spec[0], str):
        raise unknown_name_error(f"range kind in space[{name!r}]", spec[0], _RANGE_KINDS)
    return spec  # a fixed value


def sample_configs(space: Mapping[str, Any], n_iter: int, rng=None) -> list[dict[str, Any]]:
    """Draw ``n_iter`` configurations from a search space.

    Parameters
    ----------
    space : dict
        name -> one of

        * a list of values: drawn uniformly, e.g. ``["relu", "tanh"]``;
        * ``("log", low, high)``: log-uniform float, for rates and penalties;
        * ``("uniform", low, high)``: uniform float;
        * ``("int", low, high)``: uniform integer, both ends included;
        * ``("log_int", low, high)``: log-uniform integer (widths, batch sizes);
        * anything else: a fixed value.
    n_iter : int >= 1
    rng : Generator, int or None

    Examples
    --------
    >>> configs = sample_configs({"learning_rate": ("log", 1e-4, 1), "hidden": [(8,), (32,)]},
    ...                          3, rng=0)
    >>> [f"{c['learning_rate']:.2e}" for c in configs]
    ['3.53e-02', '1.46e-04', '1.16e-04']
    >>> [c["hidden"] for c in configs]
    [(32,), (8,), (8,)]

    See notebook 11_hyperparameter_tuning.
    """
    _check_space(space, "space")
    n_iter = check_positive_int(n_iter, "n_iter")
    rng = as_rng(rng)
    return [{name: _draw(spec, name, rng) for name, spec in space.items()} for _ in range(n_iter)]


def _check_space(space, what: str) -> None:
    if not isinstance(space, Mapping) or not space:
        raise TypeError(
            f"{what} must be a non-empty dict of hyperparameter name -> values; got {space!r}."
        )


# --------------------------------------------------------------------------- networks
def build_network(
    n_inputs: int,
    n_outputs: int,
    hidden=(16,),
    activation: str = "relu",
    init: str | None = None,
    dropout: float = 0.0,
    output_activation: str = "linear",
    rng=None,
):
    """A Dense network ``n_inputs -> hidden... -> n_outputs`` (the searches' default builder).

    Parameters
    ----------
    n_inputs, n_outputs : int
    hidden : int or tuple of int
        Width of each hidden layer; ``()`` gives no hidden layer.
    activation : str
        Hidden-layer activation.
    init : str, optional
        Weight initialiser; default "he" for the ReLU family, "glorot" otherwise.
    dropout : float in [0, 1)
        If > 0, a Dropout layer after each hidden layer.
    output_activation : str, default "linear"
        Logits, which the cross-entropy losses expect.
    rng : Generator, int or None

    Examples
    --------
    >>> build_network(4, 3, hidden=(8, 8), activation="tanh", dropout=0.2, rng=0)
    ... # doctest: +NORMALIZE_WHITESPACE
    Network([Dense(4, 8, activation='tanh'), Dropout(0.2), Dense(8, 8, activation='tanh'),
             Dropout(0.2), Dense(8, 3, activation='linear')])

    See notebook 11_hyperparameter_tuning.
    """
    from .network import Network

    if isinstance(hidden, numbers.Integral):
        hidden = (int(hidden),)
    hidden = tuple(hidden)
    if init is None:
        init = "he" if activation in ("relu", "leaky_relu", "elu") else "glorot"
    rng = as_rng(rng)
    layers: list[Any] = []
    width = n_inputs
    for h in hidden:
        layers.append(Dense(width, h, activation, init=init, rng=rng))
        if dropout:
            layers.append(Dropout(dropout))
        width = h
    layers.append(Dense(width, n_outputs, output_activation, init="glorot", rng=rng))
    return Network(layers)


def _n_outputs(loss: losses_module.Loss, y: np.ndarray) -> int:
    if isinstance(loss, losses_module.CrossEntropy):
        if y.ndim == 2 and y.shape[1] > 1:
            return y.shape[1]
        return max(int(np.max(y)) + 1, 2)
    return 1 if y.ndim == 1 else y.shape[1]


# --------------------------------------------------------------------------- results
class SearchResult:
    """The outcome of a search.

    Attributes
    ----------
    results : list of dict
        One row per configuration, in the order tried: the hyperparameters, then
        ``score`` (the mean validation score), ``score_std`` (the spread over the folds of
        a cross-validation; 0 for a single split, where each setting is scored once),
        ``val_loss``, ``val_accuracy`` (classifiers), ``train_loss``, ``epochs_run``,
        ``diverged`` and ``rank`` (1 = best).
    best_params : dict
        The hyperparameters of the best configuration that did not diverge.
    best_score : float
    best_index : int
        Its row in ``results``.
    scoring : str
        ``"val_accuracy"`` (higher is better) or ``"val_loss"`` (lower is better).
    param_names : list of str
    n_folds : int or None
        The number of folds of a cross-validation, None for a single split. :meth:`table`
        shows the ``score_std`` column only with folds (with one split it is always 0).

    Examples
    --------
    >>> rows = [{"lr": 0.1, "score": 0.9, "val_loss": 0.3, "diverged": False},
    ...         {"lr": 10.0, "score": float("nan"), "val_loss": float("nan"), "diverged": True},
    ...         {"lr": 1.0, "score": 0.95, "val_loss": 0.2, "diverged": False}]
    >>> result = SearchResult(rows, ["lr"], "val_accuracy")
    >>> result.best_params, [r["rank"] for r in result.results]
    ({'lr': 1.0}, [2, 3, 1])

    See notebook 11_hyperparameter_tuning.
    """

    def __init__(self, results: list[dict], param_names: list[str], scoring: str,
                 n_folds: int | None = None) -> None:
        self.results = results
        self.n_folds = n_folds
        self.param_names = param_names
        self.scoring = scoring
        higher = scoring.endswith("accuracy")
        order = sorted(
            range(len(results)),
            key=lambda i: (
                results[i]["diverged"] or not math.isfinite(results[i]["score"]),
                -results[i]["score"] if higher else results[i]["score"],
                results[i]["val_loss"],  # ties in accuracy: the more confident model first
                i,
            ),
        )
        for rank, i in enumerate(order, start=1):
            results[i]["rank"] = rank
        self.best_index = order[0]
        best = results[self.best_index]
        self.best_params = {k: best[k] for k in param_names}
        self.best_score = best["score"]

    def to_dataframe(self):
        """The results as a pandas DataFrame (only if pandas is installed)."""
        if importlib.util.find_spec("pandas") is None:
            raise ImportError(
                "to_dataframe needs pandas, which is not installed; SearchResult.results is "
                "the same table as a list of dicts, and str(result) prints it."
            )
        import pandas as pd

        return pd.DataFrame(self.results)

    def table(self, top: int | None = None) -> str:
        """A plain-text table of the results sorted by rank (best first).

        The ``score_std`` column (spread over folds) appears only for a cross-validation.
        """
        rows = sorted(self.results, key=lambda r: r["rank"])[:top]
        spread = ["score_std"] if self.n_folds else []
        cols = ["rank", *self.param_names, "score", *spread, "diverged"]

        def fmt(v):
            if isinstance(v, float):
                return "nan" if math.isnan(v) else f"{v:.4g}"
            return str(v)

        cells = [cols] + [[fmt(r[c]) for c in cols] for r in rows]
        widths = [max(len(row[j]) for row in cells) for j in range(len(cols))]
        lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
        return "\n".join(lines)

    def __str__(self) -> str:
        return f"{self.table()}\nbest ({self.scoring} = {self.best_score:.4g}): {self.best_params}"

    def __repr__(self) -> str:
        return (
            f"SearchResult({len(self.results)} configurations, best {self.scoring}="
            f"{self.best_score:.4g} with {self.best_params})"
        )


# --------------------------------------------------------------------------- the search
def _folds(n: int, n_folds: int | None, validation_fraction: float, rng) -> list[tuple]:
    order = rng.permutation(n)
    if n_folds is None:
        n_val = int(round(validation_fraction * n))
        if not 1 <= n_val < n:
            raise ValueError(
                f"validation_fraction={validation_fraction} of {n} samples leaves an empty side."
            )
        return [(order[n_val:], order[:n_val])]
    parts = np.array_split(order, n_folds)
    return [
        (np.concatenate([p for j, p in enumerate(parts) if j != k]), parts[k])
        for k in range(n_folds)
    ]


def _check_search(configs, loss_obj, build, validation_fraction, n_folds, scoring, fit_kwargs):
    """Check the search's arguments; return ``(param_names, n_folds, scoring, is_classifier)``."""
    param_names = list(dict.fromkeys(k for c in configs for k in c))
    allowed = set(TRAINING_PARAMS) | (set(NETWORK_PARAMS) if build is None else set())
    if build is None:
        for name in param_names:
            if name not in allowed:
                raise unknown_name_error("hyperparameter", name, sorted(allowed)) from None
    elif not callable(build):
        raise TypeError(f"build must be a function build(params, rng) -> Network; got {build!r}.")
    if "validation_data" in fit_kwargs:
        raise TypeError(
            "validation_data is set by the search itself (validation_fraction or n_folds); "
            "do not pass it."
        )
    clash = set(fit_kwargs) & set(param_names)
    if clash:
        raise ValueError(f"{sorted(clash)} appear both as searched hyperparameters and fixed.")
    if n_folds is not None:
        n_folds = check_positive_int(n_folds, "n_folds", minimum=2)
    elif not isinstance(validation_fraction, numbers.Real) or not 0 < validation_fraction < 1:
        raise ValueError(
            f"validation_fraction must be a number between 0 and 1; got {validation_fraction!r}."
        )
    is_classifier = not isinstance(loss_obj, losses_module.MeanSquaredError)
    if scoring is None:
        scoring = "val_accuracy" if is_classifier else "val_loss"
    if scoring not in ("val_accuracy", "val_loss"):
        raise ValueError(f"scoring must be 'val_accuracy' or 'val_loss'; got {scoring!r}.")
    if scoring == "val_accuracy" and not is_classifier:
        raise ValueError("scoring='val_accuracy' needs a classification loss; mse has no accuracy.")
    return param_names, n_folds, scoring, is_classifier


def _score_config(config, X, y, folds, make_network, loss_obj, scoring, fit_seed, fit_kwargs):
    """Train ``config`` on each fold and score it on the held-out part.

    Returns the per-fold lists ``{"score", "val_loss", "val_accuracy", "train_loss",
    "epochs_run"}``, or None when training diverged.
    """
    train_kw = {k: v for k, v in config.items() if k in TRAINING_PARAMS}
    net_kw = {k: v for k, v in config.items() if k not in TRAINING_PARAMS}
    runs = {key: [] for key in ("score", "val_loss", "val_accuracy", "train_loss", "epochs_run")}
    for train_idx, val_idx in folds:
        net = make_network(net_kw)
        kw = {"loss": loss_obj, **fit_kwargs, **train_kw}
        h = fit(net, X[train_idx], y[train_idx], rng=fit_seed, **kw)
        if h.diverged:
            return None
        stats = evaluate(
            net, X[val_idx], y[val_idx], loss_obj, kw.get("l1", 0.0), kw.get("l2", 0.0)
        )
        runs["val_loss"].append(stats["loss"])
        runs["val_accuracy"].append(stats.get("accuracy", math.nan))
        runs["score"].append(stats["accuracy"] if scoring == "val_accuracy" else stats["loss"])
        runs["train_loss"].append(h["loss"][-1])
        runs["epochs_run"].append(len(h))
    return runs


def _result_row(config, runs, is_classifier: bool) -> dict:
    """One row of :class:`SearchResult`: the config and its scores averaged over the folds."""
    row = dict(config)
    if runs is None:  # diverged
        row.update(
            score=math.nan,
            score_std=math.nan,
            val_loss=math.nan,
            train_loss=math.nan,
            epochs_run=0,
            diverged=True,
        )
        if is_classifier:
            row["val_accuracy"] = math.nan
        return row
    row.update(
        score=float(np.mean(runs["score"])),
        score_std=float(np.std(runs["score"])),
        val_loss=float(np.mean(runs["val_loss"])),
        train_loss=float(np.mean(runs["train_loss"])),
        epochs_run=int(max(runs["epochs_run"])),
        diverged=False,
    )
    if is_classifier:
        row["val_accuracy"] = float(np.mean(runs["val_accuracy"]))
    return row


def _search(
    configs: list[dict],
    X,
    y,
    loss,
    build: Callable | None,
    validation_fraction: float,
    n_folds: int | None,
    scoring: str | None,
    rng,
    verbose: bool,
    fit_kwargs: dict,
) -> SearchResult:
    X, y = check_X_y(X, y)
    loss_obj = losses_module.get(loss)
    param_names, n_folds, scoring, is_classifier = _check_search(
        configs, loss_obj, build, validation_fraction, n_folds, scoring, fit_kwargs
    )
    rng = as_rng(rng)
    split_seed, init_seed, fit_seed = (int(s) for s in rng.integers(2**62, size=3))
    folds = _folds(len(X), n_folds, validation_fraction, np.random.default_rng(split_seed))
    n_out = _n_outputs(loss_obj, y)

    def make_network(net_kw):  # every configuration starts from the same initial-weight seed
        if build is None:
            return build_network(X.shape[1], n_out, rng=init_seed, **net_kw)
        return build(net_kw, np.random.default_rng(init_seed))

    bar = None
    if verbose:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(configs), unit="config", desc="search")
    results = []
    try:
        for config in configs:
            runs = _score_config(
                config, X, y, folds, make_network, loss_obj, scoring, fit_seed, fit_kwargs
            )
            results.append(_result_row(config, runs, is_classifier))
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    return SearchResult(results, param_names, scoring, n_folds)


_SEARCH_DOC = """
    Parameters
    ----------
    X : array_like (n_samples, n_features)
        Training data (standardise it first; the search splits it further).
    y : array_like (n_samples,) or (n_samples, n_outputs)
    loss : str or Loss, default "cross_entropy"
    build : callable, optional
        ``build(params, rng) -> Network``, given the non-training hyperparameters. Default:
        :func:`build_network` with ``hidden``, ``activation``, ``init``, ``dropout``.
    validation_fraction : float in (0, 1), default 0.2
        Share of the samples held out for scoring (ignored with ``n_folds``).
    n_folds : int >= 2, optional
        k-fold cross-validation instead of one split: the score is the mean over folds.
    scoring : {"val_accuracy", "val_loss"}, optional
        Default: val_accuracy for classification losses, val_loss for mse.
    rng : Generator, int or None
        Seeds the split, the initial weights (the same for every configuration), the
        shuffling and (random search) the draws.
    verbose : bool
        Progress bar over configurations.
    **fit_kwargs
        Fixed training settings, e.g. ``epochs=20, optimizer="adam", callbacks=[...]``.

    Returns
    -------
    SearchResult
        ``.results`` (list of dicts), ``.best_params``, ``.best_score``, ``.table()``,
        ``.to_dataframe()`` (with pandas).
"""


def grid_search(
    X,
    y,
    param_grid: Mapping[str, Any],
    loss="cross_entropy",
    build: Callable | None = None,
    validation_fraction: float = 0.2,
    n_folds: int | None = None,
    scoring: str | None = None,
    rng=None,
    verbose: bool = False,
    **fit_kwargs,
) -> SearchResult:
    """Train and score every combination in ``param_grid`` (see :func:`grid_configs`).
    {doc}
    Examples
    --------
    >>> from nn_course import datasets
    >>> X, y = datasets.moons(150, noise=0.2, rng=0)
    >>> result = grid_search(X, y, {{"learning_rate": [0.01, 0.3], "hidden": [(4,), (16,)]}},
    ...                      epochs=15, rng=0)
    >>> print(result)  # doctest: +NORMALIZE_WHITESPACE
    rank  learning_rate  hidden   score  diverged
       1            0.3   (16,)  0.9333     False
       2            0.3    (4,)  0.9333     False
       3           0.01   (16,)     0.6     False
       4           0.01    (4,)  0.4333     False
    best (val_accuracy = 0.9333): {{'learning_rate': 0.3, 'hidden': (16,)}}

    See notebook 11_hyperparameter_tuning.
    """
    configs = grid_configs(param_grid)
    return _search(
        configs, X, y, loss, build, validation_fraction, n_folds, scoring, rng, verbose, fit_kwargs
    )


def random_search(
    X,
    y,
    space: Mapping[str, Any],
    n_iter: int = 10,
    loss="cross_entropy",
    build: Callable | None = None,
    validation_fraction: float = 0.2,
    n_folds: int | None = None,
    scoring: str | None = None,
    rng=None,
    verbose: bool = False,
    **fit_kwargs,
) -> SearchResult:
    """Train and score ``n_iter`` configurations drawn from ``space`` (see :func:`sample_configs`).
    {doc}
    Examples
    --------
    >>> from nn_course import datasets
    >>> X, y = datasets.moons(150, noise=0.2, rng=0)
    >>> space = {{"learning_rate": ("log", 1e-3, 1.0), "hidden": ("log_int", 2, 32)}}
    >>> result = random_search(X, y, space, n_iter=4, n_folds=3, epochs=10, rng=0)
    >>> len(result.results), sorted(result.best_params)
    (4, ['hidden', 'learning_rate'])

    See notebook 11_hyperparameter_tuning.
    """
    rng = as_rng(rng)
    configs = sample_configs(space, n_iter, rng)
    return _search(
        configs, X, y, loss, build, validation_fraction, n_folds, scoring, rng, verbose, fit_kwargs
    )


grid_search.__doc__ = grid_search.__doc__.format(doc=_SEARCH_DOC)
random_search.__doc__ = random_search.__doc__.format(doc=_SEARCH_DOC)
