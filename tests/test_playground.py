"""The playground, headless: every control over its range, play/pause, state round-trips,
export/load, regularisation, regression, and the "show code" lines reproducing the widget.

The generic widget test (tests/test_widgets.py) also sweeps every control; here the checks are
about what the playground must *do*: train, stop, rebuild the same network from a dict, etc.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import time
import warnings

import numpy as np
import pytest

from nn_course import Dense, Network, style
from nn_course.widgets import playground
from nn_course.widgets._base import VIEW_CLASS
from nn_course.widgets.playground import (
    DATASETS,
    DEFAULT_STATE,
    FEATURES,
    LEARNING_RATES,
    MAX_LAYERS,
    MAX_NEURONS,
    REGULARIZATION_RATES,
    Playground,
    features,
)


@pytest.fixture(autouse=True)
def no_warnings():
    """Every test here runs with warnings as errors (overflow in a diverging run included)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def views_snapshot(pg):
    return [v.value for v in pg.views]


def n_small(net, tol=1e-3):
    return sum(int(np.sum(np.abs(W) < tol)) for W, _ in net.get_weights())


# ----------------------------------------------------------------------------- building
def test_default_playground_shows_every_view():
    pg = playground()
    assert isinstance(pg, Playground)
    assert pg.net.layer_sizes == [2, 4, 2, 1]
    assert pg.epoch == 0 and len(pg.history["train_loss"]) == 1
    for view in pg.views:
        assert VIEW_CLASS in view._dom_classes
    shown = [v for v in pg.views if v.layout.display != "none"]
    assert all(v.value.startswith("<") for v in shown)
    assert "<svg" in pg.network_view.value and "data:image/png;base64," in pg.output_view.value
    assert repr(pg).startswith("Playground(dataset='circle'")
    # one <image> per node: 2 inputs + 4 + 2 + 1
    assert pg.network_view.value.count("<image") == 9
    # one line per weight: 2*4 + 4*2 + 2*1
    assert pg.network_view.value.count("<line") == 18


def test_features_function():
    X = np.array([[1.0, -2.0], [0.5, 3.0]])
    F = features(X, list(FEATURES))
    assert F.shape == (2, 7)
    np.testing.assert_allclose(F[0], [1, -2, 1, 4, -2, np.sin(1), np.sin(-2)])
    with pytest.raises(ValueError, match="non-empty list"):
        features(X, [])
    with pytest.raises(ValueError, match="x3"):
        features(X, ["x3"])


# ----------------------------------------------------------------------------- every control
@pytest.mark.parametrize("dataset", list(DATASETS))
def test_every_dataset_trains(dataset):
    pg = playground()
    pg.controls["dataset"].value = dataset
    assert pg.state["problem"] == DATASETS[dataset][0]
    assert pg.controls["problem"].value == DATASETS[dataset][0]
    for noise in (0, 25, 50):
        pg.controls["noise"].value = noise
        for ratio in (10, 50, 90):
            pg.controls["train_ratio"].value = ratio
            assert len(pg.X_train) == round(500 * ratio / 100)
            assert len(pg.X_train) + len(pg.X_test) == 500
    pg.run_epochs(5)
    assert pg.epoch == 5 and np.isfinite(pg.train_loss) and np.isfinite(pg.test_loss)


def test_noise_slider_changes_the_data_and_the_map():
    pg = playground()
    before_map, before_X = pg.output_view.value, pg.X_train.copy()
    pg.controls["noise"].value = 20
    assert not np.array_equal(before_X, pg.X_train)
    assert pg.output_view.value != before_map


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "linear"])
@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_activations_and_optimizers(activation, optimizer):
    pg = playground(hidden=[3], activation=activation, optimizer=optimizer, learning_rate=0.01)
    assert pg.net.layers[0].activation.name == activation
    assert type(pg.trainer.optimizer).__name__.lower() == optimizer
    pg.run_epochs(3)
    assert pg.epoch == 3 and np.isfinite(pg.train_loss)


@pytest.mark.parametrize("init", ["glorot_uniform", "he_normal", "normal", "zeros"])
def test_inits(init):
    pg = playground()
    pg.controls["init"].value = init
    W = pg.net.layers[0].W
    if init == "zeros":
        assert not W.any()
    else:
        assert W.std() > 0
    pg.run_epochs(2)
    assert np.isfinite(pg.train_loss)


def test_learning_rate_over_its_range_and_divergence_is_caught():
    for lr in LEARNING_RATES:
        pg = playground(features=list(FEATURES), learning_rate=lr)
        pg.run_epochs(5)
        assert pg.trainer.optimizer.learning_rate == lr
        assert pg.epoch <= 5
    # squares up to 36 and a learning rate of 10: the loss leaves the finite numbers
    pg = playground(
        features=list(FEATURES),
        hidden=[8, 8],
        activation="relu",
        learning_rate=10.0,
        problem="regression",
        dataset="plane",
    )
    pg.run_epochs(20)
    assert pg.diverged and pg.epoch < 20
    assert "nan" in pg.stats_view.value.lower() or "inf" in pg.stats_view.value.lower()


def test_learning_rate_and_regularisation_change_without_reset():
    pg = playground()
    pg.run_epochs(3)
    pg.controls["learning_rate"].value = 0.3
    pg.controls["regularization"].value = "L2"
    pg.controls["reg_rate"].value = 0.01
    pg.controls["batch_size"].value = 30
    assert pg.epoch == 3
    assert pg.trainer.optimizer.learning_rate == 0.3
    assert (pg.trainer.l1, pg.trainer.l2) == (0.0, 0.01)
    pg.controls["regularization"].value = "L1"
    assert (pg.trainer.l1, pg.trainer.l2) == (0.01, 0.0)
    for rate in REGULARIZATION_RATES:
        pg.controls["reg_rate"].value = rate
    assert pg.penalties == (10.0, 0.0)


def test_feature_toggles_and_the_last_feature_stays_on():
    pg = playground()
    for name in FEATURES:
        pg.controls[name].value = True
    assert pg.net.n_inputs == 7 and pg.state["features"] == list(FEATURES)
    for name in list(FEATURES)[:-1]:
        pg.controls[name].value = False
    assert pg.state["features"] == ["sin(x2)"]
    pg.controls["sin(x2)"].value = False  # refused: a network needs an input
    assert pg.controls["sin(x2)"].value is True
    assert pg.state["features"] == ["sin(x2)"] and pg.net.n_inputs == 1
    assert "At least one feature" in pg.stats_view.value


def test_layers_and_neurons_buttons_respect_their_limits():
    pg = playground()
    c = pg.controls
    for _ in range(MAX_LAYERS + 2):
        c["add_layer"].click()
    assert len(pg.state["hidden"]) == MAX_LAYERS and c["add_layer"].disabled
    assert pg.net.layer_sizes == [2, 4, 2, 2, 2, 2, 2, 1]
    for _ in range(MAX_NEURONS + 2):
        c["plus_6"].click()
    assert pg.state["hidden"][5] == MAX_NEURONS and c["plus_6"].disabled
    for _ in range(MAX_NEURONS + 2):
        c["minus_1"].click()
    assert pg.state["hidden"][0] == 1 and c["minus_1"].disabled
    for _ in range(MAX_LAYERS + 2):
        c["remove_layer"].click()
    assert pg.state["hidden"] == [] and pg.net.layer_sizes == [2, 1]
    assert c["remove_layer"].disabled
    c["plus_3"].click()  # a button of a layer that does not exist does nothing
    assert pg.state["hidden"] == []
    assert all(box.layout.display == "none" for box in pg._layer_boxes)
    pg.run_epochs(2)  # a network with no hidden layer (logistic regression) trains too
    assert np.isfinite(pg.train_loss)


def test_step_reset_regenerate_show_test_discretize_buttons():
    pg = playground()
    w0 = pg.net.layers[0].W.copy()
    pg.controls["step"].click()
    assert pg.epoch == 1 and "00,001" in pg.stats_view.value
    pg.controls["step"].click()
    assert pg.epoch == 2
    pg.controls["reset"].click()
    assert pg.epoch == 0 and np.array_equal(pg.net.layers[0].W, w0)
    X0 = pg.X_train.copy()
    pg.controls["regenerate"].click()
    assert pg.state["data_seed"] == 1 and not np.array_equal(X0, pg.X_train)
    n_circles = pg.output_view.value.count("<circle")
    pg.controls["show_test"].value = True
    assert pg.output_view.value.count("<circle") > n_circles
    before = pg.output_view.value
    pg.controls["discretize"].value = True
    assert pg.output_view.value != before


def test_show_code_toggles_a_pre_view():
    pg = playground()
    assert pg.code_view.layout.display == "none"
    pg.controls["show_code"].click()
    assert pg.code_view.layout.display != "none"
    assert "<pre" in pg.code_view.value and "Network.from_sizes" in pg.code_view.value
    pg.controls["learning_rate"].value = 0.1
    assert "learning_rate=0.1" in pg.code_view.value  # kept up to date while shown
    pg.controls["show_code"].click()
    assert pg.code_view.layout.display == "none"


@pytest.mark.parametrize(
    "state",
    [
        {},
        {
            "dataset": "spiral",
            "features": ["x1", "x2", "sin(x1)", "sin(x2)"],
            "hidden": [6, 6],
            "activation": "tanh",
            "learning_rate": 0.03,
            "batch_size": 10,
            "noise": 10,
        },
        {
            "dataset": "xor",
            "features": ["x1*x2"],
            "hidden": [],
            "optimizer": "adam",
            "learning_rate": 0.01,
        },
        {
            "dataset": "multi_gaussian",
            "hidden": [8, 4],
            "activation": "relu",
            "regularization": "L2",
            "reg_rate": 0.001,
            "optimizer": "momentum",
            "learning_rate": 0.003,
            "train_ratio": 70,
        },
        {
            "dataset": "circle",
            "regularization": "L1",
            "reg_rate": 0.003,
            "init": "he_normal",
            "batch_size": 1,
        },
    ],
)
def test_show_code_reproduces_the_playground(state):
    """The printed lines, run as they are, give the losses the widget shows after as many epochs."""
    pg = playground(state=state)
    pg.run_epochs(7)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(pg.code(), {})  # noqa: S102 - our own generated code
    printed = dict(line.rsplit(" ", 1) for line in out.getvalue().strip().splitlines())
    assert float(printed["train loss"]) == round(pg.train_loss, 4)
    assert float(printed["test loss"]) == round(pg.test_loss, 4)


# ----------------------------------------------------------------------------- play / pause
def _wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_play_in_a_thread_then_pause():
    """No event loop running (plain Python): play trains in a background thread."""
    pg = playground()
    pg.frame_interval = 0.005
    pg.controls["play"].click()
    try:
        assert pg.playing and pg.controls["play"].description == "Pause"
        assert _wait_for(lambda: pg.epoch >= 5), "the background thread did not train"
    finally:
        pg.controls["play"].click()  # pause
    pg.wait()
    assert not pg.playing and pg.controls["play"].description == "Play"
    stopped = pg.epoch
    time.sleep(0.1)
    assert pg.epoch == stopped
    assert f"{stopped:06,d}" in pg.stats_view.value  # the views show the last frame
    assert len(pg.history["train_loss"]) == stopped + 1


def test_play_as_an_asyncio_task_then_pause():
    """Inside a running event loop (the Jupyter kernel's), play is a task that yields to it."""
    pg = playground()
    pg.frame_interval = 0.005
    ticks = []

    async def scenario():
        pg.play()
        assert pg._task is not None and pg._thread is None
        for _ in range(2000):  # the loop stays free: this coroutine keeps running meanwhile
            ticks.append(pg.epoch)
            if pg.epoch >= 5:
                break
            await asyncio.sleep(0.005)
        pg.pause()
        await asyncio.wait_for(pg._task, 5)

    asyncio.run(scenario())
    assert pg.epoch >= 5 and len(ticks) > 1
    assert not pg.playing


def test_play_stops_by_itself_when_the_loss_diverges():
    pg = playground(
        features=list(FEATURES),
        hidden=[8, 8],
        activation="relu",
        learning_rate=10.0,
        dataset="plane",
    )
    pg.frame_interval = 0.001
    pg.play()
    assert _wait_for(lambda: not pg.playing), "a diverged run should pause itself"
    pg.wait()
    assert pg.diverged and "diverged" in pg.stats_view.value


def test_controls_work_while_playing():
    pg = playground()
    pg.frame_interval = 0.002
    pg.play()
    try:
        assert _wait_for(lambda: pg.epoch >= 2)
        pg.controls["add_layer"].click()
        pg.controls["activation"].value = "relu"
        pg.controls["learning_rate"].value = 0.1
        assert _wait_for(lambda: pg.epoch >= 2)
    finally:
        pg.pause()
        pg.wait()
    assert pg.net.layer_sizes == [2, 4, 2, 2, 1]
    assert len(pg.history["train_loss"]) == pg.epoch + 1


# ----------------------------------------------------------------------------- state
def test_state_round_trip_gives_the_same_configuration_and_losses():
    pg = playground()
    c = pg.controls
    c["dataset"].value = "spiral"
    c["noise"].value = 15
    c["train_ratio"].value = 60
    c["x1^2"].value = True
    c["sin(x1)"].value = True
    c["add_layer"].click()
    c["plus_3"].click()
    c["activation"].value = "relu"
    c["learning_rate"].value = 0.01
    c["regularization"].value = "L2"
    c["reg_rate"].value = 0.001
    c["optimizer"].value = "adam"
    c["batch_size"].value = 16
    c["regenerate"].click()
    c["show_test"].value = True
    state = pg.get_state()
    assert json.loads(json.dumps(state)) == state  # plain JSON
    assert state["hidden"] == [4, 2, 3] and state["data_seed"] == 1
    pg.controls["reset"].click()
    pg.run_epochs(15)

    again = playground(state=json.loads(json.dumps(state)))
    assert again.get_state() == state
    assert again.net.layer_sizes == pg.net.layer_sizes
    np.testing.assert_array_equal(again.X_train, pg.X_train)
    again.run_epochs(15)
    assert again.history["train_loss"] == pg.history["train_loss"]
    assert again.test_loss == pg.test_loss

    other = playground()
    other.set_state(state)
    assert other.get_state() == state
    assert other.controls["activation"].value == "relu" and other.controls["sin(x1)"].value
    assert other.controls["x2^2"].value is False


def test_state_with_weights():
    pg = playground(dataset="xor", hidden=[5])
    pg.run_epochs(10)
    state = pg.get_state(include_weights=True)
    assert state["epoch"] == 10
    state = json.loads(json.dumps(state))
    copy = playground(state=state)
    for (W1, b1), (W2, b2) in zip(copy.net.get_weights(), pg.net.get_weights(), strict=True):
        np.testing.assert_array_equal(W1, W2)
        np.testing.assert_array_equal(b1, b2)
    assert copy.train_loss == pg.train_loss


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"colour": "red"}, "Unknown playground state keys"),
        ({"dataset": "moons"}, "dataset"),
        ({"activation": "softmax"}, "activation"),
        ({"hidden": [9]}, "hidden"),
        ({"hidden": [2] * 7}, "hidden"),
        ({"features": []}, "features"),
        ({"noise": 7}, "noise"),
        ({"learning_rate": 0.5}, "learning_rate"),
        ({"dataset": "plane", "problem": "classification"}, "regression data set"),
    ],
)
def test_bad_states_are_refused(bad, message):
    with pytest.raises(ValueError, match=message):
        playground(state=bad)


def test_default_state_is_the_documented_one():
    assert playground().get_state() == DEFAULT_STATE


# ----------------------------------------------------------------------------- export / load
def test_export_gives_an_independent_copy():
    pg = playground()
    pg.run_epochs(3)
    net = pg.export_network()
    assert net is not pg.network and isinstance(net, Network)
    W = net.layers[0].W.copy()
    pg.run_epochs(3)
    np.testing.assert_array_equal(net.layers[0].W, W)
    assert not np.array_equal(pg.network.layers[0].W, W)
    pg.controls["export"].click()
    assert isinstance(pg.exported, Network)
    assert pg.exported.layer_sizes == pg.net.layer_sizes


def test_load_network_takes_its_architecture_and_weights():
    pg = playground()
    net = Network(
        [Dense(3, 5, "relu", rng=1), Dense(5, 5, "relu", rng=2), Dense(5, 1, "linear", rng=3)]
    )
    pg.load_network(net, features_used=["x1", "x2", "x1*x2"])
    s = pg.get_state()
    assert s["hidden"] == [5, 5] and s["activation"] == "relu" and s["problem"] == "regression"
    assert s["dataset"] == "plane" and s["features"] == ["x1", "x2", "x1*x2"]
    assert pg.epoch == 0
    np.testing.assert_array_equal(pg.net.layers[1].W, net.layers[1].W)
    assert pg.net is not net
    assert pg.train_loss == pytest.approx(net.loss(pg.F_train, pg.y_train, "mse"))
    pg.run_epochs(2)
    assert np.isfinite(pg.train_loss)


def test_load_network_refuses_what_the_playground_cannot_show():
    pg = playground()
    with pytest.raises(ValueError, match="2 features"):
        pg.load_network(Network.from_sizes([3, 4, 1], output_activation="sigmoid", rng=0))
    with pytest.raises(ValueError, match="one output"):
        pg.load_network(Network.from_sizes([2, 4, 3], rng=0))
    with pytest.raises(ValueError, match="output activation"):
        pg.load_network(Network.from_sizes([2, 4, 1], output_activation="tanh", rng=0))
    with pytest.raises(ValueError, match="activations from"):
        pg.load_network(Network([Dense(2, 3, "elu"), Dense(3, 3, "tanh"), Dense(3, 1, "sigmoid")]))
    pg.load_network(Network([Dense(2, 3, "relu"), Dense(3, 3, "tanh"), Dense(3, 1, "sigmoid")]))
    assert pg.state["activations"] == ["relu", "tanh"]  # one activation per layer is fine
    with pytest.raises(ValueError, match="hidden"):
        pg.load_network(Network.from_sizes([2, 9, 1], output_activation="sigmoid", rng=0))
    with pytest.raises(TypeError, match="Network"):
        pg.load_network("net")


# ----------------------------------------------------------------------------- what it teaches
def test_l1_drives_weights_to_zero():
    """Same run with and without L1: L1 leaves many more weights at (almost) exactly zero."""
    base = {
        "dataset": "gaussian",
        "features": list(FEATURES),
        "hidden": [8, 8],
        "learning_rate": 0.03,
    }
    plain = playground(state=base)
    sparse = playground(state={**base, "regularization": "L1", "reg_rate": 0.01})
    plain.run_epochs(150, redraw=False)
    sparse.run_epochs(150, redraw=False)
    assert n_small(sparse.net) > n_small(plain.net) + 20, (n_small(sparse.net), n_small(plain.net))


def test_regression_problem_type():
    pg = playground()
    pg.controls["problem"].value = "regression"
    assert pg.state["dataset"] == "plane" and pg.loss_name == "mse"
    assert pg.net.output_activation.name == "linear"
    first = pg.train_loss
    pg.run_epochs(30)
    assert pg.train_loss < first / 2
    assert "Predicted value" in pg.output_view.value
    pg.controls["problem"].value = "classification"
    assert pg.state["dataset"] == "circle" and pg.net.output_activation.name == "sigmoid"


def test_gradient_sizes_are_recorded_per_layer():
    pg = playground(hidden=[8, 8, 8, 8, 8, 8], activation="sigmoid", learning_rate=0.3)
    pg.run_epochs(5)
    norms = np.array(pg.history["grad_norms"])
    assert norms.shape == (6, 7)
    # vanishing gradients: the first layer gets far smaller updates than the output layer
    assert norms[-1, 0] < norms[-1, -1] / 10
    assert "Gradient size" in pg.grad_view.value


def test_controls_leave_the_other_instance_alone():
    a, b = playground(), playground()
    before = views_snapshot(b)
    a.controls["noise"].value = 30
    a.run_epochs(2)
    assert views_snapshot(b) == before


# ----------------------------------------------------------------------------- widget protocol
def test_the_browser_gets_the_widget_state_and_the_learner_the_configuration(monkeypatch):
    """The playground holds its widget: ipywidgets' get_state()/set_state(sync_data) are the
    widget's, get_state()/set_state(dict) the playground's, with no collision between them."""
    import ipywidgets.widgets.widget as widget_module

    opened = []
    original = widget_module.comm.create_comm

    def capture(**kwargs):
        opened.append(kwargs["data"]["state"])
        return original(**kwargs)

    monkeypatch.setattr(widget_module.comm, "create_comm", capture)
    pg = playground()
    mine = [
        s for s in opened if s.get("_model_name") == "VBoxModel" and len(s.get("children", ())) == 3
    ]
    assert mine, "the playground's comm must open with its VBox state"
    assert "dataset" not in mine[-1]
    state = pg.widget.get_state(key=None)
    assert state["_model_name"] == "VBoxModel" and "children" in state
    assert pg.get_state() == DEFAULT_STATE
    pg.widget.set_state({"box_style": "info"})  # a sync message from the browser
    assert pg.widget.box_style == "info" and pg.get_state() == DEFAULT_STATE
    bundle = pg._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == pg.widget.model_id
    assert bundle["text/plain"].startswith("Playground(dataset='circle'")


def test_the_model_is_widget_free_and_held_not_inherited():
    import subprocess
    import sys

    from nn_course.playground_model import PlaygroundModel

    pg = playground()
    assert isinstance(pg.model, PlaygroundModel) and not isinstance(pg, PlaygroundModel)
    assert pg.net is pg.model.net and pg.state is pg.model.state
    code = (
        "import sys, nn_course.playground_model, nn_course.features; "
        "print('ipywidgets' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_headless_model_matches_the_widget():
    from nn_course.playground_model import PlaygroundModel

    state = {"dataset": "spiral", "hidden": [6], "features": ["x1", "x2", "sin(x1)", "sin(x2)"]}
    model, pg = PlaygroundModel(state), playground(state=state)
    model.run_epochs(12)
    pg.run_epochs(12)
    assert model.history["train_loss"] == pg.history["train_loss"]
    assert model.get_state() == pg.get_state()
    summary = model.summary()
    assert summary["epoch"] == 12 and 0 <= summary["test_accuracy"] <= 1
    assert "test_accuracy" not in PlaygroundModel(dataset="plane").summary()
    with pytest.raises(ValueError, match="n must be an int"):
        model.run_epochs(-1)


# ----------------------------------------------------------------------------- what is drawn
def test_chart_legends_never_sit_on_the_lines():
    """The gradient chart's legend is beside the plot; the loss chart's on the title's line."""
    import re

    from nn_course.widgets import _playground_render as render

    pg = playground(hidden=[8, 8, 8, 8, 8, 8])
    pg.run_epochs(3)
    for view in (pg.grad_view, pg.curve_view):
        svg = view.value
        x, y, w, h = (
            float(v)
            for v in re.search(
                r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" '
                r'fill="none" stroke="' + style.NEUTRAL + '"/>',
                svg,
            ).groups()
        )
        labels = re.findall(
            r'<text x="([\d.]+)" y="([\d.]+)" font-size="9.5">(layer \d|output|train|test)</text>',
            svg,
        )
        assert len(labels) == (7 if view is pg.grad_view else 2)
        for lx, ly, _ in labels:
            inside = x <= float(lx) <= x + w and y <= float(ly) <= y + h
            assert not inside, (view is pg.grad_view, lx, ly)
    assert "fill-opacity" not in render.line_chart_svg(
        [("a", [1, 2], "#000")], "t", "x", "y", legend="right"
    )


def test_views_share_a_layout_but_hiding_the_code_hides_only_the_code():
    pg = playground()
    assert pg.network_view.layout is pg.output_view.layout  # one model in the saved notebook
    pg.controls["show_code"].click()
    pg.controls["show_code"].click()
    assert pg.code_view.layout.display == "none"
    assert all(v.layout.display != "none" for v in pg.views if v is not pg.code_view)


def test_regression_dots_have_a_ring_so_white_dots_show():
    pg = playground(dataset="plane")
    assert f'stroke="{style.MUTED}"' in pg.output_view.value
    pg.controls["show_test"].value = True
    assert 'stroke="black"' in pg.output_view.value
    # classification: white rings
    assert f'stroke="{style.MUTED}"' not in playground().output_view.value


def test_a_frame_of_play_trains_as_many_epochs_as_keep_the_target_rate():
    """At 15 frames a second, 60 epochs a second shown means 4 epochs a frame; a slower
    machine (a longer time between frames) gets more epochs a frame, up to the limit."""
    pg = playground()
    assert pg.epochs_per_frame is None and pg.target_epochs_per_s == 60.0
    pg._playing = True  # one frame by hand, as the play loop runs it
    assert pg._frame() and pg.epoch == 4
    assert "epoch 4" in pg.output_view.value  # one redraw shows the frame's last epoch
    assert len(pg.history["train_loss"]) == 5  # the loss chart still has every epoch
    pg._period, pg._last_frame = 0.1, None
    assert pg._frame_epochs() == 6
    pg._period = 1.0
    assert pg._frame_epochs() == pg.max_epochs_per_frame == 8
    pg.epochs_per_frame = 1  # a number fixes it
    assert pg._frame_epochs() == 1
    pg.pause()
