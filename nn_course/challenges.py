"""Playground challenges: a preset, a task and a goal the lab checks while the network trains.

Each :class:`Challenge` is a playground configuration (``preset``) with a story, some controls
locked (greyed out) or hidden, and a goal: ``goal(model)`` looks at a
:class:`~nn_course.playground_model.PlaygroundModel` (its state, epoch, losses and weights) and
returns ``(met, message)``. The goal checks the rules itself (say "at most 12 hidden
neurons"), so a set-up changed from code rather than with the controls is judged the same way.

The widget :func:`nn_course.widgets.challenge` shows a challenge in the playground and says
when the goal is met; here everything runs headless::

    from nn_course.challenges import CHALLENGES
    from nn_course.playground_model import PlaygroundModel

    ch = CHALLENGES["circle-linear"]
    model = PlaygroundModel(ch.preset, features=["x1^2", "x2^2"])
    model.run_epochs(50)
    ch.goal(model)            # (True, "Goal met: ...")

>>> ch = CHALLENGES["xor-no-hidden"]
>>> model = PlaygroundModel(ch.preset)
>>> model.run_epochs(20)
>>> ch.goal(model)[0]
False

See notebook 12_playground.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .features import FEATURES
from .playground_model import LEARNING_RATES, PlaygroundModel
from .style import fmt

__all__ = ["Challenge", "CHALLENGES", "challenge_names", "get_challenge", "largest_converging_rate"]

_ALL_FEATURES = list(FEATURES)
_LAYER_BUTTONS = ["add_layer", "remove_layer"] + [
    f"{sign}_{i}" for sign in ("plus", "minus") for i in range(1, 7)
]
_DATA_CONTROLS = ["dataset", "problem", "noise", "train_ratio", "regenerate"]


@dataclass(frozen=True)
class Challenge:
    """One playground challenge.

    Attributes
    ----------
    name : str
        Short id (``"spiral-12"``); the progress file records it under notebook ``"12"``.
    title : str
        One line for a heading.
    story : str
        The task in words (HTML allowed), as the learner reads it.
    preset : dict
        The playground state it starts from (keys of ``DEFAULT_STATE``).
    goal : callable
        ``goal(model) -> (met: bool, message: str)``.
    locked : tuple of str
        Control names shown but greyed out.
    hidden : tuple of str
        Control names not shown at all.
    """

    name: str
    title: str
    story: str
    preset: dict
    goal: Callable[[PlaygroundModel], tuple[bool, str]]
    locked: tuple = field(default=())
    hidden: tuple = field(default=())

    def check(self, model: PlaygroundModel) -> tuple[bool, str]:
        """``goal(model)``, with any error in it turned into a "not met" message."""
        try:
            met, message = self.goal(model)
        except (ValueError, FloatingPointError) as error:
            return False, f"Cannot check the goal yet: {error}"
        return bool(met), message


# --------------------------------------------------------------------------- goal helpers
def _outcome(problems: list[str], success: str) -> tuple[bool, str]:
    if problems:
        text = "; ".join(problems)
        return False, "Not yet: " + text + ("" if text.endswith("?") else ".")
    return True, "Goal met: " + success


def _loss_problem(model, key: str, limit: float) -> list[str]:
    value = getattr(model, key)
    label = key.replace("_", " ")
    if not np.isfinite(value):
        return [f"the {label} diverged (lower the learning rate and reset)"]
    return [] if value <= limit else [f"{label} {fmt(value)} (goal <= {fmt(limit)})"]


def _accuracy(model, split: str = "test") -> float:
    if model.diverged:
        return 0.0
    return float(model.summary()[f"{split}_accuracy"])


def _hidden_total(model) -> int:
    return int(sum(model.state["hidden"]))


# --------------------------------------------------------------------------- the goals
def _spiral_12(model):
    problems = []
    if _hidden_total(model) > 12:
        problems.append(f"{_hidden_total(model)} hidden neurons (at most 12)")
    problems += _loss_problem(model, "test_loss", 0.10)
    return _outcome(problems, f"test loss {fmt(model.test_loss)} with "
                              f"{_hidden_total(model)} hidden neurons.")


def _xor_one_layer(model):
    problems = []
    if len(model.state["hidden"]) != 1:
        problems.append(f"{len(model.state['hidden'])} hidden layers (exactly 1)")
    if model.state["features"] != ["x1", "x2"]:
        problems.append("only x1 and x2 may be on")
    problems += _loss_problem(model, "test_loss", 0.15)
    return _outcome(problems, f"test loss {fmt(model.test_loss)} with one hidden layer of "
                              f"{_hidden_total(model)} neurons.")


#: The features a circle needs; the others are "useless" in the L1 challenge.
_CIRCLE_FEATURES = ("x1^2", "x2^2")
_OFF = 0.02  # |weight| below this counts as switched off


def _l1_features(model):
    s, problems = model.state, []
    if s["hidden"]:
        problems.append("the network must have no hidden layer")
    if s["features"] != _ALL_FEATURES:
        problems.append("all seven features must stay on")
    if problems:
        return _outcome(problems, "")
    weights = np.abs(model.net.layers[0].W[:, 0])
    useless = [n for n, w in zip(s["features"], weights) if n not in _CIRCLE_FEATURES and w >= _OFF]
    useful = [n for n, w in zip(s["features"], weights) if n in _CIRCLE_FEATURES and w < _OFF]
    if useless:
        problems.append(f"still switched on: {', '.join(useless)} (|weight| >= {_OFF})")
    if useful:
        problems.append(f"{', '.join(useful)} switched off too: the circle needs them")
    if _accuracy(model) < 0.95:
        problems.append(f"test accuracy {fmt(_accuracy(model))} (goal >= 0.95)")
    return _outcome(problems, "only x1² and x2² still carry weight; every other feature's "
                              f"weight is below {_OFF}.")


_LR_PRESET = {
    "dataset": "plane",
    "problem": "regression",
    "features": ["x1", "x2"],
    "hidden": [],
    "activation": "linear",
    "learning_rate": 0.003,
    "batch_size": 10,
}
_LR_EPOCHS, _LR_LOSS = 50, 0.01


@functools.lru_cache(maxsize=32)
def _rate_converges(preset_json: str, rate: float) -> bool:
    model = PlaygroundModel(json.loads(preset_json), learning_rate=rate)
    model.run_epochs(_LR_EPOCHS)
    return bool(np.isfinite(model.train_loss) and model.train_loss <= _LR_LOSS)


def largest_converging_rate(preset: dict | None = None) -> float:
    """The largest of the playground's learning rates that brings the training loss of
    ``preset`` (default: the "largest-lr" challenge's) to 0.01 or below within 50 epochs,
    found by training once with each rate (cached).

    >>> largest_converging_rate()
    0.1
    """
    key = json.dumps(_LR_PRESET if preset is None else preset, sort_keys=True)
    for rate in sorted(LEARNING_RATES, reverse=True):
        if _rate_converges(key, rate):
            return rate
    raise ValueError("no learning rate of the playground converges for this preset")


def _largest_lr(model):
    s, problems = model.state, []
    best = largest_converging_rate()
    rate = s["learning_rate"]
    if model.diverged:
        problems.append(f"learning rate {fmt(rate)} diverged: too large")
    elif model.epoch < _LR_EPOCHS:
        problems.append(f"train at least {_LR_EPOCHS} epochs (epoch {model.epoch})")
    elif model.train_loss > _LR_LOSS:
        problems.append(f"train loss {fmt(model.train_loss)} after {model.epoch} epochs "
                        f"(converged means <= {_LR_LOSS})")
    elif rate < best:
        problems.append(f"learning rate {fmt(rate)} converges: is there a larger one that does?")
    elif rate > best:  # switched up after converging with a smaller rate
        problems.append(f"learning rate {fmt(rate)} was not used from the start: press reset "
                        "and train with it")
    if s["batch_size"] != _LR_PRESET["batch_size"] or s["optimizer"] != "sgd":
        problems.append("keep batch size 10 and plain SGD")
    return _outcome(problems, f"{fmt(rate)} is the largest rate that converges; the next one "
                              "up makes the loss blow up.")


def _circle_fewest(model):
    problems = []
    if _hidden_total(model) > 3:
        problems.append(f"{_hidden_total(model)} hidden neurons (at most 3)")
    if model.state["features"] != ["x1", "x2"]:
        problems.append("only x1 and x2 may be on")
    if _accuracy(model) < 0.95:
        problems.append(f"test accuracy {fmt(_accuracy(model))} (goal >= 0.95)")
    return _outcome(problems, f"test accuracy {fmt(_accuracy(model))} with "
                              f"{_hidden_total(model)} hidden neurons.")


def _linear_goal(max_features: int, accuracy: float):
    def goal(model):
        s, problems = model.state, []
        if s["hidden"]:
            problems.append("the network must have no hidden layer")
        if len(s["features"]) > max_features:
            problems.append(f"{len(s['features'])} features on (at most {max_features})")
        if _accuracy(model) < accuracy:
            problems.append(f"test accuracy {fmt(_accuracy(model))} (goal >= {accuracy})")
        return _outcome(problems, f"test accuracy {fmt(_accuracy(model))} from "
                                  f"{' and '.join(s['features'])} alone, no hidden layer.")

    return goal


def _noise_regularise(model):
    s, problems = model.state, []
    if s["hidden"] != [8, 8] or s["features"] != _ALL_FEATURES:
        problems.append("keep the 8-8 network and all seven features")
    if model.epoch < 300:
        problems.append(f"train at least 300 epochs (epoch {model.epoch})")
    problems += _loss_problem(model, "test_loss", 0.6)
    return _outcome(problems, f"test loss {fmt(model.test_loss)} at epoch {model.epoch}: "
                              "the penalty kept the network from learning the noise.")


def _gauss_no_hidden(model):
    problems = []
    if model.state["hidden"]:
        problems.append(f"{len(model.state['hidden'])} hidden layers (goal: none)")
    problems += _loss_problem(model, "test_loss", 0.05)
    return _outcome(problems, f"test loss {fmt(model.test_loss)} from one output neuron: a "
                              "straight line separates two Gaussian clouds.")


# --------------------------------------------------------------------------- the list
_HIDE_EXTRAS = ("show_code", "export")

CHALLENGES: dict[str, Challenge] = {
    c.name: c
    for c in [
        Challenge(
            "circle-linear",
            "A circle without hidden layers",
            "No hidden layer: the output neuron draws one straight line in whatever features "
            "it gets. Turn on <b>at most two features</b> that make the circle separable and "
            "reach <b>test accuracy &ge; 0.95</b>.",
            {"dataset": "circle", "hidden": [], "features": ["x1", "x2"],
             "learning_rate": 0.03},
            _linear_goal(2, 0.95),
            locked=tuple(_DATA_CONTROLS),
            hidden=tuple(_LAYER_BUTTONS) + _HIDE_EXTRAS,
        ),
        Challenge(
            "xor-no-hidden",
            "XOR with one feature",
            "Still no hidden layer, now on XOR (class 1 where x1 and x2 have different signs). "
            "Find the <b>one feature</b> that makes XOR a straight-line problem and reach "
            "<b>test accuracy &ge; 0.95</b>.",
            {"dataset": "xor", "hidden": [], "features": ["x1", "x2"], "learning_rate": 0.03},
            _linear_goal(1, 0.95),
            locked=tuple(_DATA_CONTROLS),
            hidden=tuple(_LAYER_BUTTONS) + _HIDE_EXTRAS,
        ),
        Challenge(
            "xor-one-layer",
            "XOR from x1 and x2 only",
            "No extra features this time: only x1 and x2, and exactly <b>one hidden layer</b>. "
            "Choose its size (and the learning rate) to reach <b>test loss &le; 0.15</b>.",
            {"dataset": "xor", "hidden": [1], "features": ["x1", "x2"], "learning_rate": 0.03},
            _xor_one_layer,
            locked=tuple(_DATA_CONTROLS) + tuple(_ALL_FEATURES) + ("add_layer", "remove_layer"),
            hidden=_HIDE_EXTRAS,
        ),
        Challenge(
            "circle-fewest",
            "The circle with the fewest neurons",
            "Features x1 and x2 only. How few hidden neurons can enclose a circle? Reach "
            "<b>test accuracy &ge; 0.95</b> with <b>at most 3 hidden neurons</b> in all.",
            {"dataset": "circle", "hidden": [1], "features": ["x1", "x2"],
             "learning_rate": 0.03},
            _circle_fewest,
            locked=tuple(_DATA_CONTROLS) + tuple(_ALL_FEATURES),
            hidden=_HIDE_EXTRAS,
        ),
        Challenge(
            "gauss-no-hidden",
            "Two Gaussians need no hidden layer",
            "This network is bigger than the problem. Make it as small as it can be: "
            "<b>no hidden layer</b> at all, and still <b>test loss &le; 0.05</b>.",
            {"dataset": "gaussian", "noise": 10, "hidden": [4, 2], "features": ["x1", "x2"],
             "learning_rate": 0.03},
            _gauss_no_hidden,
            locked=tuple(_DATA_CONTROLS),
            hidden=_HIDE_EXTRAS,
        ),
        Challenge(
            "l1-features",
            "Let L1 switch off the useless features",
            "All seven features feed one output neuron, but a circle needs only x1² and x2². "
            "Choose a regularization and a rate so that every other feature's weight falls "
            f"<b>below {_OFF}</b>, x1² and x2² keep theirs, and the <b>test accuracy stays "
            "&ge; 0.95</b>.",
            {"dataset": "circle", "hidden": [], "features": _ALL_FEATURES,
             "learning_rate": 0.03},
            _l1_features,
            locked=tuple(_DATA_CONTROLS) + tuple(_ALL_FEATURES),
            hidden=tuple(_LAYER_BUTTONS) + _HIDE_EXTRAS,
        ),
        Challenge(
            "largest-lr",
            "The largest learning rate that still converges",
            "A linear model learns the plane (regression). Larger steps learn faster, until "
            "they overshoot and the loss blows up. Find the <b>largest learning rate</b> for "
            f"which the train loss is <b>&le; {_LR_LOSS} after {_LR_EPOCHS} epochs</b>. "
            "(Press reset after each change.)",
            dict(_LR_PRESET),
            _largest_lr,
            locked=tuple(_DATA_CONTROLS) + tuple(_ALL_FEATURES)
            + ("batch_size", "optimizer", "activation"),
            hidden=tuple(_LAYER_BUTTONS) + ("regularization", "reg_rate") + _HIDE_EXTRAS,
        ),
        Challenge(
            "noise-regularise",
            "Regularisation against noise",
            "Only 10 % of very noisy points are for training, and a big network with every "
            "feature learns their noise: the test loss climbs. Keep the network and train "
            "<b>300 epochs or more</b> with <b>test loss &le; 0.6</b>.",
            {"dataset": "circle", "noise": 50, "train_ratio": 10, "hidden": [8, 8],
             "features": _ALL_FEATURES, "learning_rate": 0.03, "show_test": True},
            _noise_regularise,
            locked=tuple(_DATA_CONTROLS) + tuple(_ALL_FEATURES) + tuple(_LAYER_BUTTONS),
            hidden=_HIDE_EXTRAS,
        ),
        Challenge(
            "spiral-12",
            "The spiral with 12 neurons",
            "The spiral is the hardest data set. Use <b>at most 12 hidden neurons</b> in all "
            "(any features, any number of layers) and reach <b>test loss &le; 0.10</b>.",
            {"dataset": "spiral", "hidden": [4, 2], "features": ["x1", "x2"],
             "learning_rate": 0.03},
            _spiral_12,
            locked=tuple(_DATA_CONTROLS),
            hidden=_HIDE_EXTRAS,
        ),
    ]
}


def challenge_names() -> list[str]:
    """The built-in challenges' names, easiest first."""
    return list(CHALLENGES)


def get_challenge(name: str) -> Challenge:
    """The challenge called ``name``; a ValueError lists the names there are."""
    if not isinstance(name, str) or name not in CHALLENGES:
        raise ValueError(f"Unknown challenge {name!r}; choose one of {challenge_names()}.")
    return CHALLENGES[name]
