"""feedforward_stepper shows exactly what net.forward(x, trace=True) computes, one layer per
click."""

import re

import numpy as np
import pytest

from nn_course import Network
from nn_course.widgets.feedforward_stepper import example_network, feedforward_stepper


def _numbers(text):
    return [float(v) for v in re.findall(r"-?\d+\.\d+", text)]


def test_default_builds_with_no_arguments_and_starts_at_the_input():
    w = feedforward_stepper()
    assert w.step == 0
    assert "?" in w.children[2].value  # nothing computed yet
    assert set(w.controls) >= {"x1", "x2", "next", "back", "reset"}


def test_each_click_shows_the_next_layer_of_the_trace():
    net = example_network()
    w = feedforward_stepper(net)
    trace = net.forward(w.x, trace=True)
    for i, t in enumerate(trace, start=1):
        w.controls["next"].click()
        assert w.step == i
        text = w.children[3].value
        shown = _numbers(text.split(f"z{i} = ", 2)[2].split("<br>")[0])
        np.testing.assert_allclose(shown, np.round(t.z[0], 3), atol=1e-9)
        assert f"{t.input.shape} @ {t.layer.W.shape} + {t.layer.b.shape} &rarr; {t.z.shape}" in text
        for value in t.a[0]:
            assert f"{value:.3f}" in w.children[2].value  # a on the diagram


def test_values_equal_forward_for_a_slider_input():
    net = example_network()
    w = feedforward_stepper(net)
    w.controls["x1"].value = -2.0
    w.controls["x2"].value = 1.5
    expected = net.forward(np.array([[-2.0, 1.5]]), trace=True)
    for got, want in zip(w.trace, expected, strict=True):
        np.testing.assert_array_equal(got.z, want.z)
        np.testing.assert_array_equal(got.a, want.a)


def test_last_step_prints_probabilities_and_predicted_class():
    net = example_network()
    w = feedforward_stepper(net)
    for _ in range(5):  # clicking past the end stays at the end
        w.controls["next"].click()
    assert w.step == 2
    probs = net.forward(w.x)[0]
    assert f"predicted class: <b>{int(np.argmax(probs))}</b>" in w.children[3].value


def test_back_and_reset():
    w = feedforward_stepper()
    w.controls["next"].click()
    w.controls["next"].click()
    w.controls["back"].click()
    assert w.step == 1
    w.controls["back"].click()
    w.controls["back"].click()
    assert w.step == 0
    w.controls["next"].click()
    w.controls["reset"].click()
    assert w.step == 0


def test_slider_changes_the_diagram():
    w = feedforward_stepper()
    before = w.children[2].value
    w.controls["x1"].value = 2.5
    assert w.children[2].value != before


def test_other_networks_work():
    net = Network.from_sizes([3, 4, 4, 1], activation="relu", output_activation="sigmoid", rng=0)
    w = feedforward_stepper(net, x=[0.5, -1.0, 2.0])
    for _ in range(3):
        w.controls["next"].click()
    assert "P(class 1)" in w.children[3].value
    with pytest.raises(ValueError, match="x must have 3 values"):
        feedforward_stepper(net, x=[1.0, 2.0])


def test_the_legend_names_the_ring_by_its_colour_and_says_what_it_marks():
    from nn_course import style

    w = feedforward_stepper()
    w.controls["next"].click()
    svg = w.children[2].value
    ring = re.search(r'<tspan fill="(#[0-9A-Fa-f]{6})"[^>]*>(\w+) ring</tspan>: ([^<]*)<', svg)
    assert ring is not None, "the legend explains the ring"
    assert (ring.group(1).upper(), ring.group(2)) == (style.ACCENT, "Vermillion")
    assert "layer" in ring.group(3)
    assert not re.search(r"\bred\b", svg, flags=re.IGNORECASE)
