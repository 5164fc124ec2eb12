"""What the perceptron lab writes under its plot: one learning step or epoch, in words.

See :mod:`nn_course.widgets.perceptron_lab` and notebook 02_perceptron.
"""

from __future__ import annotations

from ..style import ACCENT, fmt

__all__ = ["recent", "explain_intro", "explain_step", "explain_epoch"]


def vec(v) -> str:
    return "(" + ", ".join(fmt(x) for x in v) + ")"


def recent(counts: list[int], keep: int = 12) -> str:
    """The updates per epoch as text, only the last ``keep`` epochs once the list grows long."""
    if not counts:
        return "-"
    if len(counts) <= keep:
        return str(counts)
    return f"[..., {', '.join(map(str, counts[-keep:]))}] (last {keep} of {len(counts)})"


def explain_intro(name: str, n: int) -> str:
    return (
        f"Data set <b>{name}</b> ({n} points). Drag the sliders to move the line, or let the "
        "learning rule do it: <b>learn one step</b> shows the rule on the next sample."
    )


def explain_step(r: dict, lr: float, n: int) -> str:
    x, y, y_pred, err = r["x"], r["y"], r["y_pred"], r["error"]
    z = float(x @ r["weights_before"] + r["bias_before"])
    head = (
        f"<b>Sample #{r['index'] + 1} of {n}</b> (epoch {r['epoch'] + 1}): x = {vec(x)}, y = {y}. "
        f"z = w&middot;x + b = {fmt(z)}, so y_pred = step(z) = {y_pred}.<br>"
    )
    if not r["updated"]:
        return head + "Correct, so the rule changes nothing: &Delta;w = (0, 0), &Delta;b = 0."
    dw = r["weights"] - r["weights_before"]
    db = r["bias"] - r["bias_before"]
    return head + (
        f"<span style='color:{ACCENT}'><b>Wrong</b></span>: error = y &minus; y_pred = {err:+d}. "
        f"&Delta;w = &eta;&middot;error&middot;x = {lr:g}&middot;({err:+d})&middot;{vec(x)} "
        f"= {vec(dw)}, "
        f"&Delta;b = &eta;&middot;error = {fmt(db)}.<br>"
        f"New w = {vec(r['weights_before'])} + {vec(dw)} = {vec(r['weights'])}, "
        f"new b = {fmt(r['bias_before'])} {'+' if db >= 0 else '-'} {fmt(abs(db))} "
        f"= {fmt(r['bias'])}."
    )


def explain_epoch(records: list[dict], epochs_done: int, n: int) -> str:
    updates = [r for r in records if r["updated"]]
    first = records[0]["index"] + 1
    lines = [
        f"<b>Epoch {epochs_done} finished</b> (samples #{first} to #{n}): {len(updates)} update(s)."
    ]
    for r in updates:
        lines.append(
            f"&nbsp;&nbsp;sample #{r['index'] + 1}: x = {vec(r['x'])}, y = {r['y']}, "
            f"y_pred = {r['y_pred']} "
            f"&rarr; &Delta;w = {vec(r['weights'] - r['weights_before'])}, "
            f"&Delta;b = {fmt(r['bias'] - r['bias_before'])}"
        )
    if not updates and first == 1:
        lines.append("No mistakes in a whole epoch: the perceptron has <b>converged</b>.")
    return "<br>".join(lines)
