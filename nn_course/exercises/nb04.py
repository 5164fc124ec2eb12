"""Exercises of notebook 04_activation_functions.

* ``p1``, ``p2``: predictions before the activation explorer and before the spread Try it.
* ``q1``: a numerically stable softplus (finite and warning-free for z = ±1000).
* ``q2``: the derivative of leaky ReLU, for any negative-side slope ``alpha``.
* ``q3``: log-softmax of a batch of logits, finite even where a probability underflows to 0.
* ``q4``: which output activation for four new tasks.
* ``quiz``: the closing quiz.

The predictions and the quiz are data tables; they live in :mod:`._nb04_quiz` and are
re-exported here, so the notebook reaches everything as ``ex.<name>``.

>>> from nn_course.exercises import nb04 as ex
>>> ex.q1.verdict(ex.q1.reference)
('correct', 'correct!')
"""

from __future__ import annotations

import numpy as np

from .. import activations
from ._core import Question, compare
from ._nb04_quiz import p1, p2, quiz

__all__ = ["p1", "p2", "q1", "q2", "q3", "q4", "quiz", "TASKS"]


def _call_quietly(func, z, what):
    """Call ``func(z)``; an overflow or 0/0 becomes a message. Returns ``(result, problem)``."""
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        try:
            return func(z.copy()), None
        except FloatingPointError as error:
            if "overflow" in str(error):
                return None, (
                    f"{what} overflowed ('{error}'): exp of a large number is too big for a "
                    "float. Rearrange the formula so exp only ever sees numbers <= 0."
                )
            if "divide" in str(error):
                return None, (
                    f"{what} took the log of 0 ('{error}'): a probability that rounded "
                    "to 0 has log -inf. Stay in log space instead of taking a log at the end."
                )
            return None, (
                f"{what} gave 0/0 or inf/inf ('{error}'), which is nan: exp of the "
                "inputs under- or overflowed."
            )


# ------------------------------------------------------------------------ q1: stable softplus
def reference_softplus(z):
    z = np.asarray(z, dtype=np.float64)
    # ln(1 + e^z) = max(z, 0) + ln(1 + e^-|z|): exp only ever sees numbers <= 0
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


_Z_SOFTPLUS = np.array([-1000.0, -30.0, -2.0, -0.5, 0.0, 0.5, 2.0, 30.0, 1000.0])


def _check_softplus(softplus):
    for z, what in (
        (np.array([0.0, 2.0, -2.0]), "softplus([0, 2, -2])"),
        (_Z_SOFTPLUS, "softplus(z) for z from -1000 to 1000"),
        (_Z_SOFTPLUS.reshape(3, 3), "softplus of a (3, 3) batch"),
    ):
        got, problem = _call_quietly(softplus, z, what)
        if problem:
            return problem
        expected = reference_softplus(z)
        if (
            got is not None
            and np.shape(got) == expected.shape
            and np.allclose(got, np.maximum(z, 0.0))
        ):
            return (
                f"{what} equals ReLU, max(z, 0): that is softplus only far from 0. At z = 0 "
                "softplus is ln 2, about 0.693: a small correction term is missing"
            )
        problem = compare(got, expected, what)
        if problem:
            return problem
    return None


q1 = Question(
    "q1",
    check=_check_softplus,
    hints=(
        "For large positive z the 1 inside the log hardly matters, so softplus is close to z "
        "there; for negative z it is close to 0. Split off that large part, so that exp only "
        "ever sees numbers that are 0 or below.",
        "When z is positive, take the factor e to the z out of the sum inside the log (when z is "
        "negative there is nothing to take out). The log of a product is a sum of logs, and one "
        "of the two terms then needs no exponential at all. NumPy has a log made for one plus "
        "a tiny number, which stays accurate where the plain log does not.",
    ),
    reference=reference_softplus,
    answer_name="softplus",
    success="The same move as the stable sigmoid: keep exp's argument <= 0 and handle the rest "
    "exactly.",
)


# ------------------------------------------------------------------------ q2: leaky ReLU derivative
def reference_leaky_relu_derivative(z, alpha=0.01):
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, 1.0, alpha)


# z = 0 is left out: the derivative is undefined there and either side is a fine convention.
_Z_LEAKY = np.array([[-3.0, -0.5, 0.25, 4.0], [2.5, -1e-3, 1e-3, -7.0]])


def _check_leaky(leaky_relu_derivative):
    for alpha in (0.01, 0.2):
        what = f"leaky_relu_derivative(z, alpha={alpha})"
        got = (
            leaky_relu_derivative(_Z_LEAKY.copy())
            if alpha == 0.01
            else leaky_relu_derivative(_Z_LEAKY.copy(), alpha=alpha)
        )
        expected = reference_leaky_relu_derivative(_Z_LEAKY, alpha)
        if got is not None and np.shape(got) == expected.shape:
            arr = np.asarray(got, dtype=np.float64)
            if np.allclose(arr, np.where(_Z_LEAKY > 0, _Z_LEAKY, alpha * _Z_LEAKY)):
                return (
                    f"{what} returned leaky ReLU itself; the derivative is its slope, which "
                    "is the same for every positive z"
                )
            if np.allclose(arr, (_Z_LEAKY > 0).astype(float)):
                return (
                    f"{what} is 0 for negative z: that is ReLU's slope. Leaky ReLU keeps a "
                    "small slope alpha on the negative side"
                )
            if alpha != 0.01 and np.allclose(arr, reference_leaky_relu_derivative(_Z_LEAKY, 0.01)):
                return f"{what} used 0.01 on the negative side: use the alpha you are given"
            if np.allclose(arr, np.where(_Z_LEAKY > 0, alpha, 1.0)):
                return (
                    f"{what} is the other way round: slope 1 belongs "
                    f"to positive z, alpha to negative"
                )
        problem = compare(got, expected, what)
        if problem:
            return problem
    return None


q2 = Question(
    "q2",
    check=_check_leaky,
    hints=(
        "Leaky ReLU is two straight lines that meet at 0. What is the slope of each line?",
        "Pick, element by element, between two constant slopes depending on the sign of z; "
        "NumPy has a function that makes exactly that choice for a whole array at once.",
    ),
    reference=reference_leaky_relu_derivative,
    answer_name="leaky_relu_derivative",
    success="A slope that is never 0 means a leaky ReLU neuron can never die.",
)


# ------------------------------------------------------------------------ q3: log-softmax
def reference_log_softmax(Z):
    Z = np.asarray(Z, dtype=np.float64)
    shifted = Z - Z.max(axis=1, keepdims=True)  # the largest exponent is 0
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


_Z_LOG_SMALL = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [2.0, -1.0, 0.5], [-1.0, 4.0, 0.0]])
_Z_LOG_LARGE = np.array(
    [[1000.0, 0.0, -1000.0], [1000.0, 1001.0, 1002.0], [-1000.0, -999.0, -1001.0], [5.0, 0.0, -5.0]]
)


def _stable_softmax(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def _check_log_softmax(log_softmax):
    got = log_softmax(_Z_LOG_SMALL.copy())
    expected = reference_log_softmax(_Z_LOG_SMALL)
    if got is not None and np.shape(got) == expected.shape:
        arr = np.asarray(got, dtype=np.float64)
        if np.allclose(arr, _stable_softmax(_Z_LOG_SMALL)):
            return "these are the probabilities themselves; the task asks for their logarithm"
        if np.allclose(np.exp(arr).sum(axis=0), 1.0) and not np.allclose(
            np.exp(arr).sum(axis=1), 1.0
        ):
            return (
                "your result normalises the columns, not the rows: every sample's row must "
                "give probabilities that sum to 1 (work along axis=1, keepdims=True)"
            )
    problem = compare(got, expected, "log_softmax of a (4, 3) batch of small logits")
    if problem:
        return problem
    what = "log_softmax of rows like [1000, 0, -1000]"
    got, problem = _call_quietly(log_softmax, _Z_LOG_LARGE, what)
    if problem:
        return problem
    problem = compare(got, reference_log_softmax(_Z_LOG_LARGE), what)
    if problem and "nan or inf" in problem:
        return (
            problem + ". A probability like e^-2000 rounds to 0 and its log is -inf: never "
            "take the log of a probability; compute the log directly from the logits."
        )
    return problem


q3 = Question(
    "q3",
    check=_check_log_softmax,
    hints=(
        "The formula has two parts: the logit itself, and the log of a sum of exponentials. "
        "Only the second can overflow, and you already know a shift that tames it in softmax.",
        "Take each row's largest logit out of the sum before exponentiating; it comes back "
        "outside the log as a plain number. Keep the row dimension (keepdims) so it broadcasts.",
    ),
    reference=reference_log_softmax,
    answer_name="log_softmax",
    success=(
        "This is how every library computes the cross-entropy loss of notebook 07: in log space."
    ),
)


# ------------------------------------------------------------------------ q4: output activations
#: The tasks of q4 and the output activation each needs.
TASKS = {
    "tomorrow's temperature in °C (1 output)": "linear",
    "does an X-ray show a fracture? (1 output)": "sigmoid",
    "which of 5 dog breeds is in a photo (5 outputs)": "softmax",
    "which of 20 tags fit a photo, any number of them (20 outputs)": "sigmoid",
}
_SYNONYMS = {"identity": "linear", "none": "linear", "logistic": "sigmoid"}
_WHY = {
    "tomorrow's temperature in °C (1 output)": (
        "a temperature can be any real number, negative too, so the output must not be squashed "
        "or cut off: the weighted sum itself"
    ),
    "does an X-ray show a fracture? (1 output)": (
        "one output must give one probability P(fracture) between 0 and 1. Softmax over a single "
        "output is always exactly 1 (e^z / e^z), whatever z. (Two softmax outputs would do the "
        "same job as one sigmoid: notebook 05 shows why; here there is one output.)"
    ),
    "which of 5 dog breeds is in a photo (5 outputs)": (
        "exactly one breed is right, so the 5 outputs must be probabilities that compete and sum "
        "to 1"
    ),
    "which of 20 tags fit a photo, any number of them (20 outputs)": (
        "a photo can have several tags at once, so each tag is its own yes/no question with its "
        "own probability; outputs that must sum to 1 would make the tags compete"
    ),
}


def _check_outputs(answer):
    if not isinstance(answer, dict):
        return f"answer should be a dict from task to activation name; got {type(answer).__name__}"
    if all(value is None for value in answer.values()):
        raise NotImplementedError
    missing = [task for task in TASKS if task not in answer]
    if missing:
        return f"the dict is missing the task {missing[0]!r}; keep the four keys as given"
    for task, right in TASKS.items():
        value = answer[task]
        if value is None:
            return f"you left {task!r} as None"
        name = _SYNONYMS.get(str(value).lower(), str(value).lower())
        if name not in activations.ACTIVATIONS:
            return (
                f"{task!r}: {value!r} is not an activation name; choose from {activations.names()}"
            )
        if name != right:
            return f"{task!r}: not {value!r}: {_WHY[task]}"
    return None


q4 = Question(
    "q4",
    check=_check_outputs,
    hints=(
        "Ask what each prediction must look like: any real number? one probability? several "
        "probabilities that compete? several independent ones? Then read off each "
        "activation's output range.",
        "Two of the tasks are yes/no questions, one per output neuron. For the photo with five "
        "breeds exactly one answer is right; for the tags, any number can be.",
    ),
    solution_code="answer = {\n" + "".join(f"    {k!r}: {v!r},\n" for k, v in TASKS.items()) + "}",
    success="The output activation follows from what the prediction has to be.",
)
