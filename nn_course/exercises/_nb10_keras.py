"""The Keras pieces the checkers of notebook 10 build on.

* :func:`float64_problem`: the dtype check q1's and q6's checkers share;
* :func:`spy_layer` and :func:`step_model`: q5's small model, with a layer that records the
  ``training`` flag it is called with, so the checker sees whether the learner's training step
  runs the model in training mode.

The two Keras builders take ``keras`` from their caller (``keras_bridge.import_keras()``),
so importing this module stays free of TensorFlow, which takes seconds to import.
"""

from __future__ import annotations

import numpy as np

__all__ = ["float64_problem", "spy_layer", "step_model"]


def float64_problem(model, case):
    """``None`` when every weight of ``model`` is float64, else what to change (for ``case``)."""
    dtypes = sorted({str(np.dtype(w.dtype)) for w in model.weights})
    if dtypes != ["float64"]:
        return (f"{case}: the weights should be float64 to match NumPy digit for digit; got "
                f"{dtypes}: give the input and every layer the float64 dtype")
    return None


def spy_layer(keras):
    """A layer that passes its input through and lists, in ``.seen``, each ``training`` flag."""

    class TrainingSpy(keras.layers.Layer):
        """Passes its input through and remembers the ``training`` flag it was called with."""

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.seen = []

        def call(self, x, training=None):
            self.seen.append(training)
            return x

    return TrainingSpy()


def step_model(keras, seed, spy):
    """A float64 model 4-5-3 (tanh hidden layer, then ``spy``, then logits), seeded weights."""
    layers = [keras.Input(shape=(4,), dtype="float64"),
              keras.layers.Dense(5, activation="tanh", dtype="float64"), spy,
              keras.layers.Dense(3, dtype="float64")]
    model = keras.Sequential(layers)
    rng = np.random.default_rng(seed)
    model.set_weights([rng.normal(size=w.shape) for w in model.get_weights()])
    return model
