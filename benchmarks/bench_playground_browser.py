"""Speed of the playground as the learner sees it: epochs displayed per second in JupyterLab.

Target: at least 30 epochs displayed per second for the 2x8 network (60 is the goal), in
JupyterLab in headless Debian chromium.

A throw-away notebook shows the playground in the configuration bench_playground.py calls its
target ("2x8, x1 x2": spiral, noise 10, two hidden layers of 8 neurons); Play is clicked and,
for about 10 s, a script in the page reads the epoch counter the lab displays (the "Epoch
000,123" of its status view) at every animation frame. Epochs displayed per second =
(last epoch seen - first epoch seen) / time between them; "updates/s" counts how often the
displayed number changed; "pause ms" is the time from a click on Pause until the button
reads Play again (the frames still queued for the browser come first). Two rows: the lab
as shipped (at most 15 redraws a second, each after as many epochs as keep 60 epochs a
second), and the same lab redrawing after every epoch with no frame cap
(``frame_interval = 0``, ``epochs_per_frame = 1``: how many redraws the pipeline
kernel -> browser carries).

The kernel-side rate beside it is bench_playground.py's ``bench_play`` (the real play loop,
one redraw per epoch, no frame cap, no browser), measured in this process before the browser
starts; the ratio says how much of it reaches the screen (as shipped, it can pass 1: several
epochs share one redraw).

Skips with a message (exit status 0) when /usr/bin/chromium or Playwright is missing.
Results also go to artifacts/benchmarks/playground_browser.json.

Run: ``.venv/bin/python benchmarks/bench_playground_browser.py``
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

OUT = ROOT / "artifacts" / "benchmarks" / "playground_browser.json"
CHROMIUM = "/usr/bin/chromium"
TARGET, GOAL = 30.0, 60.0
SECONDS = 10.0
CONFIG = "2x8, x1 x2 (target)"

# Read the epoch an output area displays at every animation frame for `seconds`;
# return [[ms, epoch], ...].
_SAMPLE_JS = """
async (area, seconds) => {
  const read = () => {
    for (const el of area.querySelectorAll('.nn-view')) {
      const m = /Epoch\\s+([\\d,]+)/.exec(el.textContent);
      if (m) return parseInt(m[1].replace(/,/g, ''), 10);
    }
    return null;
  };
  const samples = [];
  const start = performance.now();
  await new Promise(resolve => {
    const tick = () => {
      const t = performance.now() - start;
      const e = read();
      if (e !== null && (!samples.length || samples[samples.length - 1][1] !== e)) {
        samples.push([t, e]);
      }
      if (t < seconds * 1000) requestAnimationFrame(tick); else resolve();
    };
    requestAnimationFrame(tick);
  });
  return samples;
}
"""


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
        import pytest  # noqa: F401  (tests/browser.py uses it)
    except ImportError as error:
        return f"{error.name} is not installed (pip install -e '.[test]')"
    return None


def _notebook(folder: Path, state: dict) -> None:
    """bench.ipynb: the lab as shipped (cell 1) and the same lab redrawing every epoch with no
    frame cap (cell 2)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            f"from nn_course.widgets import playground\nlab = playground(state={state!r})\nlab"
        ),
        nbformat.v4.new_code_cell(
            f"fast = playground(state={state!r})\n"
            "fast.frame_interval, fast.epochs_per_frame = 0.0, 1\nfast"
        ),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, folder / "bench.ipynb")


def _rate(samples: list) -> dict:
    if len(samples) < 2:
        return {"epochs_per_s": 0.0, "updates_per_s": 0.0, "epochs": 0}
    (t0, e0), (t1, e1) = samples[0], samples[-1]
    seconds = (t1 - t0) / 1000
    return {
        "epochs_per_s": (e1 - e0) / seconds if seconds else 0.0,
        "updates_per_s": (len(samples) - 1) / seconds if seconds else 0.0,
        "epochs": e1 - e0,
    }


def _play_and_count(page, area) -> dict:
    play = area.get_by_role("button", name="Play")
    play.click()
    samples = area.evaluate(_SAMPLE_JS, SECONDS)
    clicked = time.perf_counter()
    area.get_by_role("button", name="Pause").click()
    area.get_by_role("button", name="Play").wait_for(timeout=30_000)
    pause_ms = (time.perf_counter() - clicked) * 1000
    page.wait_for_timeout(500)
    return {**_rate(samples), "pause_ms": pause_ms}


def browser_rates(state: dict) -> dict:
    """Epochs displayed per second in JupyterLab: as shipped, and redrawing every epoch."""
    import browser
    from playwright.sync_api import sync_playwright

    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    )
    work = Path(tempfile.mkdtemp(prefix="bench_playground_browser_"))
    try:
        (work / "nb").mkdir()
        _notebook(work / "nb", state)
        with browser.LabServer(work / "nb", work / "lab") as server, sync_playwright() as p:
            chromium = browser.launch_chromium(p)
            page = chromium.new_page(viewport={"width": 1366, "height": 1000})
            browser.open_notebook(page, server, "bench.ipynb")
            browser.run_all(page)
            rows = {}
            for k, label in enumerate(["as shipped", "every epoch"]):
                area = page.locator(".jp-Cell-outputArea").nth(k)
                area.scroll_into_view_if_needed()
                area.get_by_role("button", name="Play").wait_for(timeout=60_000)
                page.wait_for_timeout(1000)
                rows[label] = _play_and_count(page, area)
            chromium.close()
        return rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    reason = _missing()
    if reason:
        print(f"bench_playground_browser skipped: {reason}.")
        return 0
    from bench_playground import CONFIGS, bench_play

    state = CONFIGS[CONFIG]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Playground as seen in JupyterLab (headless chromium), {platform.machine()}, "
          f"{os.cpu_count()} CPUs, load average {load:.2f}")
    print(f"network {CONFIG}: {state}; {SECONDS:g} s of Play per row\n")
    kernel = bench_play(state, seconds=3.0)
    rows = browser_rates(state)
    print(f"{'lab':<14} {'kernel ep/s':>11} {'shown ep/s':>11} {'updates/s':>10} "
          f"{'shown/kernel':>13} {'pause ms':>9}  target >= {TARGET:g}/s (goal {GOAL:g})")
    for label, r in rows.items():
        ok = "goal" if r["epochs_per_s"] >= GOAL else "ok" if r["epochs_per_s"] >= TARGET \
            else "SLOW"
        print(f"{label:<14} {kernel:11.1f} {r['epochs_per_s']:11.1f} {r['updates_per_s']:10.1f} "
              f"{r['epochs_per_s'] / kernel:13.2f} {r['pause_ms']:9.0f}  {ok}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(
        {"machine": platform.machine(), "cpus": os.cpu_count(), "load_average": load,
         "config": state, "seconds": SECONDS, "target": TARGET, "goal": GOAL,
         "kernel_epochs_per_s": kernel, "browser": rows}, indent=2))
    print(f"\nwritten to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    status = main()
    print(f"({time.perf_counter() - started:.0f} s)")
    sys.exit(status)
