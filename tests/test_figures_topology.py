"""The topology figure of notebook 05: right connections, labelled, colours from nn_course.style."""

from __future__ import annotations

import matplotlib.colors as mcolors
import pytest
from matplotlib.patches import FancyArrowPatch

from nn_course import style
from nn_course.figures import topology
from nn_course.plotting import new_figure


def _arrows(ax):
    return [p for p in ax.patches if isinstance(p, FancyArrowPatch)]


def _colors(ax):
    return {mcolors.to_hex(p.get_edgecolor()) for p in _arrows(ax)}


def test_feedforward_is_fully_connected_and_grey():
    fig, ax = new_figure()
    topology.draw_topology("feedforward", ax)
    assert len(_arrows(ax)) == 3 * 4 + 4 * 2  # every pair of neighbouring-layer neurons
    assert _colors(ax) == {style.NEUTRAL.lower()}


def test_convolution_reads_three_neighbours_with_three_shared_weights():
    fig, ax = new_figure()
    topology.draw_topology("convolutional", ax)
    assert len(_arrows(ax)) == 5 * 3  # 5 neurons, 3 inputs each (not 7 * 5)
    assert _colors(ax) == {c.lower() for c in style.CLASS_COLORS[2:5]}


def test_recurrent_adds_one_loop_per_hidden_neuron():
    fig, ax = new_figure()
    topology.draw_topology("recurrent", ax)
    loops = [
        p for p in _arrows(ax) if mcolors.to_hex(p.get_edgecolor()) == style.CLASS_COLORS[4].lower()
    ]
    assert len(loops) == 4
    assert len(_arrows(ax)) == 3 * 4 + 4 * 2 + 4


def test_every_panel_is_labelled_with_title_and_legend():
    for fig in (topology.connectivity_figure(), topology.width_depth_figure()):
        for ax in fig.axes:
            assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
            assert ax.get_legend() is not None
            assert all(t.get_text() for t in ax.get_xticklabels())


def test_width_depth_titles_count_parameters():
    fig = topology.width_depth_figure(wide=(3, 10, 2), deep=(3, 4, 4, 2))
    wide, deep = (ax.get_title() for ax in fig.axes)
    assert "depth 2, width 10" in wide and f"{3 * 10 + 10 + 10 * 2 + 2} parameters" in wide
    assert (
        "depth 3, width 4" in deep
        and f"{topology.count_parameters([3, 4, 4, 2])} parameters" in deep
    )
    assert topology.count_parameters([3, 4, 4, 2]) == 3 * 4 + 4 + 4 * 4 + 4 + 4 * 2 + 2


def test_bad_input_is_named():
    fig, ax = new_figure()
    with pytest.raises(ValueError, match="kind must be one of .* got 'lstm'"):
        topology.draw_topology("lstm", ax)
    with pytest.raises(ValueError, match=r"at least one hidden layer; got sizes \[2, 1\]"):
        topology.width_depth_figure(wide=(2, 1))
