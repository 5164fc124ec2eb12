"""Every plot function on every data set: no warning, a non-empty PNG, a title, labelled axes
and a legend where there is more than one series.

Warnings are errors inside each test (``warnings.simplefilter("error")``), so a deprecation or
a "no contour levels" warning fails here rather than in a learner's notebook.
"""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nn_course import Network, Perceptron, datasets, plotting, style  # noqa: E402
from nn_course.plotting import (  # noqa: E402
    draw_network,
    figure_to_png,
    network_svg,
    new_figure,
    plot_activation,
    plot_confusion_matrix,
    plot_data,
    plot_decision_boundary,
    plot_image_grid,
    plot_loss_curves,
    plot_loss_landscape,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _load(name):
    """(X, y) of a named 2-D classification data set, small and seeded."""
    if name.startswith("gate_"):
        return datasets.logic_gate(name[5:])
    if name == "blobs3":
        return datasets.blobs(90, centers=3, rng=0)
    if name == "spirals3":
        return datasets.spirals(150, n_classes=3, rng=0)
    return getattr(datasets, name)(n_samples=120, rng=0)


DATASETS = [
    "moons",
    "circles",
    "spirals",
    "spirals3",
    "xor",
    "blobs",
    "blobs3",
    "gaussians",
    "gate_and",
    "gate_or",
    "gate_nand",
    "gate_nor",
    "gate_xor",
]


@pytest.fixture(autouse=True)
def _strict_and_clean():
    """Warnings are errors; every figure is closed afterwards."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield
    plt.close("all")


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    data = buf.getvalue()
    assert data.startswith(PNG_MAGIC) and len(data) > 1000, "the figure did not render to a PNG"
    return data


def _check_labels(ax, legend: bool | None = None):
    assert ax.get_title(), "no title"
    assert ax.get_xlabel(), "no x label"
    assert ax.get_ylabel(), "no y label"
    if legend is True:
        assert ax.get_legend() is not None, "no legend although there is more than one series"
        assert all(t.get_text() for t in ax.get_legend().get_texts())
    elif legend is False:
        assert ax.get_legend() is None


def _n_classes(y) -> int:
    return int(np.unique(y).size)


# ----------------------------------------------------------------------------- plot_data
@pytest.mark.parametrize("name", DATASETS)
def test_plot_data_each_dataset(name):
    X, y = _load(name)
    ax = plot_data(X, y)
    _check_labels(ax, legend=_n_classes(y) > 1)
    assert len(ax.get_legend().get_texts()) == _n_classes(y)
    _png(ax.figure)


@pytest.mark.parametrize("name", ["plane", "multi_gaussian"])
def test_plot_data_regression_targets(name):
    X, y = getattr(datasets, name)(n_samples=100, rng=0)
    ax = plot_data(X, y)
    _check_labels(ax)
    _png(ax.figure)


def test_plot_data_class_names_and_given_axes():
    X, y = _load("gate_xor")
    fig, ax = new_figure()
    out = plot_data(X, y, ax=ax, title="XOR", class_names=["off", "on"])
    assert out is ax and ax.get_title() == "XOR"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["off", "on"]
    assert figure_to_png(fig).startswith(PNG_MAGIC)


def test_plot_data_rejects_bad_shape():
    with pytest.raises(ValueError, match=r"shape \(n_samples, 2\)"):
        plot_data(np.zeros((3, 3)), [0, 1, 0])
    with pytest.raises(ValueError, match="same number of samples"):
        plot_data(np.zeros((3, 2)), [0, 1])


# ----------------------------------------------------------------------------- decision maps
def _models_for(X, y):
    k = _n_classes(y)
    binary = Network.from_sizes([2, 6, 1], activation="tanh", output_activation="sigmoid", rng=0)
    logit = Network.from_sizes([2, 6, 1], activation="relu", output_activation="linear", rng=0)
    softmax = Network.from_sizes(
        [2, 6, max(k, 2)], activation="tanh", output_activation="softmax", rng=0
    )
    perceptron = Perceptron(2).fit(X, y if k == 2 else (y == 0).astype(int), epochs=3)
    return {
        "binary_net": binary,
        "logit_net": logit,
        "softmax_net": softmax,
        "perceptron": perceptron,
        "callable_scores": lambda G: G[:, 0] - G[:, 1],
        "callable_proba": lambda G: 1.0 / (1.0 + np.exp(-G.sum(axis=1))),
    }


MODEL_KINDS = [
    "binary_net",
    "logit_net",
    "softmax_net",
    "perceptron",
    "callable_scores",
    "callable_proba",
]


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("kind", MODEL_KINDS)
def test_plot_decision_boundary_each_dataset_and_model(name, kind):
    X, y = _load(name)
    model = _models_for(X, y)[kind]
    ax = plot_decision_boundary(model, X, y, resolution=40)
    _check_labels(ax, legend=True)
    _png(ax.figure)


@pytest.mark.parametrize("probability", [True, False])
def test_plot_decision_boundary_into_widget_figure(probability):
    X, y = _load("moons")
    net = Network.from_sizes([2, 8, 1], activation="tanh", output_activation="sigmoid", rng=0)
    fig, ax = new_figure()
    out = plot_decision_boundary(
        net, X, y, ax=ax, probability=probability, resolution=30, xlim=(-2, 2), ylim=(-1, 1)
    )
    assert out is ax
    assert ax.get_xlim() == (-2, 2) and ax.get_ylim() == (-1, 1)
    assert len(fig.axes) == 1, "no colour bar may be added to a figure the caller owns"
    assert figure_to_png(fig).startswith(PNG_MAGIC)


def test_plot_decision_boundary_without_data_and_constant_model():
    # A perceptron with zero weights predicts class 1 everywhere: no boundary, no warning.
    ax = plot_decision_boundary(Perceptron(2), resolution=20)
    _check_labels(ax)
    _png(ax.figure)


def test_decision_map_kinds():
    G = np.array([[0.0, 0.0], [1.0, 1.0]])
    softmax = Network.from_sizes([2, 3], output_activation="softmax", rng=0)
    assert plotting.model_scores(softmax, G)[0] == "multi"
    p = Perceptron(2)
    p.weights[:] = [1.0, 1.0]
    p.bias = -1.0
    kind, values, field, level = plotting.model_scores(p, G)
    assert kind == "binary" and values.tolist() == [0.0, 1.0] and level == 0.0
    assert plotting.model_scores(lambda A: A[:, 0] - 0.5, G)[0] == "score"
    # A regression network has no predict_proba answer; its raw output is used.
    reg = Network.from_sizes([2, 3, 1], output_activation="tanh", rng=0)
    assert plotting.model_scores(reg, G)[0] in ("score", "binary")
    with pytest.raises(TypeError, match="model must have"):
        plotting.model_scores(42, G)


# ----------------------------------------------------------------------------- activations
@pytest.mark.parametrize(
    "name",
    ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "step", "linear", "softmax"],
)
def test_plot_activation_every_function(name):
    ax = plot_activation(name)
    _check_labels(ax, legend=True)
    _png(ax.figure)


def test_plot_activation_without_derivative_and_callable():
    ax = plot_activation(np.sin, derivative=False, z=np.linspace(-3, 3, 50))
    _check_labels(ax, legend=False)
    assert len([line for line in ax.get_lines() if not line.get_label().startswith("_")]) == 1
    _png(ax.figure)
    with pytest.raises(TypeError, match="activation must be"):
        plot_activation(3)


# ----------------------------------------------------------------------------- networks
@pytest.mark.parametrize("sizes", [[2, 1], [2, 8, 8, 1], [64, 32, 10], [3, 4, 4, 3]])
def test_draw_network_sizes_and_networks(sizes):
    ax = draw_network(sizes)
    assert ax.get_title() and ax.get_xlabel()
    _png(ax.figure)
    net = Network.from_sizes(sizes, rng=0)
    values = [np.linspace(-1, 1, n) for n in sizes]
    ax = draw_network(net, node_values=values)
    assert ax.get_title() and ax.get_xlabel()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "positive weight",
        "negative weight",
    ]
    _png(ax.figure)


def test_draw_network_layer_labels():
    ax = draw_network([2, 5, 3, 1], ax=new_figure()[1])
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["input\n(2)", "hidden 1\n(5)", "hidden 2\n(3)", "output\n(1)"]


def test_network_svg_content_and_validation():
    rng = np.random.default_rng(0)
    sizes = [2, 8, 8, 1]
    weights = [rng.normal(size=(a, b)) for a, b in zip(sizes[:-1], sizes[1:], strict=True)]
    values = [rng.normal(size=n) for n in sizes]
    svg = network_svg(
        sizes, weights=weights, node_values=values, node_labels=[["x1", "x2"], None, None, ["<y>"]]
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<line") == 2 * 8 + 8 * 8 + 8
    assert svg.count("<circle") == sum(sizes)
    assert plotting.POSITIVE_COLOR in svg and plotting.NEGATIVE_COLOR in svg
    assert "&lt;y&gt;" in svg, "labels are escaped"
    for name in ("input (2)", "hidden 1 (8)", "hidden 2 (8)", "output (1)"):
        assert name in svg
    assert f">{style.fmt(values[3][0])}<" in svg
    # Wide layers are shown with a gap, not 64 overlapping nodes.
    big = network_svg([64, 10])
    assert big.count("<circle") == 9 + 10 and "⋮" in big
    with pytest.raises(ValueError, match="weights must have shapes"):
        network_svg([2, 3], weights=[np.ones((3, 2))])
    with pytest.raises(ValueError, match=r"node_values\[1\] must have 3 values"):
        network_svg([2, 3], node_values=[[0, 0], [1, 2]])


def test_one_edge_rule_for_every_weight():
    """Width grows with |w| up to the largest weight; colour is the sign (in the SVG itself)."""
    import re

    svg = network_svg([1, 3], weights=[np.array([[0.0, 1.0, -2.0]])])
    groups = re.findall(r'<g stroke="(#[0-9A-F]{6})"[^>]*>(.*?)</g>', svg)
    by_colour = {
        colour: [float(w) for w in re.findall(r'stroke-width="([\d.]+)"', body)]
        for colour, body in groups
    }
    assert by_colour == {style.POSITIVE: [0.5, 2.75], style.NEGATIVE: [5.0]}


def test_network_svg_is_fast():
    """Fast enough to redraw on every slider move (median well under 5 ms for 2-8-8-1)."""
    import time

    rng = np.random.default_rng(0)
    weights = [rng.normal(size=(2, 8)), rng.normal(size=(8, 8)), rng.normal(size=(8, 1))]
    values = [rng.normal(size=n) for n in (2, 8, 8, 1)]
    times = []
    for _ in range(30):
        start = time.perf_counter()
        network_svg([2, 8, 8, 1], weights=weights, node_values=values)
        times.append(time.perf_counter() - start)
    # generous bound: the machine is shared; typical is ~0.6 ms
    assert np.median(times) < 0.005


# ----------------------------------------------------------------------------- training curves
def _history():
    from nn_course.training import History

    h = History()
    for epoch, (loss, val) in enumerate([(1.0, 1.1), (0.6, 0.8), (0.4, 0.7)], start=1):
        h.append(epoch, {"loss": loss, "val_loss": val, "accuracy": 0.5 + 0.1 * epoch})
    return h


def test_plot_loss_curves_history_and_dict():
    ax = plot_loss_curves(_history())
    _check_labels(ax, legend=True)
    _png(ax.figure)
    ax = plot_loss_curves(_history(), metric="accuracy")  # no val_accuracy: one series
    _check_labels(ax, legend=False)
    assert ax.get_ylabel() == "accuracy"
    ax = plot_loss_curves([0.9, 0.5, 0.2], ax=new_figure()[1])
    _check_labels(ax, legend=False)
    with pytest.raises(KeyError, match="records"):
        plot_loss_curves({"loss": [1.0]}, metric="accuracy")


def test_plot_loss_curves_real_training_run():
    X, y = _load("moons")
    net = Network.from_sizes([2, 4, 1], activation="tanh", output_activation="sigmoid", rng=0)
    history = net.fit(X, y, loss="binary_cross_entropy", epochs=3, validation_data=(X, y), rng=0)
    ax = plot_loss_curves(history)
    _check_labels(ax, legend=True)
    _png(ax.figure)


# ----------------------------------------------------------------------------- loss landscape
def _neuron_loss(X, y):
    """MSE of a one-input sigmoid neuron on x1: written for scalars only."""
    x = X[:, 0]

    def loss(w, b):
        return float(np.mean((1.0 / (1.0 + np.exp(-np.clip(w * x + b, -50, 50))) - y) ** 2))

    return loss


@pytest.mark.parametrize("name", DATASETS)
def test_plot_loss_landscape_each_dataset(name):
    X, y = _load(name)
    y = (y == y.max()).astype(float)
    ax = plot_loss_landscape(
        _neuron_loss(X, y),
        (-4, 4, 25),
        (-4, 4, 25),
        point=(1.0, 0.5),
        path=[[-3, -3], [-1, -2], [0.5, 0.0]],
    )
    _check_labels(ax, legend=True)
    _png(ax.figure)


def test_plot_loss_landscape_vectorised_and_flat():
    ax = plot_loss_landscape(lambda w, b: w**2 + (b - 1) ** 2, (-2, 2), np.linspace(-1, 3, 30))
    _check_labels(ax, legend=False)
    _png(ax.figure)
    ax = plot_loss_landscape(lambda w, b: 1.0, (-1, 1, 5), (-1, 1, 5), ax=new_figure()[1])
    _check_labels(ax)
    with pytest.raises(ValueError, match="w_range"):
        plot_loss_landscape(lambda w, b: 0.0, [1.0], (0, 1))


# ----------------------------------------------------------------------------- digits
@pytest.fixture(scope="module")
def digits():
    X, y = datasets.digits()
    return X[:300], y[:300]


def test_plot_confusion_matrix_digits(digits):
    _, y = digits
    y_pred = np.where(np.arange(y.size) % 5 == 0, (y + 1) % 10, y)
    ax = plot_confusion_matrix(y, y_pred)
    _check_labels(ax)
    assert "accuracy" in ax.get_title()
    counts = [int(t.get_text()) for t in ax.texts]
    # Every non-empty cell is labelled, empty ones are blank; mistakes are bold.
    assert sum(counts) == y.size and 0 not in counts
    bold = [t for t in ax.texts if t.get_fontweight() == "bold"]
    assert sum(int(t.get_text()) for t in bold) == int(np.sum(y_pred != y))
    _png(ax.figure)


@pytest.mark.parametrize("name", ["moons", "spirals3", "blobs3", "gate_xor"])
def test_plot_confusion_matrix_2d_sets(name):
    X, y = _load(name)
    ax = plot_confusion_matrix(
        y, np.roll(y, 1), class_names=[f"c{i}" for i in range(_n_classes(y))]
    )
    _check_labels(ax)
    assert [t.get_text() for t in ax.get_xticklabels()] == [f"c{i}" for i in range(_n_classes(y))]
    _png(ax.figure)


def test_plot_image_grid_digits(digits):
    X, y = digits
    fig = plot_image_grid(X[:20], titles=[str(v) for v in y[:20]], ncols=8, suptitle="Some digits")
    assert fig._suptitle is not None and fig._suptitle.get_text() == "Some digits"
    assert len(fig.axes) == 20
    assert [ax.get_title() for ax in fig.axes] == [str(v) for v in y[:20]]
    _png(fig)
    # also (n, 8, 8) images into a widget's figure, twice (the old images are replaced)
    wfig, _ = new_figure()
    for _ in range(2):
        plot_image_grid(X[:6].reshape(-1, 8, 8), fig=wfig, ncols=3, suptitle="again")
    assert len(wfig.axes) == 6
    assert figure_to_png(wfig).startswith(PNG_MAGIC)
    with pytest.raises(ValueError, match="not square"):
        plot_image_grid(np.zeros((2, 10)))
