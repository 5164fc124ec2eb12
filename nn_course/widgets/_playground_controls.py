"""The playground's controls: the DATA, TRAINING and FEATURES columns and every button.

Layouts and styles are shared between controls (:func:`shared_styles`): every one is a widget
model the browser and a saved notebook must hold, and most are identical. Used by
:mod:`nn_course.widgets.playground` (notebook 12_playground).
"""

from __future__ import annotations

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from ..features import FEATURE_LABELS, FEATURES
from ..playground_model import (
    ACTIVATIONS,
    CUSTOM,
    DATASETS,
    LEARNING_RATES,
    MAX_LAYERS,
    REGULARIZATION_RATES,
)
from ..playground_data import MAX_CLASSES
from ._controls import checkbox, choice_slider, dropdown, int_slider, slider

__all__ = ["shared_styles", "build_controls"]

_DATASET_LABELS = {
    "circle": "Circle",
    "xor": "XOR",
    "gaussian": "Two Gaussians",
    "spiral": "Spiral",
    "plane": "Plane (regression)",
    "multi_gaussian": "Multi-Gaussian (regression)",
    "blobs": "Gaussian blobs (classes)",
    "spiral_arms": "Spiral arms (classes)",
    CUSTOM: "Your own data",
}
_INIT_LABELS = [
    ("Glorot uniform", "glorot_uniform"),
    ("He normal", "he_normal"),
    ("Normal (std 0.05)", "normal"),
    ("Zeros", "zeros"),
]


def shared_styles() -> dict:
    """Layouts and styles shared between controls: every one is a model the browser (and a saved
    notebook) must hold, and most are identical."""
    return {
        "narrow": widgets.Layout(width="206px"),
        "plain": widgets.Layout(),
        "description": DescriptionStyle(description_width="72px"),
        "slider": widgets.SliderStyle(description_width="72px"),
        "button": widgets.ButtonStyle(),
        "check": CheckboxStyle(),
        "html": HTMLStyle(),
    }


def _own(st: dict) -> widgets.Layout:
    """A Layout of its own (as wide as the shared one) for a control that is sometimes hidden."""
    return widgets.Layout(width=st["narrow"].width)


def _data_controls(s: dict, st: dict) -> dict:
    """The DATA column: data set, noise, split, new points, what the map shows."""
    sliders = {"layout": st["narrow"], "style": st["slider"]}
    checks = {"layout": st["narrow"], "style": st["check"]}
    return {
        "dataset": dropdown(
            "Data",
            [(_DATASET_LABELS[k], k) for k in [*DATASETS, CUSTOM]],
            s["dataset"],
            layout=st["narrow"],
            style=st["description"],
        ),
        "noise": int_slider("Noise %", s["noise"], 0, 50, 5, **sliders),
        "train_ratio": int_slider("Train %", s["train_ratio"], 10, 90, 10, **sliders),
        "n_classes": int_slider(  # its own Layout: it is hidden unless the problem is multi-class
            "Classes", s["n_classes"], 3, MAX_CLASSES, layout=_own(st), style=st["slider"]
        ),
        "regenerate": widgets.Button(
            description="Regenerate",
            icon="refresh",
            tooltip="Draw new points (new data seed)",
            style=st["button"],
            layout=widgets.Layout(width="134px"),
        ),
        "show_test": checkbox("Show test data", s["show_test"], **checks),
        "discretize": checkbox("Discretize output", s["discretize"], **checks),
    }


_CHOICES = {
    "regularization": ("Regular.", [("None", "none"), ("L1", "L1"), ("L2", "L2")]),
    "reg_rate": ("Reg. rate", [(f"{v:g}", v) for v in REGULARIZATION_RATES]),
    "activation": ("Activation", ACTIVATIONS),
    "problem": (
        "Problem",
        [
            ("Classification", "classification"),
            ("Multi-class", "multiclass"),
            ("Regression", "regression"),
        ],
    ),
    "optimizer": ("Optimizer", [("SGD", "sgd"), ("Momentum", "momentum"), ("Adam", "adam")]),
    "init": ("Init", _INIT_LABELS),
}


def _training_controls(s: dict, st: dict) -> dict:
    """The TRAINING column and the problem type."""
    sliders = {"layout": st["narrow"], "style": st["slider"]}
    controls = {
        "batch_size": int_slider("Batch", s["batch_size"], 1, 30, **sliders),
        "learning_rate": choice_slider(
            "Learn. rate", [(f"{v:g}", v) for v in LEARNING_RATES], s["learning_rate"], **sliders
        ),
    }
    for key, (description, values) in _CHOICES.items():
        controls[key] = dropdown(
            description, values, s[key], layout=st["narrow"], style=st["description"]
        )
    return controls


def _feature_controls(s: dict, st: dict) -> dict:
    layout = widgets.Layout(width="90px")
    return {
        name: checkbox(
            FEATURE_LABELS[name], name in s["features"], layout=layout, style=st["check"]
        )
        for name in FEATURES
    }


def _buttons(st: dict) -> dict:
    """Layer and neuron buttons, play / step / reset, show code and export."""

    def button(width, **kwargs):
        return widgets.Button(
            style=st["button"],
            layout=widgets.Layout(
                width=width, **({"padding": "0"} if width in ("28px", "30px") else {})
            ),
            **kwargs,
        )

    c = {
        "add_layer": button("30px", description="+", tooltip="Add a hidden layer"),
        "remove_layer": button("30px", description="−", tooltip="Remove a hidden layer"),
    }
    for i in range(1, MAX_LAYERS + 1):
        c[f"plus_{i}"] = button("28px", description="+", tooltip=f"Add a neuron to layer {i}")
        c[f"minus_{i}"] = button("28px", description="−", tooltip=f"Remove a neuron from layer {i}")
    c["play"] = button("90px", description="Play", icon="play", button_style="success")
    c["step"] = button("80px", description="Step", icon="step-forward", tooltip="Train one epoch")
    c["reset"] = button("80px", description="Reset", icon="undo", tooltip="New start: epoch 0")
    c["show_code"] = button(
        "120px",
        description="Show code",
        icon="code",
        tooltip="The nn_course lines for this configuration",
    )
    c["export"] = button(
        "150px",
        description="Export network",
        icon="download",
        tooltip="Copy the trained network into the variable playground_net",
    )
    return c


def _own_data_controls(st: dict) -> dict:
    """Draw points with sliders (x1, x2, class or value) and buttons."""
    sliders = {"layout": st["narrow"], "style": st["slider"]}
    small = widgets.Layout(width="100px")
    return {
        "draw": widgets.ToggleButton(
            value=False,
            description="Draw",
            icon="pencil",
            tooltip="Add points of your own: click the map (shift-click removes the nearest)",
            layout=widgets.Layout(width="80px"),
        ),
        "draw_x1": slider("Point x1", 0.0, -6.0, 6.0, 0.1, **sliders),
        "draw_x2": slider("Point x2", 0.0, -6.0, 6.0, 0.1, **sliders),
        # the class of the point (0 .. k-1, in steps of 1) or, for regression, its value
        "draw_label": slider("Class", 1.0, 0.0, 1.0, 1.0, readout_format=".0f", **sliders),
        "add_point": widgets.Button(description="Add point", style=st["button"], layout=small),
        "remove_point": widgets.Button(
            description="Remove nearest",
            tooltip="Remove the data point nearest to (x1, x2)",
            style=st["button"],
            layout=small,
        ),
    }


def upload_control() -> widgets.FileUpload:
    """The CSV upload (kept out of the controls dict: its value is a file, not a setting)."""
    return widgets.FileUpload(
        accept=".csv,.txt,text/csv",
        multiple=False,
        description="Upload CSV",
        tooltip="Rows x1, x2, label (a header line is optional)",
        layout=widgets.Layout(width="134px"),
    )


def build_controls(s: dict, st: dict) -> dict:
    """Every control of the playground, by name, set from the configuration ``s``."""
    return {
        **_data_controls(s, st),
        **_own_data_controls(st),
        **_training_controls(s, st),
        **_feature_controls(s, st),
        **_buttons(st),
    }
