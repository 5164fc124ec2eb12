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

The configurations come from :mod:`nn_course.search_space` (:func:`grid_configs`,
:func:`sample_configs`, :func:`build_network`) and the outcome is a
:class:`~nn_course.search_result.SearchResult`; all of them can be imported from here.

See notebook 11_hyperparameter_tuning.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from . import losses as losses_module
from ._validation import as_rng, check_positive_int, check_X_y, unknown_name_error
from .search_result import SearchResult
from .search_space import (
    NETWORK_PARAMS,
    TRAINING_PARAMS,
    build_network,
    grid_configs,
    sample_configs,
)
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


def _n_outputs(loss: losses_module.Loss, y: np.ndarray) -> int:
    if isinstance(loss, losses_module.CrossEntropy):
        if y.ndim == 2 and y.shape[1] > 1:
            return y.shape[1]
        return max(int(np.max(y)) + 1, 2)
    return 1 if y.ndim == 1 else y.shape[1]



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
