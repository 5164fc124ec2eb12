"""Predictions and closing quiz of notebook 01_why_neural_networks.

* ``p1`` before the boundary explorer: what the hand-made feature ``x1*x2`` does on XOR.
* ``quiz``: what a line can separate, why hand-made features do not scale, what deep learning
  adds, which part of a biological neuron plays the weights, and counting candidate features.

01 has no coding exercise: it argues from pictures and printed accuracies; the coding starts
in notebook 02.

>>> p1.right, len(quiz)
('b', 5)
"""

from __future__ import annotations

import math

from .predict import Predict
from .quiz import Choice, Numeric, Quiz

__all__ = ["p1", "quiz", "n_products"]


def n_products(n_inputs: int, degree: int) -> int:
    """Products of exactly ``degree`` of ``n_inputs`` inputs, repeats allowed: C(n + d - 1, d).

    >>> n_products(3, 2)    # x1x1 x1x2 x1x3 x2x2 x2x3 x3x3
    6
    """
    return math.comb(n_inputs + degree - 1, degree)


p1 = Predict(
    "p1",
    "On XOR (class 1 where x1 and x2 have different signs) you are about to give the linear "
    "model one extra input, the product x1*x2. What will its accuracy do?",
    choices={
        "a": "Stay where it was: the model is still linear, so it still draws a straight line",
        "b": "Jump close to 100%: the sign of x1*x2 already tells the class",
        "c": "Fall to about 50%: the extra input only confuses the model",
    },
    answer="b",
    why={
        "a": "The model is linear in its inputs, and x1*x2 is now one of them: its boundary is "
             "straight in the space (x1, x2, x1*x2) but curved in the (x1, x2) plane.",
        "b": "x1*x2 is negative exactly where the signs differ, so one weight on it separates "
             "the classes.",
        "c": "A linear model can always give an unhelpful input a weight near 0, so an extra "
             "input cannot make the fit on the training points worse than before.",
    },
    reveal="The accuracy jumps close to 100% (section 4 prints it). x1*x2 < 0 exactly where x1 "
           "and x2 have different signs, which is where XOR is 1; the model only has to put a "
           "negative weight on that one input. The catch: you had to know which feature to add.",
)

quiz = Quiz("quiz", [
    Choice(
        "Which of these data sets can a single straight line separate without mistakes?",
        {"a": "XOR", "b": "circles (one class inside a ring)", "c": "two blobs far apart",
         "d": "two interleaved spirals"},
        answer="c",
        why={"a": "Each class of XOR fills two opposite quadrants: any line leaves points of "
                  "both classes on one of its sides.",
             "b": "The inner class is surrounded: a line cuts through the ring whatever its "
                  "position.",
             "c": "Right: the blobs are linearly separable; logistic regression and the "
                  "perceptron both reach 100% on them.",
             "d": "The arms wind around each other; a line crosses both arms many times."},
    ),
    Choice(
        "Why does choosing features by hand not scale to images?",
        {"a": "The candidates explode in number and good image features are not simple "
              "formulas, so nobody can list the right ones in advance",
         "b": "A linear model cannot take more than two inputs",
         "c": "Images have no features at all"},
        answer="a",
        why={"a": "Right: a photo has billions of pixel pairs alone, and an edge or a stroke "
                  "at any position is no single product of pixels.",
             "b": "A linear model takes any number of inputs: one weight per input.",
             "c": "They have plenty (edges, loops, textures); the problem is finding them, "
                  "which is what a network's layers learn to do."},
    ),
    Choice(
        "What does deep learning add to classic machine learning?",
        {"a": "It needs no examples to learn from",
         "b": "Its many layers learn the features from the raw input, instead of a person "
              "designing them",
         "c": "It replaces the weighted sum by a new kind of computation"},
        answer="b",
        why={"a": "It needs more examples, not fewer: learning the features takes data.",
             "b": "Right: depth (many layers) plus learned features is the whole idea.",
             "c": "Every neuron still computes a weighted sum and an activation; there are "
                  "just many of them, in layers."},
    ),
    Choice(
        "Which part of a biological neuron plays the role of the weights?",
        {"a": "the dendrites", "b": "the axon", "c": "the synapses"},
        answer="c",
        why={"a": "Dendrites receive the signals: they correspond to the inputs.",
             "b": "The axon carries the neuron's own spike away: it corresponds to the "
                  "output.",
             "c": "Right: a synapse's strength, exciting or inhibiting, is what a weight "
                  "models, and learning changes it."},
    ),
    Numeric(
        "An input has 10 numbers. How many products of exactly two of them are there, "
        "repeats allowed (x1*x1 counts, and x1*x2 is the same as x2*x1)?",
        answer=n_products(10, 2), tolerance=0,
        why="Pairs of different inputs: 10*9/2 = 45; plus the 10 squares: 55. The formula "
            "C(n + d - 1, d) of section 5 gives C(11, 2) = 55.",
    ),
])
