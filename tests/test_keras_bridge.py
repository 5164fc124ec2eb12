"""The Keras bridge: same weights, same predictions (float64), both directions."""

from __future__ import annotations

import numpy as np
import pytest

from nn_course import Dense, Dropout, Network

pytest.importorskip("keras")

from nn_course.keras_bridge import from_keras, import_keras, to_keras  # noqa: E402

ACTS = ["linear", "sigmoid", "tanh", "relu", "elu", "softplus"]


@pytest.fixture(scope="module")
def keras():
    return import_keras()


@pytest.fixture(scope="module")
def X():
    return np.random.default_rng(0).normal(size=(40, 5)) * 2


def make_net(hidden, out, n_out=3):
    net = Network([Dense(5, 7, hidden, rng=0), Dropout(0.25), Dense(7, 6, hidden, rng=1),
                   Dense(6, n_out, out, rng=2)])
    rng = np.random.default_rng(1)
    for layer in net.dense_layers:
        layer.b[:] = rng.normal(size=layer.b.shape)
    return net


@pytest.mark.parametrize("hidden", ACTS)
@pytest.mark.parametrize("out", ["linear", "softmax", "sigmoid"])
def test_round_trip_predictions_equal_to_1e_10(keras, X, hidden, out):
    net = make_net(hidden, out)
    model = to_keras(net)
    assert all(w.dtype == "float64" for w in model.weights)
    expected = net.forward(X)
    np.testing.assert_allclose(np.asarray(model(X)), expected, rtol=0, atol=1e-10)
    np.testing.assert_allclose(model.predict_on_batch(X), expected, rtol=0, atol=1e-10)
    back = from_keras(model)
    assert repr(back) == repr(net)
    np.testing.assert_allclose(back.forward(X), expected, rtol=0, atol=1e-10)
    for (W, b), (W2, b2) in zip(net.get_weights(), back.get_weights(), strict=True):
        assert np.array_equal(W, W2) and np.array_equal(b, b2)


def test_leaky_relu_uses_the_course_slope(keras, X):
    net = make_net("leaky_relu", "linear")
    model = to_keras(net)
    slopes = [layer.get_config()["negative_slope"] for layer in model.layers
              if type(layer).__name__ == "LeakyReLU"]
    assert slopes == [0.01, 0.01]
    # TensorFlow keeps the slope as float32 (0.009999999776): agreement ~2e-10 * |z|
    np.testing.assert_allclose(np.asarray(model(X)), net.forward(X), rtol=0, atol=1e-8)
    back = from_keras(model)
    assert repr(back) == repr(net)
    np.testing.assert_allclose(back.forward(X), net.forward(X), rtol=0, atol=1e-15)


def test_from_keras_model_built_in_keras(keras, X):
    model = keras.Sequential([
        keras.Input(shape=(5,), dtype="float64"),
        keras.layers.Dense(8, activation="tanh", dtype="float64"),
        keras.layers.Dense(8, dtype="float64"),
        keras.layers.ReLU(dtype="float64"),
        keras.layers.Dense(4, dtype="float64"),
        keras.layers.Activation("softmax", dtype="float64"),
    ])
    net = from_keras(model)
    assert [layer.activation.name for layer in net.layers] == ["tanh", "relu", "softmax"]
    np.testing.assert_allclose(net.forward(X), np.asarray(model(X)), rtol=0, atol=1e-10)


def test_keras_training_and_numpy_predictions_agree(keras, X):
    """Weights trained by Keras predict the same in NumPy."""
    y = (X[:, 0] > 0).astype(int)
    net = Network([Dense(5, 4, "tanh", rng=0), Dense(4, 2, "softmax", rng=1)])
    model = to_keras(net)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy")
    model.fit(X, y, epochs=2, batch_size=8, verbose=0, shuffle=False)
    trained = from_keras(model)
    assert not np.array_equal(trained.get_weights()[0][0], net.get_weights()[0][0])
    np.testing.assert_allclose(trained.forward(X), np.asarray(model(X)), rtol=0, atol=1e-10)


def test_unsupported_layers_and_activations(keras):
    with pytest.raises(ValueError, match="'step' activation, which Keras does not have"):
        to_keras(Network([Dense(2, 1, "step", rng=0)]))
    with pytest.raises(TypeError, match="needs a nn_course Network"):
        to_keras("model")
    swish = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(3, activation="swish")])
    with pytest.raises(ValueError, match="activation 'silu', which nn_course does not have"):
        from_keras(swish)
    leaky = keras.Sequential(
        [keras.Input(shape=(2,)), keras.layers.Dense(3, activation="leaky_relu")]
    )
    with pytest.raises(ValueError, match="slope 0.2"):
        from_keras(leaky)
    norm = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(3),
                             keras.layers.BatchNormalization()])
    with pytest.raises(ValueError, match="BatchNormalization .* has no nn_course equivalent"):
        from_keras(norm)
    double = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(3, activation="tanh"),
                               keras.layers.Activation("relu")])
    with pytest.raises(ValueError, match="must directly follow a Dense layer with a linear"):
        from_keras(double)
    unbuilt = keras.Sequential([keras.layers.Dense(3)])
    with pytest.raises(ValueError, match="not built yet"):
        from_keras(unbuilt)


def test_missing_tensorflow_gives_an_install_hint(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "keras", None)  # makes `import keras` fail
    with pytest.raises(ImportError, match="pip install tensorflow-cpu"):
        import_keras()


def test_exact_keras_sets_float64_and_seeds():
    from nn_course.keras_bridge import exact_keras

    keras = exact_keras(seed=5)
    assert keras.config.floatx() == "float64"
    first = keras.random.uniform((3,), seed=None)
    exact_keras(seed=5)
    np.testing.assert_array_equal(np.asarray(first), np.asarray(keras.random.uniform((3,))))


def test_time_keras_defaults_checks_its_input_and_times_a_run():
    from nn_course.keras_bridge import time_keras_defaults

    with pytest.raises(ValueError, match="n_samples"):
        time_keras_defaults(np.zeros((4, 2)), np.zeros(3, dtype=int))
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(40, 3)), rng.integers(0, 2, 40)
    timing = time_keras_defaults(X, y, hidden=4, epochs=1, batch_size=8,
                                 validation_data=(X[:10], y[:10]))
    assert set(timing) == {"first_epoch", "seconds"}
    assert timing["first_epoch"] > 0 and timing["seconds"] > 0
