"""Drive the course's JupyterLite site (``make site``) in headless Debian chromium.

The site is JupyterLab running in the browser with a Pyodide kernel, so most of the
JupyterLab recipe in ``tests/browser.py`` applies (launch, Run All menu, slider check, log
console). What differs is collected here:

- ``built_site()``: the site's folder, built first when missing or older than its sources.
- ``load_site_modules()``: ``site/build.py`` and ``site/serve.py`` as modules (the folder is
  named ``site``, like Python's own module, so it is not imported as a package).
- ``check_site_notebook(page, site, name)``: open, Run All, and list what is wrong.
- ``play_pause(page)``: press Play in the playground, read the epoch counter, Pause.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser import (
    CODE_CELL,
    ERROR_OUTPUT,
    SLIDER,
    STATUS_BAR,
    VIEW,
    _wait_stable,
    browser_required,
    cell_problems,
    log_console_errors,
)

ROOT = Path(__file__).resolve().parents[1]
SITE_SOURCES = ROOT / "site"
EPOCH = re.compile(r"Epoch\s*([\d,]+)")

# Console messages that are not problems: JupyterLab's shared-module version notices (the
# widget extension was built against a newer JupyterLab than JupyterLite's; widgets work).
HARMLESS_CONSOLE = (
    re.compile(r"^Unsatisfied version .* of shared singleton module"),
    re.compile(r"^No satisfying version .* of shared module"),
)
# Requests that may fail without harm: JupyterLite asks for optional files a static
# site does not have (404), e.g. per-app settings and translations.
HARMLESS_404 = re.compile(r"/(api/translations/|lab/jupyter-lite\.json|"
                          r"build/schemas/|api/settings/|favicon\.ico)")

_modules: dict[str, object] = {}


def load_site_modules():
    """``(build, serve)``: the modules of ``site/build.py`` and ``site/serve.py``."""
    for name in ("build", "serve"):
        if name not in _modules:
            spec = importlib.util.spec_from_file_location(f"nn_site_{name}",
                                                          SITE_SOURCES / f"{name}.py")
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
            _modules[name] = module
    return _modules["build"], _modules["serve"]


def built_site(cdn: bool = False, output: Path | None = None) -> Path:
    """The site's folder, built (``site/build.py --if-stale``) when missing or stale.

    A build that cannot run (no npm, no network for the first download) skips the calling
    test, or fails it under ``REQUIRE_BROWSER=1`` (CI).
    """
    build, _ = load_site_modules()
    output = Path(output or build.OUTPUT[cdn])
    if build.is_fresh(output, cdn):
        return output
    command = [sys.executable, str(SITE_SOURCES / "build.py"), "--if-stale", "--output",
               str(output), *(["--cdn"] if cdn else [])]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        message = f"the site did not build:\n{(result.stdout + result.stderr)[-3000:]}"
        if browser_required():
            pytest.fail(message)
        pytest.skip(message)
    return output


# ---------------------------------------------------------------------------------------
# One notebook in the site

# Finished: the kernel is idle and every code cell whose input is shown has run (or one
# shows an error). The hidden set-up cell has no prompt; its errors still show.
_RUN_FINISHED_JS = """
() => {
  const status = [...document.querySelectorAll('%(status)s')].map(e => e.textContent).join(' ');
  const idle = /\\|\\s*Idle/.test(status);
  const errors = document.querySelectorAll(`%(error)s`).length;
  const pending = [...document.querySelectorAll('%(cell)s')].filter(cell => {
    const code = cell.querySelector('.cm-content');
    if (!code || code.textContent.trim() === '') return false;
    const prompt = cell.querySelector('.jp-InputArea-prompt');
    return !prompt || !/\\[\\d+\\]/.test(prompt.textContent);
  }).length;
  return idle && (pending === 0 || errors > 0);
}
""" % {"status": STATUS_BAR, "error": ERROR_OUTPUT.replace("'", '"'), "cell": CODE_CELL}


def open_site_notebook(page, site, name: str, timeout_ms: float = 180_000) -> float:
    """Open a notebook of the site; return the seconds from page load to kernel ready."""
    started = time.monotonic()
    page.goto(site.notebook_url(name), timeout=timeout_ms)
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=timeout_ms)
    page.locator(STATUS_BAR).filter(has_text="Idle").first.wait_for(timeout=timeout_ms)
    return time.monotonic() - started


def run_all(page, timeout_ms: float = 300_000) -> float:
    """Run All from the Run menu; return the seconds until every cell ran and all is idle."""
    started = time.monotonic()
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    page.wait_for_timeout(500)
    page.wait_for_function(_RUN_FINISHED_JS, timeout=timeout_ms, polling=250)
    return time.monotonic() - started


def watch_console(page) -> tuple[list[str], list[str]]:
    """Collect console errors and failed requests of ``page`` from now on."""
    errors: list[str] = []
    failed: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    return errors, failed


def console_problems(errors: list[str], failed: list[str]) -> list[str]:
    harmless_failures = [f for f in failed if f.startswith("404 ") and HARMLESS_404.search(f)]
    problems = [f"request failed: {f}" for f in failed if f not in harmless_failures]
    for text in errors:
        if any(pattern.search(text) for pattern in HARMLESS_CONSOLE):
            continue
        if text.startswith("Failed to load resource") and failed and \
                len(failed) == len(harmless_failures):
            continue  # the console's echo of a harmless failed request listed above
        problems.append(f"browser console error: {text[:300]}")
    return problems


def check_slider(page, max_tries: int = 3) -> list[str]:
    """Move a slider beside an ``.nn-view`` display and require the display to change.

    As ``browser.check_slider`` (same contract, same messages), but with a mouse click on the
    slider's track: in JupyterLite's JupyterLab the handle does not take arrow keys.
    """
    if page.locator(f"{CODE_CELL} {SLIDER}").count() == 0:
        return []
    cells = page.locator(CODE_CELL)
    for i in range(cells.count()):
        area = cells.nth(i).locator(".jp-Cell-outputArea")
        if area.locator(VIEW).count() == 0:
            continue
        sliders = [area.locator(SLIDER).nth(j) for j in range(area.locator(SLIDER).count())]
        sliders = [s for s in sliders if s.is_visible()][:max_tries]
        if not sliders:
            continue
        for slider in sliders:
            track = slider.locator(".noUi-target").first
            track.scroll_into_view_if_needed()
            before = _wait_stable(area)
            handle = slider.locator(".noUi-handle").first
            low, high, now = (float(handle.get_attribute(f"aria-value{k}") or 0)
                              for k in ("min", "max", "now"))
            fraction = 0.15 if high > low and (now - low) / (high - low) > 0.5 else 0.85
            box = track.bounding_box()
            page.mouse.click(box["x"] + fraction * box["width"], box["y"] + box["height"] / 2)
            if _wait_stable(area) != before:
                return []
        return [f"code cell {i + 1}: moving its first {len(sliders)} slider(s) did not change "
                f"the .nn-view display beside them"]
    return ["the notebook has sliders, but none is visible in a cell output that also shows an "
            ".nn-view display (mark widget displays with widget.add_class('nn-view'))"]


def check_site_notebook(page, site, name: str, screenshot: Path | None = None,
                        timings: dict | None = None) -> list[str]:
    """Open ``name`` in the site, Run All, move a slider; return what is wrong (or [])."""
    errors, failed = watch_console(page)
    problems: list[str] = []
    kernel_ready = open_site_notebook(page, site, name)
    try:
        run_time = run_all(page)
    except Exception as error:  # a timeout: report it with whatever else is visible
        run_time = float("nan")
        problems.append(f"Run All did not finish: {type(error).__name__}: {str(error)[:200]}")
    if timings is not None:
        timings.update(kernel_ready_s=kernel_ready, run_all_s=run_time)
    deadline = time.monotonic() + 15
    while page.locator(".jp-OutputArea-output", has_text="Loading widget...").count() \
            and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    problems += cell_problems(page)
    problems += check_slider(page)
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
    problems += log_console_errors(page)
    problems += console_problems(errors, failed)
    return problems


# ---------------------------------------------------------------------------------------
# The playground

def epoch_of(stats) -> int:
    match = EPOCH.search(stats.inner_text())
    assert match, f"no epoch counter in {stats.inner_text()!r}"
    return int(match.group(1).replace(",", ""))


def play_pause(page, play_s: float = 4.0) -> dict:
    """Press the first Play, let it train ``play_s`` seconds, press Pause.

    Returns the epoch before, at Pause, a second after Pause (it must have stopped) and the
    displayed epochs per second while playing.
    """
    play = page.locator(".jupyter-widgets button", has_text="Play").first
    play.scroll_into_view_if_needed()
    stats = page.locator(".nn-view", has_text="Epoch").first
    before = epoch_of(stats)
    play.click()
    page.locator(".jupyter-widgets button", has_text="Pause").first.wait_for(timeout=30_000)
    # the first frame may take a moment; time from the first displayed change
    page.wait_for_function(
        "([el, n]) => { const m = /Epoch\\s*([\\d,]+)/.exec(el.innerText);"
        " return m && Number(m[1].replace(/,/g, '')) !== n; }",
        arg=[stats.element_handle(), before], timeout=30_000)
    first, started = epoch_of(stats), time.monotonic()
    page.wait_for_timeout(play_s * 1000)
    last, elapsed = epoch_of(stats), time.monotonic() - started
    page.locator(".jupyter-widgets button", has_text="Pause").first.click()
    page.locator(".jupyter-widgets button", has_text="Play").first.wait_for(timeout=30_000)
    paused = epoch_of(stats)
    page.wait_for_timeout(1500)
    return {"before": before, "first": first, "last": last, "paused": paused,
            "after_pause": epoch_of(stats), "epochs_per_s": (last - first) / elapsed}
