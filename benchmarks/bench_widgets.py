"""Latency of every registered widget: time from a control change to updated views.

Widgets update synchronously (setting ``.value`` or calling ``.click()`` returns once every
view holds its new PNG/HTML), so the kernel-side latency of one change is the time that call
takes. For every factory in ``nn_course.widgets.__all__`` this script makes about 20 changes
per control type (sliders, selections, checkboxes, buttons), after one warm-up change, and
prints the median and 90th percentile against the target:

* < 50 ms for the simple widgets (perceptron_lab, neuron_explorer, activation_explorer,
  network_builder);
* < 150 ms for the others.

It is a measurement, not a timed test: the numbers depend on the machine and its load (the
load average is printed with them). Results also go to artifacts/benchmarks/widgets.json.

Run: ``.venv/bin/python benchmarks/bench_widgets.py [factory ...]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import ipywidgets as widgets
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import matplotlib  # noqa: E402

import nn_course  # noqa: E402
import nn_course.widgets as course_widgets  # noqa: E402

BASES = {"Explorer", "FigureView", "html_view"}
SIMPLE = {"perceptron_lab", "neuron_explorer", "activation_explorer", "network_builder"}
TARGET_SIMPLE_MS, TARGET_OTHER_MS = 50.0, 150.0
#: Controls not timed: they start background work rather than one update.
SKIP = {"playground": {"play"}}
CHANGES_PER_TYPE = 20
OUT = ROOT / "artifacts" / "benchmarks" / "widgets.json"

SLIDERS = (
    widgets.IntSlider,
    widgets.FloatSlider,
    widgets.FloatLogSlider,
    widgets.IntRangeSlider,
    widgets.FloatRangeSlider,
    widgets.BoundedIntText,
    widgets.BoundedFloatText,
    widgets.Play,
)
SELECTIONS = (
    widgets.Dropdown,
    widgets.RadioButtons,
    widgets.ToggleButtons,
    widgets.Select,
    widgets.SelectionSlider,
)
TOGGLES = (widgets.Checkbox, widgets.ToggleButton)


def control_type(control) -> str | None:
    if isinstance(control, widgets.Button):
        return "button"
    if isinstance(control, SELECTIONS):
        return "selection"
    if isinstance(control, TOGGLES):
        return "checkbox"
    if isinstance(control, SLIDERS):
        return "slider"
    return None


def _slider_values(control) -> list:
    """21 values over the range (in order), as a learner dragging the handle would produce."""
    if isinstance(control, widgets.FloatLogSlider):
        exps = np.linspace(control.min, control.max, 21)
        return [float(control.base) ** float(e) for e in exps]
    lo, hi = control.min, control.max
    values = np.linspace(lo, hi, 21)
    step = getattr(control, "step", None)
    if step:
        values = lo + np.round((values - lo) / step) * step
    if isinstance(control, (widgets.IntRangeSlider, widgets.FloatRangeSlider)):
        is_int = isinstance(control, widgets.IntRangeSlider)
        conv = int if is_int else float
        return [(conv(lo), conv(v)) for v in values[1:]] + [(conv(lo), conv(hi))]
    if isinstance(control, (widgets.IntSlider, widgets.BoundedIntText, widgets.Play)):
        return [int(v) for v in values]
    return [float(v) for v in values]


def changes(control, n: int):
    """Yield ``n`` zero-argument callables, each making one real change to ``control``."""
    kind = control_type(control)
    if kind == "button":
        for _ in range(n):
            yield control.click
    elif kind == "checkbox":
        for _ in range(n):
            yield lambda: setattr(control, "value", not control.value)
    elif kind == "selection":
        for _ in range(n):
            k = len(control.options)
            if k < 2:
                return
            yield lambda k=k: setattr(control, "index", ((control.index or 0) + 1) % k)
    elif kind == "slider":
        values = _slider_values(control)
        # back and forth over the range, skipping repeats of the current value
        cycle = values + values[-2:0:-1]
        made, i = 0, 0
        while made < n and i < 4 * len(cycle):
            v = cycle[i % len(cycle)]
            i += 1
            if v == control.value:
                continue
            made += 1
            yield lambda v=v: setattr(control, "value", v)


def bench_factory(name: str, per_type: int = CHANGES_PER_TYPE) -> dict:
    factory = getattr(course_widgets, name)
    start = time.perf_counter()
    w = factory()
    build_ms = (time.perf_counter() - start) * 1e3
    by_type: dict[str, list] = {}
    for key, control in w.controls.items():
        if key in SKIP.get(name, set()):
            continue
        kind = control_type(control)
        if kind is not None:
            by_type.setdefault(kind, []).append((key, control))
    rows = []
    for kind, controls in sorted(by_type.items()):
        times = []
        # spread the changes over the controls of this type, round robin, one warm-up each
        per_control = max(1, -(-per_type // len(controls)))
        for _, control in controls:
            gen = changes(control, per_control + 1)
            warm = next(gen, None)
            if warm is None:
                continue
            warm()
            for change in gen:
                t0 = time.perf_counter()
                change()
                times.append(time.perf_counter() - t0)
        if not times:
            continue
        ms = np.array(times) * 1e3
        target = TARGET_SIMPLE_MS if name in SIMPLE else TARGET_OTHER_MS
        rows.append(
            {
                "factory": name,
                "control_type": kind,
                "controls": [key for key, _ in controls],
                "n_changes": int(ms.size),
                "median_ms": float(np.median(ms)),
                "p90_ms": float(np.percentile(ms, 90)),
                "max_ms": float(ms.max()),
                "target_ms": target,
                "pass": bool(np.median(ms) < target),
            }
        )
    # leave no background work behind (e.g. a playground whose step started nothing, but be safe)
    pause = getattr(w, "pause", None)
    if callable(pause):
        pause()
    return {"factory": name, "build_ms": build_ms, "rows": rows}


def load_average() -> str:
    try:
        return " ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:  # pragma: no cover - not on every platform
        return "n/a"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "factories", nargs="*", help="only these factories (default: all registered)"
    )
    parser.add_argument(
        "--changes", type=int, default=CHANGES_PER_TYPE, help="changes per control type"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    registered = [
        n for n in course_widgets.__all__ if n not in BASES and callable(getattr(course_widgets, n))
    ]
    names = args.factories or registered
    unknown = sorted(set(names) - set(registered))
    if unknown:
        parser.error(f"not registered in nn_course.widgets: {unknown}; choose from {registered}")

    load_before = load_average()
    results = [bench_factory(name, args.changes) for name in names]
    load_after = load_average()

    header = (
        f"{'factory':<22}{'control':<11}{'n':>4}{'median ms':>11}{'p90 ms':>9}{'target':>8}  result"
    )
    print(
        f"Widget latency: control change -> updated views (load average {load_before} before, "
        f"{load_after} after; {os.cpu_count()} CPUs)"
    )
    print(header)
    print("-" * len(header))
    all_rows = []
    for result in results:
        for row in result["rows"]:
            all_rows.append(row)
            print(
                f"{row['factory']:<22}{row['control_type']:<11}{row['n_changes']:>4}"
                f"{row['median_ms']:>11.1f}{row['p90_ms']:>9.1f}{row['target_ms']:>8.0f}  "
                f"{'pass' if row['pass'] else 'FAIL'}"
            )
        print(f"{result['factory']:<22}{'(build)':<11}{'1':>4}{result['build_ms']:>11.1f}")
    failed = [f"{r['factory']}/{r['control_type']}" for r in all_rows if not r["pass"]]
    print("-" * len(header))
    print(
        f"{len(all_rows) - len(failed)} of {len(all_rows)} rows within target"
        + (f"; over target: {', '.join(failed)}" if failed else "")
    )

    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "what": "median/p90 time from a control change to updated views, "
        "per factory and control type",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "load_average_before": load_before,
        "load_average_after": load_after,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "matplotlib": matplotlib.__version__,
        "ipywidgets": widgets.__version__,
        "nn_course": nn_course.__version__,
        "changes_per_type": args.changes,
        "factories": results,
    }
    args.out.write_text(json.dumps(report, indent=2))
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
