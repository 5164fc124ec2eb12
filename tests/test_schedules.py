"""Learning-rate schedules: values by hand, the callback sets the optimizer's rate per epoch."""

import math

import numpy as np
import pytest

from nn_course import Dense, Network
from nn_course.schedules import (ScheduleCallback, constant, cosine, learning_rates, step_decay,
                                 warmup)
from nn_course.training import Callback, fit


def test_step_decay_is_a_staircase():
    assert learning_rates(step_decay(0.2, drop=0.5, every=3), 7) == pytest.approx(
        [0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.05])


def test_cosine_by_hand():
    c = cosine(0.1, epochs=5, final=0.02)
    expected = [0.02 + 0.08 * 0.5 * (1 + math.cos(math.pi * k / 4)) for k in range(5)]
    assert learning_rates(c, 5) == pytest.approx(expected)
    assert c(9) == pytest.approx(0.02)  # stays at final after the last epoch
    assert np.all(np.diff(learning_rates(c, 5)) < 0)


def test_warmup_climbs_then_follows_the_schedule():
    w = warmup(step_decay(0.3, 0.5, 4), epochs=3)
    assert learning_rates(w, 6) == pytest.approx([0.1, 0.2, 0.3, 0.3, 0.15, 0.15])


def test_callback_sets_the_rate_before_each_epoch():
    seen = []

    class Spy(Callback):  # runs after ScheduleCallback.on_epoch_begin in the same epoch
        def on_epoch_begin(self, epoch):
            seen.append(self.trainer.optimizer.learning_rate)

    net = Network([Dense(2, 1, "linear", rng=0)])
    schedule = warmup(cosine(0.1, epochs=4), epochs=2)
    history = fit(net, np.ones((4, 2)), np.ones(4), loss="mse", epochs=4, rng=0,
                  callbacks=[ScheduleCallback(schedule), Spy()])
    assert seen == pytest.approx(learning_rates(schedule, 4))
    assert history["learning_rate"] == pytest.approx(learning_rates(schedule, 4))


def test_the_schedule_changes_the_training():
    X, y = np.random.default_rng(0).normal(size=(20, 2)), np.arange(20) % 2
    runs = []
    for callbacks in ([], [ScheduleCallback(constant(0.001))]):
        net = Network([Dense(2, 2, "linear", rng=0)])
        runs.append(fit(net, X, y, learning_rate=0.5, epochs=3, rng=0, callbacks=callbacks))
    assert runs[0]["loss"][-1] != pytest.approx(runs[1]["loss"][-1])


def test_bad_arguments():
    with pytest.raises(ValueError, match="drop must be in"):
        step_decay(0.1, drop=2.0)
    with pytest.raises(ValueError, match="final"):
        cosine(0.1, epochs=10, final=0.5)
    with pytest.raises(ValueError, match="epoch must be an integer >= 1"):
        constant(0.1)(0)
    with pytest.raises(TypeError, match="schedule must be a function"):
        ScheduleCallback(0.1)
    with pytest.raises(TypeError, match="schedule must be a function"):
        warmup("cosine", 3)


def test_schedule_callback_is_the_learning_rate_scheduler_of_an_epoch_schedule():
    # one mechanism sets the rate: ScheduleCallback only adapts schedule(epoch) to it
    from nn_course.callbacks import LearningRateScheduler

    callback = ScheduleCallback(step_decay(0.1, 0.5, 1))
    assert isinstance(callback, LearningRateScheduler)
    assert callback.schedule(3, 123.0) == step_decay(0.1, 0.5, 1)(3) == 0.025
