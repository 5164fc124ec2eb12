"""The closing quiz of notebook 09_numpy_from_scratch.

Data only: each question with its options, the right answer and why every other option is
wrong. :mod:`nn_course.exercises.nb09` re-exports it (``ex.quiz``), and it records progress
under notebook ``"09"`` like the coding questions.
"""

from __future__ import annotations

from .quiz import Choice, Numeric, Quiz

__all__ = ["quiz"]


# --------------------------------------------------------------------------- closing quiz
quiz = Quiz("quiz", [
    Choice("The untrained network's loss came out above log 10. What does that say?",
           {"a": "the loss must be computed wrongly",
            "b": "it is unsure about every digit",
            "c": "it does worse than a uniform guess: fairly confident, and mostly wrong"},
           answer="c",
           why={"a": "Random weights give logits of different sizes, so softmax picks a favourite "
                     "at random; a loss above log 10 is expected.",
                "b": "Being unsure about every digit is the uniform guess, whose loss is exactly "
                     "log 10, not more.",
                "c": "A uniform guess scores exactly log 10; a higher loss means the true digit "
                     "gets less than 1/10 on average, so the probability went elsewhere, "
                     "confidently."}),
    Numeric("How many parameters (weights and biases) does a 64-32-10 MLP have?", answer=2410,
            why="64*32 + 32 for the hidden layer, 32*10 + 10 for the output layer: 2080 + 330."),
    Choice("In the code, which entry of the list `activations` is A^(l-1), the input of layer l "
           "(layers numbered from 1)?",
           {"a": "activations[l]", "b": "activations[l - 1]", "c": "activations[l - 2]"},
           answer="b",
           why={"a": "activations[l] is layer l's own output A^(l).",
                "b": "activations[0] is X = A^(0), so A^(l-1) sits at index l - 1.",
                "c": "That is the input of layer l - 1."}),
    Choice("At epoch 1, net.fit reports a higher training loss than the hand loop's full "
           "training-set loss after epoch 1. Why?",
           {"a": "fit averages the mini-batch losses during the epoch, while the weights were "
                 "still improving",
            "b": "fit uses another loss function",
            "c": "fit ends the epoch with other weights"},
           answer="a",
           why={"a": "Early mini-batches were scored by a barely trained network; the full-set "
                     "loss is measured once, after the last step.",
                "b": "Both are the mean softmax cross-entropy.",
                "c": "The weights agree to 1e-12 (section 11)."}),
])
