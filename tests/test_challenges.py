"""The playground challenges: every goal is met by a known-good set-up and missed by a known-bad
one (played headless on PlaygroundModel), and the challenge panel locks, hides, checks live and
records progress."""

from __future__ import annotations

import time

import pytest

from nn_course.challenges import CHALLENGES, challenge_names, get_challenge
from nn_course.exercises import _progress
from nn_course.playground_model import PlaygroundModel
from nn_course.widgets import challenge, challenges

# name -> (settings over the preset, epochs): a solution that meets the goal ...
GOOD = {
    "circle-linear": ({"features": ["x1^2", "x2^2"]}, 50),
    "xor-no-hidden": ({"features": ["x1*x2"]}, 50),
    "xor-one-layer": ({"hidden": [4], "learning_rate": 0.1}, 200),
    "circle-fewest": ({"hidden": [3], "learning_rate": 0.1}, 200),
    "gauss-no-hidden": ({"hidden": []}, 100),
    "l1-features": ({"regularization": "L1", "reg_rate": 0.03}, 100),
    "largest-lr": ({"learning_rate": 0.1}, 50),
    "noise-regularise": ({"regularization": "L2", "reg_rate": 0.03}, 300),
    "spiral-12": ({"hidden": [6, 6], "features": ["x1", "x2", "sin(x1)", "sin(x2)"]}, 200),
}
# ... and a set-up that does not (what the message must say to point the learner on)
BAD = {
    "circle-linear": ({}, 50, "test accuracy"),
    "xor-no-hidden": ({"features": ["x1^2"]}, 50, "test accuracy"),
    "xor-one-layer": ({}, 200, "test loss"),
    "circle-fewest": ({"hidden": [2], "learning_rate": 0.1}, 200, "test accuracy"),
    "gauss-no-hidden": ({}, 100, "hidden layers"),
    "l1-features": ({}, 100, "still switched on"),
    "largest-lr": ({"learning_rate": 0.03}, 50, "larger one"),
    "noise-regularise": ({}, 300, "test loss"),
    "spiral-12": (
        {"hidden": [8, 8], "features": ["x1", "x2", "sin(x1)", "sin(x2)"]}, 200, "at most 12"
    ),
}


def test_at_least_eight_challenges_each_with_a_solution_and_a_failure():
    assert len(CHALLENGES) >= 8
    assert set(GOOD) == set(BAD) == set(challenge_names())


@pytest.mark.parametrize("name", list(GOOD))
def test_known_good_set_up_meets_the_goal(name):
    ch = CHALLENGES[name]
    settings, epochs = GOOD[name]
    model = PlaygroundModel(ch.preset, **settings)
    model.run_epochs(epochs)
    met, message = ch.check(model)
    assert met, message
    assert message.startswith("Goal met")


@pytest.mark.parametrize("name", list(BAD))
def test_known_bad_set_up_misses_the_goal(name):
    ch = CHALLENGES[name]
    settings, epochs, says = BAD[name]
    model = PlaygroundModel(ch.preset, **settings)
    model.run_epochs(epochs)
    met, message = ch.check(model)
    assert not met
    assert message.startswith("Not yet") and says in message


def test_the_preset_itself_does_not_meet_any_goal():
    for ch in CHALLENGES.values():
        model = PlaygroundModel(ch.preset)
        model.run_epochs(5)
        assert not ch.check(model)[0], ch.name


def test_largest_lr_says_when_the_rate_diverges():
    ch = CHALLENGES["largest-lr"]
    model = PlaygroundModel(ch.preset, learning_rate=0.3)
    model.run_epochs(50)
    met, message = ch.check(model)
    assert not met and "diverged" in message


def test_largest_lr_is_not_met_by_switching_up_after_converging():
    ch = CHALLENGES["largest-lr"]
    model = PlaygroundModel(ch.preset, learning_rate=0.1)
    model.run_epochs(50)
    model.state["learning_rate"] = 0.3  # what the slider does: no reset
    model.trainer.optimizer.learning_rate = 0.3
    met, message = ch.check(model)
    assert not met and "press reset" in message


def test_unknown_challenge_names_the_choices():
    with pytest.raises(ValueError, match="spiral-12"):
        get_challenge("spiral-99")
    with pytest.raises(ValueError, match="circle-linear"):
        challenge("nope")


def test_panel_locks_hides_and_keeps_layer_buttons_locked():
    panel = challenge("noise-regularise", record_progress=False)
    c = panel.lab.controls
    assert c["dataset"].disabled and c["x1"].disabled and c["plus_1"].disabled
    assert c["show_code"].layout.display == "none"
    assert c["learning_rate"].disabled is False and c["reg_rate"].disabled is False
    panel.lab.run_epochs(1)  # the lab's redraw re-enables layer buttons: the lock holds
    assert c["plus_1"].disabled and c["add_layer"].disabled
    # hiding one button does not hide the others that shared its layout
    assert c["play"].layout.display != "none"
    panel.close()


def test_panel_checks_live_and_records_progress(tmp_path, monkeypatch):
    monkeypatch.setenv(_progress.ENV_VAR, str(tmp_path / "progress.json"))
    monkeypatch.setattr(_progress, "_memory", {})
    panel = challenge("circle-linear")
    assert not panel.met and "Press Play" in panel.message
    panel.lab.run_epochs(20)  # x1, x2 only: a try, not met
    assert not panel.met and "test accuracy" in panel.status_view.value
    assert _progress.load()["12"]["circle-linear"]["status"] == "tried"
    panel.lab.controls["x1^2"].value = True  # through the controls, as a learner would
    panel.lab.controls["x2^2"].value = True
    panel.lab.controls["x1"].value = False
    panel.lab.controls["x2"].value = False
    assert panel.lab.model.state["features"] == ["x1^2", "x2^2"] and panel.lab.epoch == 0
    panel.lab.controls["step"].click()  # one epoch from a button
    for _ in range(4):
        panel.lab.run_epochs(10)
    assert panel.met and "Goal met" in panel.status_view.value
    assert _progress.load()["12"]["circle-linear"]["status"] == "correct"
    table = challenges().value
    assert "<b>done</b>" in table.split("circle-linear")[1].split("</tr>")[0]
    assert "<b>not started</b>" in table.split("spiral-12")[1].split("</tr>")[0]
    panel.restart()
    assert panel.lab.epoch == 0 and panel.lab.model.state["features"] == ["x1", "x2"]
    assert panel.met  # once met, it stays met
    panel.close()


def test_panel_sees_epochs_trained_by_play():
    panel = challenge("xor-no-hidden", record_progress=False)
    panel.lab.set_state({"features": ["x1*x2"]})
    panel.lab.frame_interval = 0.0
    panel.lab.epochs_per_frame = 10
    panel.lab.play()
    for _ in range(200):
        if panel.met:
            break
        time.sleep(0.01)
    panel.lab.pause()
    panel.lab.wait()
    assert panel.met, panel.message
    panel.close()


def test_the_picker_opens_the_clicked_challenge_and_closes_the_one_before():
    from nn_course.widgets import challenge_picker

    picker = challenge_picker(record_progress=False)
    assert picker.panel is None and len(picker.widget.children) == 1
    assert set(picker.buttons) == set(challenge_names())
    picker.buttons["circle-linear"].click()
    first = picker.panel
    assert first.challenge.name == "circle-linear" and picker.widget.children[1] is first.widget
    assert picker.buttons["circle-linear"].button_style == "info"
    first.lab.play()
    picker.buttons["xor-no-hidden"].click()
    first.lab.wait()
    assert not first.lab.playing and picker.panel.challenge.name == "xor-no-hidden"
    assert picker.buttons["circle-linear"].button_style == ""
    picker.close()


def test_drawn_points_can_be_tried_but_do_not_meet_the_goal():
    panel = challenge("xor-no-hidden", record_progress=False)
    lab = panel.lab
    lab.set_state({"features": ["x1*x2"]})
    lab.controls["draw"].value = True
    click = {"type": "click", "relativeX": 40, "relativeY": 30}  # the top-left corner
    if lab.map_events is not None:  # as ipyevents calls the handlers: the lab's, the panel's
        lab.map_events._dom_handlers(click)
    else:
        lab._on_map_click(click)
        panel.check()
    assert "own points" in panel.message
    assert lab.state["dataset"] == "custom"
    lab.run_epochs(50)
    assert not panel.met and "own points" in panel.message
    panel.restart()
    lab.set_state({"features": ["x1*x2"]})
    lab.run_epochs(50)
    assert panel.met, panel.message
    panel.close()
