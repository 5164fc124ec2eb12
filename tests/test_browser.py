"""Every notebook in a real browser: JupyterLab in headless Debian chromium, Run All, look.

For each notebook: no cell shows an error, every widget rendered, no error in the browser
console or JupyterLab's log console, and (for notebooks with sliders) moving a slider changes
the ``.nn-view`` display beside it. A screenshot per notebook goes to artifacts/screenshots/.
The broken-notebook tests prove each of those checks can fail.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from browser import (VIEWPORT, answer_prediction, answer_quiz, check_notebook, click_help,
                     open_notebook, run_all)
from conftest import ROOT, notebook_paths

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture
def page(chromium, lab_server):
    """A fresh browser page; the notebook's kernel is shut down afterwards."""
    page = chromium.new_page(viewport=VIEWPORT)
    yield page
    page.close()
    lab_server.shutdown_kernels()


@pytest.mark.parametrize("name", [path.name for path in notebook_paths()])
def test_notebook_runs_cleanly_in_jupyterlab(page, lab_server, name):
    problems = check_notebook(page, lab_server, name,
                              screenshot=SCREENSHOTS / f"{Path(name).stem}.png")
    assert not problems, f"{name} in JupyterLab:\n- " + "\n- ".join(problems)


def test_a_prediction_and_a_quiz_answered_by_clicking(page, lab_server):
    """In 00, a learner clicks a prediction, reveals it, opens the help of q1 step by step and
    answers the quiz: each shows why, and nothing of the help shows before its click."""
    from nn_course.exercises import nb00

    open_notebook(page, lab_server, "00_start_here.ipynb")
    run_all(page)
    body = " ".join(page.locator(".jp-Notebook").inner_text().split())
    assert nb00.q1.hints[0][:40] not in body, "a hint shows before any click"
    shown = click_help(page, "q1", "Hint")
    assert " ".join(nb00.q1.hints[0].split()) in shown and "Closer hint:" not in shown, shown
    shown = click_help(page, "q1", "Closer hint")
    assert " ".join(nb00.q1.hints[1].split()) in shown and "Solution:" not in shown, shown
    page.get_by_role("button", name="Show solution", exact=True).click()
    page.get_by_role("button", name="Sure? Try the hints first").wait_for(timeout=20_000)
    assert "Solution:" not in " ".join(page.locator(".jp-Notebook").inner_text().split())
    shown = click_help(page, "q1", "Sure? Try the hints first")
    assert "Solution:" in shown and "answer = 0.0" in shown, shown
    page.screenshot(path=str(SCREENSHOTS / "00_help_buttons.png"), full_page=True)
    verdict = answer_prediction(page, "p1", "a)")
    assert verdict.startswith("✔ p1: you predicted a) Get steeper"), verdict
    assert "so the output goes from near 0 to near 1" in verdict
    verdict = answer_quiz(page, 1, "a)")
    assert verdict.startswith("✘ 1: not quite; you answered a) Show solution"), verdict
    assert "take the two hints first" in verdict
    verdict = answer_quiz(page, 1, "b)")
    assert verdict.startswith("✔ 1: right: b) Hint"), verdict
    page.screenshot(path=str(SCREENSHOTS / "00_exercise_widgets.png"), full_page=True)


# --- deliberately broken notebooks: each must be reported ------------------------------

_FIGURE = '''\
import io

import ipywidgets as widgets
from IPython.display import display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

figure = Figure(figsize=(3, 2))
FigureCanvasAgg(figure)
(line,) = figure.add_subplot().plot([0, 1], [0, 1])


def png():
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
'''

BROKEN = {
    # the callback raises after the cell ran fine: the view never changes, and the
    # traceback only reaches JupyterLab's log console
    "callback_raises": ('''\
slider = widgets.IntSlider(value=1, min=0, max=10)
view = widgets.Image(value=png(), format="png")
view.add_class("nn-view")


def update(change):
    line.set_ydata([0, change["new"] / 0])
    view.value = png()


slider.observe(update, names="value")
display(widgets.VBox([slider, view]))''', ["did not change the .nn-view", "ZeroDivisionError"]),
    # the view updates, then the callback fails: only the log console shows it
    "callback_raises_late": ('''\
slider = widgets.IntSlider(value=1, min=0, max=10)
view = widgets.Image(value=png(), format="png")
view.add_class("nn-view")


def update(change):
    line.set_ydata([0, change["new"]])
    view.value = png()
    raise RuntimeError("broken after drawing")


slider.observe(update, names="value")
display(widgets.VBox([slider, view]))''', ["RuntimeError: broken after drawing"]),
    # a widget the front end cannot display
    "undisplayable": ('''\
from traitlets import Unicode


class Broken(widgets.DOMWidget):
    _view_name = Unicode("NoSuchView").tag(sync=True)
    _view_module = Unicode("no-such-widget-module").tag(sync=True)
    _view_module_version = Unicode("1.0.0").tag(sync=True)


display(Broken())''', ["failed to display", "browser console error"]),
    # a slider whose display is not marked: the slider check cannot see the figure
    "slider_without_view": ('''\
display(widgets.VBox([widgets.IntSlider(value=1, min=0, max=10), widgets.Image(value=png())]))''',
                            ["none is visible in a cell output that also shows an .nn-view"]),
    "cell_error": ('raise ValueError("broken on purpose")', ["ValueError: broken on purpose"]),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_a_broken_notebook_is_reported(page, lab_server, kind):
    source, expected = BROKEN[kind]
    name = f"zz_broken_{kind}.ipynb"  # in the server's temporary copy, never in notebooks/
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(_FIGURE), nbformat.v4.new_code_cell(source)],
        metadata={"kernelspec": {"name": "python3", "language": "python",
                                 "display_name": "Python 3 (ipykernel)"}},
    )
    nbformat.write(notebook, lab_server.root_dir / name)
    problems = check_notebook(page, lab_server, name)
    text = "\n".join(problems)
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, f"{kind}: expected problems mentioning {missing}; got:\n{text}"


def test_run_all_finishes_with_a_folded_code_cell(page, lab_server):
    """A code cell whose input is folded (hidden) has no prompt to show its count: Run All
    must still be seen to finish, and the cell's output must be there."""
    name = "zz_folded_cell.ipynb"  # in the server's temporary copy, never in notebooks/
    folded = nbformat.v4.new_code_cell('print("folded cell ran")',
                                       metadata={"jupyter": {"source_hidden": True}})
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("x = 1"), folded, nbformat.v4.new_code_cell("x + 1")],
        metadata={"kernelspec": {"name": "python3", "language": "python",
                                 "display_name": "Python 3 (ipykernel)"}},
    )
    nbformat.write(notebook, lab_server.root_dir / name)
    open_notebook(page, lab_server, name)
    assert page.locator(".jp-InputPlaceholder").count() == 1, "the cell should show folded"
    run_all(page, timeout_ms=60_000)
    assert page.locator(".jp-OutputArea-output", has_text="folded cell ran").count() == 1
