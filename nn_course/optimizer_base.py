"""The base class of the optimizers: a learning rate, a state per parameter, one ``step``.

:class:`Optimizer` walks the network's parameters (a list of dicts of arrays, one dict per
layer) and calls its subclass's update rule ``_update(p, g, state)`` on each array, in place.
The rules themselves (SGD, momentum, Nesterov, RMSProp, Adam) are in
:mod:`nn_course.optimizers`, from which :class:`Optimizer` can be imported too.

See notebook 09_numpy_from_scratch and 11_hyperparameter_tuning.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._validation import check_positive_float

__all__ = ["Optimizer", "check_rate", "check_fraction"]


def check_rate(value: Any, name: str) -> float:
    """Return ``value`` as a float if it is a finite number >= 0, else raise."""
    return check_positive_float(value, name, allow_zero=True)


def check_fraction(value: Any, name: str) -> float:
    """Return ``value`` as a float if it lies in [0, 1), else raise."""
    value = check_rate(value, name)
    if value >= 1:
        raise ValueError(f"{name} must be a number in [0, 1); got {value}.")
    return value


class Optimizer:
    """Base class: holds the learning rate and the per-parameter state.

    Subclasses implement ``_update(p, g, state)`` for one parameter array; the base class
    walks the list of dicts. State is a list (one entry per layer) of dicts (one entry per
    parameter name) created on the first ``step``.

    Parameters
    ----------
    learning_rate : float, >= 0
        Step size. Settable at any time: ``opt.learning_rate = 0.01``.

    Examples
    --------
    A new rule needs only ``_update`` (and ``_new_state`` if it keeps state):

    >>> import numpy as np
    >>> class SignSGD(Optimizer):
    ...     name = "signsgd"
    ...     def _update(self, p, g, state):
    ...         p -= self.learning_rate * np.sign(g)
    ...         return state
    >>> params = [{"w": np.array([1.0, 1.0])}]
    >>> SignSGD(0.5).step(params, [{"w": np.array([3.0, -0.1])}])
    >>> params[0]["w"]
    array([0.5, 1.5])

    See notebook 09_numpy_from_scratch and 11_hyperparameter_tuning.
    """

    name = "optimizer"
    default_learning_rate = 0.01

    def __init__(self, learning_rate: float | None = None) -> None:
        if learning_rate is None:
            learning_rate = self.default_learning_rate
        self.learning_rate = learning_rate
        self._state: list[dict[str, Any]] | None = None
        self.iterations = 0

    @property
    def learning_rate(self) -> float:
        """The step size (float >= 0); can be changed between steps."""
        return self._lr

    @learning_rate.setter
    def learning_rate(self, value: float) -> None:
        self._lr = check_rate(value, "learning_rate")

    def reset(self) -> None:
        """Forget the optimizer state (velocities, moments, step count)."""
        self._state = None
        self.iterations = 0

    def _new_state(self, p: np.ndarray) -> Any:
        return None

    def _init_state(self, params: list[dict[str, np.ndarray]]) -> list[dict[str, Any]]:
        return [{k: self._new_state(p) for k, p in layer.items()} for layer in params]

    def step(self, params: list[dict[str, np.ndarray]], grads: list[dict[str, np.ndarray]]) -> None:
        """Apply one update to every parameter array, in place.

        Parameters
        ----------
        params : list of dict of ndarray
            One dict per layer, e.g. ``[{"W": (n_in, n_out), "b": (n_out,)}, {}]``.
            The arrays are modified in place.
        grads : list of dict of ndarray
            The gradients, same structure and shapes as ``params``.

        Raises
        ------
        ValueError
            If ``grads`` does not have one entry per entry of ``params``, or the structure
            changed since the state was created (call ``reset()`` to start over).
        """
        state = self._state
        if state is None or len(state) != len(params):
            if state is not None:
                raise ValueError(
                    f"params has {len(params)} layers but this optimizer's state was made for "
                    f"{len(state)}; call reset() before using it on another network"
                )
            if len(grads) != len(params):
                raise ValueError(
                    f"grads must have one dict per layer of params ({len(params)}); "
                    f"got {len(grads)}"
                )
            state = self._state = self._init_state(params)
        self.iterations += 1
        self._begin_step()
        update = self._update
        for layer_p, layer_g, layer_s in zip(params, grads, state, strict=True):
            for key, p in layer_p.items():
                layer_s[key] = update(p, layer_g[key], layer_s[key])

    def _begin_step(self) -> None:
        """Hook run once per step before the per-array updates (Adam's bias factors)."""

    def _update(self, p: np.ndarray, g: np.ndarray, s: Any) -> Any:  # pragma: no cover
        raise NotImplementedError

    def get_config(self) -> dict[str, Any]:
        """Hyperparameters as a dict (``name`` and ``learning_rate`` plus the specific ones)."""
        return {"name": self.name, "learning_rate": self.learning_rate}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items() if k != "name")
        return f"{type(self).__name__}({args})"
