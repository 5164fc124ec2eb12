"""The perceptron learns what a line can separate, within Novikoff's bound, and gives up on XOR."""

import numpy as np
import pytest

from nn_course import Neuron, Perceptron, datasets


def separable_data(seed, n=60, margin=0.2):
    """Points labelled by a random line, with a gap of at least ``margin`` around it."""
    rng = np.random.default_rng(seed)
    angle = rng.uniform(0, 2 * np.pi)
    # a line near the centre
    w_star = np.array([np.cos(angle), np.sin(angle), rng.uniform(-0.5, 0.5)])
    w_star /= np.linalg.norm(w_star)  # unit vector over (w1, w2, b)
    X = rng.uniform(-2, 2, size=(20 * n, 2))
    Xa = np.c_[X, np.ones(len(X))]
    keep = np.abs(Xa @ w_star) >= margin
    X, Xa = X[keep][:n], Xa[keep][:n]
    y = (Xa @ w_star > 0).astype(int)
    assert 0 < y.sum() < n, "both classes must be present"
    return X, y, Xa, w_star


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("lr", [1.0, 0.1])
def test_converges_within_novikoff_bound(seed, lr):
    X, y, Xa, w_star = separable_data(seed)
    signs = 2 * y - 1
    gamma = np.min(signs * (Xa @ w_star))  # margin of a unit-norm separator
    R = np.max(np.linalg.norm(Xa, axis=1))
    bound = (R / gamma) ** 2
    p = Perceptron(n_inputs=2, lr=lr).fit(X, y, epochs=10_000)
    assert p.converged
    assert np.array_equal(p.predict(X), y)
    assert 0 < p.n_updates <= bound, f"{p.n_updates} updates, bound {(R / gamma) ** 2:.1f}"


@pytest.mark.parametrize("gate", ["and", "or", "nand", "nor"])
def test_learns_linearly_separable_gates(gate):
    X, y = datasets.logic_gate(gate)
    p = Perceptron(n_inputs=2).fit(X, y, epochs=50)
    assert p.converged and p.predict(X).tolist() == y.tolist()
    assert p.errors_per_epoch[-1] == 0


def test_xor_never_converges_and_stops_after_epochs():
    X, y = datasets.logic_gate("xor")
    p = Perceptron(n_inputs=2).fit(X, y, epochs=100)
    assert not p.converged
    assert len(p.errors_per_epoch) == 100
    assert min(p.errors_per_epoch) > 0
    assert p.n_updates == sum(p.errors_per_epoch)
    assert (p.predict(X) != y).any()


def test_one_step_applies_the_rule_exactly():
    p = Perceptron(n_inputs=2, lr=0.5)
    record = p.step([1.0, 2.0], 0)  # zero weights: z = 0 -> predicts 1, wrong
    assert record["updated"] and record["y_pred"] == 1 and record["error"] == -1
    assert p.weights.tolist() == [-0.5, -1.0] and p.bias == -0.5
    record = p.step([1.0, 2.0], 0)  # now correct: no change
    assert not record["updated"] and p.n_updates == 1


def test_history_records_every_update():
    X, y = datasets.logic_gate("or")
    p = Perceptron(n_inputs=2).fit(X, y)
    assert len(p.history) == p.n_updates
    last = p.history[-1]
    assert np.array_equal(last["weights"], p.weights) and last["bias"] == p.bias


def test_shuffled_fit_is_deterministic_given_rng():
    X, y, _, _ = separable_data(3)
    a = Perceptron(n_inputs=2, rng=7).fit(X, y, shuffle=True)
    b = Perceptron(n_inputs=2, rng=7).fit(X, y, shuffle=True)
    assert a.n_updates == b.n_updates and np.array_equal(a.weights, b.weights)


def test_neuron_output_and_explain():
    n = Neuron(weights=[0.5, -1.0], bias=0.1, activation="sigmoid")
    assert n.z([1.0, 2.0]) == pytest.approx(-1.4)
    assert n.output([1.0, 2.0]) == pytest.approx(1 / (1 + np.exp(1.4)))
    batch = n.output(np.array([[1.0, 2.0], [0.0, 0.0]]))
    assert batch.shape == (2,)
    text = n.explain([1.0, 2.0])
    assert "z = w1*x1 + w2*x2 + b" in text and "-1.4" in text and "sigmoid" in text


# --------------------------------------------------------------- logistic regression, one neuron
def test_fit_logistic_regression_matches_one_hand_step():
    """One gradient step from zero equals the formula w = -eta * X^T (0.5 - y) / n."""
    from nn_course.neuron import fit_logistic_regression

    X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.5, -1.0]])
    y = np.array([1, 0, 1])
    neuron, losses = fit_logistic_regression(X, y, learning_rate=0.3, epochs=1)
    expected_w = -0.3 * X.T @ (0.5 - y) / 3
    assert np.allclose(neuron.weights, expected_w)
    assert np.isclose(neuron.bias, -0.3 * np.mean(0.5 - y))
    assert len(losses) == 2 and np.isclose(losses[0], np.log(2))


def test_fit_logistic_regression_separates_gaussians_and_loss_falls():
    from nn_course.neuron import fit_logistic_regression

    X, y = datasets.gaussians(n_samples=100, noise=0.2, rng=0)
    neuron, losses = fit_logistic_regression(X, y, learning_rate=1.0, epochs=100)
    assert neuron.accuracy(X, y) == 1.0
    assert all(b <= a + 1e-12 for a, b in zip(losses, losses[1:]))


def test_neuron_predict_proba_needs_sigmoid_and_fit_needs_binary_labels():
    from nn_course.neuron import fit_logistic_regression

    with pytest.raises(ValueError, match="predict_proba needs activation 'sigmoid'.*'relu'"):
        Neuron([1.0, 2.0], 0.0, "relu").predict_proba([[1.0, 1.0]])
    with pytest.raises(ValueError, match=r"y must hold labels 0 and 1; got values \[0, 2\]"):
        fit_logistic_regression([[0.0], [1.0]], [0, 2])


def test_xor_data_follow_the_course_convention():
    """Class 1 where x1 and x2 have different signs, like the gate: 1 where the inputs differ."""
    X, y = datasets.xor(n_samples=300, noise=0.0, rng=1)
    assert np.array_equal(y, (np.sign(X[:, 0]) != np.sign(X[:, 1])).astype(int))
    _, gate = datasets.logic_gate("xor")
    assert gate.tolist() == [0, 1, 1, 0]
