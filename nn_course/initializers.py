"""Weight initialisers: where training starts.

A layer's weights ``W`` of shape ``(n_in, n_out)`` must start *different* from each other (with
all-equal weights every neuron of a layer learns the same thing) and at a sensible size (too
large and sigmoids saturate, too small and the signal fades through the layers). The scaled
schemes pick the spread from the layer's fan-in and fan-out:

* Glorot/Xavier: variance ``2 / (n_in + n_out)``, suited to tanh and sigmoid.
* He: variance ``2 / n_in``, suited to ReLU (which zeroes half its inputs).

Each initialiser is called as ``init(shape, rng)`` and returns a new float64 array.

See notebook 11_hyperparameter_tuning.

Examples
--------
>>> W = get("glorot_uniform")((64, 128), rng=0)
>>> W.shape, bool(abs(W).max() <= np.sqrt(6 / (64 + 128)))
((64, 128), True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import as_rng, look_up

__all__ = [
    "Initializer",
    "Zeros",
    "Constant",
    "Normal",
    "Uniform",
    "GlorotNormal",
    "GlorotUniform",
    "HeNormal",
    "HeUniform",
    "INITIALIZERS",
    "get",
    "names",
]


def _fans(shape) -> tuple[int, int]:
    shape = tuple(int(s) for s in shape)
    if len(shape) == 1:
        return shape[0], shape[0]
    return shape[0], shape[1]


class Initializer:
    """Base class: ``init(shape, rng=None) -> ndarray`` of that shape."""

    name = "initializer"

    def __call__(self, shape, rng=None) -> np.ndarray:
        return self.sample(tuple(int(s) for s in shape), as_rng(rng))

    def sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        """Draw a new array of ``shape``; ``shape[0]`` is the fan-in, ``shape[1]`` the fan-out."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


@dataclass(repr=False)
class Constant(Initializer):
    """Every entry equal to ``value``."""

    value: float = 0.0
    name = "constant"

    def sample(self, shape, rng):
        # See Initializer.sample.
        return np.full(shape, float(self.value))


class Zeros(Constant):
    """All zeros: fine for biases, fatal for weights (every neuron stays identical)."""

    name = "zeros"

    def __init__(self):
        super().__init__(0.0)


class Ones(Constant):
    """All ones."""

    name = "ones"

    def __init__(self):
        super().__init__(1.0)


@dataclass(repr=False)
class Normal(Initializer):
    """Normal with mean 0 and standard deviation ``std``."""

    std: float = 0.05
    name = "normal"

    def sample(self, shape, rng):
        # See Initializer.sample.
        return rng.normal(0.0, self.std, size=shape)


@dataclass(repr=False)
class Uniform(Initializer):
    """Uniform on ``[-limit, limit]``."""

    limit: float = 0.05
    name = "uniform"

    def sample(self, shape, rng):
        # See Initializer.sample.
        return rng.uniform(-self.limit, self.limit, size=shape)


class GlorotNormal(Initializer):
    """Normal with ``std = sqrt(2 / (n_in + n_out))`` (Glorot and Bengio, 2010)."""

    name = "glorot_normal"

    def sample(self, shape, rng):
        # See Initializer.sample.
        n_in, n_out = _fans(shape)
        return rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), size=shape)


class GlorotUniform(Initializer):
    """Uniform on ``[-sqrt(6 / (n_in + n_out)), +sqrt(...)]`` (Keras's default)."""

    name = "glorot_uniform"

    def sample(self, shape, rng):
        # See Initializer.sample.
        n_in, n_out = _fans(shape)
        limit = np.sqrt(6.0 / (n_in + n_out))
        return rng.uniform(-limit, limit, size=shape)


class HeNormal(Initializer):
    """Normal with ``std = sqrt(2 / n_in)`` (He et al., 2015), for ReLU layers."""

    name = "he_normal"

    def sample(self, shape, rng):
        # See Initializer.sample.
        n_in, _ = _fans(shape)
        return rng.normal(0.0, np.sqrt(2.0 / n_in), size=shape)


class HeUniform(Initializer):
    """Uniform on ``[-sqrt(6 / n_in), +sqrt(6 / n_in)]``, for ReLU layers."""

    name = "he_uniform"

    def sample(self, shape, rng):
        # See Initializer.sample.
        n_in, _ = _fans(shape)
        limit = np.sqrt(6.0 / n_in)
        return rng.uniform(-limit, limit, size=shape)


#: Every initialiser by name; "glorot"/"xavier" and "he" are short for the common variants.
INITIALIZERS: dict[str, type[Initializer]] = {
    cls.name: cls
    for cls in (
        Zeros,
        Ones,
        Constant,
        Normal,
        Uniform,
        GlorotNormal,
        GlorotUniform,
        HeNormal,
        HeUniform,
    )
}
_ALIASES = {
    "glorot": "glorot_uniform",
    "xavier": "glorot_uniform",
    "xavier_uniform": "glorot_uniform",
    "xavier_normal": "glorot_normal",
    "he": "he_normal",
}


def names() -> list[str]:
    """The initialiser names :func:`get` accepts (aliases not listed)."""
    return sorted(INITIALIZERS)


def get(init) -> Initializer:
    """Look up an initialiser by name (or pass an :class:`Initializer` through).

    >>> get("he")
    HeNormal()
    >>> get("zeros")((2, 3)).tolist()
    [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    """
    if isinstance(init, Initializer):
        return init
    if not isinstance(init, str):  # the argument is called init, the names "initializer"
        raise TypeError(
            f"init must be a name such as 'glorot' or an Initializer; got {type(init).__name__}."
        )
    choices = list(INITIALIZERS) + list(_ALIASES)
    return look_up("initializer", init, INITIALIZERS, "", _ALIASES, choices)()
