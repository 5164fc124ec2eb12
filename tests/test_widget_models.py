"""The models behind the widgets live in the package core, import no widget library, and are the
same objects under their old widget-module names."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from nn_course import descent, diagrams, features, landscape, linear, playground_model, style

CORE = [
    "nn_course.style",
    "nn_course.diagrams",
    "nn_course.linear",
    "nn_course.descent",
    "nn_course.landscape",
    "nn_course.features",
    "nn_course.playground_model",
]


def test_core_modules_import_no_widget_library():
    code = (
        "import sys\n"
        f"for name in {CORE!r}:\n"
        "    __import__(name)\n"
        "print(sorted(m for m in ('ipywidgets', 'matplotlib.pyplot') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("old_module", "names", "new_module"),
    [
        ("nn_course.widgets.boundary_explorer", ["LinearModel", "FEATURES", "make_data"], linear),
        (
            "nn_course.widgets.descent_explorer",
            ["run_descent", "bowl_loss", "bowl_gradient", "CURVATURE"],
            descent,
        ),
        ("nn_course.widgets.loss_landscape", ["neuron_loss", "DATA_X", "DATA_Y"], landscape),
        ("nn_course.widgets.playground", ["features", "FEATURES"], features),
        (
            "nn_course.widgets.playground",
            [
                "PlaygroundModel",
                "DATASETS",
                "DEFAULT_STATE",
                "LEARNING_RATES",
                "REGULARIZATION_RATES",
                "SCALE",
            ],
            playground_model,
        ),
    ],
)
def test_old_import_paths_give_the_same_objects(old_module, names, new_module):
    old = __import__(old_module, fromlist=names)
    for name in names:
        assert getattr(old, name) is getattr(new_module, name), name


def test_linear_model_needs_a_feature_for_xor():
    X, y = linear.make_data("xor", noise=0.1, rng=0)
    plain = linear.LinearModel().fit(X, y)
    product = linear.LinearModel(features=["x1*x2"]).fit(X, y)
    assert plain.accuracy(X, y) < 0.7 < 0.9 < product.accuracy(X, y)
    assert product.transform(X).shape == (len(X), 3)
    assert product.formula().startswith("p = sigmoid(")
    with pytest.raises(ValueError, match="Unknown feature"):
        linear.LinearModel(features=["x1^3"])
    with pytest.raises(ValueError, match="Unknown data set"):
        linear.make_data("nope")


def test_descent_diverges_exactly_above_two_over_the_steep_curvature():
    limit = 2 / descent.CURVATURE.max()
    assert not descent.run_descent((-4.0, 2.0), 0.99 * limit, 300)[2]
    path, losses, diverged = descent.run_descent((-4.0, 2.0), 1.01 * limit, 3000)
    assert diverged and np.abs(path[-1]).max() > descent.BLOW_UP
    w = np.array([0.3, -0.7])
    step = 1e-6
    numeric = [
        (descent.bowl_loss(w + step * e) - descent.bowl_loss(w - step * e)) / (2 * step)
        for e in np.eye(2)
    ]
    np.testing.assert_allclose(descent.bowl_gradient(w), numeric, rtol=1e-6)


def test_neuron_loss_is_the_formula():
    w, b = 1.3, -0.4
    p = 1 / (1 + np.exp(-(w * landscape.DATA_X + b)))
    y = landscape.DATA_Y
    bce = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert landscape.neuron_loss(w, b) == pytest.approx(bce)
    assert landscape.neuron_loss(w, b, "mse") == pytest.approx(np.mean((p - y) ** 2))
    grid = landscape.losses_on_grid(np.array([[w]]), np.array([[b]]), "mse")
    assert grid.shape == (1, 1) and grid[0, 0] == pytest.approx(np.mean((p - y) ** 2))
    with pytest.raises(ValueError, match="loss must be one of"):
        landscape.neuron_loss(w, b, "hinge")


def test_features():
    X = np.array([[2.0, -3.0]])
    F = features.features(X, list(features.FEATURES))
    np.testing.assert_allclose(F, [[2, -3, 4, 9, -6, np.sin(2), np.sin(-3)]])
    assert set(features.FEATURE_LABELS) == set(features.FEATURES)
    with pytest.raises(ValueError, match="non-empty list"):
        features.features(X, [])


def test_diagram_layout_and_gaps():
    layers = diagrams.layout([3, 64], 200, 100, 10, 10, 20, 20)
    assert [u for u, _, _ in layers[1]] == diagrams.shown_units(64)
    assert len(layers[1]) == diagrams.MAX_NODES and None in [u for u, _, _ in layers[1]]
    assert [x for _, x, _ in layers[0]] == [20.0] * 3
    edges = list(diagrams.edges(layers, [np.ones((3, 64))]))
    assert len(edges) == 3 * (diagrams.MAX_NODES - 1)
    assert diagrams.edge_style(float("nan"))[0] == style.NEUTRAL
    with pytest.raises(ValueError, match="positive ints"):
        diagrams.network_svg([2, 0])


def test_style_number_formats():
    assert style.fmt(float("nan")) == "nan" and style.fmt(-0.0) == "0"
    assert style.fmt_fixed(-0.0004) == "0.000" and style.fmt_fixed(1.23456, 2) == "1.23"
    assert style.fmt_array(np.array([[0.5, -1]]), 2) == "[[0.50, -1.00]]"
    table = style.diverging_table(1.0, levels=5)
    assert table.shape == (6, 3) and tuple(table[2]) == (255, 255, 255)
    with pytest.raises(ValueError, match="class index"):
        style.class_color(5)


def test_blit_view_keeps_a_bounded_number_of_backgrounds():
    from nn_course.widgets._blit import BlitView

    view = BlitView(2.0, 2.0, max_backgrounds=2)
    drawn = []
    for key in ("a", "b", "a", "c", "a"):
        view.use_background(key, lambda key=key: drawn.append(key))
    view.draw()
    assert drawn == ["a", "b", "c"] and view.n_backgrounds == 2  # "b" was dropped, "a" kept
    view.use_background("b", lambda: drawn.append("b"))
    assert drawn[-1] == "b"
