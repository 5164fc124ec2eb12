"""Timing Keras as it runs out of the box, for comparison with the course's NumPy code.

:func:`time_keras_defaults` trains a one-hidden-layer Keras network in a fresh Python process
with Keras's own defaults (float32, oneDNN as installed, all CPU threads), so none of the
float64 settings of :func:`nn_course.keras_bridge.exact_keras` apply. It is importable from
:mod:`nn_course.keras_bridge` too.

See notebook 10_tensorflow_keras.
"""

from __future__ import annotations

import os

import numpy as np

__all__ = ["time_keras_defaults"]


_TIMING_SCRIPT = r"""
import os, sys, time
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import keras
data = np.load(sys.argv[1])
X, y = data["X"].astype("float32"), data["y"]
val = (data["X_val"].astype("float32"), data["y_val"]) if "X_val" in data else None
hidden, epochs, batch_size = (int(a) for a in sys.argv[2:5])
lr = float(sys.argv[5])
keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(X.shape[1],)),
                          keras.layers.Dense(hidden, activation="relu"),
                          keras.layers.Dense(int(y.max()) + 1)])
model.compile(optimizer=keras.optimizers.SGD(lr),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
start = time.perf_counter()
model.fit(X, y, epochs=1, batch_size=batch_size, validation_data=val, verbose=0)  # traces
first = time.perf_counter() - start
start = time.perf_counter()
model.fit(X, y, epochs=epochs, batch_size=batch_size, validation_data=val, verbose=0)
print(first, time.perf_counter() - start)
"""


def time_keras_defaults(X, y, hidden: int = 128, epochs: int = 30, batch_size: int = 32,
                        learning_rate: float = 0.1, validation_data=None) -> dict:
    """Time a one-hidden-layer Keras network trained with Keras's own defaults.

    Runs in a fresh Python process, so none of
    :func:`~nn_course.keras_bridge.exact_keras`'s settings apply: float32, oneDNN as
    installed, all CPU threads. One epoch is trained first (it traces the training
    step into a graph, a one-off cost), then ``epochs`` more are timed.

    Parameters
    ----------
    X : array_like (n_samples, n_features)
    y : array_like (n_samples,), integer labels
    hidden, epochs, batch_size : int
    learning_rate : float
    validation_data : pair (X_val, y_val), optional
        Evaluated after every epoch, as ``fit(..., validation_data=...)`` does.

    Returns
    -------
    dict
        ``"first_epoch"`` (seconds, tracing included) and ``"seconds"`` (the ``epochs``
        timed epochs).

    See notebook 10_tensorflow_keras.
    """
    import subprocess
    import sys
    import tempfile

    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must be (n_samples, n_features) and y (n_samples,); got {X.shape} "
                         f"and {y.shape}")
    env = {k: v for k, v in os.environ.items() if k != "TF_ENABLE_ONEDNN_OPTS"}
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "data.npz")
        arrays = {"X": X, "y": y}
        if validation_data is not None:
            arrays["X_val"], arrays["y_val"] = (np.asarray(a) for a in validation_data)
        np.savez(path, **arrays)
        out = subprocess.run(
            [sys.executable, "-c", _TIMING_SCRIPT, path, str(int(hidden)), str(int(epochs)),
             str(int(batch_size)), str(float(learning_rate))],
            capture_output=True, text=True, env=env, check=True)
    first, seconds = (float(v) for v in out.stdout.split()[-2:])
    return {"first_epoch": first, "seconds": seconds}
