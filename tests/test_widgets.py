"""Generic test of every widget factory registered in ``nn_course.widgets.__all__``.

Each factory is called with no arguments and every control in ``.controls`` is driven over its
whole range, the way a curious learner would:

* sliders: min, max and several values between (range sliders: several (low, high) pairs);
* dropdowns, radio buttons, toggle buttons, selection sliders: every option;
* checkboxes and toggles: both states;
* buttons: three clicks;
* bounded number boxes: min, middle, max; free text boxes are skipped.

With warnings as errors, no change may raise, log a callback exception (ipywidgets swallows
exceptions in button handlers and only logs them) or leave a view empty. A view is a widget
carrying the ``nn-view`` CSS class: an ``Image`` must hold PNG bytes, an ``HTML`` a non-empty
string (a view hidden with ``layout.display = "none"`` may be empty). And the views must change
when a control moves to a value different from its current one: that is what the learner
(and the browser test) expects from every slider. Even a single step of any slider (one
ArrowRight key press, as the browser test makes) must change what is shown.

The factories are collected when pytest collects this file, so widgets added later are tested
without editing it. Controls that legitimately do not change a view, or that start background
work, are listed below with a reason; their owners test them in ``tests/test_widget_<name>.py``.
"""

from __future__ import annotations

import inspect
import logging
import warnings

import ipywidgets as widgets
import numpy as np
import pytest

import nn_course.widgets as course_widgets
from nn_course.widgets import Explorer
from nn_course.widgets._base import VIEW_CLASS

#: The building blocks in ``__all__`` that are not factories.
BASES = {"Explorer", "FigureView", "html_view"}

#: Registered factories, read at collection time.
FACTORIES = [
    name
    for name in course_widgets.__all__
    if name not in BASES and callable(getattr(course_widgets, name, None))
]

#: factory -> {control: reason}: controls never driven here (background work, side effects).
SKIP = {
    "playground": {
        "play": "starts training in a background task/thread; tested in test_widget_playground",
    },
}

#: factory -> {control: reason}: controls driven here (no error, views stay non-empty) whose
#: change need not alter a view in the default state.
NO_VIEW_CHANGE: dict[str, dict[str, str]] = {
    "playground": {
        "reg_rate": "no effect while regularization is 'None' (the default), "
        "as in TensorFlow Playground",
    },
}

#: Buttons are clicked this many times.
CLICKS = 3


# ----------------------------------------------------------------------------- helpers
def displayed(w):
    """The widget a factory's result shows: itself, or the ``widget`` it holds (the playground)."""
    return w if isinstance(w, Explorer) else w.widget


def find_views(root) -> list:
    """Every widget under ``root`` (depth first) that carries the ``nn-view`` class."""
    views, stack, seen = [], [displayed(root) if hasattr(root, "widget") else root], set()
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        if VIEW_CLASS in getattr(widget, "_dom_classes", ()):
            views.append(widget)
        stack.extend(reversed(list(getattr(widget, "children", ()))))
    return views


def all_widgets(root) -> list:
    found, stack, seen = [], [displayed(root) if hasattr(root, "widget") else root], set()
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        found.append(widget)
        stack.extend(getattr(widget, "children", ()))
    return found


def _hidden(widget) -> bool:
    layout = getattr(widget, "layout", None)
    return layout is not None and (layout.display == "none" or layout.visibility == "hidden")


def snapshot(views) -> tuple:
    """What the learner sees: every view's content and whether it is shown."""
    return tuple((type(v).__name__, v.value, _hidden(v)) for v in views)


def empty_views(views) -> list[str]:
    """Descriptions of shown views with no content."""
    problems = []
    for i, view in enumerate(views):
        if _hidden(view):
            continue
        value = view.value
        if isinstance(view, widgets.Image):
            if not isinstance(value, (bytes, bytearray, memoryview)) or len(bytes(value)) == 0:
                problems.append(f"view {i} (Image) is empty")
        elif isinstance(value, str):
            if not value.strip():
                problems.append(f"view {i} ({type(view).__name__}) is empty")
        elif value is None:
            problems.append(f"view {i} ({type(view).__name__}) has no value")
    return problems


def _snap(value: float, lo: float, step: float | None) -> float:
    if not step:
        return value
    return lo + round((value - lo) / step) * step


def sweep(control) -> list[tuple[str, object]] | None:
    """The (description, action) list that drives ``control`` over its range.

    An action is ``("value", v)``, ``("index", i)`` or ``("click", None)``. Returns None for a
    control this test does not know how to drive (free text, colour pickers, ...).
    """
    if isinstance(control, widgets.Button):
        return [(f"click {k + 1}", ("click", None)) for k in range(CLICKS)]
    if isinstance(control, (widgets.Checkbox, widgets.ToggleButton, widgets.Valid)):
        v = bool(control.value)
        return [(str(not v), ("value", not v)), (str(v), ("value", v))]
    if isinstance(control, (widgets.SelectionRangeSlider,)):
        n = len(control.options)
        pairs = [(0, n - 1), (0, 0), (n - 1, n - 1), (n // 2, n // 2), (0, n // 2)]
        return [(f"index {p}", ("index", p)) for p in dict.fromkeys(pairs)]
    if isinstance(control, widgets.SelectMultiple):
        n = len(control.options)
        choices = [(), (0,), tuple(range(n))] + ([(n - 1,)] if n > 1 else [])
        return [(f"index {c}", ("index", c)) for c in dict.fromkeys(choices)]
    if isinstance(
        control,
        (
            widgets.Dropdown,
            widgets.RadioButtons,
            widgets.ToggleButtons,
            widgets.Select,
            widgets.SelectionSlider,
        ),
    ):
        labels = [o[0] if isinstance(o, tuple) else o for o in control.options]
        return [(f"option {label!r}", ("index", i)) for i, label in enumerate(labels)]
    if isinstance(control, (widgets.IntRangeSlider, widgets.FloatRangeSlider)):
        lo, hi = control.min, control.max
        mid = _snap((lo + hi) / 2, lo, control.step)
        if isinstance(control, widgets.IntRangeSlider):
            mid = int(round(mid))
        pairs = [(lo, hi), (lo, lo), (hi, hi), (lo, mid), (mid, hi)]
        return [(f"value {p}", ("value", p)) for p in dict.fromkeys(pairs)]
    if isinstance(control, widgets.FloatLogSlider):
        exponents = [
            _snap(e, control.min, control.step) for e in np.linspace(control.min, control.max, 6)
        ]
        exponents = [control.min] + exponents[1:-1] + [control.max]
        values = list(dict.fromkeys(float(control.base) ** e for e in exponents))
        return [(f"value {v:.4g}", ("value", v)) for v in values]
    if isinstance(control, (widgets.IntSlider, widgets.BoundedIntText, widgets.Play)):
        lo, hi = int(control.min), int(control.max)
        between = [int(round(_snap(v, lo, control.step))) for v in np.linspace(lo, hi, 6)[1:-1]]
        values = list(dict.fromkeys([lo] + [v for v in between if lo < v < hi] + [hi]))
        return [(f"value {v}", ("value", v)) for v in values]
    if isinstance(control, (widgets.FloatSlider, widgets.BoundedFloatText)):
        lo, hi = float(control.min), float(control.max)
        step = getattr(control, "step", None)
        between = [_snap(v, lo, step) for v in np.linspace(lo, hi, 6)[1:-1]]
        values = list(dict.fromkeys([lo] + [v for v in between if lo < v < hi] + [hi]))
        return [(f"value {v:.4g}", ("value", v)) for v in values]
    if isinstance(control, (widgets.IntText, widgets.FloatText)):
        v = control.value
        return [(f"value {v + 1}", ("value", v + 1)), (f"value {v}", ("value", v))]
    return None


def current(control, kind):
    return control.index if kind == "index" else control.value


def apply(control, action) -> None:
    kind, arg = action
    if kind == "click":
        control.click()
    elif kind == "index":
        control.index = arg
    else:
        control.value = arg


class _CallbackErrors(logging.Handler):
    """Collects the 'Exception in callback' records ipywidgets logs for failing button handlers."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            text = f"{type(exc).__name__}: {exc}"
        self.messages.append(text)


@pytest.fixture
def strict():
    """Warnings are errors; button-callback exceptions are collected instead of only logged."""
    handler = _CallbackErrors()
    logger = logging.getLogger("traitlets")
    logger.addHandler(handler)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield handler
    logger.removeHandler(handler)


def build(name):
    return getattr(course_widgets, name)()


# ----------------------------------------------------------------------------- tests
def test_some_factories_are_registered():
    assert set(BASES) <= set(course_widgets.__all__)
    for name in course_widgets.__all__:
        assert hasattr(course_widgets, name), f"{name} is in __all__ but not importable"


@pytest.mark.parametrize("name", FACTORIES)
def test_factory_registration(name, strict):
    """Callable without arguments, annotated and returning an Explorer with a dict of controls."""
    factory = getattr(course_widgets, name)
    signature = inspect.signature(factory)
    required = [
        p.name
        for p in signature.parameters.values()
        if p.default is inspect.Parameter.empty
        and p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]
    assert not required, f"{name}() must work without arguments; it requires {required}"
    annotation = signature.return_annotation
    assert annotation is not inspect.Signature.empty, f"{name} has no return annotation"
    if isinstance(annotation, str):
        returned = getattr(inspect.getmodule(factory), annotation.split(".")[-1], None)
        assert returned is not None, f"{name} is annotated with unknown type {annotation!r}"
        annotation = returned
    assert isinstance(annotation, type), f"{name} is annotated with {annotation!r}, not a class"
    assert factory.__doc__, f"{name} has no docstring"

    w = factory()
    assert isinstance(w, annotation)
    # An Explorer, or an object holding one as ``widget`` (the playground, whose own
    # get_state/set_state would collide with the widget protocol's if it were the widget).
    assert isinstance(displayed(w), Explorer), f"{name}() neither is nor holds an Explorer"
    assert displayed(w).controls == w.controls and isinstance(w.state, dict)
    assert "text/plain" in w._repr_mimebundle_(), f"{name}() must display as a widget"
    assert isinstance(w.controls, dict) and w.controls, (
        f"{name}().controls must be a non-empty dict"
    )
    for key, control in w.controls.items():
        assert isinstance(key, str) and key, f"{name}: control names must be non-empty strings"
        assert isinstance(control, widgets.DOMWidget), f"{name}: control {key!r} is not a widget"
    views = find_views(w)
    assert views, f"{name}() shows no view with the {VIEW_CLASS!r} class"
    assert not empty_views(views), f"{name}(): {empty_views(views)}"
    assert not strict.messages, strict.messages
    shown = {id(x) for x in all_widgets(w)}
    unreachable = [key for key, control in w.controls.items() if id(control) not in shown]
    assert not unreachable, f"{name}: controls not in the displayed widget: {unreachable}"
    for key in list(SKIP.get(name, {})) + list(NO_VIEW_CHANGE.get(name, {})):
        assert key in w.controls, (
            f"exemption for {name}.{key}, which is not a control (stale entry?)"
        )


@pytest.mark.parametrize("name", FACTORIES)
def test_every_control_over_its_range(name, strict):
    """Every control, every value: no error, no warning, no empty view; and the views react."""
    w = build(name)
    views = find_views(w)
    skip = SKIP.get(name, {})
    may_not_change = NO_VIEW_CHANGE.get(name, {})
    problems: list[str] = []
    driven = 0

    for key, control in list(w.controls.items()):
        if key in skip:
            continue
        steps = sweep(control)
        if steps is None:
            if not isinstance(control, (widgets.Text, widgets.Textarea, widgets.Combobox)):
                problems.append(
                    f"{key}: no way to drive a {type(control).__name__} (extend sweep())"
                )
            continue
        driven += 1
        is_button = isinstance(control, widgets.Button)
        kind = steps[0][1][0]
        original = None if is_button else current(control, kind)
        checked_change = is_button or key in may_not_change
        for label, action in steps:
            before = snapshot(views)
            changes_value = not is_button and action[1] != current(control, kind)
            try:
                apply(control, action)
            except Exception as exc:  # noqa: BLE001 - report every failing control
                problems.append(f"{key} -> {label}: raised {type(exc).__name__}: {exc}")
                break
            if strict.messages:
                problems.append(f"{key} -> {label}: callback raised {strict.messages[-1]}")
                strict.messages.clear()
                break
            empty = empty_views(views)
            if empty:
                problems.append(f"{key} -> {label}: {', '.join(empty)}")
            if not checked_change and changes_value:
                checked_change = True
                if snapshot(views) == before:
                    problems.append(f"{key} -> {label}: the value changed but no view did")
        if not is_button:
            try:  # back to where it started, so the next control is tested from the defaults
                apply(control, (kind, original))
            except Exception as exc:  # noqa: BLE001
                problems.append(f"{key}: restoring {original!r} raised {type(exc).__name__}: {exc}")
    assert driven, f"{name} has no control this test could drive"
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("name", FACTORIES)
def test_instances_are_independent(name, strict):
    """Two widgets from one factory do not share state: moving one leaves the other as it was."""
    a, b = build(name), build(name)
    before = snapshot(find_views(b))
    skip = SKIP.get(name, {})
    for key, control in a.controls.items():
        if key in skip or isinstance(control, widgets.Button):
            continue
        steps = sweep(control)
        if not steps:
            continue
        kind = steps[0][1][0]
        target = next((action for _, action in steps if action[1] != current(control, kind)), None)
        if target is not None:
            apply(control, target)
            break
    assert snapshot(find_views(b)) == before, f"changing one {name}() changed another instance"


def one_step(control):
    """The action of pressing ArrowRight on a slider's handle (ArrowLeft at the maximum)."""
    if isinstance(control, widgets.SelectionSlider):
        i, n = control.index, len(control.options)
        return ("index", i + 1 if i + 1 < n else i - 1)
    if isinstance(control, widgets.FloatLogSlider):
        exponent = float(np.log(control.value) / np.log(control.base))
        exponent += (
            control.step if exponent + control.step <= control.max + 1e-12 else -control.step
        )
        return ("value", float(control.base) ** exponent)
    if isinstance(control, (widgets.IntSlider, widgets.FloatSlider)):
        up = control.value + control.step
        return ("value", up if up <= control.max + 1e-12 else control.value - control.step)
    return None


@pytest.mark.parametrize("name", FACTORIES)
def test_one_slider_step_changes_a_view(name, strict):
    """Like the browser test: one key press on any slider (from the defaults) changes what is
    shown."""
    w = build(name)
    views = find_views(w)
    exempt = set(SKIP.get(name, {})) | set(NO_VIEW_CHANGE.get(name, {}))
    still = []
    for key, control in w.controls.items():
        action = None if key in exempt else one_step(control)
        if action is None:
            continue
        kind = action[0]
        original = current(control, kind)
        before = snapshot(views)
        apply(control, action)
        if snapshot(views) == before:
            still.append(f"{key} ({original!r} -> {current(control, kind)!r})")
        apply(control, (kind, original))
    assert not still, f"{name}: one slider step changed no view: {', '.join(still)}"


# ------------------------------------------------------------------------ the helpers themselves
def test_one_step():
    assert one_step(widgets.IntSlider(value=3, min=0, max=5)) == ("value", 4)
    assert one_step(widgets.IntSlider(value=5, min=0, max=5)) == ("value", 4)
    kind, value = one_step(widgets.FloatLogSlider(value=0.01, base=10, min=-3, max=0, step=0.5))
    assert kind == "value" and np.isclose(value, 10**-1.5)
    assert one_step(widgets.SelectionSlider(options=["a", "b"], value="b")) == ("index", 0)
    assert one_step(widgets.Dropdown(options=["a"])) is None


def test_sweep_covers_ranges():
    s = widgets.IntSlider(value=3, min=1, max=9)
    values = [a[1] for _, a in sweep(s)]
    assert values[0] == 1 and values[-1] == 9 and len(values) >= 4
    f = widgets.FloatSlider(value=0.0, min=-1.0, max=1.0, step=0.25)
    values = [a[1] for _, a in sweep(f)]
    assert values[0] == -1.0 and values[-1] == 1.0
    assert all(abs((v + 1.0) / 0.25 - round((v + 1.0) / 0.25)) < 1e-9 for v in values)
    log = widgets.FloatLogSlider(value=0.01, base=10, min=-3, max=0, step=0.05)
    values = [a[1] for _, a in sweep(log)]
    assert np.isclose(values[0], 1e-3) and np.isclose(values[-1], 1.0)
    d = widgets.Dropdown(options=[("a", 1), ("b", 2), ("c", 3)])
    assert [a for _, a in sweep(d)] == [("index", 0), ("index", 1), ("index", 2)]
    assert len(sweep(widgets.Button())) == CLICKS
    assert sweep(widgets.Text()) is None


def test_find_views_and_snapshot():
    from nn_course.widgets import html_view

    view = html_view("<b>hi</b>")
    other = widgets.HTML("not a view")
    box = widgets.VBox([widgets.HBox([other, view])])
    assert find_views(box) == [view]
    before = snapshot([view])
    view.value = "changed"
    assert snapshot([view]) != before
    view.value = ""
    assert empty_views([view]) == ["view 0 (HTML) is empty"]
    view.layout.display = "none"
    assert empty_views([view]) == []
