"""Sharing a playground set-up: a short string that restores it exactly (data, seeds, weights)."""

from __future__ import annotations

import numpy as np
import pytest

from nn_course.playground_share import (
    MAX_SHARED_POINTS,
    PREFIX,
    decode,
    encode,
    share_url,
    state_from_query,
)
from nn_course.widgets import playground


def _weights(lab):
    return [(W.copy(), b.copy()) for W, b in lab.net.get_weights()]


def test_round_trip_restores_the_set_up_to_the_last_bit():
    lab = playground(dataset="spiral", noise=20, hidden=[5, 3], features=["x1", "x2", "sin(x1)"],
                     learning_rate=0.1, regularization="L2", reg_rate=0.003, seed=7, data_seed=11)
    code = lab.share()
    assert code.startswith(PREFIX) and len(code) < 400
    copy = playground(state=code)
    assert copy.get_state() == lab.get_state()
    for a, b in [(copy.X_train, lab.X_train), (copy.y_test, lab.y_test)]:
        assert np.array_equal(a, b)
    for (W1, b1), (W2, b2) in zip(_weights(copy), _weights(lab)):
        assert np.array_equal(W1, W2) and np.array_equal(b1, b2)
    lab.run_epochs(15)
    copy.run_epochs(15)  # the same epochs replayed: the same weights, bit for bit
    for (W1, b1), (W2, b2) in zip(_weights(copy), _weights(lab)):
        assert np.array_equal(W1, W2) and np.array_equal(b1, b2)
    assert copy.history["train_loss"] == lab.history["train_loss"]


def test_shared_trained_weights_come_back_exactly():
    lab = playground(dataset="xor", hidden=[3], learning_rate=0.3)
    lab.run_epochs(10)
    copy = playground(state=lab.share(include_weights=True))
    for (W1, b1), (W2, b2) in zip(_weights(copy), _weights(lab)):
        assert np.array_equal(W1, W2) and np.array_equal(b1, b2)


def test_own_data_rows_travel_exactly_up_to_the_limit():
    rng = np.random.default_rng(0)
    rows = np.c_[rng.normal(size=(MAX_SHARED_POINTS, 2)), rng.integers(0, 2, MAX_SHARED_POINTS)]
    state = {"dataset": "custom", "data": rows}
    back = decode(encode(state))
    assert np.array_equal(np.array(back["data"]), rows)  # floats exact through JSON
    too_many = np.r_[rows, rows[:1]]
    with pytest.raises(ValueError, match=f"up to {MAX_SHARED_POINTS} points"):
        encode({"dataset": "custom", "data": too_many})


@pytest.mark.parametrize(
    "bad, says",
    [
        ("hello", "should start with"),
        (PREFIX + "not-base64!!", "damaged"),
        (PREFIX + "eNqrVkrJT", "damaged"),  # cut short
        (PREFIX + "AAAA", "damaged"),
    ],
)
def test_corrupt_strings_give_a_clear_value_error(bad, says):
    with pytest.raises(ValueError, match=says):
        decode(bad)
    with pytest.raises(ValueError, match=says):
        playground(state=bad)


def test_a_changed_character_is_caught():
    code = encode({"dataset": "xor", "seed": 1})
    broken = code[:-3] + ("A" if code[-3] != "A" else "B") + code[-2:]
    with pytest.raises(ValueError):
        decode(broken)


def test_bad_types_and_unsharable_values():
    with pytest.raises(TypeError, match="state dict"):
        encode("xor")
    with pytest.raises(TypeError, match="shared string"):
        decode(42)
    with pytest.raises(ValueError, match="cannot be shared"):
        encode({"learning_rate": float("nan")})


def test_page_address_carries_the_state(monkeypatch):
    code = playground(dataset="circle", hidden=[2]).share()
    url = share_url(code, "http://127.0.0.1:8866/")
    query = url.split("?", 1)[1]
    monkeypatch.setenv("QUERY_STRING", query)  # as Voila sets it in the page's kernel
    state = state_from_query()
    assert playground(state=state).get_state() == playground(state=code).get_state()
    monkeypatch.setenv("QUERY_STRING", "")
    assert state_from_query() is None


def test_share_url_in_voila_points_at_the_page_itself(monkeypatch):
    monkeypatch.setenv("VOILA_REQUEST_URL", "http://127.0.0.1:8866/?state=pg1.old")
    assert share_url("pg1.new") == "http://127.0.0.1:8866/?state=pg1.new"
    monkeypatch.delenv("VOILA_REQUEST_URL")
    assert share_url("pg1.new") == "?state=pg1.new"
