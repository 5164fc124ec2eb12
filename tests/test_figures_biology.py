"""The biological-neuron figure: both panels drawn, every part labelled, colours from style."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from nn_course.figures import biology  # noqa: E402
from nn_course.style import NEGATIVE, POSITIVE  # noqa: E402


def _texts(ax):
    return " ".join(t.get_text() for t in ax.texts)


@pytest.fixture(scope="module")
def fig():
    figure = biology.neuron_comparison()
    yield figure
    plt.close(figure)


def test_two_titled_panels(fig):
    assert [ax.get_title() for ax in fig.axes] == ["A biological neuron", "An artificial neuron"]


def test_every_biological_part_is_labelled(fig):
    text = _texts(fig.axes[0])
    for part in ("dendrites", "cell body", "axon", "synapses"):
        assert part in text, f"the biological panel has no label for {part!r}"
    assert set(biology.PARTS) == {"dendrites", "synapses", "cell body", "axon"}


def test_artificial_parts_are_numbered_like_the_cell(fig):
    text = _texts(fig.axes[1])
    for label in ("(1) inputs", "(2) weights", "(3) weighted sum", "(4) output"):
        assert label in text
    for i in (1, 2, 3):
        assert f"$x_{i}$" in text and f"$w_{i}$" in text


def test_weight_edges_use_the_style_colours(fig):
    colours = {to_hex(line.get_color()).upper() for line in fig.axes[1].lines}
    assert POSITIVE.upper() in colours and NEGATIVE.upper() in colours


def test_drawing_is_deterministic():
    a, b = biology.neuron_comparison(), biology.neuron_comparison()
    try:
        ends_a = [tuple(line.get_xydata().ravel()) for line in a.axes[0].lines]
        ends_b = [tuple(line.get_xydata().ravel()) for line in b.axes[0].lines]
        assert ends_a == ends_b
    finally:
        plt.close(a)
        plt.close(b)


def test_bad_number_of_inputs():
    fig, ax = plt.subplots()
    try:
        with pytest.raises(ValueError, match="n_inputs must be a positive integer; got 0"):
            biology.draw_artificial_neuron(ax, n_inputs=0)
    finally:
        plt.close(fig)
