"""The playground in a real browser: JupyterLab in headless Debian chromium.

A throw-away notebook shows the challenge picker. The test clicks a challenge, switches Draw
on, clicks on the decision map (a point appears where the click was, read back from the
lab's message and the dots drawn), shift-clicks to remove it, presses Play (the epoch counter
advances and the map changes), presses Pause (training stops), clicks the output neuron of
the network picture (its large view opens), and finds no error in the cells, the log console
or the browser console.
"""

from __future__ import annotations

import re
import time

import nbformat
import pytest
from browser import VIEWPORT, cell_problems, log_console_errors, open_notebook, run_all

from nn_course.playground_settings import EXTENT
from nn_course.widgets import _playground_render as render

pytestmark = pytest.mark.browser

NOTEBOOK = "picker.ipynb"
CHALLENGE = "circle-linear"


def map_view(area):
    """The decision map's view in ``area`` (a locator): the first .nn-view whose picture is
    titled "Decision map" (also used by the Voila test)."""
    return area.locator(".nn-view").filter(has=area.page.locator("svg image")).filter(
        has_text=re.compile(r"Decision map, epoch")).first


@pytest.fixture(scope="module")
def server(lab_server):
    """The session's JupyterLab, serving a throw-away notebook that shows the picker."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "from nn_course.widgets import challenge_picker\n"
        "picker = challenge_picker(record_progress=False)\n"
        "picker"
    )]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, lab_server.root_dir / NOTEBOOK)
    return lab_server


def _button(area, text: str):
    """The button that reads ``text`` (its icon aside)."""
    return area.locator("button", has_text=re.compile(rf"^\W*{re.escape(text)}\W*$")).first


def _epoch(area) -> int:
    text = area.locator(".nn-view", has_text=re.compile(r"Epoch\s+[\d,]+")).first.inner_text()
    return int(re.search(r"Epoch\s+([\d,]+)", text).group(1).replace(",", ""))


def _map_state(area) -> dict:
    """The map's dots (circles, the ringed cross of Draw excluded) and its picture."""
    return map_view(area).evaluate(
        """el => ({
            dots: el.querySelectorAll('g > g > circle').length,
            image: (el.querySelector('image') || {}).outerHTML || '',
            title: (el.querySelector('text') || {}).textContent || ''})"""
    )


def click_map(page, area, x1: float, x2: float, shift: bool = False) -> None:
    """Click the map at data point (x1, x2), from where its <svg> is on the screen."""
    picture = map_view(area).locator("svg").first
    picture.scroll_into_view_if_needed()  # the mouse clicks inside the window only
    box = picture.bounding_box()
    px = render.MAP_LEFT + (x1 + EXTENT) / (2 * EXTENT) * render.MAP_SIZE
    py = render.MAP_TOP + (EXTENT - x2) / (2 * EXTENT) * render.MAP_SIZE
    page.mouse.move(box["x"] + px, box["y"] + py)
    if shift:
        page.keyboard.down("Shift")
    page.mouse.down()
    page.mouse.up()
    if shift:
        page.keyboard.up("Shift")


def draw_a_point(page) -> None:
    """Draw on, then a click on the page's first map: the point is added where the click was
    (ipyevents works on this page; used by the Voila and site tests too)."""
    body = page.locator("body")
    _button(body, "Draw").click()
    map_view(body).locator("svg[style*='crosshair']").wait_for(timeout=30_000)
    click_map(page, body, -5.0, 5.0)
    added = page.locator(".nn-view", has_text="added").first
    added.wait_for(timeout=30_000)
    x1, x2 = map(float, re.search(r"Point \(([-\d.e]+), ([-\d.e]+)\) added",
                                  added.inner_text()).groups())
    pixel = 2 * EXTENT / render.MAP_SIZE
    assert abs(x1 + 5.0) <= 2 * pixel and abs(x2 - 5.0) <= 2 * pixel, (x1, x2)


def look_inside_the_output(page, area) -> None:
    """A click on the output neuron of the network picture opens its large view."""
    view = area.locator(".nn-view").filter(has_text=re.compile(r"Network \d+(-\d+)+")).first
    picture = view.locator("svg").first
    picture.scroll_into_view_if_needed()
    title = picture.locator("title").first.text_content()
    sizes = [int(n) for n in re.search(r"Network ([\d-]+)", title).group(1).split("-")]
    x, y = render.network_layout(sizes)[-1][0]
    box = picture.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    area.get_by_text("Neuron 1 of the output").first.wait_for(timeout=20_000)


def _wait_for(predicate, timeout_s: float = 30.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_click_a_challenge_draw_a_point_and_play(chromium, server):
    page = chromium.new_page(viewport=VIEWPORT)
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: console.append(f"uncaught: {error}"))
    try:
        open_notebook(page, server, NOTEBOOK)
        run_all(page)
        area = page.locator(".jp-Cell-outputArea").first
        _button(area, CHALLENGE).click()
        area.locator(".nn-view", has_text="Press Play").first.wait_for(timeout=60_000)
        assert "Challenge:" in area.inner_text()

        _button(area, "Draw").click()
        map_view(area).locator("svg[style*='crosshair']").wait_for(timeout=20_000)
        before = _map_state(area)
        click_map(page, area, 4.5, -4.5)
        added = area.locator(".nn-view", has_text="added")
        added.first.wait_for(timeout=20_000)
        x1, x2 = map(float, re.search(r"Point \(([-\d.e]+), ([-\d.e]+)\) added",
                                      added.first.inner_text()).groups())
        pixel = 2 * EXTENT / render.MAP_SIZE
        assert abs(x1 - 4.5) <= 2 * pixel and abs(x2 + 4.5) <= 2 * pixel, (x1, x2)
        _wait_for(lambda: _map_state(area)["dots"] == before["dots"] + 1, what="the new dot")
        assert area.locator(".nn-view", has_text="own points").count() >= 1  # no credit

        click_map(page, area, 4.5, -4.5, shift=True)
        area.locator(".nn-view", has_text="removed").first.wait_for(timeout=20_000)
        _wait_for(lambda: _map_state(area)["dots"] == before["dots"], what="the dot removed")

        start, picture = _epoch(area), _map_state(area)["image"]
        _button(area, "Play").click()
        _wait_for(lambda: _epoch(area) >= start + 20, what="the epoch counter to advance")
        _button(area, "Pause").click()
        _button(area, "Play").wait_for(timeout=20_000)
        assert _map_state(area)["image"] != picture, "the map did not change while playing"
        paused = _epoch(area)
        page.wait_for_timeout(1500)
        assert _epoch(area) == paused, "still training after Pause"

        look_inside_the_output(page, area)

        problems = cell_problems(page) + log_console_errors(page)
        problems += [f"browser console error: {text[:300]}" for text in console]
        assert not problems, "\n- ".join(["the playground in JupyterLab:"] + problems)
    finally:
        page.close()
        server.shutdown_kernels()
