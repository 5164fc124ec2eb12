"""The closing quiz of notebook 10_tensorflow_keras.

Data only: each question with its options, the right answer and why every other option is
wrong. :mod:`nn_course.exercises.nb10` re-exports it (``ex.quiz``), and it records progress
under notebook ``"10"`` like the coding questions.
"""

from __future__ import annotations

from .quiz import Choice, Numeric, Quiz

__all__ = ["quiz"]


# --------------------------------------------------------------------------- closing quiz
quiz = Quiz("quiz", [
    Choice("A Keras model ends with Dense(10, activation='softmax'). Which loss is right for "
           "integer labels?",
           {"a": "CategoricalCrossentropy(from_logits=False)",
            "b": "SparseCategoricalCrossentropy(from_logits=True)",
            "c": "SparseCategoricalCrossentropy(from_logits=False)"}, answer="c",
           why={"a": "CategoricalCrossentropy expects one-hot rows, not integer labels.",
                "b": "from_logits=True would apply softmax a second time to probabilities.",
                "c": "The outputs are probabilities already, and the labels are integers."}),
    Choice("Your custom loop calls model(X_batch) without training=True, and the model has a "
           "Dropout layer. What happens?",
           {"a": "nothing is dropped: the network trains without dropout",
            "b": "Keras raises an error",
            "c": "dropout is applied twice"}, answer="a",
           why={"a": "Outside training mode Dropout passes everything through, so the "
                     "regularisation silently disappears.",
                "b": "There is no error: the call is valid, only the behaviour differs.",
                "c": "Dropout is applied at most once per call, and only in training mode."}),
    Choice("Which statement about the speed comparison in this notebook is fair?",
           {"a": "Keras is always slower than NumPy",
            "b": "for a network this small, per-step overhead dominates, and the result depends "
                 "on settings such as float64 and the number of threads",
            "c": "Keras is faster only on a GPU"}, answer="b",
           why={"a": "At larger sizes, and with its defaults, a framework catches up and wins.",
                "b": "The two measurements differ in their conditions, and both are printed.",
                "c": "A CPU framework also wins at larger sizes (big matrix products)."}),
    Numeric("How many trainable parameters does a Keras model 64-32-32-10 (three Dense layers "
            "with biases) have?", answer=64 * 32 + 32 + 32 * 32 + 32 + 32 * 10 + 10, tolerance=0,
            why="64·32 + 32, then 32·32 + 32, then 32·10 + 10: 2080 + 1056 + 330."),
])
