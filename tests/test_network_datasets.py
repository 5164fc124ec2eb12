"""Network structure, forward trace, weights I/O, and the data sets."""

import numpy as np
import pytest

from nn_course import Dense, Dropout, Network, datasets, initializers


def test_forward_trace_holds_every_layer():
    net = Network([Dense(2, 3, "tanh", rng=0), Dense(3, 2, "softmax", rng=1)])
    X = np.array([[0.5, -1.0], [2.0, 0.0]])
    trace = net.forward(X, trace=True)
    assert len(trace) == 2
    assert np.array_equal(trace[0].input, X)
    assert np.allclose(trace[0].z, X @ net.layers[0].W + net.layers[0].b)
    assert np.allclose(trace[0].a, np.tanh(trace[0].z))
    assert np.array_equal(trace[1].input, trace[0].a)
    assert np.allclose(trace[1].a, net.forward(X))
    assert np.allclose(trace[1].a.sum(axis=1), 1.0)


def test_parameter_count_and_summary():
    net = Network.from_sizes([64, 128, 10], rng=0)
    assert net.n_parameters() == 64 * 128 + 128 + 128 * 10 + 10
    text = net.summary()
    assert "(64, 128)" in text and "Total parameters: 9610" in text


def test_get_set_weights_round_trip_and_independence():
    a = Network.from_sizes([3, 4, 2], rng=0)
    b = Network.from_sizes([3, 4, 2], rng=1)
    b.set_weights(a.get_weights())
    X = np.random.default_rng(0).normal(size=(5, 3))
    assert np.array_equal(a.forward(X), b.forward(X))
    weights = a.get_weights()
    weights[0][0][...] = 0  # a copy: changing it leaves the network alone
    assert a.layers[0].W.any()


def test_save_and_load(tmp_path):
    net = Network([Dense(2, 5, "elu", rng=0), Dropout(0.3), Dense(5, 3, "linear", rng=1)])
    path = tmp_path / "net.npz"
    net.save(path)
    loaded = Network.load(path)
    X = np.random.default_rng(1).normal(size=(4, 2))
    assert repr(loaded) == repr(net)
    assert np.array_equal(loaded.forward(X), net.forward(X))
    with np.load(path, allow_pickle=False) as data:  # nothing pickled inside
        assert set(data.files) == {"config", "W0", "b0", "W1", "b1"}


def test_predict_and_predict_proba():
    multi = Network([Dense(2, 3, "linear", rng=0)])
    X = np.random.default_rng(0).normal(size=(6, 2))
    proba = multi.predict_proba(X)
    assert proba.shape == (6, 3) and np.allclose(proba.sum(axis=1), 1)
    assert np.array_equal(multi.predict(X), proba.argmax(axis=1))
    binary = Network([Dense(2, 1, "sigmoid", rng=0)])
    p = binary.predict_proba(X)
    assert p.shape == (6,)
    assert np.array_equal(binary.predict(X), (p > 0.5).astype(int))
    with pytest.raises(ValueError, match="predict_proba needs"):
        Network([Dense(2, 2, "relu", rng=0)]).predict_proba(X)


def test_dropout_is_identity_at_inference_and_scales_in_training():
    layer = Dropout(0.25)
    X = np.ones((2000, 50))
    assert np.array_equal(layer.trace(X).a, X)
    step = layer.trace(X, training=True, rng=0)
    kept = step.a != 0
    assert abs(kept.mean() - 0.75) < 0.01
    assert np.allclose(step.a[kept], 1 / 0.75)


def test_training_mode_draws_dropout_masks_reproducibly():
    net = Network([Dense(3, 20, "relu", rng=0), Dropout(0.5), Dense(20, 1, rng=1)])
    X = np.ones((4, 3))
    a = net.forward(X, training=True, rng=5)
    b = net.forward(X, training=True, rng=5)
    assert np.array_equal(a, b) and not np.array_equal(a, net.forward(X))


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("blobs", {"centers": 3}),
        ("moons", {}),
        ("circles", {}),
        ("spirals", {"n_classes": 3}),
        ("xor", {}),
        ("gaussians", {}),
        ("plane", {}),
        ("multi_gaussian", {}),
    ],
)
def test_generators_are_deterministic_and_shaped(name, kwargs):
    make = getattr(datasets, name)
    X1, y1 = make(n_samples=101, rng=3, **kwargs)
    X2, y2 = make(n_samples=101, rng=3, **kwargs)
    X3, _ = make(n_samples=101, rng=4, **kwargs)
    assert X1.shape == (101, 2) and y1.shape == (101,)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2) and not np.array_equal(X1, X3)
    assert np.isfinite(X1).all() and np.abs(X1).max() < 3


def test_classes_are_balanced():
    _, y = datasets.spirals(n_samples=100, n_classes=3, rng=0)
    assert np.bincount(y).tolist() == [34, 33, 33]


def test_digits_split_and_standardize():
    X, y, images = datasets.digits(return_images=True)
    assert X.shape == (1797, 64) and images.shape == (1797, 8, 8) and X.max() == 1.0
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, 0.2, rng=0, stratify=True)
    assert len(X_train) + len(X_test) == 1797
    assert abs(len(X_test) - 0.2 * 1797) <= 10
    Xs, mean, std = datasets.standardize(X_train)
    assert np.allclose(Xs.mean(axis=0), 0) and np.isfinite(Xs).all()
    Xt, _, _ = datasets.standardize(X_test, mean, std)
    assert Xt.shape == X_test.shape


@pytest.mark.parametrize("name", initializers.names())
def test_initializers_shapes_and_rng(name):
    init = initializers.get(name)
    W1, W2 = init((30, 20), rng=0), init((30, 20), rng=0)
    assert W1.shape == (30, 20) and np.array_equal(W1, W2)


def test_glorot_and_he_scales():
    glorot = initializers.get("glorot_normal")((400, 600), rng=0)
    he = initializers.get("he_normal")((400, 600), rng=0)
    assert glorot.std() == pytest.approx(np.sqrt(2 / 1000), rel=0.02)
    assert he.std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
