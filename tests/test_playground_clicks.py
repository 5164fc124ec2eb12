"""Drawing with clicks on the playground's decision map, driven headless with the event dicts
ipyevents sends (pixels from the top-left corner of the map's picture)."""

import numpy as np
import pytest

from nn_course.playground_settings import EXTENT
from nn_course.widgets import _playground_clicks as clicks
from nn_course.widgets import _playground_render as render
from nn_course.widgets.playground import playground

LEFT, TOP, SIZE = render.MAP_LEFT, render.MAP_TOP, render.MAP_SIZE
NODE_HALF = render.NODE / 2


def _click(x1: float, x2: float, shift: bool = False) -> dict:
    """The event a click at data point (x1, x2) of the map gives (pixels rounded, as sent)."""
    px = LEFT + (x1 + EXTENT) / (2 * EXTENT) * SIZE
    py = TOP + (EXTENT - x2) / (2 * EXTENT) * SIZE
    return {
        "event": "click",
        "type": "click",
        "relativeX": round(px),
        "relativeY": round(py),
        "boundingRectWidth": LEFT + SIZE + 10,
        "boundingRectHeight": TOP + SIZE + 59,
        "shiftKey": shift,
        "altKey": False,
        "ctrlKey": False,
    }


def _rows(pg) -> np.ndarray:
    return np.array(pg.state["data"]) if pg.state["data"] else np.c_[
        np.r_[pg.model.X_train, pg.model.X_test], np.r_[pg.model.y_train, pg.model.y_test]
    ]


def test_the_map_listens_to_clicks_with_ipyevents():
    pytest.importorskip("ipyevents")
    pg = playground()
    assert pg.map_events is not None and pg.map_events.source is pg.output_view
    assert pg.map_events.watched_events == ["click"]
    pg.close()


@pytest.mark.parametrize(
    "x1, x2", [(0.0, 0.0), (3.0, -4.5), (-6.0, 6.0), (6.0, -6.0), (-1.37, 2.81)]
)
def test_a_click_maps_to_the_data_point_under_it(x1, x2):
    where = clicks.map_point(_click(x1, x2), EXTENT)
    pixel = 2 * EXTENT / SIZE  # the browser reports whole pixels
    assert abs(where[0] - x1) <= pixel / 2 + 0.005 and abs(where[1] - x2) <= pixel / 2 + 0.005


@pytest.mark.parametrize(
    "event",
    [
        {"relativeX": LEFT - 3, "relativeY": TOP + 100},  # on the x2 axis labels
        {"relativeX": LEFT + 100, "relativeY": TOP + SIZE + 20},  # on the x1 axis / legend
        {"relativeX": LEFT + 100, "relativeY": 5},  # on the title
        {"relativeX": LEFT + SIZE + 5, "relativeY": TOP + 100},  # right of the map
        {"relativeY": TOP + 100},  # no x
        {"relativeX": "left", "relativeY": TOP + 100},
        {"relativeX": None, "relativeY": TOP + 100},
        {"relativeX": float("nan"), "relativeY": TOP + 100},
        {},
    ],
)
def test_bad_or_off_map_clicks_are_ignored(event):
    assert clicks.map_point(event, EXTENT) is None
    pg = playground(dataset="xor")
    pg.controls["draw"].value = True
    before = _rows(pg).copy()
    pg._on_map_click(event)
    assert pg.state["dataset"] == "xor" and np.array_equal(_rows(pg), before)
    pg.close()


def test_with_draw_on_a_click_adds_a_point_of_the_chosen_class_there():
    pg = playground(dataset="xor")
    c = pg.controls
    n = len(_rows(pg))
    pg._on_map_click(_click(3.0, -4.5))  # draw is off: nothing changes, the lab says why
    assert pg.state["dataset"] == "xor" and "Turn on Draw" in pg.stats_view.value
    c["draw"].value = True
    assert "cursor:crosshair" in pg.output_view.value
    c["draw_label"].value = 0
    pg._on_map_click(_click(3.0, -4.5))
    rows = _rows(pg)
    assert pg.state["dataset"] == "custom" and len(rows) == n + 1
    x1, x2, label = rows[-1]
    assert abs(x1 - 3.0) < 0.03 and abs(x2 + 4.5) < 0.03 and label == 0.0
    assert (c["draw_x1"].value, c["draw_x2"].value) == (3.0, -4.5)  # the sliders follow
    assert "Point (" in pg.stats_view.value and "added" in pg.stats_view.value
    c["draw_label"].value = 1
    pg._on_map_click(_click(-5.0, 5.0))
    assert _rows(pg)[-1][2] == 1.0 and len(_rows(pg)) == n + 2
    pg.close()


def test_shift_click_removes_the_nearest_point():
    pg = playground(dataset="xor")
    pg.controls["draw"].value = True
    pg._on_map_click(_click(5.8, 5.8))  # a corner the xor points do not reach
    rows = _rows(pg)
    n = len(rows)
    pg._on_map_click(_click(5.5, 5.5, shift=True))
    after = _rows(pg)
    assert len(after) == n - 1
    assert not np.any(np.all(np.isclose(after[:, :2], rows[-1, :2]), axis=1))
    assert "removed" in pg.stats_view.value
    pg.close()


def test_a_click_while_playing_pauses_and_adds_the_point():
    pg = playground(dataset="circle")
    pg.controls["draw"].value = True
    pg._playing = True
    pg._on_map_click(_click(1.0, 1.0))
    assert not pg.playing and pg.controls["play"].description == "Play"
    assert pg.state["dataset"] == "custom"
    pg.close()


def test_a_click_in_a_regression_lab_adds_the_chosen_value():
    pg = playground(dataset="plane")
    c = pg.controls
    c["draw"].value = True
    c["draw_label"].value = -0.5
    pg._on_map_click(_click(-2.0, 4.0))
    x1, x2, value = _rows(pg)[-1]
    assert pg.state["problem"] == "regression" and value == -0.5
    assert abs(x1 + 2.0) < 0.03 and abs(x2 - 4.0) < 0.03
    pg.close()


def _node_click(layer_sizes, column: int, j: int, dx: float = 0.0) -> dict:
    x, y = render.network_layout(layer_sizes)[column][j]
    return {"type": "click", "relativeX": round(x + dx), "relativeY": round(y), "shiftKey": False}


def test_a_click_on_a_neuron_looks_inside_it_and_a_second_click_closes_the_view():
    pg = playground(hidden=[4, 2])
    sizes = pg.net.layer_sizes
    assert sizes == [2, 4, 2, 1]
    pg._on_network_click(_node_click(sizes, 1, 2))  # layer 1, neuron 3
    assert pg.inspect.value == (0, 2) and "Neuron 3 of layer 1" in pg.inspect_view.value
    assert pg._inspect_box.layout.display is None
    pg._on_network_click(_node_click(sizes, 3, 0, dx=NODE_HALF - 1))  # the output's edge
    assert pg.inspect.value == (2, 0) and "Neuron 1 of the output" in pg.inspect_view.value
    pg._on_network_click(_node_click(sizes, 3, 0))
    assert pg.inspect.value == "none" and pg.inspect_view.value == ""
    pg.close()


@pytest.mark.parametrize(
    "event",
    [
        _node_click([2, 4, 2, 1], 0, 1),  # an input: nothing to look inside
        _node_click([2, 4, 2, 1], 1, 0, dx=render.COLUMN / 2),  # between two layers
        {"relativeX": "a", "relativeY": 3},
        {},
    ],
)
def test_clicks_off_the_neurons_change_nothing(event):
    pg = playground(hidden=[4, 2])
    pg._on_network_click(event)
    assert pg.inspect.value == "none"
    pg.close()


def test_the_network_picture_listens_to_clicks():
    pytest.importorskip("ipyevents")
    pg = playground()
    assert pg.network_events.source is pg.network_view
    pg.network_events._dom_handlers(_node_click(pg.net.layer_sizes, 1, 0))  # as ipyevents does
    assert pg.inspect.value == (0, 0)
    pg.close()


def _edge_click(sizes, layer: int, source: int, target: int, share: float = 0.5) -> dict:
    """A click on the line from ``source`` of column ``layer`` to ``target`` of the next,
    ``share`` of the way between the two columns of squares."""
    positions = render.network_layout(sizes)
    (x0, y0), (x1, y1) = positions[layer][source], positions[layer + 1][target]
    start, stop = x0 + NODE_HALF, x1 - NODE_HALF
    x = start + share * (stop - start)
    return {"type": "click", "relativeX": x, "relativeY": y0 + (y1 - y0) * (x - x0) / (x1 - x0),
            "shiftKey": False}


def test_a_click_on_a_weight_chooses_it_and_its_slider_edits_it():
    pg = playground(hidden=[4, 2])
    sizes = pg.net.layer_sizes
    pg._on_network_click(_edge_click(sizes, 1, 3, 1, share=0.3))  # a4 of layer 1 -> layer 2, #2
    assert pg.inspect.value == (1, 1) and pg.inspect_weight.value == 3
    W = pg.net.dense_layers[1].W
    assert pg.weight_slider.value == pytest.approx(W[3, 1], abs=0.05)
    pg.weight_slider.value = 2.5
    assert W[3, 1] == 2.5 and "edited by hand" in pg._message
    pg._on_network_click(_edge_click(sizes, 0, 0, 2, share=0.8))  # x1 -> layer 1, neuron 3
    assert pg.inspect.value == (0, 2) and pg.inspect_weight.value == 0
    pg.close()


def test_the_nearest_line_is_chosen_and_clicks_far_from_every_line_are_not():
    sizes = [2, 4, 2, 1]
    for layer, source, target in [(0, 1, 3), (1, 0, 0), (2, 1, 0)]:
        for share in (0.1, 0.5, 0.9):
            event = _edge_click(sizes, layer, source, target, share)
            assert clicks.network_edge(event, sizes) == (layer, target, source)
    top = min(y for column in render.network_layout(sizes) for _, y in column)
    assert clicks.network_edge({"relativeX": 100, "relativeY": top - 30}, sizes) is None
