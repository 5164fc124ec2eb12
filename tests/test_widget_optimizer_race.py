"""The optimiser race: the maths (surfaces, runs) checked by hand, then the widget driven."""

import warnings

import numpy as np
import pytest

from nn_course import optimizers
from nn_course.race import SURFACES, RaceResult, race, run, steps_to_reach, surface
from nn_course.widgets.optimizer_race import optimizer_race


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_gradient_is_the_derivative_of_the_loss(name):
    s = surface(name)
    w, h = np.array([0.7, -0.4]), 1e-6
    numeric = [(s.loss(w + h * e) - s.loss(w - h * e)) / (2 * h) for e in np.eye(2)]
    np.testing.assert_allclose(s.gradient(w), numeric, rtol=1e-6)


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_the_minimum_is_a_zero_of_the_gradient(name):
    s = surface(name)
    np.testing.assert_allclose(s.gradient(np.array(s.minimum)), [0.0, 0.0], atol=1e-12)
    assert s.loss(np.array(s.minimum)) == 0.0


def test_one_sgd_step_by_hand():
    # ravine gradient at (2, 1) is (2, 25); SGD with lr 0.01 moves to (1.98, 0.75)
    r = run("ravine", optimizers.SGD(0.01), steps=1, start=(2.0, 1.0))
    np.testing.assert_allclose(r.path, [[2.0, 1.0], [1.98, 0.75]])
    np.testing.assert_allclose(r.losses, [0.5 * (4 + 25), 0.5 * (1.98**2 + 25 * 0.75**2)])


def test_one_momentum_and_one_adam_step_by_hand():
    # rosenbrock at (0, 0): gradient (-2, 0). Momentum, first step = -lr * g.
    r = run("curved valley", optimizers.Momentum(0.01, momentum=0.9), steps=2, start=(0.0, 0.0))
    np.testing.assert_allclose(r.path[1], [0.02, 0.0])
    # second step: g at (0.02, 0) = (-2*0.98 - 400*0.02*(-0.0004), 200*(-0.0004))
    g = np.array([-2 * 0.98 + 400 * 0.02 * 0.0004, -0.08])
    v = 0.9 * np.array([0.02, 0.0]) - 0.01 * g
    np.testing.assert_allclose(r.path[2], r.path[1] + v, rtol=1e-12)
    # Adam's first step moves each coordinate with a nonzero gradient by lr (sign of -g)
    a = run("ravine", optimizers.Adam(0.1), steps=1, start=(2.0, -1.0))
    np.testing.assert_allclose(a.path[1], [1.9, -0.9], atol=1e-6)


def test_momentum_beats_sgd_in_the_ravine():
    result = race("ravine", steps=100)
    assert result["momentum"].losses[-1] < 1e-2 * result["sgd"].losses[-1]
    assert result["nesterov"].losses[-1] < result["sgd"].losses[-1]


def test_a_large_learning_rate_diverges_cleanly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = race("ravine", steps=200, lr_sgd=0.2)  # above 2 / 25 = 0.08
    assert result["sgd"].diverged and result["momentum"].diverged
    assert not result["adam"].diverged
    for r in result.values():
        assert np.all(np.isfinite(r.path)) and np.all(np.isfinite(r.losses))


def test_steps_to_reach():
    r = RaceResult(np.zeros((4, 2)), np.array([5.0, 2.0, 0.5, 0.1]), False)
    assert steps_to_reach(r, 1.0) == 2
    assert steps_to_reach(r, 0.01) is None


def test_bad_input_is_refused_clearly():
    with pytest.raises(ValueError, match="surface must be one of"):
        race("bowl")
    with pytest.raises(ValueError, match="steps must be >= 0"):
        run("ravine", optimizers.SGD(0.1), steps=-1)
    with pytest.raises(ValueError, match="start must be a pair"):
        run("ravine", optimizers.SGD(0.1), steps=1, start=(1.0, 2.0, 3.0))


def test_widget_shows_an_image_and_a_table_marked_as_views():
    w = optimizer_race()
    image, table = w.children[3], w.children[4]
    assert image.value[:4] == b"\x89PNG"
    assert "nn-view" in image._dom_classes and "nn-view" in table._dom_classes
    for label in ("SGD", "momentum", "Nesterov", "RMSProp", "Adam"):
        assert label in table.value


def test_sliders_change_the_race():
    w = optimizer_race()
    before_image, before = w.children[3].value, w.results["momentum"].path.copy()
    w.controls["beta"].value = 0.5
    assert not np.array_equal(w.results["momentum"].path, before)
    assert w.children[3].value != before_image
    expected = race("ravine", 200, w.controls["lr_sgd"].value, w.controls["lr_adaptive"].value,
                    0.5, 0.9, 0.999)
    np.testing.assert_allclose(w.results["adam"].path, expected["adam"].path)
    w.controls["steps"].value = 50
    assert all(len(r.path) <= 51 for r in w.results.values())


def test_new_surface_brings_its_learning_rates():
    w = optimizer_race()
    w.controls["surface"].value = "curved valley"
    assert (w.controls["lr_sgd"].value, w.controls["lr_adaptive"].value) == pytest.approx(
        SURFACES["curved valley"].learning_rates)
    np.testing.assert_allclose(w.results["sgd"].path[0], SURFACES["curved valley"].start)
    expected = race("curved valley", 200)
    np.testing.assert_allclose(w.results["rmsprop"].path, expected["rmsprop"].path)
