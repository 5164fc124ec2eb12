"""The playground as a standalone page: Voila serves notebooks/pages/playground.ipynb (what
`make playground` does), headless chromium loads it, and the lab must work there.

Checked: the page renders the playground (its views and buttons), a click on "Step" advances
the epoch counter (so the page talks to a live kernel), with Draw on a click on the map adds a
point there, and the browser console shows no error. A set-up shared as a link
(``?state=pg1...``) opens on the page as it was shared, and the page's *Share link* writes a
link to the same set-up. A screenshot goes to
artifacts/screenshots/voila_playground.png. Only resources Voila's page template fetches from
the internet (Font Awesome from a CDN) may fail to load: CI machines may be offline, and the
bundle carries its own copy. One console error that Voila's own page load can print on a
busy machine ("widget model not found") gets up to two fresh page loads, one of which must be
clean (see VOILA_LOAD_RACE).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from browser import VIEWPORT, free_port
from test_playground_browser import draw_a_point
from conftest import NOTEBOOKS, ROOT

from nn_course.playground_share import decode, state_from_query
from nn_course.widgets import playground

pytestmark = pytest.mark.browser

NOTEBOOK = NOTEBOOKS / "pages" / "playground.ipynb"
SCREENSHOT = ROOT / "artifacts" / "screenshots" / "voila_playground.png"
EPOCH = re.compile(r"Epoch\s*(\d{2},\d{3})")


class VoilaServer:
    """``voila NOTEBOOK`` on 127.0.0.1 and a free port, in its own process group."""

    def __init__(self, notebook: Path, work_dir: Path, startup_timeout: float = 90.0):
        self.notebook = notebook
        self.work_dir = work_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = work_dir / "voila.log"
        self.startup_timeout = startup_timeout
        self.process = None

    def log_tail(self, n_chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n_chars:]
        except OSError:
            return ""

    def __enter__(self) -> VoilaServer:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(self.work_dir / "runtime"))
        command = [
            sys.executable, "-m", "voila", str(self.notebook), "--no-browser",
            "--Voila.ip=127.0.0.1", f"--port={self.port}", "--Voila.port_retries=0",
        ]
        log = open(self.log_path, "wb")  # noqa: SIM115 (closed with the process)
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env,
                                        cwd=self.notebook.parent, start_new_session=True)
        log.close()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"voila exited at start-up:\n{self.log_tail()}")
            if ("Voilà is running at" in self.log_tail(100_000)
                    or "Voila is running at" in self.log_tail(100_000)):
                return self
            time.sleep(0.3)
        self.__exit__(None, None, None)
        raise RuntimeError(
            f"voila did not start within {self.startup_timeout} s:\n{self.log_tail()}"
        )

    def __exit__(self, *exc_info) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)  # voila and its kernel: its own group
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


#: The one console error Voila's page load can print: a widget view asks for a model the
#: page's widget manager never received. Seen with the whole of notebook 12 served (about 2,100
#: widget models; on a busy machine the last cells' widgets were lost on up to half the loads),
#: not seen with the playground page (0 of 6 loads with both cores busy). The test loads a
#: fresh page (a fresh kernel) at most twice more when it is the only error; one load must be
#: clean.
VOILA_LOAD_RACE = "Error: widget model not found"


def load_and_step(chromium, server, query: str = "", check=None) -> list[str]:
    """Open the page (with ``query``), check the lab, press Step twice, call ``check(page)``
    if given, then draw a point; return the console errors."""
    page = chromium.new_page(viewport={**VIEWPORT, "width": 1400})
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    try:
        page.goto(server.url + query, timeout=240_000)
        # the first lab: its views (class nn-view) and its buttons
        page.wait_for_selector(".nn-view svg", timeout=120_000)
        step = page.locator(".jupyter-widgets button", has_text="Step").first
        step.wait_for(timeout=60_000)
        stats = page.locator(".nn-view", has_text="Epoch").first
        before = EPOCH.search(stats.inner_text())
        assert before, stats.inner_text()
        start = int(before.group(1).replace(",", ""))  # the saved lab is already trained
        assert page.locator(".nn-view svg image").count() > 0  # neuron heatmaps drawn
        for n in (start + 1, start + 2):
            page.locator(".jupyter-widgets button", has_text="Step").first.click()
            page.wait_for_function(
                f"(el) => /Epoch\\s*{n:06,}/.test(el.innerText)",
                arg=stats.element_handle(), timeout=30_000)
        if check is not None:
            check(page)
        draw_a_point(page)
        page.wait_for_timeout(500)
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=False)
    finally:
        page.close()
    # Voila's page template links Font Awesome from a CDN (its bundle has its own copy);
    # without internet that request fails. Only requests leaving 127.0.0.1 may fail.
    local = [url for url in failed if url.startswith(server.url)]
    assert not local, f"requests to the Voila server failed: {local}"
    offline = [url for url in failed if not url.startswith(server.url)]
    problems = [
        e for e in errors
        if not (offline and e.startswith("Failed to load resource: net::ERR_"))
    ]
    return problems


def test_voila_serves_a_working_playground(chromium, tmp_path):
    with VoilaServer(NOTEBOOK, tmp_path / "voila") as server:
        # The page arrives once the notebook has run (Voila executes it first).
        with urllib.request.urlopen(server.url, timeout=240) as response:
            assert response.status == 200
        problems = load_and_step(chromium, server)
        for _ in range(2):  # Voila's own load race only: a fresh load, at most twice
            if not problems or not all(e.startswith(VOILA_LOAD_RACE) for e in problems):
                break
            problems = load_and_step(chromium, server)
        assert not problems, "browser console errors on the Voila page:\n" + "\n".join(problems)
        assert "Traceback" not in server.log_tail(100_000), server.log_tail()


SHARED = {"dataset": "xor", "noise": 20, "hidden": [3], "learning_rate": 0.1, "seed": 7}


def test_a_shared_link_opens_its_set_up_and_shares_it_again(chromium, tmp_path):
    code = playground(state=SHARED).share()
    expected = decode(code)

    def check(page):
        title = page.locator(".nn-view svg title", has_text="Network ").first.text_content()
        assert re.search(r"Network 2-3-1\b", title), title  # one hidden layer of 3
        page.locator(".jupyter-widgets button", has_text="Share link").first.click()
        link = page.locator(".widget-text input").last
        page.wait_for_function("(el) => el.value.includes('state=pg1.')",
                               arg=link.element_handle(), timeout=30_000)
        shared = state_from_query(urllib.parse.urlsplit(link.input_value()).query)
        assert shared == expected  # the same set-up, data seed and seed included

    with VoilaServer(NOTEBOOK, tmp_path / "voila") as server:
        query = "?" + urllib.parse.urlencode({"state": code})
        problems = load_and_step(chromium, server, query, check)
        assert not problems, "browser console errors on the Voila page:\n" + "\n".join(problems)
