"""Bad input gets a clear ValueError/TypeError naming what was expected and what was given."""

import numpy as np
import pytest

from nn_course import (
    Dense,
    Dropout,
    Network,
    Neuron,
    Perceptron,
    activations,
    datasets,
    initializers,
    losses,
)
from nn_course._validation import as_rng
from nn_course.gradcheck import check_gradients


def net3():
    return Network([Dense(2, 4, "relu", rng=0), Dense(4, 3, "linear", rng=1)])


def net1(act="sigmoid"):
    return Network([Dense(2, 4, "tanh", rng=0), Dense(4, 1, act, rng=1)])


X2 = np.ones((5, 2))
CASES = [
    ("Dense n_in 0", lambda: Dense(0, 3), ValueError, r"n_in must be an integer >= 1; got 0"),
    (
        "Dense n_out negative",
        lambda: Dense(2, -1),
        ValueError,
        r"n_out must be an integer >= 1; got -1",
    ),
    (
        "Dense float size",
        lambda: Dense(2.5, 3),
        TypeError,
        r"n_in must be an integer >= 1; got 2.5",
    ),
    (
        "unknown activation",
        lambda: Dense(2, 3, "relu6"),
        ValueError,
        r"Unknown activation 'relu6'; did you mean 'relu'",
    ),
    ("activation not a name", lambda: activations.get(42), TypeError, r"activation must be a name"),
    (
        "unknown loss",
        lambda: losses.get("crossentropy"),
        ValueError,
        r"did you mean 'cross_entropy'",
    ),
    (
        "unknown loss in training",
        lambda: net3().loss_and_gradients(X2, [0] * 5, loss="msee"),
        ValueError,
        r"did you mean 'mse'",
    ),
    (
        "unknown initializer",
        lambda: Dense(2, 3, init="glorott"),
        ValueError,
        r"Unknown initializer 'glorott'",
    ),
    ("empty network", lambda: Network([]), ValueError, r"at least one layer"),
    (
        "layer size mismatch",
        lambda: Network([Dense(2, 3), Dense(4, 1)]),
        ValueError,
        r"Layer 1 expects 4 inputs but the layer before it has 3 outputs",
    ),
    (
        "not a layer",
        lambda: Network([Dense(2, 3), "dense"]),
        TypeError,
        r"Layer 1 must be a Dense or Dropout layer; got str",
    ),
    (
        "X 1-D",
        lambda: net3().forward([1.0, 2.0]),
        ValueError,
        r"X must be 2-D \(n_samples, n_features\); got shape \(2,\)\. Use X.reshape\(1, -1\)",
    ),
    (
        "X wrong features",
        lambda: net3().forward(np.ones((3, 5))),
        ValueError,
        r"X must have 2 feature column\(s\) \(n_samples, 2\); got shape \(3, 5\)",
    ),
    (
        "X with NaN",
        lambda: net3().forward([[1.0, np.nan]]),
        ValueError,
        r"X must contain only finite numbers; found 1 NaN/inf value\(s\), "
        r"the first at index \(0, 1\)",
    ),
    ("X with inf", lambda: net3().forward([[np.inf, 1.0]]), ValueError, r"finite numbers"),
    ("X a string", lambda: net3().forward("abc"), TypeError, r"X must be an array of numbers"),
    (
        "X and y lengths",
        lambda: net3().loss_and_gradients(X2, [0, 1], "cross_entropy"),
        ValueError,
        r"same number of samples; got X with 5 rows and y with 2",
    ),
    (
        "label out of range",
        lambda: net3().loss_and_gradients(X2, [0, 1, 2, 3, 0], "cross_entropy"),
        ValueError,
        r"class labels 0..2 for 3 classes; got values in \[0, 3\]",
    ),
    (
        "negative label",
        lambda: net3().loss_and_gradients(X2, [0, -1, 2, 1, 0], "cross_entropy"),
        ValueError,
        r"got values in \[-1, 2\]",
    ),
    (
        "fractional label",
        lambda: net3().loss_and_gradients(X2, [0, 0.5, 2, 1, 0], "cross_entropy"),
        ValueError,
        r"whole-number class labels",
    ),
    (
        "one-hot wrong width",
        lambda: net3().loss_and_gradients(X2, np.eye(5, 4), "cross_entropy"),
        ValueError,
        r"one-hot rows \(5, 3\); got shape \(5, 4\)",
    ),
    (
        "binary label 2",
        lambda: net1().loss_and_gradients(X2, [0, 1, 2, 1, 0], "binary_cross_entropy"),
        ValueError,
        r"labels in \[0, 1\]; got values in \[0.0, 2.0\]",
    ),
    (
        "mse y shape",
        lambda: net3().loss_and_gradients(X2, np.ones((5, 2)), "mse"),
        ValueError,
        r"network output's shape \(5, 3\).*got shape \(5, 2\)",
    ),
    (
        "y with NaN",
        lambda: net1("linear").loss_and_gradients(X2, [0, 1, np.nan, 1, 0], "mse"),
        ValueError,
        r"y must contain only finite numbers",
    ),
    (
        "cross-entropy after relu",
        lambda: Network([Dense(2, 3, "relu")]).loss_and_gradients(X2, [0] * 5, "cross_entropy"),
        ValueError,
        r"cross_entropy needs an output layer .* 'softmax' or 'linear'; got 'relu'",
    ),
    (
        "bce after tanh",
        lambda: net1("tanh").loss_and_gradients(X2, [0] * 5, "binary_cross_entropy"),
        ValueError,
        r"'sigmoid' or 'linear'; got 'tanh'",
    ),
    (
        "cross-entropy on one output",
        lambda: net1("linear").loss_and_gradients(X2, [0] * 5, "cross_entropy"),
        ValueError,
        r"at least 2\); got 1 output",
    ),
    (
        "set_weights count",
        lambda: net3().set_weights([(np.ones((2, 4)), np.ones(4))]),
        ValueError,
        r"needs 2 \(W, b\) pairs, one per Dense layer; got 1",
    ),
    (
        "set_weights shape",
        lambda: net3().set_weights([(np.ones((4, 2)), np.ones(4)), (np.ones((4, 3)), np.ones(3))]),
        ValueError,
        r"Layer 0: expected W \(2, 4\) and b \(4,\); got W \(4, 2\) and b \(4,\)",
    ),
    (
        "negative l2",
        lambda: net3().loss_and_gradients(X2, [0] * 5, "cross_entropy", l2=-1.0),
        ValueError,
        r"l2 must be a number >= 0; got -1.0",
    ),
    (
        "dropout rate 1",
        lambda: Dropout(1.0),
        ValueError,
        r"Dropout rate must be a number in \[0, 1\); got 1.0",
    ),
    (
        "dropout first",
        lambda: Network([Dropout(0.5), Dense(2, 1)]),
        ValueError,
        r"first layer must be Dense",
    ),
    (
        "perceptron labels -1/1",
        lambda: Perceptron(2).fit(X2, [1, -1, 1, -1, 1]),
        ValueError,
        r"labels y must be 0 or 1; got values \[-1, 1\]",
    ),
    (
        "perceptron n_inputs 0",
        lambda: Perceptron(0),
        ValueError,
        r"n_inputs must be an integer >= 1; got 0",
    ),
    (
        "perceptron negative lr",
        lambda: Perceptron(2, lr=-1.0),
        ValueError,
        r"lr must be a number > 0; got -1.0",
    ),
    (
        "perceptron wrong features",
        lambda: Perceptron(3).predict(X2),
        ValueError,
        r"X must have 3 feature column\(s\)",
    ),
    (
        "neuron 2-D weights",
        lambda: Neuron([[1.0, 2.0]]),
        ValueError,
        r"weights must be a 1-D list of numbers \(n_inputs,\); got shape \(1, 2\)",
    ),
    (
        "neuron input length",
        lambda: Neuron([1.0, 2.0]).output([1.0, 2.0, 3.0]),
        ValueError,
        r"x must have 2 values \(n_inputs,\).*got shape \(3,\)",
    ),
    (
        "moons n_samples 0",
        lambda: datasets.moons(n_samples=0),
        ValueError,
        r"n_samples must be an integer >= 1; got 0",
    ),
    (
        "moons negative noise",
        lambda: datasets.moons(noise=-0.1),
        ValueError,
        r"noise must be a number >= 0; got -0.1",
    ),
    (
        "unknown gate",
        lambda: datasets.logic_gate("xnr"),
        ValueError,
        r"Unknown logic gate 'xnr'; did you mean 'xor'",
    ),
    (
        "test fraction > 1",
        lambda: datasets.train_test_split(X2, [0] * 5, 1.5),
        ValueError,
        r"test_fraction must be a number between 0 and 1; got 1.5",
    ),
    (
        "standardize shapes",
        lambda: datasets.standardize(X2, mean=[0.0]),
        ValueError,
        r"mean and std must have shape \(2,\)",
    ),
    (
        "rng a string",
        lambda: as_rng("seed"),
        TypeError,
        r"rng must be a numpy.random.Generator, an int seed or None; got str",
    ),
    (
        "gradcheck negative h",
        lambda: check_gradients(net3(), X2, [0] * 5, "cross_entropy", h=-1e-4),
        ValueError,
        r"h must be a number > 0",
    ),
    ("initializer not a name", lambda: initializers.get(3), TypeError, r"init must be a name"),
]


@pytest.mark.parametrize("make,error,message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_explained(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_there_are_enough_cases():
    assert len(CASES) >= 25
