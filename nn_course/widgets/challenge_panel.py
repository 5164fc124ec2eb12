"""A playground challenge: the task, the playground set up for it, and a live goal status.

``challenge("spiral-12")`` builds the playground from the challenge's preset, greys out the
controls it locks and hides the ones it hides, shows the task above the lab and checks the goal
after every trained epoch and every change of a control. When the goal is met the status turns
blue and says so, and the course progress records the challenge as done (notebook "12", the
challenge's name); training without meeting it records a try. Everything runs headless too::

    ch = challenge("circle-linear")
    ch.lab.controls["x1^2"].value = True      # the lab is an ordinary Playground
    ch.lab.run_epochs(50)
    ch.met, ch.message

The challenges and their goals live in :mod:`nn_course.challenges` (widget-free).
See notebook 12_playground.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..challenges import CHALLENGES, Challenge, challenge_names, get_challenge
from ..exercises import _progress
from ..playground_model import CUSTOM
from ..style import NEGATIVE, NEUTRAL, POSITIVE, tint
from ._base import VIEW_CLASS
from .playground import Playground, playground

__all__ = [
    "challenge",
    "challenges",
    "challenge_picker",
    "ChallengePanel",
    "ChallengePicker",
    "PROGRESS_NOTEBOOK",
]

#: The progress file records challenges under this notebook.
PROGRESS_NOTEBOOK = "12"


class ChallengePanel:
    """One challenge in a playground (build it with :func:`challenge`).

    Attributes
    ----------
    challenge : Challenge
        The definition (preset, locked and hidden controls, goal).
    lab : Playground
        The playground it runs in (``lab.model`` is the PlaygroundModel the goal reads).
    widget : ipywidgets.VBox
        Task, goal status and the lab; a cell ending with the panel shows it.
    met : bool
        Whether the goal was met (stays True once reached).
    message : str
        The latest goal check in words.
    """

    def __init__(self, ch: Challenge, record_progress: bool = True):
        self.challenge = ch
        self.record_progress = record_progress
        self.met = False
        self.message = ""
        self._tried = False
        self.lab: Playground = playground(state=dict(ch.preset))
        self.task_view = widgets.HTML(
            f"<div style='max-width:900px'><b>Challenge: {html.escape(ch.title)}</b> "
            f"<span style='color:{NEUTRAL}'>({html.escape(ch.name)})</span><br>{ch.story}</div>"
        )
        self.status_view = widgets.HTML()
        self.status_view.add_class(VIEW_CLASS)
        self.restart_button = widgets.Button(
            description="Start again", icon="undo", tooltip="Back to the challenge's set-up"
        )
        self.restart_button.on_click(lambda _b: self.restart())
        self._apply_controls()
        self._hook()
        self.widget = widgets.VBox(
            [
                self.task_view,
                widgets.HBox([self.status_view, self.restart_button],
                             layout=widgets.Layout(align_items="center")),
                self.lab.widget,
            ]
        )
        self.check()

    # ------------------------------------------------------------------ set-up
    def _apply_controls(self) -> None:
        """Hide and lock the challenge's controls (through the lab's public ``controls``)."""
        controls = self.lab.controls
        for name in self.challenge.hidden:
            if name in controls:  # a fresh Layout: controls may share theirs
                controls[name].layout = widgets.Layout(display="none")
        for name in self.challenge.locked:
            if name not in controls:
                continue
            control = controls[name]
            control.disabled = True
            # the lab re-enables its layer buttons when it redraws: keep them locked
            control.observe(self._keep_locked, names="disabled")

    @staticmethod
    def _keep_locked(change) -> None:
        if not change["new"]:
            change["owner"].disabled = True

    def _hook(self) -> None:
        """Check the goal after every trained epoch (play, step, run_epochs) and every change."""
        model = self.lab.model
        train = model.run_epochs

        def run_epochs(n: int) -> None:
            train(n)
            self._after_training()

        model.run_epochs = run_epochs  # this model only: the lab's play loop calls it
        for control in self.lab.controls.values():
            if isinstance(control, widgets.Button):
                control.on_click(lambda _b: self.check())
            else:
                control.observe(lambda _c: self.check(), names="value")
        if self.lab.map_events is not None:  # after the lab's own handler: a point drawn
            self.lab.map_events.on_dom_event(lambda _event: self.check())

    # ------------------------------------------------------------------ checking
    def _after_training(self) -> None:
        if not self._tried and self.record_progress:
            _progress.record(PROGRESS_NOTEBOOK, self.challenge.name, correct=False)
        self._tried = True
        self.check()

    def check(self) -> bool:
        """Check the goal now, update the status line; return whether it is met now."""
        model = self.lab.model
        met_now, message = self.challenge.check(model)
        met_now = met_now and model.epoch > 0  # an untrained network has not met anything
        if model.epoch == 0:
            message = "Press Play (or Step) to train."
        if model.state["dataset"] == CUSTOM:  # drawn or uploaded points: try them, no credit
            met_now, message = False, (
                "Your own points are in the lab: the goal counts on the challenge's data "
                "(press Start again)."
            )
        if met_now and not self.met:
            self.met = True
            if self.record_progress:
                _progress.record(PROGRESS_NOTEBOOK, self.challenge.name, correct=True)
        self.message = message
        self._draw_status(met_now)
        return met_now

    def _draw_status(self, met_now: bool) -> None:
        if met_now:
            color, mark = POSITIVE, "✔"
        elif self.met:
            color, mark = NEUTRAL, "✔ (met before)"
        else:
            color, mark = NEGATIVE, "○"
        self.status_view.value = (
            f"<div style='padding:4px 8px;border-left:4px solid {color};"
            f"background:{tint(color, 0.15)};min-width:500px'><b>{mark}</b> "
            f"epoch {self.lab.model.epoch}: {html.escape(self.message)}</div>"
        )

    def restart(self) -> None:
        """Back to the challenge's preset at epoch 0 (a goal already met stays met)."""
        self.lab.set_state(dict(self.challenge.preset))
        self.check()

    # ------------------------------------------------------------------ display
    def __repr__(self) -> str:
        return f"ChallengePanel({self.challenge.name!r}, met={self.met}, epoch={self.lab.epoch})"

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def close(self) -> None:
        """Stop the lab and close every widget."""
        self.lab.close()
        self.widget.close()


def challenge(name: str, record_progress: bool = True) -> ChallengePanel:
    """A playground challenge with its task and live goal status.

    Parameters
    ----------
    name : str
        One of :func:`nn_course.challenges.challenge_names` ("circle-linear", "xor-no-hidden",
        "xor-one-layer", "circle-fewest", "gauss-no-hidden", "l1-features", "largest-lr",
        "noise-regularise", "spiral-12").
    record_progress : bool, default True
        Record tries and the met goal in the course progress (notebook "12").

    Examples
    --------
    >>> ch = challenge("xor-no-hidden", record_progress=False)
    >>> ch.lab.controls["x1"].disabled, ch.lab.controls["add_layer"].layout.display
    (False, 'none')
    >>> ch.lab.set_state({"features": ["x1*x2"]})
    >>> ch.lab.run_epochs(50)
    >>> ch.met
    True

    See notebook 12_playground.
    """
    if not isinstance(name, str) or name not in challenge_names():
        raise ValueError(f"Unknown challenge {name!r}; choose one of {challenge_names()}.")
    return ChallengePanel(get_challenge(name), record_progress=record_progress)


class ChallengePicker:
    """Every challenge as a button; a click opens that challenge below the buttons (build it
    with :func:`challenge_picker`).

    Attributes
    ----------
    buttons : dict
        Challenge name -> its ipywidgets.Button (the tooltip is the challenge's title).
    panel : ChallengePanel or None
        The challenge open now (None before the first click).
    widget : ipywidgets.VBox
        The buttons and the open challenge; a cell ending with the picker shows it.
    """

    def __init__(self, record_progress: bool = True):
        self.record_progress = record_progress
        self.panel: ChallengePanel | None = None
        self.buttons = {
            name: widgets.Button(description=name, tooltip=ch.title,
                                 layout=widgets.Layout(width="auto"))
            for name, ch in CHALLENGES.items()
        }
        for name, button in self.buttons.items():
            button.on_click(lambda _b, name=name: self.open(name))
        self._row = widgets.HBox(list(self.buttons.values()),
                                 layout=widgets.Layout(flex_flow="row wrap"))
        self.widget = widgets.VBox([self._row])

    def open(self, name: str) -> ChallengePanel:
        """Open the challenge ``name`` (the one open before closes: its lab stops)."""
        if self.panel is not None:
            self.panel.close()
        self.panel = challenge(name, record_progress=self.record_progress)
        for other, button in self.buttons.items():
            button.button_style = "info" if other == name else ""
        self.widget.children = [self._row, self.panel.widget]
        return self.panel

    def __repr__(self) -> str:
        name = None if self.panel is None else self.panel.challenge.name
        return f"ChallengePicker(open={name!r})"

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def close(self) -> None:
        """Stop the open challenge's lab and close every widget."""
        if self.panel is not None:
            self.panel.close()
        self.widget.close()


def challenge_picker(record_progress: bool = True) -> ChallengePicker:
    """The challenges as buttons: a click on one opens it (its task, goal status and lab).

    >>> picker = challenge_picker(record_progress=False)
    >>> picker.buttons["xor-no-hidden"].click()
    >>> picker.panel.challenge.name, len(picker.widget.children)
    ('xor-no-hidden', 2)
    >>> picker.close()

    See notebook 12_playground.
    """
    return ChallengePicker(record_progress=record_progress)


_STATUS = {"correct": ("done", POSITIVE), "tried": ("tried", NEGATIVE)}


def challenges() -> widgets.HTML:
    """The built-in challenges as a table: name (for :func:`challenge`), title and the
    learner's status from the course progress (done / tried / not started).

    >>> "spiral-12" in challenges().value
    True
    """
    recorded = _progress.load().get(PROGRESS_NOTEBOOK, {})
    rows = []
    for name, ch in CHALLENGES.items():
        status, color = _STATUS.get(recorded.get(name, {}).get("status"),
                                    ("not started", NEUTRAL))
        rows.append(
            f"<tr><td><code>challenge({name!r})</code></td><td>{html.escape(ch.title)}</td>"
            f"<td style='color:{color}'><b>{status}</b></td></tr>"
        )
    view = widgets.HTML(
        "<table style='border-collapse:collapse'><tr><th style='text-align:left'>start it with"
        "</th><th style='text-align:left'>challenge</th><th style='text-align:left'>status</th>"
        "</tr>" + "".join(rows) + "</table>"
    )
    view.add_class(VIEW_CLASS)
    return view
