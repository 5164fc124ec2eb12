"""The course in the browser (the JupyterLite site) beside local JupyterLab, in headless chromium.

For each of the two, measured the way a learner meets them:

* kernel ready: from loading the notebook's page to the kernel saying "Idle"
  (02_perceptron.ipynb);
* run all of 02_perceptron.ipynb (Run menu, Run All, until every cell ran);
* the perceptron lab's step: a click on "learn one step" until its figure has changed
  (median of the clicks that changed it);
* the playground (12): epochs per second shown by its counter while Play runs.

Targets for the site (from a local server): kernel ready within 20 s, 02 under 30 s, a step
under 250 ms, 10 or more displayed epochs per second. It is a measurement, not a test: the
numbers depend on the machine and its load (printed with them). Results also go to
artifacts/benchmarks/site.json. The site is built first when missing or stale.

Run: ``.venv/bin/python benchmarks/bench_site.py``
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

OUT = ROOT / "artifacts" / "benchmarks" / "site.json"
STEP_CLICKS = 7

_SNAPSHOT_JS = """(area) => [...area.querySelectorAll('.nn-view')]
    .map(el => el.tagName === 'IMG' ? el.src : el.innerHTML).join('|')"""


def step_latencies(page, clicks: int = STEP_CLICKS) -> list[float]:
    """Seconds from a click on "learn one step" to a changed figure, per click that changed it."""
    button = page.locator(".jupyter-widgets button", has_text="learn one step").first
    button.scroll_into_view_if_needed()
    area = page.locator(".jp-Cell-outputArea").filter(has=button).first
    handle = area.element_handle()
    times = []
    for _ in range(clicks):
        page.wait_for_timeout(300)
        page.evaluate(f"(area) => {{ window.__nnBefore = ({_SNAPSHOT_JS})(area); }}", handle)
        started = time.monotonic()
        button.click()
        try:
            page.wait_for_function(f"(area) => ({_SNAPSHOT_JS})(area) !== window.__nnBefore",
                                   arg=handle, timeout=5_000, polling="raf")
        except Exception:  # this step changed nothing (a point already on the right side)
            continue
        times.append(time.monotonic() - started)
    return times


def measure(chromium, open_notebook, run_all) -> dict:
    """The four figures for one environment; ``open_notebook(page, name)`` returns seconds."""
    from browser import VIEWPORT
    from site_browser import play_pause

    figures: dict = {}
    context = chromium.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        figures["kernel_ready_s"] = open_notebook(page, "02_perceptron.ipynb")
        figures["run_all_02_s"] = run_all(page)
        steps = step_latencies(page)
        figures["step_ms"] = 1000 * statistics.median(steps) if steps else None
        figures["steps_measured"] = len(steps)
        page.close()
        page = context.new_page()
        open_notebook(page, "12_playground.ipynb")
        run_all(page)
        page.keyboard.press("Escape")
        figures["playground_epochs_per_s"] = play_pause(page, play_s=5.0)["epochs_per_s"]
    finally:
        context.close()
    return figures


def site_figures(chromium) -> dict:
    from site_browser import built_site, load_site_modules, open_site_notebook, run_all

    _, serve = load_site_modules()
    with serve.SiteServer(built_site()) as site:
        return measure(chromium, lambda page, name: open_site_notebook(page, site, name),
                       run_all)


def lab_figures(chromium) -> dict:
    from browser import LabServer, copy_notebooks, open_notebook, run_all

    with tempfile.TemporaryDirectory() as tmp:
        root = copy_notebooks(ROOT / "notebooks", Path(tmp) / "notebooks")
        with LabServer(root, Path(tmp) / "jupyter") as server:
            def open_(page, name):
                started = time.monotonic()
                open_notebook(page, server, name)
                return time.monotonic() - started

            def run_all_(page):
                started = time.monotonic()
                run_all(page)
                return time.monotonic() - started

            try:
                return measure(chromium, open_, run_all_)
            finally:
                server.shutdown_kernels()


def fmt(value, unit: str) -> str:
    if value is None:
        return "n/a"
    return f"{value:.0f} {unit}" if unit == "ms" else f"{value:.1f} {unit}"


def main() -> int:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("skipped: playwright is not installed (pip install -e '.[test]')")
        return 0
    from browser import CHROMIUM, launch_chromium

    if not Path(CHROMIUM).exists():
        print(f"skipped: {CHROMIUM} is missing (apt-get install chromium)")
        return 0
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    results = {}
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            results["site"] = site_figures(chromium)
            results["jupyterlab"] = lab_figures(chromium)
        finally:
            chromium.close()
    rows = [("kernel ready after page load", "kernel_ready_s", "s", "< 20 s"),
            ("run all of 02_perceptron", "run_all_02_s", "s", "< 30 s"),
            ("perceptron lab, one step", "step_ms", "ms", "< 250 ms"),
            ("playground, displayed epochs", "playground_epochs_per_s", "/s", ">= 10 /s")]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'':32} {'site (browser)':>15} {'JupyterLab':>12}   site target")
    for label, key, unit, target in rows:
        print(f"{label:32} {fmt(results['site'][key], unit):>15} "
              f"{fmt(results['jupyterlab'][key], unit):>12}   {target}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
