"""neuron_explorer: the numbers shown are Neuron.explain of the sliders' values, and every
slider and activation changes both the diagram and the curve."""

import numpy as np
import pytest

from nn_course import Neuron
from nn_course.style import NEGATIVE, POSITIVE
from nn_course.widgets.neuron_explorer import ACTIVATION_CHOICES, activation_svg, neuron_explorer


def test_numbers_are_the_neurons_explanation():
    w = neuron_explorer(n_inputs=3)
    c = w.controls
    values = {"x1": 1.0, "x2": -0.5, "x3": 2.0, "w1": 0.4, "w2": -1.2, "w3": 0.3, "b": 0.7}
    for key, value in values.items():
        c[key].value = value
    c["activation"].value = "tanh"
    expected = Neuron([0.4, -1.2, 0.3], 0.7, "tanh")
    x = np.array([1.0, -0.5, 2.0])
    assert w.neuron.z(x) == pytest.approx(expected.z(x))
    assert w.neuron.output(x) == pytest.approx(expected.output(x))
    assert expected.explain(x).splitlines()[1] in w.numbers.value
    assert f"z = {expected.z(x):.3g}" in w.diagram.value
    assert f"a = {expected.output(x):.3g}" in w.diagram.value


def test_one_slider_per_input_and_weight():
    for n in (1, 2, 5):
        w = neuron_explorer(n_inputs=n)
        assert sorted(k for k in w.controls if k[0] in "xw") == sorted(
            [f"x{i + 1}" for i in range(n)] + [f"w{i + 1}" for i in range(n)]
        )
        assert w.diagram.value.count("<circle cx='40'") == n


@pytest.mark.parametrize("key", ["x1", "w2", "b"])
def test_every_slider_changes_the_views(key):
    w = neuron_explorer()
    before = (w.diagram.value, w.curve.value, w.numbers.value)
    w.controls[key].value = 1.7
    after = (w.diagram.value, w.curve.value, w.numbers.value)
    assert all(a != b for a, b in zip(before, after))


def test_negative_weights_are_drawn_in_another_colour_and_width_follows_size():
    w = neuron_explorer(n_inputs=2)
    w.controls["w1"].value, w.controls["w2"].value = 2.0, -0.5
    svg = w.diagram.value
    # The course's one edge rule: blue positive, orange negative, width 0.5 + 4.5 |w| / 3.
    assert f"{POSITIVE}' stroke-width='3.50'" in svg  # positive, thick
    assert f"{NEGATIVE}' stroke-width='1.25'" in svg  # negative, thin


@pytest.mark.parametrize("name", ACTIVATION_CHOICES)
def test_every_activation_at_extreme_values(name):
    w = neuron_explorer()
    c = w.controls
    c["activation"].value = name
    for key in [k for k in c if k != "activation"]:
        c[key].value = c[key].max
    assert "off the chart" in w.curve.value  # z = 3*2*3 + 3 is far beyond 6
    assert "nan" not in w.numbers.value and "inf" not in w.numbers.value


def test_activation_svg_marks_the_point():
    svg = activation_svg("relu", 2.0)
    assert "z = 2, a = 2" in svg and "<polyline" in svg


def test_bad_arguments():
    with pytest.raises(ValueError, match="n_inputs must be an integer from 1 to 6"):
        neuron_explorer(n_inputs=0)
    with pytest.raises(ValueError, match="Unknown activation 'softmax'"):
        neuron_explorer(activation="softmax")
    with pytest.raises(ValueError, match="need 2 values each"):
        neuron_explorer(n_inputs=2, x=[1.0])


def test_activations_limits_the_dropdown_in_the_given_order():
    explorer = neuron_explorer(activations=["sigmoid", "step", "relu"])
    dropdown = explorer.controls["activation"]
    assert list(dropdown.options) == ["sigmoid", "step", "relu"]
    dropdown.value = "step"
    assert explorer.neuron.activation.name == "step"
    assert list(neuron_explorer().controls["activation"].options) == list(ACTIVATION_CHOICES)


def test_activations_are_checked():
    with pytest.raises(ValueError, match="non-empty list of names"):
        neuron_explorer(activations=["sigmoid", "softmax"])
    with pytest.raises(ValueError, match="non-empty list of names"):
        neuron_explorer(activations=[])
    with pytest.raises(ValueError, match=r"Unknown activation 'tanh'; choose from \['relu'\]"):
        neuron_explorer(activation="tanh", activations=["relu"])
