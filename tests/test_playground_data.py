"""Your own data and more than two classes in the playground, driven headless."""

import datetime

import numpy as np
import pytest

from nn_course import style
from nn_course.playground_data import MAX_ROWS, check_data, fit_to_plane, parse_csv
from nn_course.playground_model import PlaygroundModel
from nn_course.widgets import _playground_render as render
from nn_course.widgets.playground import playground

GOOD = b"x1,x2,label\n0,1,1\n1,0,0\n2,2,1\n-1,-2,0\n"
BAD = {
    "non-numeric": (b"x1,x2,label\n0,1,1\n1,abc,0\n", "is not a number"),
    "columns": (b"0,1,1\n1,0\n", "needs exactly 3"),
    "nan": (b"0,1,1\n1,nan,0\n", "NaN or infinite"),
    "inf": (b"0,1,1\ninf,1,0\n", "NaN or infinite"),
    "single class": (b"0,1,1\n1,0,1\n", "All labels are 1"),
    "too many": (b"0,0,0\n1,1,1\n" * (MAX_ROWS // 2 + 1), f"at most {MAX_ROWS}"),
    "labels": (b"0,1,1\n1,0,2\n", "Labels must be 0 or 1"),
    "empty": (b"", "empty"),
    "header only": (b"x1,x2,label\n", "empty"),
}
WHEN = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)


def _upload(pg, content: bytes, name="data.csv"):
    item = {"name": name, "type": "text/csv", "size": len(content), "last_modified": WHEN}
    pg.upload.value = ({**item, "content": memoryview(content)},)


def test_parse_csv_with_and_without_header():
    X, y = parse_csv(GOOD)
    X2, y2 = parse_csv(GOOD.split(b"\n", 1)[1])
    assert X.shape == (4, 2) and np.array_equal(X, X2) and np.array_equal(y, y2)
    assert y.tolist() == [1, 0, 1, 0]
    assert parse_csv("1;2;0\n3;4;1")[0].tolist() == [[1, 2], [3, 4]]


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_bad_file_has_its_message(case):
    content, message = BAD[case]
    with pytest.raises(ValueError, match=message):
        X, y = parse_csv(content)
        check_data(X, y, "classification")


def test_multiclass_labels_must_be_0_to_k_minus_1():
    X = np.zeros((4, 2))
    with pytest.raises(ValueError, match="0, 1, ..., k-1"):
        check_data(X, [0, 1, 3, 3], "multiclass")
    assert check_data(X, [0, 1, 2, 2], "multiclass")[1].tolist() == [0, 1, 2, 2]


def test_fit_to_plane_scales_down_only():
    X = np.array([[12.0, -3.0]])
    scaled, factor = fit_to_plane(X)
    assert factor < 1 and np.max(np.abs(scaled)) <= 6
    assert fit_to_plane(np.array([[1.0, 2.0]]))[1] == 1.0


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_upload_shows_message_and_keeps_data(case):
    pg = playground(dataset="xor")
    before = pg.model.X_train.copy()
    _upload(pg, BAD[case][0], name="bad.csv")
    assert pg.state["dataset"] == "xor"
    assert np.array_equal(pg.model.X_train, before)
    assert pg._message.startswith("bad.csv: ")
    assert BAD[case][1].split(" ")[0].lower() in pg._message.lower()
    assert "bad.csv" in pg.stats_view.value
    pg.close()


def test_good_upload_trains():
    pg = playground()
    _upload(pg, GOOD)
    assert pg.state["dataset"] == "custom" and pg.state["problem"] == "classification"
    assert len(pg.model.X_train) + len(pg.model.X_test) == 4
    pg.run_epochs(3)
    assert pg.epoch == 3
    pg.close()


def test_data_arrays_and_state_round_trip():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(60, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    pg = playground(data=(X, y), hidden=[4])
    pg.run_epochs(5)
    again = PlaygroundModel(pg.get_state())
    again.run_epochs(5)
    assert again.history["train_loss"] == pg.history["train_loss"]
    with pytest.raises(ValueError, match="Labels must be 0 or 1"):
        pg.set_data(X, y + 5, "classification")
    assert pg.state["dataset"] == "custom" and len(pg.state["data"]) == 60
    pg.close()


def test_draw_adds_and_removes_the_nearest_point():
    pg = playground(dataset="xor")
    c = pg.controls
    n = len(pg.model.X_train) + len(pg.model.X_test)
    c["draw"].value = True
    assert pg._draw_box.layout.display is None and "<path" in pg.output_view.value
    c["draw_x1"].value, c["draw_x2"].value, c["draw_label"].value = 5.5, 5.5, 0
    c["add_point"].click()
    assert pg.state["dataset"] == "custom" and len(pg.state["data"]) == n + 1
    assert [5.5, 5.5, 0.0] in pg.state["data"]
    c["remove_point"].click()
    assert len(pg.state["data"]) == n and [5.5, 5.5, 0.0] not in pg.state["data"]
    pg.close()


def test_multiclass_blobs_learn_with_softmax():
    m = PlaygroundModel(dataset="blobs", n_classes=4, hidden=[4])
    assert m.net.layer_sizes == [2, 4, 4] and m.net.layers[-1].activation.name == "softmax"
    assert m.loss_name == "cross_entropy"
    m.run_epochs(20)
    assert m.summary()["test_accuracy"] > 0.9
    spiral = PlaygroundModel(dataset="spiral_arms")
    assert sorted(set(spiral.y_train.tolist())) == [0, 1, 2]
    namespace = {}
    m2 = PlaygroundModel(dataset="spiral_arms", hidden=[6])
    m2.run_epochs(3)
    exec(m2.code(), namespace)  # the shown code reproduces the lab's losses
    net = namespace["net"]
    assert round(net.loss(namespace["F_train"], namespace["y_train"], "cross_entropy"), 4) == (
        round(m2.train_loss, 4)
    )


def test_multiclass_map_colours_by_class_and_confidence():
    proba = np.array([[0.9, 0.05, 0.05], [0.34, 0.33, 0.33], [0.0, 0.0, 1.0], [0.1, 0.8, 0.1]])
    png = render.class_map_png(proba, (2, 2), style.CLASS_COLORS)
    from io import BytesIO

    from PIL import Image

    image = np.array(Image.open(BytesIO(png)).convert("RGB")).reshape(4, 3)
    green = np.array(style.rgb(style.CLASS_COLORS[2]))
    assert np.abs(image[2].astype(int) - 255 - 0.75 * (green - 255)).max() <= 2  # sure: colour
    assert image[1].min() > 230  # unsure: nearly white
    assert image[0][0] > image[0][2]  # orange class 0: red channel over blue
    pg = playground(dataset="blobs", n_classes=3)
    assert "green 2" in pg.output_view.value
    pg.controls["problem"].value = "regression"
    assert pg.state["dataset"] == "plane" and pg.net.layer_sizes[-1] == 1
    pg.close()


def test_draw_a_class_of_a_multiclass_lab_and_a_value_of_a_regression():
    pg = playground(dataset="blobs", n_classes=4)
    c = pg.controls
    assert c["draw_label"].max == 3 and c["draw_label"].description == "Class"
    c["draw_x1"].value, c["draw_label"].value = -5.0, 3
    assert style.class_color(3) in pg.output_view.value  # the preview in its class's colour
    c["add_point"].click()
    assert pg.state["problem"] == "multiclass" and [-5.0, 0.0, 3.0] in pg.state["data"]
    c["problem"].value = "regression"
    assert c["draw_label"].description == "Value" and c["draw_label"].min == -1
    c["draw_label"].value = -0.5
    c["add_point"].click()
    assert pg.state["dataset"] == "custom" and pg.state["data"][-1] == [-5.0, 0.0, -0.5]
    pg.close()
