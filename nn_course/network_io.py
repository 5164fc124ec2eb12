"""A network's weights as data: copies, checked replacement, and ``.npz`` files.

``get_weights`` copies every Dense layer's ``(W, b)`` (the format Keras uses, layer by layer);
``set_weights`` writes new values into the existing arrays, after checking every shape, so an
optimizer that holds those arrays stays in step; ``save`` and ``load`` keep the architecture
(as JSON) and the weights in one ``.npz`` file, read back without pickle.
:class:`~nn_course.network.Network` offers them as methods of the same names.

See notebooks 09_numpy_from_scratch and 10_tensorflow_keras.

Examples
--------
>>> from nn_course import Dense
>>> layers = [Dense(2, 3, "relu", init="zeros"), Dense(3, 1, "linear", init="zeros")]
>>> set_weights(layers, [(np.ones((2, 3)), np.zeros(3)), (np.ones((3, 1)), [0.5])])
>>> [W.sum() for W, b in get_weights(layers)], layers[1].b
([np.float64(6.0), np.float64(3.0)], array([0.5]))
"""

from __future__ import annotations

import json

import numpy as np

from .layers import Dense, Dropout

__all__ = ["get_weights", "set_weights", "save", "load"]


def get_weights(dense_layers) -> list[tuple[np.ndarray, np.ndarray]]:
    """Copies of every Dense layer's ``(W (n_in, n_out), b (n_out,))``, in order."""
    return [(layer.W.copy(), layer.b.copy()) for layer in dense_layers]


def set_weights(dense_layers, weights) -> None:
    """Write ``weights`` (pairs ``(W, b)``, one per Dense layer) into the layers' own arrays.

    Every pair is checked against its layer's shapes before any is written, so a wrong list
    changes nothing.
    """
    weights = list(weights)
    dense = list(dense_layers)
    if len(weights) != len(dense):
        raise ValueError(
            f"set_weights needs {len(dense)} (W, b) pairs, one per Dense layer; got {len(weights)}."
        )
    new = []
    for i, (layer, pair) in enumerate(zip(dense, weights, strict=True)):
        if len(pair) != 2:
            raise ValueError(f"Entry {i} must be a (W, b) pair; got {len(pair)} arrays.")
        W, b = (np.array(a, dtype=np.float64) for a in pair)
        if W.shape != layer.W.shape or b.shape != layer.b.shape:
            raise ValueError(
                f"Layer {i}: expected W {layer.W.shape} and b {layer.b.shape}; "
                f"got W {W.shape} and b {b.shape}."
            )
        new.append((W, b))
    for layer, (W, b) in zip(dense, new, strict=True):
        # Write into the existing arrays so optimisers holding references stay in step.
        layer.W[...] = W
        layer.b[...] = b


def save(path, layers) -> None:
    """Save the layers' architecture (JSON) and their weights to a ``.npz`` file."""
    config = json.dumps([layer.get_config() for layer in layers])
    arrays = {"config": np.array(config)}
    dense = [layer for layer in layers if isinstance(layer, Dense)]
    for i, (W, b) in enumerate(get_weights(dense)):
        arrays[f"W{i}"], arrays[f"b{i}"] = W, b
    np.savez(path, **arrays)


def load(path) -> tuple[list, list[tuple[np.ndarray, np.ndarray]]]:
    """The layers (with zero weights) and the weights stored by :func:`save`.

    The file is read with ``allow_pickle=False``: loading runs no code from the file.
    """
    with np.load(path, allow_pickle=False) as data:
        layers = [_layer(entry, path) for entry in json.loads(str(data["config"]))]
        n_dense = sum(isinstance(layer, Dense) for layer in layers)
        weights = [(data[f"W{i}"], data[f"b{i}"]) for i in range(n_dense)]
    return layers, weights


def _layer(entry: dict, path):
    """The layer a :meth:`get_config` entry describes."""
    if entry["type"] == "Dense":
        return Dense(entry["n_in"], entry["n_out"], entry["activation"], init="zeros")
    if entry["type"] == "Dropout":
        return Dropout(entry["rate"])
    raise ValueError(f"Unknown layer type {entry['type']!r} in {path}.")
