"""The widget forms of Predict, Quiz and progress, built like the course's other widgets.

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

__all__ = ["ExerciseBox", "predict_widget", "quiz_widget", "progress_widget"]

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
    return f'<div class="nn-verdict">{text}</div>'


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
    from ._progress import _MARK, progress_path, summary

    rows = "".join(
        f"<tr><td>{_MARK[r['state']]}</td><td>{_esc(r['title'])}</td>"
        f"<td>{r['state']}</td><td>{r['done']} of {r['total']}</td></tr>" for r in summary())
    return ('<table class="nn-progress"><tr><th></th><th>notebook</th><th>state</th>'
            f"<th>done</th></tr>{rows}</table>"
            f"<small>saved in {_esc(str(progress_path()))}</small>")


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
