"""Shared test set-up: kernel environment, the nbval sanitize file, and browser fixtures.

The browser fixtures (``chromium``, ``lab_server``) live here so every browser test
(JupyterLab now, Voila later) shares one chromium launch recipe and one server per session;
the machinery itself is in ``tests/browser.py``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

# Kernels started by nbval and JupyterLab inherit these: TensorFlow's start-up messages would
# otherwise appear on stderr of notebooks that import it (the oneDNN notice of TF 2.21 is
# printed whatever TF_CPP_MIN_LOG_LEVEL says; disabling oneDNN also makes its maths repeatable).
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
# Checks, predictions and quiz answers made by tests and nbval kernels go to a throw-away
# progress file, never to the learner's one beside the notebooks.
os.environ.setdefault("NN_COURSE_PROGRESS",
                      os.path.join(tempfile.mkdtemp(prefix="nn_course_progress_"), "progress.json"))


def pytest_configure(config: pytest.Config) -> None:
    # pyproject gives the sanitize file relative to the repository root; resolve it there so
    # pytest also works when started from another folder.
    option = getattr(config.option, "nbval_sanitize_with", None)
    if option and not Path(option).is_absolute() and not Path(option).exists():
        config.option.nbval_sanitize_with = str(config.rootpath / option)


def notebook_paths() -> list[Path]:
    """Every course notebook, in course order."""
    return sorted(NOTEBOOKS.glob("*.ipynb"))


@pytest.fixture(scope="module")
def chromium():
    """A headless Debian chromium driven by Playwright (skips, or fails under REQUIRE_BROWSER=1).

    Module-scoped on purpose: while Playwright's sync API is active, the main thread has a
    *running* asyncio loop, so any later test calling ``asyncio.run()`` or checking for a
    running loop would misbehave. Launching chromium takes about a second.
    """
    from browser import launch_chromium, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory):
    """One JupyterLab server for the session, serving a temporary copy of notebooks/.

    A copy, because JupyterLab autosaves the notebooks it opens.
    """
    from browser import LabServer, copy_notebooks, require_chromium

    require_chromium()
    base = tmp_path_factory.mktemp("lab")
    root = copy_notebooks(NOTEBOOKS, base / "notebooks")
    with LabServer(root, base / "jupyter") as server:
        yield server
