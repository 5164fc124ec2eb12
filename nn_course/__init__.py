"""nn_course: the small NumPy package behind the neural-network course notebooks.

Simple and readable first, fast enough for live widgets second. Every module names the
notebook that teaches it.

>>> from nn_course import Network, Dense
>>> Network([Dense(2, 4, "tanh", rng=0), Dense(4, 1, "sigmoid", rng=0)]).layer_sizes
[2, 4, 1]
"""

from . import activations, datasets, initializers, losses
from .layers import Dense, Dropout, LayerTrace
from .network import Network
from .neuron import Neuron
from .perceptron import Perceptron

__version__ = "0.1.0"

__all__ = [
    "Dense",
    "Dropout",
    "LayerTrace",
    "Network",
    "Neuron",
    "Perceptron",
    "activations",
    "datasets",
    "initializers",
    "losses",
    "__version__",
]

from . import autodiff  # noqa: E402  (the tiny autodiff engine of notebook 08)

__all__ += ["autodiff"]
