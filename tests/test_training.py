"""The training loop: it learns, it is reproducible, it stops safely, and it says what is wrong."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nn_course import Dense, Dropout, Network, datasets
from nn_course import trainer as trainer_module
from nn_course.gradcheck import distance_to_kinks, numerical_gradients
from nn_course.optimizers import SGD
from nn_course.training import (
    Callback,
    DivergenceError,
    EarlyStopping,
    History,
    LearningRateScheduler,
    Trainer,
    evaluate,
    fit,
)


@pytest.fixture(scope="module")
def digits_split():
    X, y = datasets.digits()
    X_tr, X_te, y_tr, y_te = datasets.train_test_split(X, y, 0.25, rng=0)
    X_tr, mean, std = datasets.standardize(X_tr)
    X_te, _, _ = datasets.standardize(X_te, mean, std)
    return X_tr, X_te, y_tr, y_te


def digits_net():
    return Network([Dense(64, 128, "relu", init="he", rng=1), Dense(128, 10, "linear", rng=2)])


def small_net(out="linear", n_out=2, hidden="tanh", seed=0):
    return Network([Dense(2, 8, hidden, rng=seed), Dense(8, n_out, out, rng=seed + 1)])


# ------------------------------------------------------------------ the training step's gradients
class Recorder(SGD):
    """SGD that keeps a copy of the gradients it is given: what training really applies."""

    def step(self, params, grads):
        self.seen = [{k: g.copy() for k, g in layer.items()} for layer in grads]
        super().step(params, grads)


def applied_gradients(net, X, y, loss, l1=0.0, l2=0.0, rng=None):
    """The loss and the gradients one training step of ``net`` uses (on a copy of ``net``)."""
    trainer = Trainer(net.copy(), loss, Recorder(learning_rate=0.0), l1=l1, l2=l2, rng=rng)
    value = trainer.train_step(X, y)
    return value, trainer.optimizer.seen


CASES = [
    ("cross_entropy", "linear", 3, "relu"),
    ("cross_entropy", "softmax", 3, "tanh"),
    ("binary_cross_entropy", "sigmoid", 1, "sigmoid"),
    ("binary_cross_entropy", "linear", 1, "leaky_relu"),
    ("binary_cross_entropy", "sigmoid", 2, "elu"),
    ("mse", "linear", 2, "softplus"),
    ("mse", "sigmoid", 1, "tanh"),
    ("mse", "softmax", 3, "relu"),
]


@pytest.mark.parametrize("loss, out, n_out, hidden", CASES)
@pytest.mark.parametrize("l1, l2", [(0.0, 0.0), (0.01, 0.02)])
def test_training_gradients_match_finite_differences(loss, out, n_out, hidden, l1, l2):
    """The gradients the training step applies are the loss's slopes, measured numerically."""
    rng = np.random.default_rng(3)
    net = Network(
        [Dense(4, 6, hidden, rng=0), Dense(6, 5, hidden, rng=1), Dense(5, n_out, out, rng=2)]
    )
    for layer in net.dense_layers:
        layer.b[:] = rng.normal(size=layer.b.shape)
    X = rng.normal(size=(7, 4))
    if loss == "cross_entropy":
        y = rng.integers(0, n_out, size=7)
    elif loss == "binary_cross_entropy":
        y = rng.integers(0, 2, size=(7, n_out)).astype(float)
    else:
        y = rng.random((7, n_out))
    assert distance_to_kinks(net, X, l1) > 1e-3
    value, grads = applied_gradients(net, X, y, loss, l1, l2)
    assert value == pytest.approx(net.loss(X, y, loss, l1=l1, l2=l2), rel=1e-13)
    numeric = numerical_gradients(net, X, y, loss, l1, l2)
    for g, n in zip(grads, numeric, strict=True):
        assert g.keys() == n.keys()
        for key in g:
            np.testing.assert_allclose(g[key], n[key], rtol=1e-7, atol=1e-9)


def test_hidden_layer_gradients_by_hand():
    """Backpropagation written out for 2-3-2 (tanh, softmax, cross-entropy) and for
    2-4-3-1 (ReLU, sigmoid, sigmoid output, binary cross-entropy, L2): the training step's
    gradients are these formulas.
    """
    rng = np.random.default_rng(0)
    X = rng.normal(size=(5, 2))
    # --- one hidden layer
    net = Network([Dense(2, 3, "tanh", rng=1), Dense(3, 2, "softmax", rng=2)])
    (W1, b1), (W2, b2) = net.get_weights()
    y = np.array([0, 1, 1, 0, 1])
    Y = np.eye(2)[y]
    a1 = np.tanh(X @ W1 + b1)
    z2 = a1 @ W2 + b2
    p = np.exp(z2) / np.exp(z2).sum(axis=1, keepdims=True)
    delta2 = (p - Y) / 5
    delta1 = (delta2 @ W2.T) * (1 - a1**2)
    value, grads = applied_gradients(net, X, y, "cross_entropy")
    assert value == pytest.approx(-np.mean(np.log(p[np.arange(5), y])), rel=1e-13)
    expected = [(X.T @ delta1, delta1.sum(0)), (a1.T @ delta2, delta2.sum(0))]
    for g, (gW, gb) in zip(grads, expected, strict=True):
        np.testing.assert_allclose(g["W"], gW, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(g["b"], gb, rtol=1e-12, atol=1e-15)
    # --- two hidden layers, a weight penalty
    net = Network(
        [Dense(2, 4, "relu", rng=3), Dense(4, 3, "sigmoid", rng=4), Dense(3, 1, "sigmoid", rng=5)]
    )
    (W1, b1), (W2, b2), (W3, b3) = net.get_weights()
    y = np.array([1.0, 0.0, 1.0, 1.0, 0.0])
    l2 = 0.05
    z1 = X @ W1 + b1
    a1 = np.maximum(z1, 0)
    a2 = 1 / (1 + np.exp(-(a1 @ W2 + b2)))
    p = 1 / (1 + np.exp(-(a2 @ W3 + b3)))
    delta3 = (p - y[:, None]) / 5
    delta2 = (delta3 @ W3.T) * a2 * (1 - a2)
    delta1 = (delta2 @ W2.T) * (z1 > 0)
    value, grads = applied_gradients(net, X, y, "binary_cross_entropy", l2=l2)
    bce = -np.mean(y * np.log(p[:, 0]) + (1 - y) * np.log(1 - p[:, 0]))
    assert value == pytest.approx(bce + l2 * sum((W**2).sum() for W in (W1, W2, W3)), rel=1e-12)
    expected = [
        (X.T @ delta1 + 2 * l2 * W1, delta1.sum(0)),
        (a1.T @ delta2 + 2 * l2 * W2, delta2.sum(0)),
        (a2.T @ delta3 + 2 * l2 * W3, delta3.sum(0)),
    ]
    for g, (gW, gb) in zip(grads, expected, strict=True):
        np.testing.assert_allclose(g["W"], gW, rtol=1e-11, atol=1e-15)
        np.testing.assert_allclose(g["b"], gb, rtol=1e-11, atol=1e-15)


def test_custom_loss_goes_through_the_network_rule():
    from nn_course.losses import Loss

    class MeanAbsoluteError(Loss):
        name = "mae"

        def targets(self, y, y_pred):
            y = np.asarray(y, dtype=float)
            return y[:, None] if y.ndim == 1 else y

        def __call__(self, y_pred, y):
            return float(np.mean(np.abs(y_pred - self.targets(y, y_pred))))

        def gradient(self, y_pred, y):
            return np.sign(y_pred - self.targets(y, y_pred)) / y_pred.size

    rng = np.random.default_rng(0)
    net = small_net("tanh", 1)
    X, y = rng.normal(size=(9, 2)), rng.normal(size=9)
    assert np.abs(net.forward(X)[:, 0] - y).min() > 1e-2  # away from the kink of |.|
    value, grads = applied_gradients(net, X, y, MeanAbsoluteError())
    assert value == pytest.approx(MeanAbsoluteError()(net.forward(X), y), rel=1e-13)
    numeric = numerical_gradients(net, X, y, MeanAbsoluteError())
    for g, n in zip(grads, numeric, strict=True):
        for key in g:
            np.testing.assert_allclose(g[key], n[key], rtol=1e-7, atol=1e-10)
    h = fit(net, X, y, loss=MeanAbsoluteError(), epochs=3, validation_data=(X, y), rng=0)
    assert sorted(h.history) == ["loss", "val_loss"]
    assert h["val_loss"][-1] == pytest.approx(MeanAbsoluteError()(net.forward(X), y), rel=1e-12)


def test_layer_subclasses_are_used_forward_and_backward():
    """Training goes through each layer's own trace and backward: a learner's layer counts."""

    class Doubling(Dense):
        """a = 2 f(z): the forward pass doubles, so dL/da is doubled on the way back."""

        def trace(self, X, training=False, rng=None):
            step = super().trace(X, training, rng)
            step.a = 2 * step.a
            return step

        def backward(self, step, grad_a=None, delta=None, input_grad=True):
            return super().backward(step, None if grad_a is None else 2 * grad_a, delta, input_grad)

    net = Network([Doubling(2, 3, "linear", rng=0), Dense(3, 2, "linear", rng=1)])
    X = np.random.default_rng(0).normal(size=(5, 2))
    y = np.array([0, 1, 1, 0, 1])
    value, grads = applied_gradients(net, X, y, "cross_entropy", l2=0.1)
    assert value == pytest.approx(net.loss(X, y, "cross_entropy", l2=0.1), rel=1e-13)
    numeric = numerical_gradients(net, X, y, "cross_entropy", l2=0.1)
    np.testing.assert_allclose(grads[0]["W"], numeric[0]["W"], rtol=1e-7, atol=1e-10)
    # without the backward override the doubling is missed, and the check says so
    del Doubling.backward
    _, wrong = applied_gradients(net, X, y, "cross_entropy", l2=0.1)
    assert not np.allclose(wrong[0]["W"], numeric[0]["W"], rtol=1e-3)
    assert Trainer(net, l2=0.1).evaluate(X, y)["loss"] == pytest.approx(
        net.loss(X, y, "cross_entropy", l2=0.1)
    )


def test_accuracy_is_one_definition():
    """The accuracy fit records is Network.accuracy: per sample for classes, per output
    (every yes/no answer counts) for several binary cross-entropy outputs.
    """
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 2))
    Y = (rng.random((40, 3)) < 0.5).astype(float)
    net = Network([Dense(2, 5, "tanh", rng=0), Dense(5, 3, "sigmoid", rng=1)])
    by_hand = float(np.mean((net.forward(X) > 0.5) == Y))
    assert net.accuracy(X, Y, loss="binary_cross_entropy") == by_hand
    h = fit(
        net.copy(), X, Y, loss="binary_cross_entropy", learning_rate=0.0, epochs=1, batch_size=None
    )
    assert h["accuracy"] == [by_hand]
    # the argmax reading of the same outputs is a different number: not what BCE measures
    assert net.accuracy(X, Y.argmax(axis=1)) != by_hand
    # classes: the fraction of samples whose largest output is the label
    y = rng.integers(0, 3, size=40)
    net = Network([Dense(2, 5, "tanh", rng=0), Dense(5, 3, "linear", rng=1)])
    by_hand = float(np.mean(net.forward(X).argmax(axis=1) == y))
    assert net.accuracy(X, y) == net.accuracy(X, y, loss="cross_entropy") == by_hand
    h = fit(net.copy(), X, y, learning_rate=0.0, epochs=1, batch_size=None, validation_data=(X, y))
    assert h["accuracy"] == h["val_accuracy"] == [by_hand]


# ------------------------------------------------------------------ learning, reproducibility
def test_fit_on_digits_reaches_97_percent_and_is_reproducible(digits_split):
    X_tr, X_te, y_tr, y_te = digits_split
    runs = []
    for _ in range(2):
        net = digits_net()
        h = fit(
            net,
            X_tr,
            y_tr,
            learning_rate=0.1,
            epochs=20,
            batch_size=32,
            rng=0,
            validation_data=(X_te, y_te),
        )
        runs.append((net, h))
    (net, h), (net2, h2) = runs
    assert net.accuracy(X_te, y_te) >= 0.97
    assert h["val_accuracy"][-1] == net.accuracy(X_te, y_te)
    assert h.history == h2.history  # bit for bit
    for (W, b), (W2, b2) in zip(net.get_weights(), net2.get_weights(), strict=True):
        assert np.array_equal(W, W2) and np.array_equal(b, b2)
    assert sorted(h.history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert h.epochs == list(range(1, 21)) and not h.diverged and h.stop_reason is None
    assert h["loss"][-1] < h["loss"][0]


def test_network_fit_delegates_to_training_fit():
    X, y = datasets.blobs(60, rng=0)
    a, b = small_net(), small_net()
    h1 = a.fit(X, y, epochs=3, rng=0)
    h2 = fit(b, X, y, epochs=3, rng=0)
    assert isinstance(h1, History) and h1.history == h2.history


def test_large_data_path_visits_batches_in_the_same_order(monkeypatch):
    """Data above the copy threshold is gathered batch by batch: same numbers."""
    X, y = datasets.moons(100, rng=0)
    h1 = fit(small_net(), X, y, epochs=3, batch_size=16, rng=0)
    monkeypatch.setattr(trainer_module, "_SHUFFLE_COPY_BYTES", 0)
    h2 = fit(small_net(), X, y, epochs=3, batch_size=16, rng=0)
    assert h1.history == h2.history


def test_metrics_per_loss():
    X, y = datasets.moons(80, rng=0)
    h = fit(small_net("sigmoid", 1), X, y, loss="binary_cross_entropy", epochs=2, rng=0)
    assert sorted(h.history) == ["accuracy", "loss"]
    h = fit(small_net("linear", 1), X, y.astype(float), loss="mse", epochs=2, rng=0)
    assert sorted(h.history) == ["loss"]
    h = fit(small_net(), X, np.eye(2)[y], epochs=2, rng=0)  # one-hot labels
    assert 0 <= h["accuracy"][-1] <= 1


def test_full_batch_and_learning_rate_default():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0])
    net = Network([Dense(2, 4, "tanh", rng=0), Dense(4, 1, "sigmoid", rng=1)])
    h = fit(
        net,
        X,
        y,
        loss="binary_cross_entropy",
        learning_rate=2.0,
        epochs=1000,
        batch_size=None,
        rng=0,
    )
    assert h.params["batch_size"] == 4
    assert h["accuracy"][-1] == 1.0
    assert h.params["optimizer"]["learning_rate"] == 2.0
    assert fit(small_net(), X, y, epochs=1).params["optimizer"]["learning_rate"] == 0.1


# ------------------------------------------------------------------ divergence
def test_divergence_at_learning_rate_1e3_stops_with_message_and_finite_weights(digits_split):
    X_tr, _, y_tr, _ = digits_split
    net = digits_net()
    initial = net.get_weights()
    h = fit(net, X_tr, y_tr, learning_rate=1e3, epochs=5, rng=0)
    assert h.diverged and h.stop_reason == "diverged" and h.stopped_epoch == 1
    assert "diverged" in h.message and "learning rate (1000) is probably too high" in h.message
    assert len(h) == 0  # the diverged epoch is not recorded
    for (W, b), (W0, b0) in zip(net.get_weights(), initial, strict=True):
        assert np.isfinite(W).all() and np.isfinite(b).all()
        assert np.array_equal(W, W0) and np.array_equal(b, b0)  # epoch 1: the initial weights


def test_divergence_after_good_epochs_keeps_last_finite_epoch():
    X, y = datasets.moons(100, rng=0)
    net = small_net()
    kept = {}

    class Boost(Callback):
        def on_epoch_end(self, epoch, logs):
            kept[epoch] = self.trainer.net.get_weights()
            if epoch == 2:
                self.trainer.optimizer.learning_rate = 1e8

    h = fit(net, X, y, epochs=6, rng=0, callbacks=[Boost()])
    assert h.diverged and h.stopped_epoch == 3 and len(h) == 2
    assert "end of epoch 2" in h.message
    for (W, _), (W2, _) in zip(net.get_weights(), kept[2], strict=True):
        assert np.array_equal(W, W2)


def test_divergence_can_raise_and_verbose_prints(capsys):
    X, y = datasets.moons(50, rng=0)
    with pytest.raises(DivergenceError, match="too high"):
        fit(small_net(), X, y, learning_rate=1e9, epochs=3, rng=0, on_divergence="raise")
    h = fit(small_net(), X, y, learning_rate=1e9, epochs=3, rng=0)
    assert h.diverged and capsys.readouterr().out == ""  # quiet by default
    fit(small_net(), X, y, learning_rate=1e9, epochs=3, rng=0, verbose=True)
    assert "probably too high" in capsys.readouterr().out


# ------------------------------------------------------------------ early stopping
def test_early_stopping_restores_best_weights():
    X, y = datasets.moons(60, noise=0.35, rng=1)
    X_val, y_val = datasets.moons(200, noise=0.35, rng=2)
    net = Network(
        [Dense(2, 64, "relu", rng=0), Dense(64, 64, "relu", rng=1), Dense(64, 2, "linear", rng=2)]
    )
    seen = {}
    h = fit(
        net,
        X,
        y,
        optimizer="adam",
        learning_rate=0.02,
        epochs=300,
        batch_size=8,
        rng=0,
        validation_data=(X_val, y_val),
        callbacks=[
            EarlyStopping(patience=5),
            lambda epoch, logs: seen.__setitem__(epoch, net.get_weights()),
        ],
    )
    assert h.stop_reason == "early_stopping" and len(h) < 300
    best = int(np.argmin(h["val_loss"])) + 1
    assert h.best_epoch == best and best < len(h)
    for (W, b), (Wb, bb) in zip(net.get_weights(), seen[best], strict=True):
        assert np.array_equal(W, Wb) and np.array_equal(b, bb)
    assert evaluate(net, X_val, y_val)["loss"] == pytest.approx(min(h["val_loss"]), rel=1e-12)
    assert f"Restored the weights of epoch {best}" in h.message


def test_early_stopping_needs_the_monitored_key():
    X, y = datasets.blobs(40, rng=0)
    with pytest.raises(ValueError, match="Pass validation_data"):
        fit(small_net(), X, y, epochs=2, callbacks=[EarlyStopping()])
    with pytest.raises(ValueError, match="mode must be"):
        EarlyStopping(mode="up")
    stop = EarlyStopping(3, "val_accuracy")  # patience first, as in the course's API
    assert stop.patience == 3 and stop.mode == "max"


# ------------------------------------------------------------------ callbacks and Trainer
def test_callbacks_can_log_and_stop():
    X, y = datasets.blobs(40, rng=0)

    class StopAt2(Callback):
        def on_epoch_end(self, epoch, logs):
            logs["double_loss"] = 2 * logs["loss"]
            if epoch == 2:
                self.trainer.stop_training = True

    sched = LearningRateScheduler(lambda epoch, lr: 0.2 / epoch)
    h = fit(small_net(), X, y, epochs=10, rng=0, callbacks=[sched, StopAt2()])
    assert h.stop_reason == "callback" and h.stopped_epoch == 2
    assert h["double_loss"] == [2 * v for v in h["loss"]]
    assert h["learning_rate"] == [0.2, 0.1]


def test_on_epoch_begin_sets_the_learning_rate_of_that_epoch():
    """The hook for schedules: a rate set in on_epoch_begin is the one the epoch's steps use."""
    X, y = datasets.blobs(40, rng=0)
    weights = {}

    class FreezeEpoch2(Callback):
        def on_epoch_begin(self, epoch):
            self.trainer.optimizer.learning_rate = 0.0 if epoch == 2 else 0.1
            weights[epoch] = self.trainer.net.get_weights()

    net = small_net()
    fit(net, X, y, epochs=3, rng=0, callbacks=[FreezeEpoch2()])
    same = [np.array_equal(W2, W3) for (W2, _), (W3, _) in zip(weights[2], weights[3])]
    moved = [np.array_equal(W1, W2) for (W1, _), (W2, _) in zip(weights[1], weights[2])]
    assert all(same) and not any(moved)


def test_trainer_step_epoch_and_learning_rate_between_steps():
    X, y = datasets.moons(64, rng=0)
    a = Trainer(small_net(), "cross_entropy", "momentum", learning_rate=0.05, rng=0)
    loss_a = a.train_epoch(X, y, batch_size=16)
    assert math.isfinite(loss_a) and a.steps == 4
    b = Trainer(small_net(), "cross_entropy", "sgd", learning_rate=0.5, rng=0)
    first = b.train_step(X, y)
    b.learning_rate = 0.0  # e.g. a slider moved to 0 between two steps
    before = b.net.get_weights()
    second = b.train_step(X, y)
    assert second < first
    assert all(np.array_equal(W, W2) for (W, _), (W2, _) in zip(before, b.net.get_weights()))
    assert b.train_step(X, y) == second  # nothing moved, same loss
    stats = a.evaluate(X, y)
    assert set(stats) == {"loss", "accuracy"}
    a.l2 = 0.1
    assert a.evaluate(X, y)["loss"] > stats["loss"]
    with pytest.raises(ValueError, match="l2 must be a number >= 0"):
        a.l2 = -1


def test_trainer_epoch_matches_fit():
    X, y = datasets.moons(64, rng=0)
    net_a, net_b = small_net(), small_net()
    t = Trainer(net_a, rng=5)
    losses = [t.train_epoch(X, y, batch_size=10) for _ in range(3)]
    h = fit(net_b, X, y, epochs=3, batch_size=10, rng=5)
    assert losses == h["loss"]


# ------------------------------------------------------------------ bad arguments
@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"learning_rate": -0.1}, ValueError, r"learning_rate must be a number >= 0; got -0\.1"),
        ({"batch_size": 0}, ValueError, r"batch_size must be an integer >= 1; got 0"),
        ({"batch_size": 2.5}, TypeError, r"batch_size must be an integer >= 1; got 2\.5"),
        ({"epochs": 2.5}, TypeError, r"epochs must be an integer >= 1 .*got 2\.5 \(float\)"),
        ({"epochs": "10"}, TypeError, r"epochs must be an integer >= 1 .*got '10' \(str\)"),
        ({"epochs": 0}, ValueError, r"epochs must be an integer >= 1; got 0"),
        ({"optimizer": "sgdd"}, ValueError, r"Unknown optimizer 'sgdd'; did you mean 'sgd'\?"),
        ({"optimizer": "Adamm"}, ValueError, r"did you mean 'adam'\?"),
        ({"loss": "crossentropy"}, ValueError, r"did you mean 'cross_entropy'\?"),
        ({"l2": -1}, ValueError, r"l2 must be a number >= 0; got -1"),
        ({"validation_data": [1, 2, 3]}, TypeError, r"validation_data must be a pair"),
        ({"callbacks": [3]}, TypeError, r"each callback must be a Callback"),
        ({"on_divergence": "ignore"}, ValueError, r"on_divergence must be 'stop' or 'raise'"),
        ({"rng": "seed"}, TypeError, r"rng must be a numpy.random.Generator"),
    ],
)
def test_bad_arguments_give_clear_errors(kwargs, error, message):
    X, y = datasets.blobs(20, rng=0)
    with pytest.raises(error, match=message):
        fit(small_net(), X, y, **kwargs)


def test_bad_data_and_network():
    X, y = datasets.blobs(20, rng=0)
    with pytest.raises(ValueError, match="X must have 2 feature column"):
        fit(small_net(), np.ones((20, 3)), y)
    with pytest.raises(ValueError, match="class labels 0..1"):
        fit(small_net(), X, y + 5)
    with pytest.raises(TypeError, match="net must be a nn_course Network"):
        fit("net", X, y)
    with pytest.raises(ValueError, match="binary_cross_entropy"):
        fit(small_net("linear", 1), X, y)  # cross_entropy on one output
    with pytest.raises(ValueError, match="got 'sigmoid'"):
        fit(small_net("sigmoid", 2), X, y)  # cross_entropy after sigmoid
    with pytest.raises(ValueError, match="X and y must have the same number of samples"):
        fit(small_net(), X, y[:5])


def test_history_helpers():
    h = History()
    h.append(1, {"loss": 1.0})
    h.append(2, {"loss": 0.5, "val_loss": 0.7})
    assert h["val_loss"][0] != h["val_loss"][0] and h["val_loss"][1] == 0.7
    assert "loss" in h and len(h) == 2 and "epochs=2" in repr(h)
    with pytest.raises(KeyError, match="History has no 'accuracy'"):
        h["accuracy"]


def test_dropout_network_trains_and_predicts_deterministically():
    X, y = datasets.moons(100, rng=0)
    net = Network([Dense(2, 16, "relu", rng=0), Dropout(0.3), Dense(16, 2, "linear", rng=1)])
    h = fit(net, X, y, epochs=20, rng=0)
    assert h["loss"][-1] < h["loss"][0]
    assert np.array_equal(net.forward(X), net.forward(X))
