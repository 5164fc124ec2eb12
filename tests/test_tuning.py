"""Hyperparameter search: search spaces, determinism, splits, ranking and clear errors.

Training budgets are tiny on purpose (a few epochs on ~100 points)."""

from __future__ import annotations

import importlib.util
import math

import numpy as np
import pytest

from nn_course import Dense, Network, datasets
from nn_course.tuning import (
    _folds,
    build_network,
    grid_configs,
    grid_search,
    random_search,
    sample_configs,
)


@pytest.fixture(scope="module")
def moons():
    return datasets.moons(120, noise=0.2, rng=0)


def test_grid_configs_every_combination_in_order():
    configs = grid_configs({"a": [1, 2, 3], "b": ["x", "y"], "c": 0.5})
    assert len(configs) == 6
    assert configs[0] == {"a": 1, "b": "x", "c": 0.5} and configs[1] == {"a": 1, "b": "y", "c": 0.5}
    assert {(c["a"], c["b"]) for c in configs} == {(a, b) for a in (1, 2, 3) for b in "xy"}


def test_log_uniform_sampling_covers_every_decade_equally():
    configs = sample_configs({"lr": ("log", 1e-4, 1.0)}, 4000, rng=0)
    lr = np.array([c["lr"] for c in configs])
    assert lr.min() >= 1e-4 and lr.max() <= 1.0
    decades = np.histogram(np.log10(lr), bins=[-4, -3, -2, -1, 0])[0] / len(lr)
    np.testing.assert_allclose(decades, 0.25, atol=0.03)  # uniform in log10, not in lr


def test_other_range_kinds_and_fixed_values():
    configs = sample_configs(
        {
            "n": ("int", 2, 4),
            "w": ("log_int", 2, 64),
            "p": ("uniform", 0.1, 0.5),
            "act": ["relu", "tanh"],
            "epochs": 5,
        },
        500,
        rng=1,
    )
    assert {c["n"] for c in configs} == {2, 3, 4}
    assert all(2 <= c["w"] <= 64 and isinstance(c["w"], int) for c in configs)
    assert all(0.1 <= c["p"] <= 0.5 for c in configs)
    assert {c["act"] for c in configs} == {"relu", "tanh"}
    assert all(c["epochs"] == 5 for c in configs)
    assert sample_configs({"lr": ("log", 1e-3, 1)}, 5, rng=3) == sample_configs(
        {"lr": ("log", 1e-3, 1)}, 5, rng=3
    )


def test_folds_hold_out_every_sample_once():
    folds = _folds(23, 4, 0.2, np.random.default_rng(0))
    held = np.concatenate([val for _, val in folds])
    assert sorted(held) == list(range(23))
    for train, val in folds:
        assert not set(train) & set(val) and len(train) + len(val) == 23
    ((train, val),) = _folds(50, None, 0.2, np.random.default_rng(0))
    assert len(val) == 10 and len(train) == 40


def test_grid_search_is_deterministic_and_ranks_results(moons):
    X, y = moons
    grid = {"learning_rate": [0.02, 0.5], "hidden": [(4,), (12,)]}
    a = grid_search(X, y, grid, epochs=8, rng=0)
    b = grid_search(X, y, grid, epochs=8, rng=0)
    assert a.results == b.results
    assert len(a.results) == 4
    assert sorted(r["rank"] for r in a.results) == [1, 2, 3, 4]
    best = a.results[a.best_index]
    assert best["rank"] == 1 and best["score"] == max(r["score"] for r in a.results)
    assert a.best_params == {k: best[k] for k in ("learning_rate", "hidden")}
    for r in a.results:
        assert 0 <= r["val_accuracy"] <= 1 and r["score"] == r["val_accuracy"]
        assert r["epochs_run"] == 8 and r["diverged"] is False
    assert "rank" in a.table() and "best (val_accuracy" in str(a)
    assert "score_std" not in a.table()  # one split: every spread would be 0


def test_random_search_kfold(moons):
    X, y = moons
    result = random_search(
        X,
        y,
        {"learning_rate": ("log", 0.01, 1.0), "activation": ["relu", "tanh"]},
        n_iter=3,
        n_folds=3,
        epochs=5,
        rng=1,
    )
    assert len(result.results) == 3
    assert all(r["score_std"] >= 0 for r in result.results)
    assert any(r["score_std"] > 0 for r in result.results)
    assert "score_std" in result.table() and result.n_folds == 3
    again = random_search(
        X,
        y,
        {"learning_rate": ("log", 0.01, 1.0), "activation": ["relu", "tanh"]},
        n_iter=3,
        n_folds=3,
        epochs=5,
        rng=1,
    )
    assert again.results == result.results


def test_diverged_configurations_are_flagged_and_never_best(moons):
    X, y = moons
    result = grid_search(X, y, {"learning_rate": [1e7, 0.1]}, epochs=3, rng=0)
    bad, good = result.results
    assert bad["diverged"] is True and math.isnan(bad["score"]) and bad["rank"] == 2
    assert result.best_params == {"learning_rate": 0.1}


def test_regression_scores_by_val_loss():
    X, y = datasets.plane(100, rng=0)
    result = grid_search(X, y, {"learning_rate": [0.001, 0.05]}, loss="mse", epochs=10, rng=0)
    assert result.scoring == "val_loss"
    scores = [r["score"] for r in result.results]
    assert result.best_score == min(scores) and "val_accuracy" not in result.results[0]
    with pytest.raises(ValueError, match="mse has no accuracy"):
        grid_search(X, y, {"learning_rate": [0.1]}, loss="mse", scoring="val_accuracy")


def test_custom_build_function_gets_the_network_hyperparameters(moons):
    X, y = moons
    seen = []

    def build(params, rng):
        seen.append(dict(params))
        return Network(
            [Dense(2, params["width"], "tanh", rng=rng), Dense(params["width"], 2, rng=rng)]
        )

    result = grid_search(
        X, y, {"width": [3, 6], "learning_rate": [0.2]}, build=build, epochs=3, rng=0
    )
    assert seen == [{"width": 3}, {"width": 6}]
    assert set(result.best_params) == {"width", "learning_rate"}


def test_build_network_defaults():
    net = build_network(5, 3, hidden=(8, 4), activation="relu", rng=0)
    assert net.layer_sizes == [5, 8, 4, 3]
    assert net.layers[-1].activation.name == "linear"
    assert build_network(2, 1, hidden=6, rng=0).layer_sizes == [2, 6, 1]


@pytest.mark.parametrize(
    "space, error, message",
    [
        (
            {"learning_rte": [0.1]},
            ValueError,
            r"Unknown hyperparameter 'learning_rte'; did you mean 'learning_rate'\?",
        ),
        ({"learning_rate": ("log", 0, 1)}, ValueError, "log-uniform, so low must be > 0"),
        ({"learning_rate": ("log", 1, 0.1)}, ValueError, "needs low < high"),
        ({"learning_rate": ("logg", 0.1, 1)}, ValueError, r"did you mean 'log'\?"),
        ({"learning_rate": []}, ValueError, "empty list"),
        ({}, TypeError, "must be a non-empty dict"),
    ],
)
def test_bad_search_spaces(moons, space, error, message):
    X, y = moons
    with pytest.raises(error, match=message):
        random_search(X, y, space, n_iter=1, epochs=1, rng=0)


def test_bad_search_arguments(moons):
    X, y = moons
    with pytest.raises(ValueError, match="a grid needs a list of values"):
        grid_search(X, y, {"learning_rate": ("log", 1e-3, 1)})
    with pytest.raises(ValueError, match="validation_fraction must be a number between 0 and 1"):
        grid_search(X, y, {"learning_rate": [0.1]}, validation_fraction=1.5)
    with pytest.raises(ValueError, match="n_folds must be an integer >= 2"):
        grid_search(X, y, {"learning_rate": [0.1]}, n_folds=1)
    with pytest.raises(ValueError, match="both as searched hyperparameters and fixed"):
        grid_search(X, y, {"epochs": [1, 2]}, epochs=3)
    with pytest.raises(TypeError, match="validation_data is set by the search itself"):
        grid_search(X, y, {"epochs": [1]}, validation_data=(X, y))
    with pytest.raises(ValueError, match="scoring must be"):
        grid_search(X, y, {"epochs": [1]}, scoring="f1")


def test_to_dataframe_only_with_pandas(moons):
    X, y = moons
    result = grid_search(X, y, {"learning_rate": [0.1]}, epochs=1, rng=0)
    if importlib.util.find_spec("pandas") is None:
        with pytest.raises(ImportError, match="needs pandas"):
            result.to_dataframe()
    else:  # pragma: no cover - pandas is not a dependency
        assert len(result.to_dataframe()) == 1
