"""Checked exercises: one module per notebook (``nb02``, ``nb03``, ...), questions ``q1``, ``q2``, ...

>>> from nn_course.exercises import Question
"""

from ._core import Question, compare

__all__ = ["Question", "compare"]
