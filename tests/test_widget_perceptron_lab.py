"""perceptron_lab: the buttons apply Rosenblatt's rule exactly as Perceptron.step does, and the
sliders, the shaded half-plane and the text follow the weights."""

import numpy as np
import pytest

from nn_course import Perceptron
from nn_course.widgets.perceptron_lab import DATASETS, halfplane_polygon, lab_data, perceptron_lab


def _weights(lab):
    c = lab.controls
    return np.array([c["w1"].value, c["w2"].value]), c["b"].value


def test_learn_one_step_applies_the_rule_exactly_once():
    lab = perceptron_lab("AND")
    c = lab.controls
    c["w1"].value, c["w2"].value, c["b"].value = (
        0.5,
        0.5,
        0.2,
    )  # (0, 0) -> z = 0.2 -> predicts 1, wrong
    reference = Perceptron(2)
    reference.weights, reference.bias = np.array([0.5, 0.5]), 0.2
    expected = reference.step([0.0, 0.0], 0)
    c["step"].click()
    w, b = _weights(lab)
    np.testing.assert_allclose(w, expected["weights"])
    assert b == pytest.approx(expected["bias"])
    assert lab.perceptron.n_updates == 1
    record = lab.last_update
    assert record["y"] == 0 and record["y_pred"] == 1 and record["updated"]
    text = lab.update_text.value
    assert "x = (0, 0)" in text and "y = 0" in text and "y_pred = step(z) = 1" in text
    assert "&Delta;b = &eta;&middot;error = -1" in text


def test_a_correct_prediction_changes_nothing():
    lab = perceptron_lab("AND")
    c = lab.controls
    c["w1"].value, c["w2"].value, c["b"].value = 1.0, 1.0, -1.5  # AND solved
    c["step"].click()
    w, b = _weights(lab)
    np.testing.assert_allclose(w, [1.0, 1.0])
    assert b == -1.5 and lab.perceptron.n_updates == 0
    assert "changes nothing" in lab.update_text.value


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND"])
def test_epochs_from_reset_match_perceptron_fit(gate):
    lab = perceptron_lab(gate)
    lab.controls["reset"].click()
    for _ in range(20):
        lab.controls["epoch"].click()
    X, y = lab_data(gate)
    p = Perceptron(2).fit(X, y, epochs=20)
    w, b = _weights(lab)
    np.testing.assert_allclose(w, p.weights)
    assert b == pytest.approx(p.bias)
    assert lab.perceptron.n_updates == p.n_updates
    assert lab.epoch_errors[: len(p.errors_per_epoch)] == p.errors_per_epoch
    assert lab.epoch_errors[-1] == 0
    assert np.array_equal(lab.perceptron.predict(X), y)
    assert "every point is on its correct side" in lab.status.value


def test_xor_never_has_an_epoch_without_mistakes():
    lab = perceptron_lab("XOR")
    lab.controls["reset"].click()
    for _ in range(30):
        lab.controls["epoch"].click()
    assert len(lab.epoch_errors) == 30
    assert min(lab.epoch_errors) > 0


def test_switching_data_set_starts_the_update_count_again():
    lab = perceptron_lab("XOR")
    lab.controls["reset"].click()
    for _ in range(3):
        lab.controls["epoch"].click()
    assert lab.perceptron.n_updates > 0
    lab.controls["dataset"].value = "blobs"
    assert lab.perceptron.n_updates == 0 and lab.epoch_errors == []
    assert "updates so far: 0 " in lab.status.value


@pytest.mark.parametrize("name", DATASETS)
def test_the_w_arrow_and_its_label_stay_inside_the_axes(name):
    lab = perceptron_lab(name)
    ax = lab.view.axes
    c = lab.controls
    for w1, w2, b in [
        (-1.0, 0.0, -1.0),
        (1.0, 0.0, -1.4),
        (0.0, 1.0, -1.4),
        (1.0, 1.0, -1.5),
        (-0.5, 2.0, 0.3),
        (3.0, -3.0, 0.0),
        (0.1, 0.0, 0.0),
    ]:
        c["w1"].value, c["w2"].value, c["b"].value = w1, w2, b
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        for text in ax.texts:
            if not text.get_visible():
                continue
            points = [text.get_position()] if not hasattr(text, "xyann") else [text.xy, text.xyann]
            for px, py in points:
                assert x0 <= px <= x1 and y0 <= py <= y1, (name, w1, w2, b, text)


def test_dragging_a_slider_is_what_the_rule_continues_from():
    lab = perceptron_lab("OR")
    c = lab.controls
    c["reset"].click()
    c["w1"].value = 2.0
    np.testing.assert_allclose(lab.perceptron.weights, [2.0, 0.0])
    c["step"].click()  # (0, 0), y = 0, z = 0 -> predicts 1 -> b drops by 1, w unchanged (x = 0)
    w, b = _weights(lab)
    np.testing.assert_allclose(w, [2.0, 0.0])
    assert b == -1.0


def test_misclassified_points_are_ringed_and_the_picture_changes():
    lab = perceptron_lab("AND")
    c = lab.controls
    c["w1"].value, c["w2"].value, c["b"].value = 1.0, 1.0, -1.5
    solved = lab.view.image.value
    ring = [a for a in lab.view.axes.collections if a.get_label() == "misclassified"][0]
    assert len(ring.get_offsets()) == 0
    c["b"].value = 0.5  # everything predicted 1: the three class-0 points are wrong
    assert len(ring.get_offsets()) == 3
    assert lab.view.image.value != solved
    assert "3</b> of 4 points on the wrong side" in lab.status.value


def test_learned_weights_outside_the_slider_range_widen_it():
    lab = perceptron_lab("blobs", learning_rate=5.0)
    lab.controls["reset"].click()
    for _ in range(10):
        lab.controls["epoch"].click()
    w, b = _weights(lab)
    np.testing.assert_allclose(w, lab.perceptron.weights)
    assert b == pytest.approx(lab.perceptron.bias)


def test_every_data_set_is_separable_except_xor():
    for name in DATASETS:
        X, y = lab_data(name)
        p = Perceptron(2).fit(X, y, epochs=100)
        assert p.converged == (name != "XOR"), name


def test_halfplane_polygon():
    box = (0.0, 2.0, 0.0, 2.0)
    assert halfplane_polygon([0.0, 0.0], 1.0, box).shape == (4, 2)  # everything is class 1
    assert halfplane_polygon([0.0, 0.0], -1.0, box).shape == (0, 2)  # nothing is
    tri = halfplane_polygon([1.0, 1.0], -3.0, box)  # corner x1 + x2 >= 3
    assert tri.shape == (3, 2) and np.all(tri @ [1.0, 1.0] - 3.0 >= -1e-12)


def test_unknown_data_set():
    with pytest.raises(ValueError, match="Unknown data set 'xnor'"):
        lab_data("xnor")
