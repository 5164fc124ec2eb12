"""Speed of the playground: training epochs with a full redraw per second, and control latency.

Targets: with 2 hidden layers of 8 neurons on the 500-point data set, at least 20
training epochs *plus a full redraw* per second while playing, measured headlessly; a control
change answers in under 150 ms.

What is measured, kernel-side (the browser's drawing is not included):

* ``epoch``: one training epoch (mini-batches of 10 over the training points) plus the loss
  and gradient-size bookkeeping the charts need;
* ``redraw``: every view (network SVG with all neuron heatmaps, decision map, loss and
  gradient charts, status);
* ``frame``: both, i.e. what one frame of "play" costs; ``frames/s`` = 1000 / frame ms;
* ``play``: the real play loop, an asyncio task on a running event loop with no frame-rate
  cap, for 2 s: epochs (each one redrawn) per second;
* control latency: the time for ``control.value = ...`` / ``button.click()`` to return with
  every view updated, median and 90th percentile of 20 changes.

It is a measurement, not a timed test: the numbers depend on the machine and its load (the
load average is printed with them). Results also go to artifacts/benchmarks/playground.json.

Run: ``.venv/bin/python benchmarks/bench_playground.py``
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nn_course.widgets.playground import FEATURES, playground  # noqa: E402

OUT = ROOT / "artifacts" / "benchmarks" / "playground.json"
TARGET_EPOCHS_PER_S = 20.0
TARGET_LATENCY_MS = 150.0
REPEATS = 40

CONFIGS = {
    "2x8, x1 x2 (target)": {"hidden": [8, 8], "dataset": "spiral", "noise": 10},
    "2x8, all 7 features": {
        "hidden": [8, 8],
        "dataset": "spiral",
        "noise": 10,
        "features": list(FEATURES),
    },
    "6x8, all 7 features": {
        "hidden": [8] * 6,
        "dataset": "spiral",
        "noise": 10,
        "features": list(FEATURES),
    },
}


def _median_ms(times) -> float:
    return float(np.median(times) * 1e3)


def bench_frame(state: dict) -> dict:
    pg = playground(state=state)
    pg.run_epochs(3)  # warm-up
    epoch, redraw, frame = [], [], []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        pg.run_epochs(1, redraw=False)
        t1 = time.perf_counter()
        pg._redraw()
        t2 = time.perf_counter()
        epoch.append(t1 - t0)
        redraw.append(t2 - t1)
        frame.append(t2 - t0)
    frame_ms = _median_ms(frame)
    return {
        "n_train": len(pg.X_train),
        "epoch_ms": _median_ms(epoch),
        "redraw_ms": _median_ms(redraw),
        "frame_ms": frame_ms,
        "frames_per_s": 1000.0 / frame_ms,
        "play_epochs_per_s": bench_play(state),
    }


def bench_play(state: dict, seconds: float = 2.0) -> float:
    """Epochs per second of the real play loop (asyncio task, one redraw per epoch, no cap)."""
    pg = playground(state=state)
    pg.frame_interval, pg.epochs_per_frame = 0.0, 1

    async def run():
        pg.play()
        start_epoch, start = pg.epoch, time.perf_counter()
        await asyncio.sleep(seconds)
        pg.pause()
        await pg._task
        return (pg.epoch - start_epoch) / (time.perf_counter() - start)

    return asyncio.run(run())


def bench_controls(state: dict) -> dict:
    """Latency of the kinds of change a learner makes, 20 of each after a warm-up."""
    pg = playground(state=state)
    c = pg.controls
    pg.run_epochs(10)
    cycles = {
        "noise slider (new data, new network)": (
            c["noise"],
            [0, 5, 10, 15, 20, 25, 30, 25, 20, 15, 10, 5],
        ),
        "learning-rate slider (no reset)": (
            c["learning_rate"],
            [0.001, 0.003, 0.01, 0.03, 0.1, 0.3],
        ),
        "activation dropdown (new network)": (
            c["activation"],
            ["relu", "tanh", "sigmoid", "linear"],
        ),
        "data set dropdown": (c["dataset"], ["circle", "xor", "gaussian", "spiral"]),
        "feature checkbox": (c["x1^2"], [True, False]),
        "show test data checkbox": (c["show_test"], [True, False]),
    }
    results = {}
    for label, (control, values) in cycles.items():
        times = []
        control.value = values[-1]
        for k in range(20):
            value = values[k % len(values)]
            if value == control.value:
                value = values[(k + 1) % len(values)]
            t0 = time.perf_counter()
            control.value = value
            times.append(time.perf_counter() - t0)
        results[label] = times
    buttons = {
        "step button (1 epoch + redraw)": [c["step"]],
        "+ neuron / - neuron buttons": [c["plus_1"], c["minus_1"]],
        "add / remove layer buttons": [c["add_layer"], c["remove_layer"]],
        "reset button": [c["reset"]],
    }
    for label, pair in buttons.items():
        times = []
        for k in range(20):
            t0 = time.perf_counter()
            pair[k % len(pair)].click()
            times.append(time.perf_counter() - t0)
        results[label] = times
    return {
        label: {"median_ms": _median_ms(t), "p90_ms": float(np.percentile(t, 90) * 1e3)}
        for label, t in results.items()
    }


def main() -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Playground speed on {platform.machine()}, {os.cpu_count()} CPUs, load average {load:.2f}"
    )
    print("(500 points; training set 50 %; batch 10; tanh; one full redraw per epoch)\n")
    frames = {}
    print(
        f"{'network':<22} {'epoch ms':>9} {'redraw ms':>10} {'frame ms':>9} {'frames/s':>9} "
        f"{'play ep/s':>10}  target >= {TARGET_EPOCHS_PER_S:g}/s"
    )
    for label, state in CONFIGS.items():
        r = bench_frame(state)
        frames[label] = r
        ok = (
            "ok"
            if min(r["frames_per_s"], r["play_epochs_per_s"]) >= TARGET_EPOCHS_PER_S
            else "SLOW"
        )
        print(
            f"{label:<22} {r['epoch_ms']:9.2f} {r['redraw_ms']:10.2f} {r['frame_ms']:9.2f} "
            f"{r['frames_per_s']:9.1f} {r['play_epochs_per_s']:10.1f}  {ok}"
        )

    print(f"\nControl latency, 2x8 network (target < {TARGET_LATENCY_MS:g} ms)")
    print(f"{'change':<40} {'median ms':>10} {'p90 ms':>8}")
    controls = bench_controls(CONFIGS["2x8, x1 x2 (target)"])
    for label, r in controls.items():
        ok = "ok" if r["p90_ms"] < TARGET_LATENCY_MS else "SLOW"
        print(f"{label:<40} {r['median_ms']:10.1f} {r['p90_ms']:8.1f}  {ok}")

    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "machine": platform.machine(),
                "cpus": os.cpu_count(),
                "load_average": load,
                "targets": {"epochs_per_s": TARGET_EPOCHS_PER_S, "latency_ms": TARGET_LATENCY_MS},
                "frames": frames,
                "controls": controls,
            },
            indent=2,
        )
    )
    print(f"\nwritten to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
