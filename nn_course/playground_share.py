"""Share a playground set-up as one short string (and as a URL of the playground page).

:func:`encode` turns a playground state (a plain dict, as ``lab.get_state()`` returns it) into
compact JSON, compresses it with zlib and writes it in URL-safe base64 behind a version tag:
``"pg1.eNqrVkrJT..."``. :func:`decode` gives back the same dict: every number, the seeds and any
own data (uploaded or drawn points, ``state["data"]``) are restored exactly, because Python
writes floats in JSON with all the digits they need. Own data are shared up to
:data:`MAX_SHARED_POINTS` points; more are refused with a message that says so.

In a notebook: ``code = lab.share()``, then ``playground(state=code)`` rebuilds the lab.
In the playground page served by Voila, ``?state=<code>`` in the address restores it
(:func:`state_from_query`), and :func:`share_url` writes such an address.

>>> code = encode({"dataset": "xor", "hidden": [4], "learning_rate": 0.1, "seed": 3})
>>> code.startswith("pg1.")
True
>>> decode(code)
{'dataset': 'xor', 'hidden': [4], 'learning_rate': 0.1, 'seed': 3}

See notebook 12_playground.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import urllib.parse
import zlib

import numpy as np

__all__ = ["encode", "decode", "share_url", "state_from_query", "MAX_SHARED_POINTS", "PREFIX"]

#: Version tag in front of every shared string; a future format gets a new one.
PREFIX = "pg1."
#: At most this many own data points (rows of ``state["data"]``) travel in a shared string.
MAX_SHARED_POINTS = 1000
#: A shared string longer than this is refused before it is decoded (about 60 kB).
MAX_CODE_LENGTH = 200_000


def _plain(value):
    """NumPy arrays and scalars as lists and Python numbers (JSON-able, exact)."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def encode(state: dict) -> str:
    """A playground state as a short, URL-safe string (see the module text).

    Parameters
    ----------
    state : dict
        As ``Playground.get_state()`` returns it (JSON-able values, NumPy arrays allowed).

    Raises
    ------
    ValueError
        If the state holds more than :data:`MAX_SHARED_POINTS` own data points or a value that
        JSON cannot hold.
    """
    if not isinstance(state, dict):
        raise TypeError(f"encode needs a state dict; got {type(state).__name__}.")
    state = _plain(state)
    rows = state.get("data")
    if rows is not None and len(rows) > MAX_SHARED_POINTS:
        raise ValueError(
            f"Own data can be shared up to {MAX_SHARED_POINTS} points; this set-up has "
            f"{len(rows)}. Save them as a CSV file instead and share that."
        )
    try:
        text = json.dumps(state, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as error:
        raise ValueError(f"This state cannot be shared: {error}.") from None
    packed = zlib.compress(text.encode("utf-8"), 9)
    return PREFIX + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode(code: str) -> dict:
    """The state dict a string from :func:`encode` holds.

    Raises
    ------
    ValueError
        If ``code`` is not such a string (wrong version, cut short, changed by hand).
    """
    if not isinstance(code, str):
        raise TypeError(f"decode needs the shared string; got {type(code).__name__}.")
    code = code.strip()
    if not code.startswith(PREFIX):
        raise ValueError(
            f"This is not a shared playground set-up: it should start with {PREFIX!r} "
            f"(got {code[:12]!r}...)."
        )
    if len(code) > MAX_CODE_LENGTH:
        raise ValueError(f"The shared string is too long ({len(code)} > {MAX_CODE_LENGTH}).")
    body = code[len(PREFIX):]
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        text = zlib.decompress(packed).decode("utf-8")
        state = json.loads(text)
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError):
        raise ValueError(
            "The shared playground string is damaged (cut short or changed?): copy all of it "
            "again."
        ) from None
    if not isinstance(state, dict):
        raise ValueError("The shared playground string does not hold a playground state.")
    return state


def share_url(code: str, base: str | None = None) -> str:
    """The playground page's address with ``code`` as its ``state`` query parameter.

    ``base`` defaults to the address of the page Voila serves (its ``VOILA_REQUEST_URL``, the
    old query dropped); outside Voila, to ``""`` (a link relative to the current page).

    >>> share_url("pg1.abc", "http://127.0.0.1:8866/")
    'http://127.0.0.1:8866/?state=pg1.abc'
    """
    if base is None:
        base = os.environ.get("VOILA_REQUEST_URL", "").split("?", 1)[0]
    return f"{base}?{urllib.parse.urlencode({'state': code})}"


def state_from_query(query: str | None = None) -> dict | None:
    """The state in a page address's query (``state=pg1....``), or None when there is none.

    ``query`` defaults to the environment variable ``QUERY_STRING``, which Voila sets in the
    kernel of the page it serves (the part of the address after ``?``).

    >>> state_from_query("state=" + encode({"dataset": "spiral"}))
    {'dataset': 'spiral'}
    >>> state_from_query("") is None
    True
    """
    if query is None:
        query = os.environ.get("QUERY_STRING", "")
    values = urllib.parse.parse_qs(query.lstrip("?")).get("state")
    return decode(values[0]) if values else None
