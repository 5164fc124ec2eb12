"""Behaviour of network_builder: the parameter count it shows is the package's, layer by layer."""

from __future__ import annotations

import re

import pytest

from nn_course import Dense, Network, style
from nn_course.widgets import network_builder
from nn_course.widgets.network_builder import (
    MAX_DRAWN_NODES,
    layer_parameter_counts,
    network_diagram_svg,
)


def _set(builder, n_inputs, hidden, n_outputs):
    c = builder.controls
    c["n_inputs"].value = n_inputs
    c["n_hidden"].value = len(hidden)
    for k, width in enumerate(hidden, start=1):
        c[f"width{k}"].value = width
    c["n_outputs"].value = n_outputs


@pytest.mark.parametrize(
    "n_inputs, hidden, n_outputs",
    [
        (2, [8, 8], 1),
        (4, [], 3),
        (1, [1], 1),
        (16, [64, 64, 64, 64], 10),
        (3, [5, 2, 7], 2),
        (10, [32], 10),
    ],
)
def test_count_equals_the_package_network(n_inputs, hidden, n_outputs):
    builder = network_builder()
    _set(builder, n_inputs, hidden, n_outputs)
    sizes = [n_inputs, *hidden, n_outputs]
    net = Network([Dense(a, b, "relu", rng=0) for a, b in zip(sizes[:-1], sizes[1:])])
    assert builder.state["sizes"] == sizes
    assert (
        builder.state["n_parameters"] == net.n_parameters() == builder.state["network_n_parameters"]
    )
    assert f">{net.n_parameters()}</td>" in builder.table.value
    assert "✓ the same total" in builder.table.value


def test_rows_are_weights_plus_biases_per_layer():
    builder = network_builder(n_inputs=3, hidden=(4,), n_outputs=2)
    assert builder.state["rows"] == [(3, 4, 12, 4), (4, 2, 8, 2)]
    assert "3 · 4 = 12" in builder.table.value and "4 · 2 = 8" in builder.table.value
    assert layer_parameter_counts([2, 3, 1]) == [(2, 3, 6, 3), (3, 1, 3, 1)]


def test_only_the_width_sliders_in_use_are_shown():
    builder = network_builder(hidden=(8, 8))
    shown = [builder.controls[f"width{k}"].layout.display != "none" for k in range(1, 5)]
    assert shown == [True, True, False, False]
    builder.controls["n_hidden"].value = 0
    assert all(builder.controls[f"width{k}"].layout.display == "none" for k in range(1, 5))


def test_setting_a_deeper_width_adds_layers_up_to_it():
    builder = network_builder(hidden=(8,))
    builder.controls["width3"].value = 5
    assert builder.controls["n_hidden"].value == 3
    assert builder.state["sizes"][3] == 5


def test_every_slider_changes_the_diagram_or_the_table():
    builder = network_builder()
    for name, control in builder.controls.items():
        before = (builder.diagram.value, builder.table.value)
        if hasattr(control, "options"):
            control.value = [o for o in control.options if o != control.value][0]
        else:
            control.value = control.min if control.value != control.min else control.max
        assert (builder.diagram.value, builder.table.value) != before, name


def test_wide_layers_are_drawn_with_at_most_max_nodes():
    svg = network_diagram_svg([3, 64, 10], ["relu", "softmax"])
    # 3 + (MAX_DRAWN_NODES - 1 shown of 64, plus a ⋮) + 10
    assert svg.count("<circle") == 3 + (MAX_DRAWN_NODES - 1) + 10
    assert svg.count("⋮") == 1
    assert "64 · relu" in svg and "10 · softmax" in svg


def test_output_sentence_matches_the_task():
    builder = network_builder(n_outputs=1, output_activation="linear")
    assert "regression" in builder.table.value
    builder.controls["output_activation"].value = "sigmoid"
    assert "binary classification" in builder.table.value
    builder.controls["output_activation"].value = "softmax"
    assert "always exactly 1" in builder.table.value
    builder.controls["n_outputs"].value = 4
    assert "multi-class" in builder.table.value and "sum to 1" in builder.table.value


def test_activations_reach_the_network_and_diagram():
    builder = network_builder(
        hidden=(4, 4), hidden_activation="tanh", output_activation="softmax", n_outputs=3
    )
    assert builder.state["activations"] == ["tanh", "tanh", "softmax"]
    assert "4 · tanh" in builder.diagram.value and "3 · softmax" in builder.diagram.value


def test_too_many_hidden_layers_are_refused():
    with pytest.raises(ValueError, match="at most 4"):
        network_builder(hidden=(2, 2, 2, 2, 2))


def test_node_fills_by_role_are_greys_not_sign_or_class_colours():
    # Blue, orange (and the other class colours, and the vermillion "look here") carry meaning;
    # an input or output role has none, so the diagram fills nodes with greys and names the role.
    svg = network_diagram_svg([2, 3, 1], ["relu", "sigmoid"])
    fills = {f.upper() for f in re.findall(r'<circle[^>]*fill="(#[0-9A-Fa-f]{6})"', svg)}
    assert fills and fills <= {style.WHITE, style.PANEL, style.FAINT, style.NEUTRAL}
    assert len(fills) == 3  # input, hidden and output still told apart
    assert ">input<" in svg and ">output<" in svg
