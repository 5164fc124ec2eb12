"""descent_explorer: a large learning rate diverges, a small one converges slowly, no overflow."""

import warnings

import numpy as np

from nn_course.widgets.descent_explorer import (
    bowl_gradient,
    bowl_loss,
    descent_explorer,
    run_descent,
)


def test_gradient_is_the_derivative_of_the_loss():
    w, h = np.array([1.3, -0.7]), 1e-6
    numeric = [(bowl_loss(w + h * e) - bowl_loss(w - h * e)) / (2 * h) for e in np.eye(2)]
    np.testing.assert_allclose(bowl_gradient(w), numeric, rtol=1e-6)


def test_large_learning_rate_diverges_without_warnings():
    w = descent_explorer()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for lr in (0.25, 0.5, 1.0):
            w.controls["learning_rate"].value = lr
            assert w.diverged
            assert "too big" in w.verdict
            assert np.all(np.isfinite(w.path)) and np.all(np.isfinite(w.losses))


def test_small_learning_rate_converges_slowly():
    w = descent_explorer()
    w.controls["learning_rate"].value = 0.001
    assert not w.diverged
    assert np.all(np.diff(w.losses) < 0)  # every step goes down...
    assert w.losses[-1] > 0.5 * w.losses[0]  # ...but it is still far from the bottom
    assert "too small" in w.verdict


def test_a_good_learning_rate_reaches_the_bottom():
    w = descent_explorer()
    w.controls["learning_rate"].value = 0.1
    assert not w.diverged
    assert w.losses[-1] < 1e-3 * w.losses[0]
    assert "about right" in w.verdict


def test_steps_and_start_are_used():
    w = descent_explorer()
    w.controls["steps"].value = 7
    w.controls["start"].value = "(4, 2.5)"
    assert len(w.path) == 8
    np.testing.assert_array_equal(w.path[0], [4.0, 2.5])
    path, losses, diverged = run_descent((4.0, 2.5), w.controls["learning_rate"].value, 7)
    np.testing.assert_allclose(w.path, path)


def test_learning_rate_slider_changes_the_picture():
    w = descent_explorer()
    before = w.children[2].value
    w.controls["learning_rate"].value = 0.1
    assert w.children[2].value != before
