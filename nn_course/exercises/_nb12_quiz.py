"""The Predict questions and the closing quiz of notebook 12_playground.

Data only: each question with its options (or the number expected), the right answer and why
every other option is wrong. :mod:`nn_course.exercises.nb12` re-exports them (``ex.p1`` ..
``ex.p10``, ``ex.quiz``), and they record progress under notebook ``"12"`` like its coding
questions.
"""

from __future__ import annotations

from .predict import Predict
from .quiz import Choice, Numeric, Quiz

__all__ = ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "quiz"]


# --------------------------------------------------------------------------- predictions
p1 = Predict(
    "p1", "You will press Play on the circle data, with inputs x1 and x2 and two hidden layers. "
    "Once it has trained for a while, what will the decision map show?",
    choices={"a": "A straight boundary through the middle",
             "b": "A closed curve around the inner circle",
             "c": "Nothing: it stays flat, the data is too hard"},
    answer="b",
    why={"a": "One straight boundary is all a network without hidden layers can draw; hidden "
              "layers combine several lines.",
         "c": "The circle is easy for two hidden layers; it is the spiral that needs more."},
    reveal="Each first-layer neuron draws a straight boundary; the second layer combines them "
           "into a closed curve around the inner points (the code cell below trains the same "
           "lab and prints its accuracy).",
)

p2 = Predict(
    "p2", "The two spirals: one network gets only x1 and x2, another also sin(x1) and sin(x2). "
    "Which needs fewer hidden neurons to separate them?",
    choices={"a": "The one with only x1 and x2",
             "b": "The one that also gets the sines",
             "c": "Both need the same number: the inputs do not matter"},
    answer="b",
    why={"a": "From x1 and x2 alone the network must bend straight lines into spiral arms, which "
              "takes many neurons in several layers.",
         "c": "The inputs decide what the first layer can draw: good features do part of the "
              "network's work."},
    reveal="The sines are waves across the plane that already follow the arms, so a small layer "
           "can combine them; the table under the lab compares the sizes.",
)

p3 = Predict(
    "p3", "Circle data, all seven features switched on, an L1 penalty. After training, which "
    "inputs will still have large weights?",
    choices={"a": "All seven, about equally",
             "b": "x1^2 and x2^2",
             "c": "x1 and x2"},
    answer="b",
    why={"a": "L1 pushes every weight that does not help all the way to zero.",
         "c": "A circle is not a straight-line pattern in x1 and x2: it is a threshold on "
              "x1^2 + x2^2, the squared radius."},
    reveal="x1^2 + x2^2 is the squared radius, exactly what tells inside from outside; L1 keeps "
           "those two inputs and switches the others off (the cell below prints the weights).",
)

p4 = Predict(
    "p4", "On the regression plane you raise the learning rate one notch at a time, resetting "
    "each time. What happens to the training loss?",
    choices={"a": "It keeps falling faster: larger steps are always better",
             "b": "It falls faster up to a point, then it blows up",
             "c": "It gets worse with every notch above the default"},
    answer="b",
    why={"a": "A step larger than the valley overshoots the minimum by more than it corrects.",
         "c": "Slightly larger steps still converge, and faster."},
    reveal="Up to a point larger steps reach the minimum sooner; beyond it every step overshoots "
           "by more than it corrects and the loss leaves the finite numbers (the cell below "
           "tries five rates).",
)

p5 = Predict(
    "p5", "XOR with no hidden layer and only x1 and x2 as inputs: what test accuracy, in "
    "percent, do you expect after training?", number=50, tolerance=10,
    reveal="About the accuracy of guessing: with no hidden layer the network draws one straight "
           "boundary, and no straight line separates XOR (notebook 02). The cell below prints "
           "the accuracy, and what one well-chosen feature changes.",
)

p6 = Predict(
    "p6", "Six hidden layers with the sigmoid activation. Which layer's weights will receive "
    "the largest gradients?",
    choices={"a": "The first hidden layer, next to the inputs",
             "b": "All layers about the same",
             "c": "The output layer"},
    answer="c",
    why={"a": "The gradient reaches the first layer last, after being multiplied by the "
              "sigmoid's small derivative at every layer on the way.",
         "b": "Each layer's sigmoid derivative (at most 1/4) shrinks the gradient on its way "
              "back, so the layers differ."},
    reveal="Backpropagation multiplies by the sigmoid's derivative, at most 1/4, at every layer "
           "on the way back, so the gradient shrinks towards the inputs: the output layer gets "
           "the largest (the chart under the demonstration shows the sizes).",
)

p7 = Predict(
    "p7", "The lab below sorts points into 4 classes. How many neurons will its output layer "
    "have?", number=4, tolerance=0,
    reveal="One per class: the softmax output gives each class a probability, and the four add "
           "up to 1. The decision map paints every point in the colour of the most probable "
           "class, paler where that probability is low.",
)

p8 = Predict(
    "p8", "You add one orange (class 0) point deep inside the blue (class 1) cluster of two "
    "Gaussians and train again. What will the decision map do?",
    choices={"a": "Nothing visible: one point in 250 barely moves the average loss",
             "b": "Grow a small orange island around the new point at once",
             "c": "Turn the whole blue cluster orange"},
    answer="a",
    why={"b": "A network this small draws smooth boundaries; fitting one point would cost more "
              "loss on its many blue neighbours than it gains.",
         "c": "The blue points around it still outnumber it by far; the loss is an average "
              "over all points."},
    reveal="The loss is an average over all the points, so one point in 250 moves it very "
           "little; a small network keeps its smooth boundary and calls the point wrong. Many "
           "points, or a much larger network trained for long, would carve out an island.",
)

p9 = Predict(
    "p9", "The circle challenge allows at most 3 hidden neurons with only x1 and x2 as inputs. "
    "What is the smallest number of hidden neurons (in one layer) that can enclose the inner "
    "circle?", number=3, tolerance=0,
    reveal="Three: each hidden neuron draws one straight line, and three lines are the fewest "
           "that enclose a region (a triangle) around the inner circle. With two, the region "
           "between two lines is an unbounded strip.",
)

p10 = Predict(
    "p10", "Inside a challenge you turn Draw on, add a few points of your own and train until "
    "the goal's numbers are reached. Will the challenge count as met?",
    choices={"a": "Yes: the goal is checked on whatever data the lab holds",
             "b": "No: a goal only counts on the challenge's own data",
             "c": "Only if every point you drew is classified correctly"},
    answer="b",
    why={"a": "Then a few easy points (or a deleted hard one) would meet any goal; each "
              "challenge is about its own data set.",
         "c": "Even points classified correctly change the data set the goal is about."},
    reveal="The status says that the goal counts on the challenge's data and to press Start "
           "again: drawing is for trying an idea, and Start again brings the challenge's data "
           "back.",
)

# --------------------------------------------------------------------------- closing quiz
quiz = Quiz("quiz", [
    Choice("A network with no hidden layer gets only x1 and x2. Which data set can it fit?",
           {"a": "The circle", "b": "XOR", "c": "Two Gaussians"}, answer="c",
           why={"a": "Inside against outside a ring needs a curved boundary (or the squared "
                     "features).",
                "b": "XOR needs two lines (or the product x1*x2 as an input).",
                "c": "Two separate clouds can be split by one straight line, all a single "
                     "neuron draws."}),
    Choice("On the circle at learning rate 3 the loss stops falling, far above zero, and the "
           "accuracy stays near that of guessing. Why?",
           {"a": "The network is too small for the circle",
            "b": "The hidden neurons saturated: stuck at -1 or +1, their gradients near zero",
            "c": "The loss became infinite"},
           answer="b",
           why={"a": "The same network learns the circle at learning rate 0.03.",
                "b": "Too large steps threw the weighted sums far out, where tanh is flat.",
                "c": "With a sigmoid output and cross-entropy the output gradient p - y stays "
                     "between -1 and 1: the loss stalls, it does not explode."}),
    Numeric("How many weights and biases has a playground network with the features x1, x2 "
            "and x1*x2 and one hidden layer of 3 neurons?", answer=16,
            why="Layer sizes 3, 3, 1: 3*3 weights + 3 biases into the hidden layer, 3*1 + 1 into "
                "the output neuron."),
    Choice("Why do deep networks keep learning with relu where sigmoid makes them stall?",
           {"a": "relu's derivative is 1 for positive inputs, so it does not shrink the gradient "
                 "at every layer",
            "b": "relu's outputs are bounded, which keeps the gradients small",
            "c": "relu has fewer parameters to learn"},
           answer="a",
           why={"b": "relu is unbounded above; it is the sigmoid that is bounded, and flat.",
                "c": "An activation has no parameters: the count is the same for both."}),
])
