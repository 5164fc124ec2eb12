"""The kinds of exercise item the progress table counts (questions, predictions, quizzes).

Each kind registers its class here when its module is imported, so the progress module can
count the items of every notebook without importing the modules that record into it.

>>> class Item:
...     pass
>>> is_item(Item())
False
"""

from __future__ import annotations

__all__ = ["register", "is_item", "ITEM_TYPES"]

#: The registered classes (:class:`Question`, :class:`Predict`, :class:`Quiz`).
ITEM_TYPES: list[type] = []


def register(cls: type) -> type:
    """Class decorator: instances of ``cls`` count as exercise items of their notebook."""
    if cls not in ITEM_TYPES:
        ITEM_TYPES.append(cls)
    return cls


def is_item(value) -> bool:
    """Whether ``value`` is an exercise item (an instance of a registered class)."""
    return isinstance(value, tuple(ITEM_TYPES))
