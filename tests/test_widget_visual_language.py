"""One visual language: every plot, SVG diagram, widget and the playground draws positive values
and class 1 in blue, negative values and class 0 in orange.

Each check reads the colour from what is rendered (matplotlib artists, SVG text, the PNG palette
of a playground heatmap), so a module that picks its own colours fails here.
"""

from __future__ import annotations

import base64
import io
import re

import matplotlib
import numpy as np
import pytest
from matplotlib.colors import to_hex
from PIL import Image

from nn_course import Network, datasets, style
from nn_course.diagrams import network_svg
from nn_course.plotting import draw_network, new_figure, plot_data, plot_decision_boundary
from nn_course.widgets import feedforward_stepper, neuron_explorer, playground

matplotlib.use("Agg")

BLUE, ORANGE = style.POSITIVE.lower(), style.NEGATIVE.lower()


def _hex(color) -> str:
    return to_hex(color).lower()


def _near(rgb, target: str) -> bool:
    """True when ``rgb`` is a tint of ``target`` (mixed with white), not of the other colour."""
    other = ORANGE if target == BLUE else BLUE
    rgb = np.asarray(rgb, dtype=float)

    def distance(colour):  # to the closest tint of colour
        c = np.array(style.rgb(colour), dtype=float)
        t = np.clip(np.dot(255 - rgb, 255 - c) / np.dot(255 - c, 255 - c), 0, 1)
        return np.linalg.norm(255 - t * (255 - c) - rgb)

    return distance(target) < 8 and distance(other) > 30


def _weight_colours(svg: str) -> dict[str, set[str]]:
    """Colour -> weights of the lines of a diagram (``<g stroke>`` groups of titled lines)."""
    found: dict[str, set[str]] = {}
    for colour, body in re.findall(r'<g stroke="(#[0-9A-Fa-f]{6})"[^>]*>(.*?)</g>', svg):
        found.setdefault(colour.lower(), set()).update(re.findall(r"w = (-?[\d.e+-]+)", body))
    return found


def _signs(found: dict[str, set[str]]) -> dict[str, set[bool]]:
    return {colour: {float(w) >= 0 for w in ws} for colour, ws in found.items() if ws}


# ----------------------------------------------------------------------------- matplotlib
def test_scatter_classes_and_probability_map_ends():
    X, y = datasets.xor(40, rng=0)
    ax = plot_data(X, y, ax=new_figure()[1])
    colours = {c.get_label(): _hex(c.get_facecolor()[0]) for c in ax.collections}
    assert colours == {"class 0": ORANGE, "class 1": BLUE}

    net = Network.from_sizes([2, 4, 1], activation="tanh", output_activation="sigmoid", rng=0)
    ax = plot_decision_boundary(net, X, y, ax=new_figure()[1], resolution=20)
    image = ax.images[0]
    assert image.norm.vmin == 0 and image.norm.vmax == 1  # the map shows P(class 1)
    assert (_hex(image.cmap(0.0)), _hex(image.cmap(1.0))) == (ORANGE, BLUE)


def test_matplotlib_network_edges():
    net = Network.from_sizes([1, 2], rng=0)
    net.set_weights([(np.array([[1.5, -0.5]]), np.zeros(2))])
    ax = draw_network(net, ax=new_figure()[1])
    lines = ax.collections[0]
    assert [_hex(c) for c in lines.get_colors()] == [BLUE, ORANGE]
    assert lines.get_linewidths()[0] > lines.get_linewidths()[1]  # |1.5| > |-0.5|


# ----------------------------------------------------------------------------- SVG diagrams
def test_svg_diagram_edges_and_nodes():
    svg = network_svg([2, 1], weights=[np.array([[2.0], [-1.0]])], node_values=[[1.0, -1.0], None])
    assert _signs(_weight_colours(svg)) == {BLUE: {True}, ORANGE: {False}}
    fills = re.findall(r'<circle [^>]*fill="(#[0-9A-Fa-f]{6})"', svg)
    assert _near(style.rgb(fills[0]), BLUE) and _near(style.rgb(fills[1]), ORANGE)


def test_stepper_and_neuron_explorer_edges():
    stepper = feedforward_stepper()
    found = _signs(_weight_colours(stepper.children[2].value))
    assert found == {BLUE: {True}, ORANGE: {False}}, found
    explorer = neuron_explorer(n_inputs=2)  # weights 0.8 and -0.4
    svg = explorer.diagram.value
    strokes = re.findall(r"<line [^>]*stroke='(#[0-9A-Fa-f]{6})' stroke-width", svg)
    weights = re.findall(r">w\d = (-?[\d.]+)<", svg)
    found = {}
    for colour, w in zip(strokes, weights, strict=True):
        found.setdefault(colour.lower(), set()).add(w)
    assert _signs(found) == {BLUE: {True}, ORANGE: {False}}, found


# ----------------------------------------------------------------------------- the playground
def _palette_ends(data_uri: str) -> tuple:
    """The colours of the lowest (-1) and highest (+1) value of a heatmap's palette PNG."""
    image = Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1])))
    palette = np.array(image.getpalette()).reshape(-1, 3)
    return palette[0], palette[-2]  # the last entry is the grey of NaN


@pytest.fixture(scope="module")
def lab():
    pg = playground(dataset="xor", hidden=[3])
    pg.run_epochs(5)
    return pg


def test_playground_weights(lab):
    found = _signs(_weight_colours(lab.network_view.value))
    assert found == {BLUE: {True}, ORANGE: {False}}, found


def test_playground_data_and_map(lab):
    svg = lab.output_view.value
    dots = {
        c.lower(): body.count("<circle")
        for c, body in re.findall(
            r'<g fill="(#[0-9A-Fa-f]{6})"[^>]*>((?:<circle[^>]*/>)+)</g>', svg
        )
    }
    shown = np.all(np.abs(lab.X_train) <= 6.0, axis=1)  # dots outside the plane are left out
    assert dots == {
        BLUE: int(np.sum(lab.y_train[shown] == 1)),
        ORANGE: int(np.sum(lab.y_train[shown] == 0)),
    }
    # the map's heatmap: value -1 (class 0, negative) orange, +1 (class 1, positive) blue
    uri = re.search(r'<image [^>]*href="(data:image/png;base64,[^"]+)"', svg).group(1)
    low, high = _palette_ends(uri)
    assert _near(low, ORANGE) and _near(high, BLUE)


def test_playground_neuron_heatmaps_share_the_scale(lab):
    uris = re.findall(r'<image [^>]*href="(data:image/png;base64,[^"]+)"', lab.network_view.value)
    assert len(uris) == 2 + 3 + 1
    for uri in uris:
        low, high = _palette_ends(uri)
        assert _near(low, ORANGE) and _near(high, BLUE)
