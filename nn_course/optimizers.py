"""Gradient-descent optimizers: SGD, momentum, Nesterov, RMSProp and Adam.

An optimizer turns gradients into parameter updates. It works on plain data: ``params`` is a
list of dicts of arrays (one dict per layer, e.g. ``{"W": W, "b": b}``; a layer without
parameters gives ``{}``) and ``grads`` has the same structure. ``step`` changes the parameter
arrays **in place**, so a network that hands out its live arrays (``net.params``) is updated
directly. Each optimizer keeps its own state (velocities, moment estimates) per parameter,
created on the first step; ``reset()`` forgets it.

``learning_rate`` can be changed between any two steps (schedules, a slider in a widget).

The update rules (``g`` is the gradient, ``lr`` the learning rate, ``t`` the step count):

============  =====================================================================
sgd           ``p -= lr * g``
momentum      ``v = momentum * v - lr * g;  p += v``
nesterov      ``v = momentum * v - lr * g;  p += momentum * v - lr * g``
rmsprop       ``s = rho * s + (1 - rho) * g**2;  p -= lr * g / (sqrt(s) + eps)``
adam          ``m = b1 * m + (1 - b1) * g;  v = b2 * v + (1 - b2) * g**2``
              ``m_hat = m / (1 - b1**t);  v_hat = v / (1 - b2**t)``
              ``p -= lr * m_hat / (sqrt(v_hat) + eps)``
============  =====================================================================

Momentum and Nesterov use the same form as Keras; Adam is Algorithm 1 of Kingma & Ba (2015).
Each rule is a subclass of :class:`~nn_course.optimizer_base.Optimizer`, which holds the
learning rate and the state and walks the parameters; this module holds the rules and
:func:`get`.

See notebook 09_numpy_from_scratch (gradient descent on a real network) and
11_hyperparameter_tuning (choosing the optimizer and the learning rate).
"""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np

from ._validation import unknown_name_error
from .optimizer_base import Optimizer, check_fraction, check_rate

__all__ = [
    "Optimizer",
    "SGD",
    "Momentum",
    "Nesterov",
    "RMSProp",
    "Adam",
    "get",
    "names",
]


class SGD(Optimizer):
    """Plain (mini-batch) stochastic gradient descent: ``p -= learning_rate * g``.

    Parameters
    ----------
    learning_rate : float, default 0.1

    Examples
    --------
    >>> import numpy as np
    >>> params = [{"w": np.array([1.0, 2.0])}]
    >>> grads = [{"w": np.array([0.5, -1.0])}]
    >>> opt = SGD(learning_rate=0.1)
    >>> opt.step(params, grads)
    >>> params[0]["w"]
    array([0.95, 2.1 ])

    See notebook 08_backpropagation and 09_numpy_from_scratch.
    """

    name = "sgd"
    default_learning_rate = 0.1

    def step(self, params, grads) -> None:
        """Apply ``p -= learning_rate * g`` to every parameter array, in place.

        Plain SGD keeps no state, so this is :meth:`Optimizer.step` without the state and
        the per-array method calls (a live widget takes thousands of tiny steps).
        """
        if len(grads) != len(params):
            raise ValueError(
                f"grads must have one dict per layer of params ({len(params)}); got {len(grads)}"
            )
        self.iterations += 1
        lr = self._lr
        for layer_p, layer_g in zip(params, grads):
            for key, p in layer_p.items():
                p -= lr * layer_g[key]

    def _update(self, p, g, s):
        p -= self._lr * g
        return s


class Momentum(Optimizer):
    """SGD with momentum: a velocity that accumulates past gradients.

    ``v = momentum * v - learning_rate * g``, then ``p += v`` (the Keras form; ``v`` starts
    at zero). With a constant gradient the step grows towards ``learning_rate / (1 - momentum)``
    times the gradient.

    Parameters
    ----------
    learning_rate : float, default 0.01
    momentum : float in [0, 1), default 0.9

    Examples
    --------
    >>> import numpy as np
    >>> params = [{"w": np.array([1.0])}]
    >>> opt = Momentum(learning_rate=0.1, momentum=0.9)
    >>> opt.step(params, [{"w": np.array([1.0])}]); params[0]["w"]
    array([0.9])
    >>> opt.step(params, [{"w": np.array([1.0])}]); params[0]["w"]  # v = -0.19
    array([0.71])

    See notebook 11_hyperparameter_tuning.
    """

    name = "momentum"
    nesterov = False

    def __init__(self, learning_rate: float | None = None, momentum: float = 0.9) -> None:
        super().__init__(learning_rate)
        self.momentum = check_fraction(momentum, "momentum")

    def _new_state(self, p):
        return np.zeros_like(p)

    def _update(self, p, g, v):
        v *= self.momentum
        v -= self._lr * g
        if self.nesterov:
            p += self.momentum * v - self._lr * g
        else:
            p += v
        return v

    def get_config(self):
        return {**super().get_config(), "momentum": self.momentum}


class Nesterov(Momentum):
    """SGD with Nesterov momentum: the step looks ahead along the velocity.

    ``v = momentum * v - learning_rate * g``, then ``p += momentum * v - learning_rate * g``
    (the Keras / Sutskever et al. 2013 form).

    Parameters
    ----------
    learning_rate : float, default 0.01
    momentum : float in [0, 1), default 0.9

    Examples
    --------
    >>> import numpy as np
    >>> params = [{"w": np.array([1.0])}]
    >>> opt = Nesterov(learning_rate=0.1, momentum=0.9)
    >>> opt.step(params, [{"w": np.array([1.0])}]); params[0]["w"]  # 1 + 0.9*(-0.1) - 0.1
    array([0.81])

    See notebook 11_hyperparameter_tuning.
    """

    name = "nesterov"
    nesterov = True


class RMSProp(Optimizer):
    """RMSProp: divide each step by a running root-mean-square of recent gradients.

    ``s = rho * s + (1 - rho) * g**2``, then ``p -= learning_rate * g / (sqrt(s) + epsilon)``.

    Parameters
    ----------
    learning_rate : float, default 0.001
    rho : float in [0, 1), default 0.9
        Decay of the running average of squared gradients.
    epsilon : float, default 1e-8
        Keeps the division finite when ``s`` is zero.

    Examples
    --------
    >>> import numpy as np
    >>> params = [{"w": np.array([1.0])}]
    >>> opt = RMSProp(learning_rate=0.01, rho=0.9)
    >>> opt.step(params, [{"w": np.array([2.0])}])   # s = 0.4, step = 0.01 * 2 / sqrt(0.4)
    >>> print(f"{params[0]['w'][0]:.6f}")
    0.968377

    See notebook 11_hyperparameter_tuning.
    """

    name = "rmsprop"
    default_learning_rate = 0.001

    def __init__(
        self, learning_rate: float | None = None, rho: float = 0.9, epsilon: float = 1e-8
    ) -> None:
        super().__init__(learning_rate)
        self.rho = check_fraction(rho, "rho")
        self.epsilon = check_rate(epsilon, "epsilon")

    def _new_state(self, p):
        return np.zeros_like(p)

    def _update(self, p, g, s):
        s *= self.rho
        s += (1.0 - self.rho) * (g * g)
        p -= self._lr * g / (np.sqrt(s) + self.epsilon)
        return s

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "epsilon": self.epsilon}


class Adam(Optimizer):
    """Adam: momentum on the gradient and RMSProp scaling, both bias-corrected.

    With ``t`` the step number (1, 2, ...)::

        m = beta_1 * m + (1 - beta_1) * g          # first moment (mean)
        v = beta_2 * v + (1 - beta_2) * g**2       # second moment (uncentred variance)
        m_hat = m / (1 - beta_1**t)                # bias correction: m and v start at 0
        v_hat = v / (1 - beta_2**t)
        p -= learning_rate * m_hat / (sqrt(v_hat) + epsilon)

    On the first step ``m_hat = g`` and ``v_hat = g**2``, so every parameter moves by about
    ``learning_rate`` whatever the size of its gradient.

    Parameters
    ----------
    learning_rate : float, default 0.001
    beta_1, beta_2 : float in [0, 1), default 0.9 and 0.999
    epsilon : float, default 1e-8

    Examples
    --------
    >>> import numpy as np
    >>> params = [{"w": np.array([1.0, 1.0])}]
    >>> opt = Adam(learning_rate=0.1)
    >>> opt.step(params, [{"w": np.array([0.001, 50.0])}])
    >>> params[0]["w"].round(4)      # both moved by ~learning_rate
    array([0.9, 0.9])

    See notebook 11_hyperparameter_tuning.
    """

    name = "adam"
    default_learning_rate = 0.001

    def __init__(
        self,
        learning_rate: float | None = None,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-8,
    ) -> None:
        super().__init__(learning_rate)
        self.beta_1 = check_fraction(beta_1, "beta_1")
        self.beta_2 = check_fraction(beta_2, "beta_2")
        self.epsilon = check_rate(epsilon, "epsilon")

    def _new_state(self, p):
        return (np.zeros_like(p), np.zeros_like(p))

    def _begin_step(self):
        t = self.iterations
        self._c1 = 1.0 - self.beta_1**t
        self._c2 = 1.0 - self.beta_2**t

    def _update(self, p, g, s):
        m, v = s
        b1, b2 = self.beta_1, self.beta_2
        m *= b1
        m += (1.0 - b1) * g
        v *= b2
        v += (1.0 - b2) * (g * g)
        # lr * m_hat / (sqrt(v_hat) + eps), written without building m_hat and v_hat
        p -= (self._lr / self._c1) * m / (np.sqrt(v / self._c2) + self.epsilon)
        return s

    def get_config(self):
        return {
            **super().get_config(),
            "beta_1": self.beta_1,
            "beta_2": self.beta_2,
            "epsilon": self.epsilon,
        }


_OPTIMIZERS: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "momentum": Momentum,
    "nesterov": Nesterov,
    "rmsprop": RMSProp,
    "adam": Adam,
}


def names() -> list[str]:
    """Names accepted by :func:`get`, sorted.

    Examples
    --------
    >>> names()
    ['adam', 'momentum', 'nesterov', 'rmsprop', 'sgd']
    """
    return sorted(_OPTIMIZERS)


def get(
    optimizer: str | Optimizer = "sgd", learning_rate: float | None = None, **kwargs: Any
) -> Optimizer:
    """Return an optimizer from its name, or pass an :class:`Optimizer` through.

    Parameters
    ----------
    optimizer : str or Optimizer
        One of :func:`names` (case-insensitive), or an Optimizer instance.
    learning_rate : float, optional
        For a name: the step size (default: the optimizer's own, e.g. 0.1 for sgd, 0.001 for
        adam). For an instance: if given, it replaces the instance's learning rate.
    **kwargs
        Further hyperparameters for a name (``momentum=0.9``, ``beta_1=0.9``, ...).

    Raises
    ------
    ValueError
        For an unknown name (the message suggests the closest valid one) or a bad value.
    TypeError
        If ``optimizer`` is neither a str nor an Optimizer, or a keyword does not exist.

    Examples
    --------
    >>> get("adam", learning_rate=0.01)
    Adam(learning_rate=0.01, beta_1=0.9, beta_2=0.999, epsilon=1e-08)
    >>> get("Momentum").learning_rate
    0.01

    See notebook 11_hyperparameter_tuning.
    """
    if isinstance(optimizer, Optimizer):
        if kwargs:
            raise TypeError(
                f"keyword arguments {sorted(kwargs)} apply only when the optimizer is given by "
                f"name; got the instance {optimizer!r}"
            )
        if learning_rate is not None:
            optimizer.learning_rate = learning_rate
        return optimizer
    if not isinstance(optimizer, str):
        raise TypeError(
            f"optimizer must be a name (one of {names()}) or an Optimizer; "
            f"got {optimizer!r} of type {type(optimizer).__name__}"
        )
    key = optimizer.strip().lower()
    if key not in _OPTIMIZERS:
        raise unknown_name_error("optimizer", optimizer, names())
    cls = _OPTIMIZERS[key]
    allowed = [
        n for n in inspect.signature(cls.__init__).parameters if n not in ("self", "learning_rate")
    ]
    unknown = sorted(set(kwargs) - set(allowed))
    if unknown:
        raise TypeError(
            f"{key} does not take {unknown}; its hyperparameters are {['learning_rate', *allowed]}"
        )
    return cls(learning_rate, **kwargs)
