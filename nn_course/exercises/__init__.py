"""Checked exercises: one module per notebook (``nb02``, ``nb03``, ...).

In a module: coding questions ``q1``, ``q2``, ... (:class:`Question`; in the notebook
``ex.q1.check(answer)``, and ``ex.q1.help()`` for hint buttons), predictions asked
before a Try-it widget ``p1``, ``p2``, ... (:class:`Predict`) and a closing ``quiz``
(:class:`Quiz` of :class:`Choice` and :class:`Numeric` questions). Everything the learner
answers is recorded per notebook in a small JSON file (:mod:`._progress`);
:func:`progress` prints it and :func:`progress_widget` shows it.

>>> from nn_course.exercises import Question, Predict, Quiz, Choice, Numeric, progress
"""

from ._core import Question, compare
from .predict import Predict
from ._progress import ProgressWarning, progress
from .quiz import Choice, Numeric, Quiz

__all__ = ["Question", "compare", "Predict", "Quiz", "Choice", "Numeric", "progress",
           "progress_widget", "ProgressWarning"]


def progress_widget():
    """The progress table as a widget, with a button that refreshes it (notebook 00)."""
    from ._ui import progress_widget as build

    return build()
