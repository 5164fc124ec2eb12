"""The Predict questions and the closing quiz of notebook 08_backpropagation.

Data only: each question with its options, the right answer and why every other option is
wrong. :mod:`nn_course.exercises.nb08` re-exports them (``ex.p1``, ``ex.quiz``), and they
record progress under notebook ``"08"`` like its coding questions.
"""

from __future__ import annotations

from .predict import Predict
from .quiz import Choice, Numeric, Quiz

__all__ = ["p1", "p2", "quiz"]


# --------------------------------------------------------------------------- predictions and quiz
p1 = Predict(
    "p1",
    "Sample 1 is class 0 and the network gives it p = (0.878, 0.122). You will switch its target "
    "to class 1. Sample 1's output deltas (p - y) / n will ...",
    choices={"a": "flip sign and grow", "b": "flip sign and keep their size",
             "c": "stay as they are: only the loss changes"},
    answer="a",
    why={"b": "The size is |p - y|: 1 - 0.878 = 0.122 for the old target, but the new true class "
              "got only 0.122, so its entry becomes 0.122 - 1 = -0.878.",
         "c": "The delta is p - y: y is part of it, so a new target changes it (the forward pass, "
              "p, stays the same)."},
    reveal="They flip sign and grow about seven times: p - y goes from (0.878 - 1, 0.122 - 0) = "
           "(-0.122, 0.122) to (0.878, 0.122 - 1) = (0.878, -0.878), halved by n = 2. The network "
           "is now confidently wrong about sample 1, so it gets much more blame; its hidden deltas "
           "are sums of weight times these deltas, so they flip and grow with them.",
)

p2 = Predict(
    "p2",
    "You raise the learning rate until gradient descent on L = (w1^2 + 10 w2^2) / 2 diverges. "
    "Which direction breaks first?",
    choices={"a": "the steep direction, w2", "b": "the gentle direction, w1",
             "c": "both at the same learning rate"},
    answer="a",
    why={"b": "Along w1 the slope is gentle: a step multiplies w1 by (1 - rate), which stays "
              "between -1 and 1 up to a rate of 2.",
         "c": "The two directions have different slopes (1 and 10), so their safe learning rates "
              "differ by the same factor."},
    reveal="The steep one. A step multiplies w2 by (1 - 10 * rate): past a rate of 0.2 that factor "
           "is below -1, so w2 flips sign and grows at every step, while w1 is still fine.",
)

quiz = Quiz("quiz", [
    Choice("Hidden neuron j feeds three neurons of the next layer. Its delta is ...",
           {"a": "the product of the three terms w_jk * delta_k, times f'(z_j)",
            "b": "the sum of the three terms w_jk * delta_k, times f'(z_j)",
            "c": "the mean of the three deltas delta_k"},
           answer="b",
           why={"a": "Products belong along one path; separate paths add (the multivariable "
                     "chain rule).",
                "b": "Three paths to the loss: their contributions add, and the one path from z_j "
                     "to a_j adds the factor f'(z_j).",
                "c": "The weights decide how much each neuron's delta matters, and paths add up; "
                     "nothing is averaged."}),
    Numeric("A batch of 32 samples goes through a layer with 10 inputs and 5 neurons. How many "
            "numbers does dL/dW of that layer hold?", answer=50,
            why="A gradient has the shape of what it is the gradient of: W is (10, 5). The 32 "
                "samples are summed inside A.T @ delta, (10, 32) @ (32, 5)."),
    Choice("Why is dL/dW = A_prev.T @ delta a sum over the samples of the batch?",
           {"a": "it is an approximation that saves memory",
            "b": "the transpose averages the rows",
            "c": "each weight is used by every sample, and the loss adds up the samples' shares"},
           answer="c",
           why={"b": "A transpose only swaps rows and columns; the sum comes from the matrix "
                     "product running over the sample index.",
                "a": "It is exact: one path per sample, and paths add."}),
    Choice("In the Value engine, why does each _backward use += rather than = ?",
           {"a": "a value used on several paths must collect one contribution from each",
            "b": "+= is faster than =",
            "c": "it makes no difference, each node is visited once"},
           answer="a",
           why={"b": "Speed has nothing to do with it: = would give wrong gradients.",
                "c": "Each node's own rule runs once, but a value feeding several nodes receives "
                     "a contribution from each of their rules; = would keep only the last."}),
    Choice("A gradient check reports a relative error of 0.3 for layer 1 and 1e-10 for layer 2 "
           "of a 2-layer network. Where is the bug most likely?",
           {"a": "in the finite differences",
            "b": "in the output delta",
            "c": "in layer 1's part of the backward pass (its f' or its dW)"},
           answer="c",
           why={"b": "Every gradient uses the output delta; layer 2's would be wrong too.",
                "a": "The same finite differences agree with layer 2 to 1e-10, so they work."}),
])
