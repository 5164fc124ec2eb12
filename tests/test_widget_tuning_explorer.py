"""The tuning explorer: controls only preview, *train* trains, runs are repeatable."""

from __future__ import annotations

import re

import numpy as np
import pytest

from nn_course.tuning import build_network
from nn_course.widgets.tuning_explorer import DATASETS, load_data, train_config, tuning_explorer


@pytest.fixture(scope="module")
def w():
    explorer = tuning_explorer()
    explorer.controls["epochs"].value = 10  # keep the tests quick
    explorer.controls["train"].click()
    return explorer


def preview(w) -> str:
    return w.children[0].children[1].value


def image(w) -> bytes:
    return w.children[1].value


def result(w) -> str:
    return w.children[2].value


def test_it_starts_with_a_run_matching_its_controls():
    explorer = tuning_explorer()
    assert explorer.n_runs == 1 and not explorer.stale
    assert (
        explorer.history is not None and len(explorer.history) == explorer.controls["epochs"].value
    )
    assert set(explorer.controls) == {
        "learning_rate",
        "batch_size",
        "epochs",
        "hidden",
        "activation",
        "l2",
        "dropout",
        "dataset",
        "train",
    }
    assert "Final accuracy" in result(explorer)


def test_a_slider_updates_the_preview_only(w):
    runs, before_html, before_png = w.n_runs, preview(w), image(w)
    w.controls["learning_rate"].value = 0.3
    assert preview(w) != before_html and "learning rate 0.3" in preview(w)
    assert "Settings changed" in preview(w) and w.stale
    assert image(w) == before_png and w.n_runs == runs  # no training on a slider move
    w.controls["learning_rate"].value = 0.1
    assert not w.stale  # back to the settings of the last run


def test_train_uses_the_settings_and_is_repeatable(w):
    c = w.controls
    c["batch_size"].value, c["hidden"].value, c["activation"].value = 32, 16, "tanh"
    c["train"].click()
    params = w.history.params
    assert params["batch_size"] == 32 and params["epochs"] == 10 and not w.stale
    assert w.config["activation"] == "tanh"
    first_png, first = image(w), list(w.history.history["val_loss"])
    c["train"].click()
    assert w.history.history["val_loss"] == first and image(w) == first_png


def test_preview_counts_parameters_like_the_network(w):
    c = w.controls
    for dataset in DATASETS:
        c["dataset"].value = dataset
        c["hidden"].value = 64
        X_train, y_train, _, _ = load_data(dataset)
        net = build_network(X_train.shape[1], int(y_train.max()) + 1, hidden=(64,))
        shown = int(
            re.search(r"parameters</b></td><td>([\d,]+)", preview(w)).group(1).replace(",", "")
        )
        assert shown == net.n_parameters()
    c["dataset"].value = "digits"


def test_preview_gives_the_sizes_counted_from_the_data(w):
    for dataset in DATASETS:
        w.controls["dataset"].value = dataset
        X_train, _, X_val, _ = load_data(dataset)
        assert f"{len(X_train)} training and {len(X_val)} validation" in preview(w)
    w.controls["dataset"].value = "digits"


def test_regularisation_narrows_the_gap_on_the_digits_subset():
    data = load_data("digits")
    base = {
        "learning_rate": 0.1,
        "batch_size": 16,
        "epochs": 30,
        "hidden": 64,
        "activation": "relu",
        "l2": 0.0,
        "dropout": 0.0,
    }
    gaps = []
    for extra in ({}, {"l2": 0.01, "dropout": 0.3}):
        _, h = train_config({**base, **extra}, data)
        gaps.append(h.history["accuracy"][-1] - h.history["val_accuracy"][-1])
    assert gaps[1] < gaps[0]


def test_a_too_large_learning_rate_is_reported_as_diverged(w):
    c = w.controls
    c["activation"].value, c["hidden"].value, c["batch_size"].value = "relu", 32, 16
    w.controls["learning_rate"].value = 3.0
    w.controls["train"].click()
    assert w.history.diverged and "diverged" in result(w)
    w.controls["learning_rate"].value = 0.1


def test_every_dataset_trains_quickly_enough_to_plot(w):
    for dataset in DATASETS:
        w.controls["dataset"].value = dataset
        w.controls["train"].click()
        assert np.isfinite(w.history.history["val_accuracy"][-1])
        assert image(w)[:4] == b"\x89PNG"
    w.controls["dataset"].value = "digits"


def test_unknown_dataset_is_refused():
    with pytest.raises(ValueError, match="Unknown data set 'mnist'"):
        tuning_explorer("mnist")
