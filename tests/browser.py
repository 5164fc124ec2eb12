"""Drive JupyterLab (and, later, Voila) in headless Debian chromium for the browser tests.

Reusable pieces:

- ``require_chromium()``: skip the calling test when chromium or Playwright is missing, or
  fail it when ``REQUIRE_BROWSER=1`` (CI), so a missing browser never passes silently.
- ``launch_chromium(playwright)``: the one launch recipe every browser test uses.
- ``LabServer``: a JupyterLab server on 127.0.0.1, a free port and a token, with isolated
  settings (no news toast, every cell rendered) and runtime folders.
- ``check_notebook(page, server, name)``: open a notebook, Run All, and return a list of
  problems (errors, broken widgets, console errors, a slider that changes nothing). Tests
  assert it is empty for the course notebooks and non-empty for deliberately broken ones.
- ``answer_prediction(page, name, option)`` and ``answer_quiz(page, number, option)``: answer
  a Predict or Quiz widget by clicking, as a learner does, and return the verdict shown.

The slider contract: every course widget marks its displays (ipywidgets ``Image``/``HTML``)
with the CSS class ``nn-view``. In a notebook with sliders, the first visible slider whose
cell output also holds an ``.nn-view`` is moved, and the ``.nn-view`` content of that output
(img src, innerHTML) must change (see ``check_slider``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # needed as root and in containers
    "--disable-gpu",
    "--disable-dev-shm-usage",  # /dev/shm is tiny in containers
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 1600}

# Selectors of the JupyterLab 4 DOM.
STATUS_BAR = ".jp-StatusBar-Widget"
CODE_CELL = ".jp-Notebook .jp-CodeCell"
ERROR_OUTPUT = (
    ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
    ".jp-OutputArea-output [data-mime-type='application/vnd.jupyter.stderr'], "
    ".jp-OutputArea-output[data-mime-type*='error'], "
    ".jp-OutputArea-output [data-mime-type*='error']"
)
# ipywidgets 8 shows a widget whose view fails as an error box; older texts kept for safety.
WIDGET_ERROR = ".jupyter-widgets-error-widget"
WIDGET_ERROR_TEXTS = ("Error displaying widget", "Click to show javascript error")
SLIDER = ".widget-slider"
VIEW = ".nn-view"


def browser_required() -> bool:
    """True in CI: browser tests must run, not skip."""
    return os.environ.get("REQUIRE_BROWSER") == "1"


def require_chromium() -> None:
    """Skip (or, with REQUIRE_BROWSER=1, fail) when the browser tests cannot run here."""
    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "playwright is not installed (pip install -e '.[test]')"
    if reason is None:
        return
    if browser_required():
        pytest.fail(f"browser tests cannot run: {reason}; REQUIRE_BROWSER=1 needs them")
    pytest.skip(reason)


def launch_chromium(playwright):
    """Launch headless Debian chromium (no Playwright-downloaded browser needed)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_notebooks(source: Path, destination: Path) -> Path:
    """Copy the notebooks (and their images) so JupyterLab's autosave cannot touch the originals."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return destination


# JupyterLab user settings for tests: no "get Jupyter news?" toast over the notebook, and every
# cell kept in the DOM (the default windowing may leave far-away cells unrendered).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


class LabServer:
    """A JupyterLab server for tests; use as a context manager.

    Parameters
    ----------
    root_dir : folder served (use a copy of notebooks/).
    work_dir : folder for its settings, workspaces, runtime files and log.
    """

    def __init__(self, root_dir: Path, work_dir: Path, startup_timeout: float = 90.0):
        self.root_dir = Path(root_dir)
        self.work_dir = Path(work_dir)
        self.startup_timeout = startup_timeout
        self.port = free_port()
        self.token = uuid.uuid4().hex
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.work_dir / "jupyterlab.log"
        self.process: subprocess.Popen | None = None

    def url(self, path: str) -> str:
        """URL of a server path, with the token (e.g. url('/lab/tree/00_start_here.ipynb'))."""
        separator = "&" if "?" in path else "?"
        return f"{self.base_url}{path}{separator}token={self.token}"

    def api(self, method: str, path: str):
        request = urllib.request.Request(
            f"{self.base_url}{path}", method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Stop every kernel (one notebook's kernel should not slow down the next one)."""
        for kernel in self.api("GET", "/api/kernels"):
            self.api("DELETE", f"/api/kernels/{kernel['id']}")

    def log_tail(self, n_chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n_chars:]
        except OSError:
            return ""

    def __enter__(self) -> LabServer:
        settings = self.work_dir / "settings"
        for name, values in LAB_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        env = dict(
            os.environ,
            JUPYTERLAB_SETTINGS_DIR=str(settings),
            JUPYTERLAB_WORKSPACES_DIR=str(self.work_dir / "workspaces"),
            JUPYTER_RUNTIME_DIR=str(self.work_dir / "runtime"),
        )
        command = [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
            f"--port={self.port}", f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}", "--ServerApp.port_retries=0",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        self.work_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "wb")  # noqa: SIM115 (closed with the process)
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env,
                                        start_new_session=True)
        log.close()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited at start-up:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status")
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__(None, None, None)
        raise RuntimeError(f"JupyterLab did not answer within {self.startup_timeout} s:\n"
                           f"{self.log_tail()}")

    def __exit__(self, *exc_info) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            self.shutdown_kernels()
        except OSError:
            pass
        os.killpg(self.process.pid, signal.SIGTERM)  # the server and nothing else: its own group
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


# ---------------------------------------------------------------------------------------
# Checking one notebook

_RUN_FINISHED_JS = """
() => {
  const status = [...document.querySelectorAll('%(status)s')].map(e => e.textContent).join(' ');
  const idle = /\\|\\s*Idle/.test(status);
  const errors = document.querySelectorAll(`%(error)s`).length;
  const pending = [...document.querySelectorAll('%(cell)s')].filter(cell => {
    const code = cell.querySelector('.cm-content');
    if (code && code.textContent.trim() === '') return false;  // empty cells never run
    // a folded cell (input hidden) has no input area, so no prompt to show its count
    if (cell.querySelector('.jp-InputPlaceholder')) return false;
    const prompt = cell.querySelector('.jp-InputArea-prompt');
    return !prompt || !/\\[\\d+\\]/.test(prompt.textContent);
  }).length;
  return idle && (pending === 0 || errors > 0);
}
""" % {"status": STATUS_BAR, "error": ERROR_OUTPUT.replace("'", '"'), "cell": CODE_CELL}

_VIEW_SNAPSHOT_JS = """
(area) => [...area.querySelectorAll('%s')].map(
    el => el.tagName === 'IMG' ? el.src : el.innerHTML)
""" % VIEW


def open_notebook(page, server: LabServer, name: str, timeout_ms: float = 120_000) -> None:
    """Open a notebook in a reset workspace and wait until its kernel is idle."""
    page.goto(server.url(f"/lab/tree/{name}") + "&reset", timeout=timeout_ms)
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=timeout_ms)
    # The toolbar's kernel indicator says idle too early; the status bar waits for the kernel.
    page.locator(STATUS_BAR).filter(has_text="Idle").first.wait_for(timeout=timeout_ms)


def run_all(page, timeout_ms: float = 600_000) -> None:
    """Run All from the Run menu; return when every code cell ran (or one failed) and idle."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    page.wait_for_timeout(500)  # let the first cell go busy before polling for idle
    page.wait_for_function(_RUN_FINISHED_JS, timeout=timeout_ms, polling=250)


def _text(locator, limit: int = 300) -> str:
    return " ".join(locator.inner_text().split())[:limit]


def _wait_stable(area, settle_s: float = 0.7, timeout_s: float = 20.0):
    """Snapshot of the .nn-view content once it has not changed for settle_s seconds."""
    last = area.evaluate(_VIEW_SNAPSHOT_JS)
    stable_since = time.monotonic()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = area.evaluate(_VIEW_SNAPSHOT_JS)
        if now != last:
            last, stable_since = now, time.monotonic()
        elif time.monotonic() - stable_since >= settle_s:
            break
    return last


def check_slider(page, max_tries: int = 3) -> list[str]:
    """Move a slider that sits beside an .nn-view and require the view to change.

    Uses the first cell output holding both; tries its visible sliders in order (at most
    ``max_tries``, since a slider may legitimately only affect later actions, like a
    learning rate before "train") and passes on the first one that changes the view.
    """
    if page.locator(f"{CODE_CELL} {SLIDER}").count() == 0:
        return []
    cells = page.locator(CODE_CELL)
    for i in range(cells.count()):
        area = cells.nth(i).locator(".jp-Cell-outputArea")
        if area.locator(VIEW).count() == 0:
            continue
        handles = [h for h in (area.locator(SLIDER).nth(j).locator(".noUi-handle").first
                               for j in range(area.locator(SLIDER).count()))
                   if h.is_visible()][:max_tries]
        if not handles:
            continue
        for handle in handles:
            handle.scroll_into_view_if_needed()
            before = _wait_stable(area)
            at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
            handle.focus()
            for _ in range(3):
                handle.press("ArrowLeft" if at_max else "ArrowRight")
                page.wait_for_timeout(100)
            if _wait_stable(area) != before:
                return []
        return [f"code cell {i + 1}: moving its first {len(handles)} slider(s) did not change "
                f"the .nn-view display beside them"]
    return ["the notebook has sliders, but none is visible in a cell output that also shows an "
            ".nn-view display (mark widget displays with widget.add_class('nn-view'))"]


def log_console_errors(page) -> list[str]:
    """Errors the kernel reported outside any cell, e.g. an exception in a widget callback.

    JupyterLab routes those to the Log Console (View > Show Log Console), not to the cell.
    """
    page.keyboard.press("Escape")
    page.locator(".lm-MenuBar-itemLabel", has_text="View").first.click()
    page.locator(".lm-Menu-item[data-command='logconsole:open']").click()
    panel = page.locator(".jp-LogConsolePanel").first
    panel.wait_for(timeout=10_000)
    page.wait_for_timeout(500)
    problems = []
    entries = panel.locator(".jp-OutputArea-child")
    for k in range(entries.count()):
        entry = entries.nth(k)
        level = entry.locator(".jp-OutputArea-prompt").first.get_attribute("data-log-level")
        if level in ("error", "critical"):
            lines = entry.locator(".jp-OutputArea-output").first.inner_text().strip().splitlines()
            problems.append(f"log console {level} (e.g. a widget callback raised): "
                            f"{lines[-1][:300] if lines else '(empty)'}")
    return problems


def cell_problems(page) -> list[str]:
    """Errors shown in cells, cells that did not run, widgets that did not display.

    A cell with no code shown (folded, or the site's hidden set-up cell) is checked for
    errors only.
    """
    problems = []
    cells = page.locator(CODE_CELL)
    for i in range(cells.count()):
        cell = cells.nth(i)
        errors = cell.locator(ERROR_OUTPUT)
        for k in range(errors.count()):
            problems.append(f"code cell {i + 1} shows an error: {_text(errors.nth(k))}")
        code = cell.locator(".cm-content")
        if code.count() == 0:
            continue  # folded or hidden: no prompt to read
        prompt = cell.locator(".jp-InputArea-prompt").first.inner_text().strip()
        if code.first.inner_text().strip() and not any(ch.isdigit() for ch in prompt):
            problems.append(f"code cell {i + 1} did not run (prompt {prompt!r})")
    broken = page.locator(f".jp-OutputArea-output {WIDGET_ERROR}")
    if broken.count():
        problems.append(f"{broken.count()} widget(s) failed to display: {_text(broken.first)}")
    for text in (*WIDGET_ERROR_TEXTS, "Loading widget..."):
        found = page.locator(".jp-OutputArea-output", has_text=text)
        if found.count() and not broken.count():
            problems.append(f"{found.count()} widget(s) show {text!r}")
    return problems


def check_notebook(page, server: LabServer, name: str, screenshot: Path | None = None,
                   widget_wait_s: float = 10.0) -> list[str]:
    """Open ``name``, Run All, and return what is wrong with it (empty when all is well).

    Attach this to a fresh page: console errors are collected from the moment it is called.
    """
    console_errors: list[str] = []
    page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: console_errors.append(f"uncaught: {error}"))
    problems: list[str] = []

    open_notebook(page, server, name)
    try:
        run_all(page)
    except Exception as error:  # a timeout: report it with whatever else is visible
        problems.append(f"Run All did not finish: {type(error).__name__}: {str(error)[:200]}")

    # Widgets render asynchronously after their cell finished.
    deadline = time.monotonic() + widget_wait_s
    loading = page.locator(".jp-OutputArea-output", has_text="Loading widget...")
    while loading.count() and time.monotonic() < deadline:
        page.wait_for_timeout(250)

    problems += cell_problems(page)

    if not problems:
        problems += check_slider(page)
    if screenshot is not None:  # before the log console takes the bottom of the window
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
    problems += log_console_errors(page)
    problems += [f"browser console error: {text[:300]}" for text in console_errors]
    return problems


# --- the exercise widgets (nn_course.exercises): answered by clicking ---------------------
VERDICT = ".nn-view .nn-verdict"


def _widget_output(page, title: str):
    """The output area of the code cell whose .nn-view title contains ``title``."""
    area = page.locator(".jp-Cell-outputArea",
                        has=page.locator(VIEW, has_text=title)).first
    area.scroll_into_view_if_needed()
    return area


def answer_prediction(page, name: str, option: str, timeout_ms: float = 20_000) -> str:
    """Pick ``option`` (its label start, e.g. ``"a)"``) in Predict widget ``name`` ("p1"),
    lock it in, press Reveal, and return the verdict text."""
    area = _widget_output(page, f"Predict ({name}).")
    area.locator(".widget-radio-box label", has_text=option).first.click()
    area.get_by_role("button", name="Lock in my prediction").click()
    area.locator(VERDICT, has_text="locked in").wait_for(timeout=timeout_ms)
    area.get_by_role("button", name="Reveal").click()
    verdict = area.locator(VERDICT, has_text=f"{name}: you predicted")
    verdict.wait_for(timeout=timeout_ms)
    return " ".join(verdict.inner_text().split())


def answer_quiz(page, number: int, option: str, timeout_ms: float = 20_000) -> str:
    """Pick ``option`` for question ``number`` of the Quiz widget, press its Check button, and
    return that question's verdict text."""
    area = _widget_output(page, "Quiz.")
    verdict = area.locator(VERDICT, has_text=re.compile(rf"[✔✘] {number}: "))
    before = " ".join(verdict.inner_text().split()) if verdict.count() else ""
    area.locator(".widget-radio-box").nth(number - 1).locator(
        "label", has_text=option).first.click()
    area.get_by_role("button", name="Check").nth(number - 1).click()
    verdict.wait_for(timeout=timeout_ms)
    # the same question answered again: wait for its new verdict (same answer, same text)
    deadline = time.monotonic() + timeout_ms / 1000
    text = " ".join(verdict.inner_text().split())
    while text == before and time.monotonic() < deadline:
        page.wait_for_timeout(100)
        text = " ".join(verdict.inner_text().split())
    return text


def click_help(page, name: str, button: str, timeout_ms: float = 20_000) -> str:
    """Press ``button`` ("Hint", "Closer hint", "Show solution") in the help widget of question
    ``name`` ("q1") and return the text the widget shows under its buttons once it changed
    (the confirmation of "Show solution" changes the button, not the text: press it twice)."""
    area = _widget_output(page, f"Stuck on {name}?")
    shown = area.locator(VIEW).nth(1)
    before = " ".join(shown.inner_text().split())
    area.get_by_role("button", name=button, exact=True).click()
    deadline = time.monotonic() + timeout_ms / 1000
    text = before
    while text == before and time.monotonic() < deadline:
        page.wait_for_timeout(100)
        text = " ".join(shown.inner_text().split())
    return text
