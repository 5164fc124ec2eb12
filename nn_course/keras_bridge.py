"""The bridge to Keras: the same network, the same weights, the same predictions.

``to_keras(net)`` builds a ``keras.Sequential`` model that computes exactly what ``net``
computes (float64, the same activations, the same weights), and ``from_keras(model)`` turns a
Keras stack of ``Dense`` (and ``Dropout``) layers back into a :class:`~nn_course.Network`.
Notebook 10 uses it to show that a framework does the very same arithmetic as the NumPy code
of notebook 09.

Mapping of the layers (``W`` is ``(n_in, n_out)`` on both sides, so no transposes):

===========================  ==================================================
nn_course                    Keras
===========================  ==================================================
``Dense(n_in, n_out, act)``  ``Dense(n_out, activation=act)``
``Dense(..., "leaky_relu")`` ``Dense(n_out)`` + ``LeakyReLU(negative_slope=0.01)``
``Dropout(rate)``            ``Dropout(rate)``
===========================  ==================================================

Keras's own ``"leaky_relu"`` activation has slope 0.2, the course's 0.01, hence the separate
layer. TensorFlow is imported only when a function here is called (it takes seconds), with
its start-up messages silenced.

Two float64 details. ``model(X)`` and ``model.predict_on_batch(X)`` compute in float64 and
match ``net.forward(X)`` to about 1e-15, but ``model.predict(X)`` first converts a NumPy
array to Keras's default float32 (``keras.config.floatx()``), so it agrees to only about
1e-7; pass ``tf.constant(X)`` or call ``model(X)`` when comparing digits. And TensorFlow
keeps LeakyReLU's slope as a float32 attribute (0.009999999776), so leaky-ReLU networks agree
to about ``2e-10 * |z|``.

See notebook 10_tensorflow_keras.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from .activations import ELU_ALPHA, LEAKY_RELU_SLOPE
from .keras_timing import time_keras_defaults
from .layers import Dense, Dropout

__all__ = ["to_keras", "from_keras", "import_keras", "exact_keras", "time_keras_defaults",
           "KERAS_ACTIVATIONS"]

#: nn_course activation name -> Keras activation name (leaky_relu is a separate layer).
KERAS_ACTIVATIONS = {
    "linear": "linear",
    "sigmoid": "sigmoid",
    "tanh": "tanh",
    "relu": "relu",
    "elu": "elu",
    "softplus": "softplus",
    "softmax": "softmax",
}


def import_keras():
    """Import and return ``keras``, quietly, or raise an ImportError that says what to install.

    Sets ``TF_CPP_MIN_LOG_LEVEL=3`` and ``TF_ENABLE_ONEDNN_OPTS=0`` if they are not set (the
    second silences TensorFlow's oneDNN notice on stderr and makes its sums repeatable).

    Examples
    --------
    >>> keras = import_keras()
    >>> keras.__version__ >= "3"
    True

    See notebook 10_tensorflow_keras.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    try:
        import keras
    except ImportError as err:
        raise ImportError(
            "The Keras bridge needs TensorFlow with Keras 3. Install it with: "
            f"pip install tensorflow-cpu  (import failed: {err})"
        ) from None
    return keras


def to_keras(net) -> Any:
    """Build the equivalent ``keras.Sequential`` model, in float64, with the same weights.

    Parameters
    ----------
    net : Network
        Dense layers with activations from :data:`KERAS_ACTIVATIONS` or ``leaky_relu``, and
        Dropout layers.

    Returns
    -------
    keras.Sequential
        Input shape ``(None, n_inputs)``, float64 weights; not compiled (call
        ``model.compile(...)`` to train it in Keras).

    Raises
    ------
    ValueError
        For an activation Keras does not have (``step``).

    Examples
    --------
    >>> import numpy as np
    >>> from nn_course import Network, Dense
    >>> net = Network([Dense(2, 3, "leaky_relu", rng=0), Dense(3, 2, "softmax", rng=1)])
    >>> model = to_keras(net)
    >>> [type(layer).__name__ for layer in model.layers]
    ['Dense', 'LeakyReLU', 'Dense']
    >>> X = np.array([[0.5, -1.0], [2.0, 0.3]])
    >>> bool(np.allclose(np.asarray(model(X)), net.forward(X), rtol=0, atol=1e-9))
    True

    See notebook 10_tensorflow_keras.
    """
    from .network import Network

    if not isinstance(net, Network):
        raise TypeError(f"to_keras needs a nn_course Network; got {type(net).__name__}.")
    for i, layer in enumerate(net.layers):
        if isinstance(layer, Dense):
            name = layer.activation.name
            if name not in KERAS_ACTIVATIONS and name != "leaky_relu":
                raise ValueError(
                    f"Layer {i} uses the {name!r} activation, which Keras does not have; "
                    f"to_keras supports {sorted([*KERAS_ACTIVATIONS, 'leaky_relu'])}."
                )
    keras = import_keras()
    dtype = "float64"
    layers: list[Any] = [keras.Input(shape=(net.n_inputs,), dtype=dtype)]
    dense_pairs = []
    for layer in net.layers:
        if isinstance(layer, Dense):
            name = layer.activation.name
            dense = keras.layers.Dense(
                layer.n_out,
                activation=KERAS_ACTIVATIONS.get(name, "linear"),
                dtype=dtype,
            )
            layers.append(dense)
            dense_pairs.append((dense, layer))
            if name == "leaky_relu":
                layers.append(keras.layers.LeakyReLU(negative_slope=LEAKY_RELU_SLOPE, dtype=dtype))
        elif isinstance(layer, Dropout):
            layers.append(keras.layers.Dropout(layer.rate, dtype=dtype))
    model = keras.Sequential(layers)
    for dense, layer in dense_pairs:
        dense.set_weights([layer.W.copy(), layer.b.copy()])
    return model


def _activation_name(layer) -> str:
    """The Keras activation of a Dense/Activation layer as a name, or raise."""
    activation = layer.get_config().get("activation", "linear")
    if not isinstance(activation, str):
        raise ValueError(
            f"Layer {layer.name!r} has a custom activation {activation!r}; from_keras "
            f"supports {sorted(KERAS_ACTIVATIONS)} (and LeakyReLU layers)."
        )
    return activation


def _course_activation(layer, keras_name: str) -> str:
    for course, kname in KERAS_ACTIVATIONS.items():
        if kname == keras_name:
            return course
    if keras_name == "leaky_relu":
        raise ValueError(
            f"Layer {layer.name!r} uses Keras's 'leaky_relu' activation (slope 0.2); the course's "
            f"leaky ReLU has slope {LEAKY_RELU_SLOPE}. Use Dense(...) followed by "
            f"keras.layers.LeakyReLU(negative_slope={LEAKY_RELU_SLOPE})."
        )
    raise ValueError(
        f"Layer {layer.name!r} uses the activation {keras_name!r}, which nn_course does not "
        f"have; from_keras supports {sorted(KERAS_ACTIVATIONS)} and LeakyReLU layers."
    )


def from_keras(model) -> Any:
    """Turn a built Keras model made of Dense (and Dropout) layers into a :class:`Network`.

    Activations may be given in the Dense layers or as separate ``Activation``, ``ReLU``,
    ``LeakyReLU(negative_slope=0.01)``, ``ELU(alpha=1.0)`` or ``Softmax`` layers right after
    a linear Dense layer. Weights are copied as float64.

    Parameters
    ----------
    model : keras.Model
        A built ``keras.Sequential`` (or any model whose ``layers`` form such a chain).

    Returns
    -------
    Network

    Raises
    ------
    ValueError
        For a layer type or an activation that has no nn_course equivalent, or a model that
        is not built yet.

    Examples
    --------
    >>> import numpy as np
    >>> keras = import_keras()
    >>> model = keras.Sequential([keras.Input(shape=(4,)),
    ...                           keras.layers.Dense(8, activation="relu"),
    ...                           keras.layers.Dropout(0.2),
    ...                           keras.layers.Dense(3, activation="softmax")])
    >>> net = from_keras(model)
    >>> net
    Network([Dense(4, 8, activation='relu'), Dropout(0.2), Dense(8, 3, activation='softmax')])
    >>> X = np.random.default_rng(0).normal(size=(5, 4)).astype("float32")
    >>> bool(np.allclose(net.forward(X), np.asarray(model(X)), atol=1e-5))  # a float32 model
    True

    See notebook 10_tensorflow_keras.
    """
    from .network import Network

    keras = import_keras()
    if not isinstance(model, keras.Model):
        raise TypeError(f"from_keras needs a keras Model; got {type(model).__name__}.")
    if not model.built:
        raise ValueError(
            "The Keras model is not built yet, so its weights do not exist; start it with "
            "keras.Input(shape=(n_inputs,)) or call model.build((None, n_inputs)) first."
        )
    L = keras.layers
    layers: list[Any] = []
    last_dense_free = False  # the previous layer is a linear Dense an activation may follow
    for layer in model.layers:
        kind = type(layer).__name__
        if isinstance(layer, L.InputLayer):
            continue
        if isinstance(layer, L.Dense):
            kernel, *rest = [np.asarray(w, dtype=np.float64) for w in layer.get_weights()]
            bias = rest[0] if rest else np.zeros(kernel.shape[1])
            act = _course_activation(layer, _activation_name(layer))
            dense = Dense(kernel.shape[0], kernel.shape[1], act, init="zeros")
            dense.W[...] = kernel
            dense.b[...] = bias
            layers.append(dense)
            last_dense_free = act == "linear"
            continue
        if isinstance(layer, L.Dropout):
            layers.append(Dropout(float(layer.rate)))
            continue
        act = None
        if isinstance(layer, L.Activation):
            act = _course_activation(layer, _activation_name(layer))
        elif isinstance(layer, L.LeakyReLU):
            slope = float(layer.get_config()["negative_slope"])
            if abs(slope - LEAKY_RELU_SLOPE) > 1e-12:
                raise ValueError(
                    f"Layer {layer.name!r} is a LeakyReLU with slope {slope}; the course's "
                    f"leaky ReLU has slope {LEAKY_RELU_SLOPE}."
                )
            act = "leaky_relu"
        elif isinstance(layer, L.ReLU):
            cfg = layer.get_config()
            if (
                cfg.get("max_value") is None
                and not cfg.get("negative_slope")
                and not cfg.get("threshold")
            ):
                act = "relu"
        elif isinstance(layer, L.ELU) and float(layer.get_config().get("alpha", 1.0)) == ELU_ALPHA:
            act = "elu"
        elif isinstance(layer, L.Softmax) and layer.get_config().get("axis", -1) in (-1, [-1]):
            act = "softmax"
        if act is None:
            raise ValueError(
                f"Layer {layer.name!r} of type {kind} (with these settings) has no nn_course "
                "equivalent; from_keras converts stacks of Dense and Dropout layers (with "
                "Activation, ReLU, LeakyReLU, ELU or Softmax layers after a linear Dense)."
            )
        if not last_dense_free:
            raise ValueError(
                f"Layer {layer.name!r} ({kind}) must directly follow a Dense layer with a linear "
                "activation, so the two can become one nn_course Dense layer."
            )
        prev = layers[-1]
        merged = Dense(prev.n_in, prev.n_out, act, init="zeros")
        merged.W[...] = prev.W
        merged.b[...] = prev.b
        layers[-1] = merged
        last_dense_free = False
    if not layers:
        raise ValueError("The Keras model has no Dense layer to convert.")
    return Network(layers)


def exact_keras(seed: int = 0):
    """Make Keras compute exactly like NumPy, so both give equal numbers; return ``keras``.

    In plain words: float64 everywhere, one thread and a fixed order of every sum, so the
    same computation gives the same digits in NumPy and Keras, on every run. Call it once,
    before anything else touches TensorFlow. What it does:

    * ``TF_ENABLE_ONEDNN_OPTS=0`` (before TensorFlow is imported): no oneDNN kernels, whose
      reordered sums change the last digits from run to run;
    * one thread for TensorFlow's operations (threads split sums differently each run);
    * ``keras.config.set_floatx("float64")``: new layers compute in float64, like NumPy;
    * ``keras.utils.set_random_seed(seed)``: Python, NumPy and TensorFlow seeded at once;
    * ``tf.config.experimental.enable_op_determinism()``: deterministic kernels only.

    It costs speed (Keras's defaults are float32 and all cores): see
    :func:`time_keras_defaults`.

    Parameters
    ----------
    seed : int

    Returns
    -------
    module
        ``keras``.

    Examples
    --------
    >>> keras = exact_keras(seed=11)
    >>> keras.config.floatx()
    'float64'

    See notebook 10_tensorflow_keras.
    """
    os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"
    keras = import_keras()
    import tensorflow as tf

    try:  # only possible before TensorFlow has run its first operation
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    except RuntimeError:
        pass  # already initialised: keep whatever it was started with
    keras.config.set_floatx("float64")
    keras.utils.set_random_seed(int(seed))
    tf.config.experimental.enable_op_determinism()
    return keras
