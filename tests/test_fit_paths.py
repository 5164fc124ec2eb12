"""fit's two ways through the epochs give the same numbers, bit for bit.

When nothing watches the epochs one by one (no callback, validation set or progress bar) and
every epoch is one full batch, ``fit`` runs them in blocks and measures their losses after
each block, at once (``training._run_unwatched``); otherwise it logs epoch by epoch
(``training._run_epochs``). A callback that does nothing forces the second way, so the two
can be compared on the same run: same history, same stop, same weights.
"""

from __future__ import annotations

import numpy as np
import pytest

from nn_course import Dense, Dropout, Network, datasets, losses, training
from nn_course.history import History
from nn_course.trainer import Trainer

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])


def moons():
    return datasets.moons(60, noise=0.2, rng=0)


def net_for(out: str, n_out: int, dropout: bool = False) -> Network:
    layers = [Dense(2, 6, "tanh", rng=0)] + ([Dropout(0.2)] if dropout else [])
    return Network(layers + [Dense(6, n_out, out, rng=1)])


def both_ways(make_net, X, y, **kwargs):
    """fit unwatched and watched (a callback that does nothing), from the same start."""
    results = []
    for callbacks in ([], [lambda epoch, logs: None]):
        net = make_net()
        history = training.fit(net, X, y, batch_size=None, callbacks=callbacks, **kwargs)
        results.append((history, net))
    return results


def assert_same_run(a, b):
    (ha, net_a), (hb, net_b) = a, b
    assert ha.history == hb.history  # floats compared exactly
    assert ha.epochs == hb.epochs
    assert (ha.diverged, ha.stop_reason, ha.stopped_epoch, ha.message) == (
        hb.diverged,
        hb.stop_reason,
        hb.stopped_epoch,
        hb.message,
    )
    for (Wa, ba), (Wb, bb) in zip(net_a.get_weights(), net_b.get_weights(), strict=True):
        assert np.array_equal(Wa, Wb, equal_nan=True) and np.array_equal(ba, bb, equal_nan=True)


@pytest.fixture(params=[2**16, 150], ids=["default blocks", "blocks of a few epochs"])
def block_values(request, monkeypatch):
    """Also run with tiny blocks, so that a run crosses many block boundaries."""
    monkeypatch.setattr(training, "_BLOCK_VALUES", request.param)
    return request.param


CASES = {
    "xor bce sigmoid": (lambda: net_for("sigmoid", 1), "xor", "binary_cross_entropy", "sgd", 1.0),
    "bce linear logit": (lambda: net_for("linear", 1), "moons", "binary_cross_entropy", "sgd", 0.5),
    "bce two outputs": (
        lambda: net_for("sigmoid", 2),
        "moons2",
        "binary_cross_entropy",
        "adam",
        0.05,
    ),
    "ce softmax": (lambda: net_for("softmax", 2), "moons", "cross_entropy", "momentum", 0.1),
    "ce linear": (lambda: net_for("linear", 2), "moons", "cross_entropy", "sgd", 0.5),
    "mse": (lambda: net_for("linear", 1), "moons_float", "mse", "rmsprop", 0.01),
    "dropout": (lambda: net_for("linear", 2, dropout=True), "moons", "cross_entropy", "sgd", 0.3),
}


def data(name):
    if name == "xor":
        return XOR_X, XOR_Y
    X, y = moons()
    return X, {"moons": y, "moons2": np.eye(2)[y], "moons_float": y.astype(float)}[name]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("shuffle", [False, True])
def test_unwatched_epochs_record_what_watched_epochs_record(case, shuffle, block_values):
    make_net, data_name, loss, optimizer, lr = CASES[case]
    X, y = data(data_name)
    runs = both_ways(
        make_net, X, y, loss=loss, optimizer=optimizer, learning_rate=lr, epochs=25,
        shuffle=shuffle, rng=3,
    )  # fmt: skip
    assert_same_run(*runs)
    assert len(runs[0][0]) == 25 and not runs[0][0].diverged


DIVERGING = {  # each stops in the epoch given
    "xor, epoch 2": ("sigmoid", "binary_cross_entropy", 1e9, 2),
    "xor, epoch 3": ("sigmoid", "binary_cross_entropy", 1e3, 3),
    "mse, epoch 7": ("linear", "mse", 1.0, 7),
    "mse, epoch 10": ("linear", "mse", 0.8, 10),
}


@pytest.mark.parametrize("case", DIVERGING)
def test_a_diverging_block_stops_where_the_epoch_by_epoch_loop_stops(case, block_values):
    """The loss explodes inside a block: the block is run again, guarded, from its start."""
    out, loss, lr, epoch = DIVERGING[case]
    X, y = (XOR_X, XOR_Y) if loss != "mse" else data("moons_float")
    runs = both_ways(
        lambda: net_for(out, 1), X, y, loss=loss, learning_rate=lr, epochs=400, shuffle=False
    )
    assert runs[0][0].diverged and runs[0][0].stopped_epoch == epoch
    assert_same_run(*runs)


def test_a_penalty_keeps_the_guarded_steps_and_the_same_numbers(block_values):
    X, y = moons()
    runs = both_ways(
        lambda: net_for("linear", 2), X, y, learning_rate=0.5, epochs=20, l2=0.01, rng=0
    )
    assert_same_run(*runs)


@pytest.mark.parametrize(
    "loss, activation",
    [("binary_cross_entropy", "logits"), ("cross_entropy", "logits"), ("mse", "outputs")],
)
def test_loss_values_of_a_stack_are_each_batchs_value(loss, activation):
    """Measuring many batches at once gives each batch's loss bit for bit."""
    rng = np.random.default_rng(0)
    loss = losses.get(loss)
    values = loss.values_from_logits if activation == "logits" else loss.values
    for n, k in [(1, 1), (4, 1), (9, 3), (100, 10), (1347, 10)]:
        Z = rng.normal(scale=4.0, size=(5, n, k))
        Y = (
            np.eye(k)[rng.integers(0, k, size=(5, n))]
            if loss.name != "mse"
            else rng.random((5, n, k))
        )
        at_once = values(Z, Y)
        assert at_once.shape == (5,)
        for i in range(5):
            assert at_once[i] == values(Z[i], Y[i])
            if activation == "logits":
                value, _ = loss.value_and_gradient_from_logits(Z[i], Y[i])
            else:
                value, _ = loss.value_and_gradient(Z[i], Y[i])
            assert value == at_once[i]
        shared = values(Z, Y[0])  # one target batch for the whole stack (an unshuffled run)
        assert all(shared[i] == values(Z[i], Y[0]) for i in range(5))


@pytest.mark.parametrize(
    "loss, activation",
    [("binary_cross_entropy", "sigmoid"), ("cross_entropy", "softmax"), ("mse", "linear")],
)
def test_the_training_losses_agree_with_the_reference_formulas(loss, activation):
    rng = np.random.default_rng(1)
    Z = rng.normal(size=(7, 3))
    y = rng.integers(0, 3, size=7) if loss == "cross_entropy" else rng.random((7, 3))
    loss = losses.get(loss)
    Y = loss.targets(y, Z)
    if activation == "linear":
        assert loss.values(Z, Y) == pytest.approx(loss(Z, y), rel=1e-14)
    else:
        assert loss.values_from_logits(Z, Y) == pytest.approx(loss.from_logits(Z, y), rel=1e-14)


def test_measure_false_skips_the_loss_and_keeps_the_gradients():
    net = net_for("softmax", 2)
    X, y = moons()
    loss = net.check_loss("cross_entropy")
    Y = net.prepare_targets(y, loss)
    value, grads, _ = net.backprop(X, Y, loss, 0.0, 0.01)
    skipped, same_grads, _ = net.backprop(X, Y, loss, 0.0, 0.01, measure=False)
    assert skipped is None and isinstance(value, float)
    for g, h in zip(grads, same_grads, strict=True):
        assert all(np.array_equal(g[key], h[key]) for key in g)


def test_epoch_accuracies_count_the_decisions_before_each_update():
    """With learning rate 0 nothing changes: every epoch's accuracy is the network's."""
    X, y = moons()
    trainer = Trainer(net_for("linear", 2), "cross_entropy", "sgd", learning_rate=0.0, rng=0)
    X, Y, labels = trainer.prepare(X, y)
    losses_, accuracies, _ = trainer.run_epochs(X, Y, labels, 7, True, 3)
    assert accuracies == [trainer.net.accuracy(X, y)] * 3
    assert len(losses_) == 3


def test_a_snapshot_brings_back_the_same_steps():
    X, y = moons()
    trainer = Trainer(net_for("linear", 2, dropout=True), "cross_entropy", "adam", rng=0)
    X, Y, labels = trainer.prepare(X, y)
    saved = trainer.snapshot()
    first = trainer.run_epochs(X, Y, labels, 60, True, 4)
    weights = trainer.net.get_weights()
    trainer.restore(saved)
    assert trainer.steps == 0 and trainer.optimizer.iterations == 0
    again = trainer.run_epochs(X, Y, labels, 60, True, 4)
    assert first == again
    for (W, b), (W2, b2) in zip(weights, trainer.net.get_weights(), strict=True):
        assert np.array_equal(W, W2) and np.array_equal(b, b2)


def test_history_extend_is_append_epoch_by_epoch():
    one, many = History(), History()
    epochs = [{"loss": 0.5, "accuracy": 0.75}, {"loss": 0.25, "accuracy": 1.0}]
    for i, logs in enumerate(epochs, 1):
        one.append(i, logs)
    many.extend([1, 2], {"loss": [0.5, 0.25], "accuracy": [0.75, 1.0]})
    assert (one.history, one.epochs) == (many.history, many.epochs)
    one.append(3, {"loss": 0.125, "extra": 1.0})  # a new key: padded with NaN before
    many.extend([3], {"loss": [0.125], "extra": [1.0]})
    assert np.array_equal(one["extra"], many["extra"], equal_nan=True)
    many.extend([], {"loss": []})
    assert many.epochs == [1, 2, 3]
