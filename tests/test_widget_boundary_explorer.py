"""boundary_explorer: a line fails on XOR and circles, the right hand-made feature fixes each,
spirals stay unsolved, and each choice is trained once (cached)."""

import importlib

import numpy as np
import pytest

from nn_course.widgets.boundary_explorer import (
    DATASET_CHOICES,
    LinearModel,
    boundary_explorer,
    make_data,
)

# The package re-exports the factory under the module's name, so fetch the module itself.
module = importlib.import_module("nn_course.widgets.boundary_explorer")


def _accuracy(w, dataset, features=()):
    c = w.controls
    c["dataset"].value = dataset
    for f in ("x1*x2", "x1^2+x2^2"):
        c[f].value = f in features
    return w.accuracy


def test_a_line_fails_where_it_should_and_features_fix_it():
    w = boundary_explorer()
    assert _accuracy(w, "blobs (separable)") >= 0.97
    assert _accuracy(w, "XOR") < 0.75
    assert _accuracy(w, "XOR", ["x1*x2"]) >= 0.9
    assert _accuracy(w, "circles") < 0.65
    assert _accuracy(w, "circles", ["x1^2+x2^2"]) >= 0.95
    assert _accuracy(w, "spirals", ["x1*x2", "x1^2+x2^2"]) < 0.75


def test_accuracy_shown_is_the_models_accuracy():
    w = boundary_explorer()
    X, y = w.data
    assert w.accuracy == pytest.approx(w.model.accuracy(X, y))
    assert f"{w.accuracy:.1%}" in w.info.value


def test_each_choice_is_trained_once(monkeypatch):
    calls = []
    original = LinearModel.fit

    def counting_fit(self, X, y):
        calls.append(tuple(self.features))
        return original(self, X, y)

    monkeypatch.setattr(module.LinearModel, "fit", counting_fit)
    w = boundary_explorer()
    for _ in range(3):
        w.controls["x1*x2"].value = True
        w.controls["x1*x2"].value = False
        w.controls["noise"].value = 0.2
        w.controls["noise"].value = 0.1
    assert len(calls) == 3  # (none, 0.1), (x1*x2, 0.1), (none, 0.2); then only cache hits
    assert len(set(calls)) == 2


def test_every_control_changes_the_picture():
    w = boundary_explorer()
    seen = {w.view.image.value}
    w.controls["noise"].value = 0.3
    seen.add(w.view.image.value)
    w.controls["x1*x2"].value = True
    seen.add(w.view.image.value)
    w.controls["x1^2+x2^2"].value = True
    seen.add(w.view.image.value)
    for name in DATASET_CHOICES:
        w.controls["dataset"].value = name
        seen.add(w.view.image.value)
    assert len(seen) == 3 + len(DATASET_CHOICES)


def test_linear_model_is_a_one_neuron_network():
    X, y = make_data("xor", 0.1)
    m = LinearModel(["x1*x2"]).fit(X, y)
    assert m.net.layer_sizes == [3, 1]
    np.testing.assert_allclose(m.predict_proba(X), m.net.predict_proba(m.transform(X)))
    assert m.formula().startswith("p = sigmoid(") and "*(x1*x2)" in m.formula()


def test_linear_model_matches_the_package_gradient():
    # One step of fit from zero weights is one gradient-descent step on the network's own gradient.
    X, y = make_data("moons", 0.1)
    m = LinearModel(steps=1, learning_rate=0.5).fit(X, y)
    ref = LinearModel()
    _, grads = ref.net.loss_and_gradients(ref.transform(X), y, loss="binary_cross_entropy")
    np.testing.assert_allclose(m.weights, -0.5 * grads[0]["W"][:, 0], atol=1e-12)
    assert m.bias == pytest.approx(-0.5 * grads[0]["b"][0])


def test_fit_starts_from_zero_weights_every_time():
    # fit trains the network in place; a second fit must not continue from the first one.
    X, y = make_data("circles", 0.1)
    m = LinearModel(["x1^2+x2^2"], steps=50)
    first = m.fit(X, y).weights
    np.testing.assert_array_equal(m.fit(X, y).weights, first)
    np.testing.assert_array_equal(LinearModel(["x1^2+x2^2"], steps=50).fit(X, y).weights, first)


def test_bad_names():
    with pytest.raises(ValueError, match="Unknown feature"):
        LinearModel(["x1^3"])
    with pytest.raises(ValueError, match="Unknown data set"):
        boundary_explorer("rings")
    with pytest.raises(ValueError, match="Unknown data set"):
        make_data("rings")
