"""The widget forms of Predict, Quiz, a question's help and progress, built like the course's
other widgets.

Each is an :class:`ExerciseBox` (an ``ipywidgets.VBox``) with named ``controls`` and verdicts
in ``ipywidgets.HTML`` views carrying the ``nn-view`` class, so tests drive them headless::

    box = ex.p1.widget()
    box.controls["choice"].value = "b"
    box.controls["lock"].click()
    box.controls["reveal"].click()
    box.views["verdict"].value        # the verdict, as HTML

The first child is a fixed title, so the text a notebook stores for the widget (its repr,
cut at 110 characters) is the same on every run.
"""

from __future__ import annotations


import html

import ipywidgets as widgets

from .. import style
from ..widgets._base import VIEW_CLASS
from . import _progress

__all__ = ["ExerciseBox", "predict_widget", "quiz_widget", "progress_widget", "help_widget"]

# Prose wraps between words only (the widget area's defaults may break a word anywhere); code
# keeps its lines and may break anywhere, since a long identifier has no space to break at.
PROSE_CSS = "white-space: normal; word-break: normal; overflow-wrap: break-word; line-height: 1.45"
CODE_CSS = ("white-space: pre-wrap; word-break: normal; overflow-wrap: anywhere; "
            "line-height: 1.35; margin: 0.3em 0")

# right in the positive colour, wrong in the negative one, the rest neutral (nn_course.style)
_COLOURS = {"✔": style.POSITIVE, "✘": style.NEGATIVE, "○": style.NEUTRAL,
            "✎": style.NEUTRAL, "◐": style.NEUTRAL}


def _esc(text: str) -> str:
    """Text made safe inside HTML (quotes kept: it is never inside an attribute)."""
    return html.escape(str(text), quote=False)


def _verdict_html(message: str) -> str:
    """A printed verdict as HTML: its mark coloured, the text escaped."""
    if not message:
        return ""
    mark = message[0]
    colour = _COLOURS.get(mark)
    text = _esc(message)
    if colour:
        text = f'<b style="color:{colour}">{_esc(mark)}</b>{_esc(message[1:])}'
    return f'<div class="nn-verdict" style="{PROSE_CSS}">{text}</div>'


def _view(value: str = "") -> widgets.HTML:
    view = widgets.HTML(value=value)
    view.add_class(VIEW_CLASS)
    return view


def _input(options: dict | None, placeholder: str = "a number"):
    """Radio buttons for options (nothing chosen yet), else a text box for a number."""
    if options is not None:
        labels = [(f"{key}) {text}", key) for key, text in options.items()]
        return widgets.RadioButtons(options=labels, value=None,
                                    layout=widgets.Layout(width="auto"))
    return widgets.Text(value="", placeholder=placeholder, layout=widgets.Layout(width="12em"))


def _value(control):
    return control.value if control.value not in ("",) else None


class ExerciseBox(widgets.VBox):
    """A displayable exercise widget with named ``controls`` and ``views``."""

    def __init__(self, children, controls: dict, views: dict):
        super().__init__(children)
        self.controls = dict(controls)
        self.views = dict(views)


def predict_widget(question) -> ExerciseBox:
    """Prompt, choices or number box, Lock-in button, then Reveal (enabled once locked)."""
    title = _view(f"<b>Predict ({_esc(question.name)}).</b> {_esc(question.prompt)}")
    choice = _input(question.choices, "your prediction")
    lock = widgets.Button(description="Lock in my prediction", button_style="primary",
                          layout=widgets.Layout(width="auto"))
    reveal = widgets.Button(description="Reveal", disabled=True)
    verdict = _view()

    def on_lock(_button) -> None:
        if _value(choice) is None:
            verdict.value = _verdict_html(f"○ {question.name}: choose your prediction first.")
            return
        try:
            message = question.lock(_value(choice))
        except ValueError as error:
            verdict.value = _verdict_html(f"✘ {question.name}: {error}")
            return
        verdict.value = _verdict_html(message)
        choice.disabled = True
        lock.disabled = True
        reveal.disabled = False

    def on_reveal(_button) -> None:
        verdict.value = _verdict_html(question.verdict()[1])

    lock.on_click(on_lock)
    reveal.on_click(on_reveal)
    return ExerciseBox([title, choice, widgets.HBox([lock, reveal]), verdict],
                       {"choice": choice, "lock": lock, "reveal": reveal},
                       {"title": title, "verdict": verdict})


def quiz_widget(quiz) -> ExerciseBox:
    """Every question with its input, a Check button and its own verdict; the score below."""
    title = _view(f"<b>Quiz.</b> {len(quiz)} questions: answer each and press its Check "
                  "button; every answer says why.")
    score = _view(_verdict_html(f"○ {quiz.score_text()}"))
    children, controls, views = [title], {}, {"title": title, "score": score}
    for number, item in enumerate(quiz.items, start=1):
        prompt = widgets.HTML(f"<b>{number}.</b> {_esc(item.question)}")
        choice = _input(getattr(item, "options", None))
        button = widgets.Button(description="Check", layout=widgets.Layout(width="auto"))
        verdict = _view()

        def on_check(_button, number=number, choice=choice, verdict=verdict) -> None:
            if _value(choice) is None:
                verdict.value = _verdict_html(f"○ {number}: choose an answer first.")
                return
            _, message = quiz.mark(number, _value(choice))
            verdict.value = _verdict_html(message)
            mark = "✔" if sum(r for _, r in quiz.answers.values()) == len(quiz) else "◐"
            score.value = _verdict_html(f"{mark} {quiz.score_text()}")

        button.on_click(on_check)
        children += [prompt, widgets.HBox([choice, button]), verdict]
        controls[f"choice{number}"] = choice
        controls[f"check{number}"] = button
        views[f"verdict{number}"] = verdict
    children.append(score)
    return ExerciseBox(children, controls, views)


def _progress_table() -> str:
    rows = "".join(
        f"<tr><td>{_progress._MARK[r['state']]}</td><td>{_esc(r['title'])}</td>"
        f"<td>{r['state']}</td><td>{r['done']} of {r['total']}</td></tr>"
        for r in _progress.summary())
    return ('<table class="nn-progress"><tr><th></th><th>notebook</th><th>state</th>'
            f"<th>done</th></tr>{rows}</table>"
            f"<small>saved in {_esc(_progress.saved_where())}</small>")


def progress_widget() -> ExerciseBox:
    """Done / tried / not started for every notebook, with a Refresh button."""
    title = _view("<b>Your progress.</b> ✔ done, ◐ tried, ○ not started. Press Refresh after "
                  "working in another notebook.")
    table = _view(_progress_table())
    refresh = widgets.Button(description="Refresh", icon="refresh")

    def on_refresh(_button) -> None:
        table.value = _progress_table()

    refresh.on_click(on_refresh)
    return ExerciseBox([title, table, refresh], {"refresh": refresh},
                       {"title": title, "table": table})


CONFIRM = "Sure? Try the hints first"


def _help_html(question, shown: list[str]) -> str:
    """What the learner asked for so far, in order: hint 1, hint 2, the solution."""
    parts = []
    for level, hint in enumerate(question.hints, start=1):
        if f"hint{level}" in shown:
            label = "Hint" if level == 1 else "Closer hint"
            parts.append(f'<div class="nn-hint" style="{PROSE_CSS}"><b>{label}:</b> '
                         f"{_esc(hint)}</div>")
    if "solution" in shown:
        parts.append(f'<div class="nn-solution" style="{PROSE_CSS}"><b>Solution:</b></div>'
                     f'<pre style="{CODE_CSS}"><code>{_esc(question.solution_text())}</code></pre>')
    return "".join(parts)


def help_widget(question) -> ExerciseBox:
    """*Hint*, *Closer hint* and *Show solution* buttons over an empty view.

    Nothing is shown until a button is clicked; *Show solution* first turns into "Sure? Try the
    hints first" and shows the solution on the second click. Each reveal is counted in the
    progress file (``"hints"``), which never marks the question done.
    """
    title = _view(f"<b>Stuck on {_esc(question.name)}?</b> "
                  f'<span style="{PROSE_CSS}">A hint, a closer hint, and the solution as the last '
                  "resort.</span>")
    layout = widgets.Layout(width="auto")
    buttons = {"hint1": widgets.Button(description="Hint", layout=layout),
               "hint2": widgets.Button(description="Closer hint", layout=layout),
               "solution": widgets.Button(description="Show solution", layout=layout)}
    if len(question.hints) < 2:
        buttons["hint2"].disabled = True
    shown_view = _view()
    shown: list[str] = []

    def reveal(what: str) -> None:
        if what not in shown:
            shown.append(what)
            _progress.record_help(question.notebook, question.name, solution=what == "solution")
        shown_view.value = _help_html(question, shown)

    def on_solution(button) -> None:
        if button.description != CONFIRM and "solution" not in shown:
            button.description = CONFIRM
            button.button_style = "warning"
            return
        button.description = "Show solution"
        button.button_style = ""
        reveal("solution")

    buttons["hint1"].on_click(lambda _b: reveal("hint1"))
    buttons["hint2"].on_click(lambda _b: reveal("hint2"))
    buttons["solution"].on_click(on_solution)
    return ExerciseBox([title, widgets.HBox(list(buttons.values())), shown_view], buttons,
                       {"title": title, "shown": shown_view})
