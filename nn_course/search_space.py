"""Search spaces: the hyperparameters a search varies, and the configurations it tries.

* :func:`grid_configs` lists every combination of a grid (``name -> list of values``);
* :func:`sample_configs` draws configurations from a space of lists and ranges, e.g.
  ``("log", 1e-4, 1)`` for a log-uniform learning rate;
* :func:`build_network` turns the network hyperparameters of a configuration (``hidden``,
  ``activation``, ``init``, ``dropout``) into a :class:`~nn_course.network.Network`.

:mod:`nn_course.tuning` trains and scores these configurations; every name here can be
imported from there too.

See notebook 11_hyperparameter_tuning.
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Mapping
from typing import Any

import numpy as np

from ._validation import as_rng, check_positive_int, unknown_name_error
from .layers import Dense, Dropout

__all__ = [
    "grid_configs",
    "sample_configs",
    "build_network",
    "TRAINING_PARAMS",
    "NETWORK_PARAMS",
]

#: Hyperparameters passed to :func:`nn_course.training.fit`.
TRAINING_PARAMS = ("learning_rate", "batch_size", "epochs", "optimizer", "l1", "l2")
#: Hyperparameters understood by :func:`build_network`.
NETWORK_PARAMS = ("hidden", "activation", "init", "dropout")

_RANGE_KINDS = ("log", "uniform", "int", "log_int")


# --------------------------------------------------------------------------- configurations
def grid_configs(param_grid: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every combination of a grid, in order (the last name varies fastest).

    Parameters
    ----------
    param_grid : dict
        name -> list of values (a single non-list value is held fixed).

    Returns
    -------
    list of dict

    Examples
    --------
    >>> grid_configs({"learning_rate": [0.01, 0.1], "hidden": [(8,), (16,)], "epochs": 20})
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'learning_rate': 0.01, 'hidden': (8,), 'epochs': 20},
     {'learning_rate': 0.01, 'hidden': (16,), 'epochs': 20},
     {'learning_rate': 0.1, 'hidden': (8,), 'epochs': 20},
     {'learning_rate': 0.1, 'hidden': (16,), 'epochs': 20}]

    See notebook 11_hyperparameter_tuning.
    """
    _check_space(param_grid, "param_grid")
    names = list(param_grid)
    values = []
    for name in names:
        v = param_grid[name]
        if isinstance(v, tuple) and v and v[0] in _RANGE_KINDS:
            raise ValueError(
                f"param_grid[{name!r}] is a range {v!r}; a grid needs a list of values "
                f"(e.g. [1e-3, 1e-2, 1e-1]). Use random_search to sample ranges."
            )
        values.append(list(v) if isinstance(v, list) else [v])
        if not values[-1]:
            raise ValueError(f"param_grid[{name!r}] is an empty list; give at least one value.")
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*values)]


def _draw(spec: Any, name: str, rng: np.random.Generator) -> Any:
    if isinstance(spec, list):
        if not spec:
            raise ValueError(f"space[{name!r}] is an empty list; give at least one value.")
        return spec[int(rng.integers(len(spec)))]
    if isinstance(spec, tuple) and spec and isinstance(spec[0], str) and spec[0] in _RANGE_KINDS:
        if len(spec) != 3 or not all(isinstance(v, numbers.Real) for v in spec[1:]):
            raise ValueError(
                f"space[{name!r}] must be (kind, low, high) with numbers low < high; got {spec!r}."
            )
        kind, low, high = spec[0], float(spec[1]), float(spec[2])
        if not low < high:
            raise ValueError(f"space[{name!r}] needs low < high; got {spec!r}.")
        if kind in ("log", "log_int") and low <= 0:
            raise ValueError(f"space[{name!r}] is log-uniform, so low must be > 0; got {spec!r}.")
        if kind == "uniform":
            return float(rng.uniform(low, high))
        if kind == "log":
            return float(math.exp(rng.uniform(math.log(low), math.log(high))))
        if kind == "int":
            return int(rng.integers(int(low), int(high) + 1))
        # log_int: log-uniform, rounded, kept inside [low, high]
        value = math.exp(rng.uniform(math.log(low), math.log(high + 1)))
        return int(min(max(math.floor(value), low), high))
    if isinstance(spec, tuple) and spec and isinstance(spec[0], str):
        raise unknown_name_error(f"range kind in space[{name!r}]", spec[0], _RANGE_KINDS)
    return spec  # a fixed value


def sample_configs(space: Mapping[str, Any], n_iter: int, rng=None) -> list[dict[str, Any]]:
    """Draw ``n_iter`` configurations from a search space.

    Parameters
    ----------
    space : dict
        name -> one of

        * a list of values: drawn uniformly, e.g. ``["relu", "tanh"]``;
        * ``("log", low, high)``: log-uniform float, for rates and penalties;
        * ``("uniform", low, high)``: uniform float;
        * ``("int", low, high)``: uniform integer, both ends included;
        * ``("log_int", low, high)``: log-uniform integer (widths, batch sizes);
        * anything else: a fixed value.
    n_iter : int >= 1
    rng : Generator, int or None

    Examples
    --------
    >>> configs = sample_configs({"learning_rate": ("log", 1e-4, 1), "hidden": [(8,), (32,)]},
    ...                          3, rng=0)
    >>> [f"{c['learning_rate']:.2e}" for c in configs]
    ['3.53e-02', '1.46e-04', '1.16e-04']
    >>> [c["hidden"] for c in configs]
    [(32,), (8,), (8,)]

    See notebook 11_hyperparameter_tuning.
    """
    _check_space(space, "space")
    n_iter = check_positive_int(n_iter, "n_iter")
    rng = as_rng(rng)
    return [{name: _draw(spec, name, rng) for name, spec in space.items()} for _ in range(n_iter)]


def _check_space(space, what: str) -> None:
    if not isinstance(space, Mapping) or not space:
        raise TypeError(
            f"{what} must be a non-empty dict of hyperparameter name -> values; got {space!r}."
        )

# --------------------------------------------------------------------------- networks
def build_network(
    n_inputs: int,
    n_outputs: int,
    hidden=(16,),
    activation: str = "relu",
    init: str | None = None,
    dropout: float = 0.0,
    output_activation: str = "linear",
    rng=None,
):
    """A Dense network ``n_inputs -> hidden... -> n_outputs`` (the searches' default builder).

    Parameters
    ----------
    n_inputs, n_outputs : int
    hidden : int or tuple of int
        Width of each hidden layer; ``()`` gives no hidden layer.
    activation : str
        Hidden-layer activation.
    init : str, optional
        Weight initialiser; default "he" for the ReLU family, "glorot" otherwise.
    dropout : float in [0, 1)
        If > 0, a Dropout layer after each hidden layer.
    output_activation : str, default "linear"
        Logits, which the cross-entropy losses expect.
    rng : Generator, int or None

    Examples
    --------
    >>> build_network(4, 3, hidden=(8, 8), activation="tanh", dropout=0.2, rng=0)
    ... # doctest: +NORMALIZE_WHITESPACE
    Network([Dense(4, 8, activation='tanh'), Dropout(0.2), Dense(8, 8, activation='tanh'),
             Dropout(0.2), Dense(8, 3, activation='linear')])

    See notebook 11_hyperparameter_tuning.
    """
    from .network import Network

    if isinstance(hidden, numbers.Integral):
        hidden = (int(hidden),)
    hidden = tuple(hidden)
    if init is None:
        init = "he" if activation in ("relu", "leaky_relu", "elu") else "glorot"
    rng = as_rng(rng)
    layers: list[Any] = []
    width = n_inputs
    for h in hidden:
        layers.append(Dense(width, h, activation, init=init, rng=rng))
        if dropout:
            layers.append(Dropout(dropout))
        width = h
    layers.append(Dense(width, n_outputs, output_activation, init="glorot", rng=rng))
    return Network(layers)

