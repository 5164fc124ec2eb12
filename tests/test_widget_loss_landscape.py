"""loss_landscape: the point's loss is the neuron's loss; contours are computed once per loss."""

import warnings

import numpy as np
import pytest

from nn_course import losses
from nn_course.widgets.loss_landscape import DATA_X, DATA_Y, loss_landscape, neuron_loss


def test_loss_value_matches_the_package_losses():
    w = loss_landscape()
    w.controls["w"].value, w.controls["b"].value = 1.5, -0.5
    p = 1 / (1 + np.exp(-(1.5 * DATA_X - 0.5)))
    assert np.isclose(w.loss_value, losses.get("binary_cross_entropy")(p, DATA_Y))
    w.controls["loss"].value = "mse"
    assert np.isclose(w.loss_value, losses.get("mse")(p, DATA_Y))
    assert f"{w.loss_value:.4f}" in w.children[1].value


def test_contours_are_cached_per_loss():
    w = loss_landscape()
    assert w.n_contours_computed == 2  # both losses, once, at build time
    images = {}
    for loss in ("mse", "binary_cross_entropy", "mse", "binary_cross_entropy"):
        w.controls["loss"].value = loss
        images.setdefault(loss, w.children[2].value)
        assert w.children[2].value == images[loss]  # the cached picture, not a redrawn one
    assert images["mse"] != images["binary_cross_entropy"]
    assert w.n_contours_computed == 2


def test_sliders_change_the_picture_and_extremes_are_finite():
    w = loss_landscape()
    before = w.children[2].value
    w.controls["w"].value = 4.0
    assert w.children[2].value != before
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for loss in ("mse", "binary_cross_entropy"):
            w.controls["loss"].value = loss
            for wv in (-6.0, 6.0):
                for bv in (-6.0, 6.0):
                    w.controls["w"].value, w.controls["b"].value = wv, bv
                    assert np.isfinite(w.loss_value)


def test_cross_entropy_is_lowest_near_a_good_fit():
    """The best grid point of cross-entropy classifies most of the data correctly."""
    ws = np.linspace(-6, 6, 121)
    values = [[neuron_loss(a, b) for a in ws] for b in ws]
    i, j = np.unravel_index(np.argmin(values), (121, 121))
    pred = (ws[j] * DATA_X + ws[i]) > 0
    assert np.mean(pred == DATA_Y) >= 0.8


def test_unknown_loss():
    with pytest.raises(ValueError, match="loss must be one of"):
        neuron_loss(1.0, 0.0, "hinge")
