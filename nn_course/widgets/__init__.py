"""Interactive widgets, one factory per idea; each returns an :class:`Explorer`.

Every widget exposes ``.controls`` (name -> control) and ``.state`` (what it computed and shows)
and updates synchronously, so it can be driven from code and tests as well as with the mouse.
The playground returns a :class:`~nn_course.widgets.playground.Playground`, which holds its
Explorer as ``.widget`` and its widget-free model as ``.model``. The teaching models behind the
widgets live in the package core (:mod:`nn_course.linear`, :mod:`nn_course.descent`,
:mod:`nn_course.landscape`, :mod:`nn_course.features`, :mod:`nn_course.playground_model`);
colours and number formats come from :mod:`nn_course.style`, network diagrams from
:mod:`nn_course.diagrams`.
"""

from ._base import Explorer, FigureView, html_view
from .activation_explorer import activation_explorer
from .network_builder import network_builder
from .backprop_stepper import backprop_stepper
from .descent_explorer import descent_explorer
from .feedforward_stepper import feedforward_stepper
from .loss_landscape import loss_landscape
from .playground import playground
from .perceptron_lab import perceptron_lab
from .neuron_explorer import neuron_explorer
from .boundary_explorer import boundary_explorer
from .tuning_explorer import tuning_explorer
# Challenges wrap a playground with a task; importable here, but not in __all__ (the list of
# no-argument widget factories the generic widget tests drive).
from .challenge_panel import challenge as challenge, challenges as challenges
from .challenge_panel import challenge_picker as challenge_picker

__all__ = [
    "Explorer",
    "FigureView",
    "html_view",
    "activation_explorer",
    "network_builder",
    "feedforward_stepper",
    "loss_landscape",
    "backprop_stepper",
    "descent_explorer",
    "playground",
    "perceptron_lab",
    "neuron_explorer",
    "boundary_explorer",
    "tuning_explorer",
]
