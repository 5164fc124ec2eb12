"""Behaviour of activation_explorer: the numbers it shows are the package's f(s*z0 + b) and f'."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from nn_course import activations
from nn_course.widgets import activation_explorer
from nn_course.widgets.activation_explorer import ELEMENTWISE, FORMULAS_HTML, SATURATION_THRESHOLD


@pytest.fixture
def explorer():
    return activation_explorer()


def test_offers_every_elementwise_activation_and_not_softmax(explorer):
    options = list(explorer.controls["activation"].options)
    expected = [name for name in activations.names() if activations.get(name).elementwise]
    assert sorted(options) == sorted(expected)
    assert "softmax" not in options
    assert set(options) <= set(FORMULAS_HTML)


def test_softmax_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="elementwise"):
        activation_explorer("softmax")


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_shown_values_are_f_and_its_derivative_at_s_z0_plus_b(explorer, name):
    c = explorer.controls
    c["activation"].value = name
    c["scale"].value, c["shift"].value, c["z0"].value = 2.0, -1.0, 0.7
    u = 2.0 * 0.7 - 1.0
    act = activations.get(name)
    assert explorer.state["u"] == pytest.approx(u)
    assert explorer.state["f"] == pytest.approx(float(act(np.array([u]))[0]))
    assert explorer.state["df"] == pytest.approx(float(act.derivative(np.array([u]))[0]))
    text = explorer.text.value
    assert f"{explorer.state['f']:.4f}" in text and f"{explorer.state['df']:.4f}" in text
    assert FORMULAS_HTML[name][0] in text


def test_saturation_is_reported_where_the_slope_is_tiny(explorer):
    c = explorer.controls
    c["activation"].value = "sigmoid"
    c["z0"].value = 6.0
    assert explorer.state["df"] < SATURATION_THRESHOLD
    assert "saturated" in explorer.text.value and "not saturated" not in explorer.text.value
    c["z0"].value = 0.0
    assert explorer.state["df"] == pytest.approx(0.25)
    assert "not saturated" in explorer.text.value


def test_saturated_fraction_per_activation(explorer):
    c = explorer.controls
    c["activation"].value = "linear"
    assert explorer.state["saturated"] == 0.0
    c["activation"].value = "step"
    assert explorer.state["saturated"] == 1.0
    c["activation"].value = "relu"
    assert explorer.state["saturated"] == pytest.approx(0.5, abs=0.01)  # z < 0 of z in [-6, 6]
    c["z0"].value = -2.0
    assert "zero slope" in explorer.text.value


def test_a_larger_scale_saturates_more_of_the_range(explorer):
    c = explorer.controls
    c["activation"].value = "tanh"
    c["scale"].value = 1.0
    narrow = explorer.state["saturated"]
    c["scale"].value = 4.0
    assert explorer.state["saturated"] > narrow


def test_a_shift_moves_the_curve(explorer):
    c = explorer.controls
    c["activation"].value = "sigmoid"
    c["z0"].value = 0.0
    c["shift"].value = 2.0
    assert explorer.state["f"] == pytest.approx(float(activations.sigmoid(np.array([2.0]))[0]))


@pytest.mark.parametrize(
    "control, value", [("scale", 3.0), ("shift", 1.5), ("z0", -2.0), ("activation", "elu")]
)
def test_every_control_changes_the_picture(explorer, control, value):
    before = explorer.view.image.value
    explorer.controls[control].value = value
    assert explorer.view.image.value != before
    assert explorer.view.image.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_extreme_settings_stay_finite_and_quiet(explorer):
    c = explorer.controls
    lo = (c["scale"].min, c["shift"].min, c["z0"].min)
    hi = (c["scale"].max, c["shift"].max, c["z0"].max)
    corners = [lo, hi, (lo[0], hi[1], lo[2]), (hi[0], lo[1], hi[2])]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in ELEMENTWISE:
            c["activation"].value = name
            for s, b, z0 in corners:
                c["scale"].value, c["shift"].value, c["z0"].value = s, b, z0
                assert np.isfinite(explorer.state["f"]) and np.isfinite(explorer.state["df"])


def test_the_slope_is_a_dashed_grey_and_the_bias_slider_says_what_it_adds(explorer):
    # f' has no sign: not vermillion (read as the orange of negative values) nor a class colour
    from matplotlib.colors import to_hex

    from nn_course import style

    slope = explorer.view.axes[1].lines[1]
    assert slope.get_label() == "f′(s·z + b)"
    assert to_hex(slope.get_color()).upper() == style.INK and slope.get_linestyle() == "--"
    assert explorer.controls["shift"].description == "extra bias b"
