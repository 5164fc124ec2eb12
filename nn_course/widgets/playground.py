"""The playground: a TensorFlow-Playground-style lab for small networks, inside the notebook.

Pick a data set, choose input features, add layers and neurons, set the activation, the
learning rate, regularisation, the optimizer and the weight initialisation, then press play
and watch the network learn: the decision map, every neuron's own heatmap, the weights as
coloured lines, the loss curves and the gradient size of every layer update live.

Everything is plain Python you can read and drive from code::

    pg = playground(dataset="spiral", hidden=[8, 8], activation="tanh")
    pg.run_epochs(100)                    # train headlessly (no browser needed)
    state = pg.get_state()                # a plain dict: the playground's "URL"
    pg2 = playground(state=state)         # the same configuration, ready to train
    net = pg.export_network()             # a copy of the trained Network
    print(pg.code())                      # the nn_course lines that do the same thing
    pg = playground(data=(X, y))          # your own points (n, 2) and labels (n,)
    pg = playground(dataset="blobs", n_classes=4)   # 3 to 5 classes: softmax output

The data, the network and the training live in a widget-free
:class:`~nn_course.playground_model.PlaygroundModel` (``pg.model``); this module adds the
controls and the views (``pg.widget``). Colours, as everywhere in the course: blue is
positive (class 1), orange negative (class 0), in the data, the heatmaps and the weights.

While playing, training runs as an asyncio task on the kernel's event loop (the kernel stays
free for other cells); without a running loop (a plain Python script, a test) it runs in a
background thread. Either way :meth:`Playground.pause` stops it. The lab redraws at most 15
times a second (what the browser keeps up with) and each frame trains as many epochs as keep
about 60 epochs a second on the screen.

With "Draw" on, a click on the decision map adds a point there and a shift-click removes the
nearest; a click on a neuron of the network picture looks inside it (clicks reach Python
through ipyevents; the sliders and menus do the same from the keyboard).

See notebook 12_playground.
"""

from __future__ import annotations

import asyncio
import html
import threading
import time

import ipywidgets as widgets
import numpy as np

from ..features import FEATURE_LABELS, FEATURES, features
from ..network import Network
from ..playground_data import parse_csv
from ..playground_model import (
    ACTIVATIONS,
    CUSTOM,
    DROPOUT_RATES,
    DATASETS,
    DEFAULT_STATE,
    EXTENT,
    GRID,
    LEARNING_RATES,
    MAX_LAYERS,
    MAX_NEURONS,
    REGULARIZATION_RATES,
    SCALE,
    PlaygroundModel,
    _check_epochs,
    data_state,
)
from .. import style
from ..plotting import PALETTE
from . import _playground_clicks as clicks
from . import _playground_render as render
from . import _playground_views as views
from ._base import VIEW_CLASS, Explorer
from ._playground_controls import build_controls, shared_styles, upload_control

__all__ = [
    "playground",
    "Playground",
    "PlaygroundModel",
    "features",
    "FEATURES",
    "DATASETS",
    "LEARNING_RATES",
    "REGULARIZATION_RATES",
    "SCALE",
    "DEFAULT_STATE",
    "MAX_LAYERS",
    "MAX_NEURONS",
]

#: Configuration keys that mirror a control of the same name.
_SYNCED = (
    "dataset",
    "problem",
    "noise",
    "train_ratio",
    "batch_size",
    "show_test",
    "discretize",
    "activation",
    "learning_rate",
    "regularization",
    "reg_rate",
    "optimizer",
    "init",
    "n_classes",
)
#: Controls that only change what is drawn (the point being placed), not the model.
_PREVIEW = ("draw", "draw_x1", "draw_x2", "draw_label")
#: The data set a problem type switches to when the current one is of another type.
_FIRST_DATASET = {"classification": "circle", "multiclass": "blobs", "regression": "plane"}


class _FromModel:
    """A read-only attribute of the playground that is its model's attribute of the same name."""

    def __set_name__(self, owner, name):
        self.name = name
        self.__doc__ = f"``model.{name}``: see :class:`PlaygroundModel`."

    def __get__(self, playground, owner=None):
        return self if playground is None else getattr(playground.model, self.name)


class Playground:
    """The playground (build it with :func:`playground`): a :class:`PlaygroundModel` it holds
    as ``model``, shown and driven by the widget it holds as ``widget``.

    A notebook cell that ends with the playground displays its widget.

    Attributes
    ----------
    model : PlaygroundModel
        Data, network, trainer and history (``net``, ``epoch``, ``history``, ``train_loss``,
        ... are read through from it).
    widget : Explorer
        The controls and views.
    controls : dict
        Every control by name: "dataset", "noise", "train_ratio", "batch_size", "regenerate",
        "show_test", "discretize", the features "x1" ... "sin(x2)", "add_layer",
        "remove_layer", "plus_1".."plus_6", "minus_1".."minus_6", "activation",
        "learning_rate", "regularization", "reg_rate", "problem", "optimizer", "init",
        "play", "step", "reset", "show_code", "export", "n_classes", and for drawing "draw",
        "draw_x1", "draw_x2", "draw_label", "add_point", "remove_point" (with "draw" on, a
        click on the decision map adds a point there and a shift-click removes the nearest:
        see ``map_events``).
    upload : ipywidgets.FileUpload
        The CSV upload (rows x1, x2, label; a bad file leaves a message and the data as they
        were).
    layer_activation, layer_dropout : list of ipywidgets.Dropdown
        Per hidden layer, under its +/- buttons: its activation and its dropout rate.
    inspect, inspect_weight, weight_slider : ipywidgets widgets
        "Look inside": pick a neuron to see its large map and formula; pick one of its weights
        and move the slider to change it (training pauses).
    state : dict
        The configuration (as :meth:`get_state` returns it).
    map_events, network_events : ipyevents.Event or None
        The click listeners of the decision map and of the network picture (None when
        ipyevents is not installed).
    """

    #: Seconds between frames while playing: at most 15 redraws a second, which the browser
    #: draws smoothly (a redraw sends the whole network picture and the map).
    frame_interval = 1 / 15
    #: Epochs shown per second while playing: each frame trains as many epochs as the time
    #: between two frames holds at this rate (so 4 epochs a frame at 15 frames a second).
    target_epochs_per_s = 60.0
    #: Training epochs between two redraws: ``None`` adapts it to ``target_epochs_per_s``
    #: (1 to ``max_epochs_per_frame``); a number fixes it.
    epochs_per_frame: int | None = None
    #: The most epochs one frame trains when adapting (the pictures stay smooth, Pause prompt).
    max_epochs_per_frame = 8

    net, network, trainer, epoch, history = (_FromModel() for _ in range(5))
    train_loss, test_loss, diverged, penalties, loss_name = (_FromModel() for _ in range(5))
    X_train, X_test, y_train, y_test, F_train, F_test = (_FromModel() for _ in range(6))

    def __init__(self, state: dict | None = None, data=None):
        self.model = PlaygroundModel(state, data=data)
        self.exported = None
        self._playing, self._quiet, self._message = False, False, ""
        self._task = self._thread = None
        self._period, self._last_frame = self.frame_interval, None  # measured time per frame
        self._points = (None, "", "")  # (data the dots were drawn for, train dots, test dots)
        self._custom = None  # your own data (state keys), kept while another data set is shown
        self._shared = shared_styles()
        self._controls = build_controls(self.model.state, self._shared)
        #: The CSV upload: rows x1, x2, label (see :func:`nn_course.playground_data.parse_csv`).
        self.upload = upload_control()
        self.upload.observe(self._on_upload_change, names="value")
        #: One activation per hidden layer, under its +/- buttons (``state["activations"]``).
        self.layer_activation = [
            widgets.Dropdown(
                options=ACTIVATIONS,
                value=self.model.state["activation"],
                tooltip=f"Activation of layer {i}",
                layout=widgets.Layout(width="78px"),
            )
            for i in range(1, MAX_LAYERS + 1)
        ]
        #: One dropout rate per hidden layer, under its activation (``state["dropout"]``).
        self.layer_dropout = [
            widgets.Dropdown(
                options=[(f"drop {r:g}", r) for r in DROPOUT_RATES],
                value=0.0,
                tooltip=f"Dropout after layer {i} (in training only)",
                layout=widgets.Layout(width="78px"),
            )
            for i in range(1, MAX_LAYERS + 1)
        ]
        for i, control in enumerate(self.layer_activation):
            control.observe(lambda change, i=i: self._on_layer_activation(i, change), "value")
        for i, control in enumerate(self.layer_dropout):
            control.observe(lambda change, i=i: self._on_layer_dropout(i, change), "value")
        self._build_inspector()
        self._wire(self._controls)
        self._build_views()
        #: Clicks on the decision map (an ``ipyevents.Event``; None without ipyevents).
        self.map_events = clicks.click_listener(self.output_view, self._on_map_click)
        #: Clicks on the network picture: a neuron clicked is looked inside (None likewise).
        self.network_events = clicks.click_listener(self.network_view, self._on_network_click)
        self.widget = Explorer(
            self._layout(self._controls),
            self._controls,
            self._redraw,
            state=self.model.state,
            on_change=self._on_change,
        )

    # ------------------------------------------------------------------ the model, read through
    @property
    def state(self) -> dict:
        return self.model.state

    @property
    def controls(self) -> dict:
        return self._controls

    def get_state(self, include_weights: bool = False) -> dict:
        """The configuration as a plain, JSON-able dict; see :meth:`PlaygroundModel.get_state`."""
        return self.model.get_state(include_weights)

    def share(self, include_weights: bool = False) -> str:
        """The configuration as one short string; ``playground(state=code)`` restores it exactly
        (data and seeds included; with ``include_weights`` the current weights too). See
        :mod:`nn_course.playground_share`."""
        from ..playground_share import encode

        return encode(self.get_state(include_weights))

    def code(self, epochs: int | None = None) -> str:
        """The nn_course lines that rebuild and train this configuration (see the model's)."""
        return self.model.code(epochs)

    def summary(self) -> dict:
        """Epoch, losses and accuracies, rounded (see :meth:`PlaygroundModel.summary`)."""
        return self.model.summary()

    def export_network(self) -> Network:
        """An independent copy of the current network, for inspection in the kernel."""
        return self.model.export_network()

    def __repr__(self) -> str:
        return repr(self.model).replace(type(self.model).__name__, type(self).__name__, 1)

    def _repr_mimebundle_(self, **kwargs):
        """Display the widget (a notebook cell ending with the playground shows it)."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        text = repr(self)
        bundle["text/plain"] = text if len(text) <= 110 else text[:110] + "…"
        return bundle

    # ------------------------------------------------------------------ changing the model
    def set_state(self, state: dict) -> None:
        """Apply a state dict (as :meth:`get_state` returns; missing keys keep their value).

        Training stops, and the playground restarts at epoch 0 in the new configuration.
        """
        with self.model.lock:
            self.pause()
            self.model.set_state(state)
            self._sync_controls()
            self._redraw()

    def set_data(self, X, y, problem: str | None = None) -> None:
        """Use your own points ``X`` (n, 2) and labels ``y`` (n,) (see
        :meth:`PlaygroundModel.set_data`); bad data raise a ValueError and the data stay."""
        self.set_state(data_state(X, y, problem))

    def load_network(self, net: Network, features_used=None) -> None:
        """Load a Network into the playground (see :meth:`PlaygroundModel.load_network`)."""
        with self.model.lock:
            self.pause()
            self.model.load_network(net, features_used)
            self._sync_controls()
            self._redraw()

    def run_epochs(self, n: int, redraw: bool = True) -> None:
        """Train ``n`` epochs now (synchronously), then redraw once.

        The headless way to train: tests and notebook cells call this; the play button does
        the same thing one frame at a time in the background. Stops early if the loss diverges.
        """
        n = _check_epochs(n)
        with self.model.lock:
            self.model.run_epochs(n)
            if redraw:
                self._redraw()

    # ------------------------------------------------------------------ building
    def _wire(self, c: dict) -> None:
        self._names = {id(w): name for name, w in c.items()}
        handlers = {
            "regenerate": self._on_regenerate,
            "add_layer": self._on_add_layer,
            "remove_layer": self._on_remove_layer,
            "play": self._on_play,
            "step": self._on_step,
            "reset": self._on_reset,
            "show_code": self._on_show_code,
            "export": self._on_export,
            "add_point": self._on_add_point,
            "remove_point": self._on_remove_point,
        }
        for i in range(1, MAX_LAYERS + 1):
            handlers[f"plus_{i}"] = lambda _b, i=i: self._on_neurons(i, +1)
            handlers[f"minus_{i}"] = lambda _b, i=i: self._on_neurons(i, -1)
        for name, handler in handlers.items():
            c[name].on_click(handler)

    def _view(self, layout: widgets.Layout | None = None) -> widgets.HTML:
        """An HTML view marked as a view. Views that are never hidden share one Layout and one
        style: each widget model is stored in the saved notebook, once per playground."""
        view = widgets.HTML(layout=layout or self._shared["plain"], style=self._shared["html"])
        view.add_class(VIEW_CLASS)
        return view

    def _build_views(self) -> None:
        self.stats_view = self._view(widgets.Layout(width="330px"))
        self.network_view = self._view()
        self.output_view = self._view()
        self.curve_view = self._view()
        self.grad_view = self._view()
        self.code_view = self._view(widgets.Layout(display="none", width="100%"))
        self.views = [
            self.stats_view,
            self.network_view,
            self.output_view,
            self.curve_view,
            self.grad_view,
            self.code_view,
        ]
        plain, html_style = self._shared["plain"], self._shared["html"]
        self._layers_label = widgets.HTML(layout=plain, style=html_style)
        label_layout = widgets.Layout(width="100%")
        self._neuron_labels = [
            widgets.HTML(layout=label_layout, style=html_style) for _ in range(MAX_LAYERS)
        ]

    def _heading(self, text: str) -> widgets.HTML:
        return widgets.HTML(
            f"<b style='letter-spacing:0.05em'>{text}</b>",
            layout=self._shared["plain"],
            style=self._shared["html"],
        )

    def _network_column(self, c: dict) -> widgets.VBox:
        """The +/- buttons of the layers above the network diagram, and the gradient chart."""
        plain = self._shared["plain"]
        self._layer_boxes = [
            widgets.VBox(
                [
                    widgets.HBox([c[f"plus_{i}"], c[f"minus_{i}"]], layout=plain),
                    self._neuron_labels[i - 1],
                    self.layer_activation[i - 1],
                    self.layer_dropout[i - 1],
                ],
                layout=widgets.Layout(width=f"{render.COLUMN}px", align_items="center"),
            )
            for i in range(1, MAX_LAYERS + 1)
        ]
        offset = render.LEFT + render.NODE / 2 + render.COLUMN - render.COLUMN / 2
        layer_row = widgets.HBox(
            [widgets.Box(layout=widgets.Layout(width=f"{offset:.0f}px"))] + self._layer_boxes,
            layout=plain,
        )
        return widgets.VBox(
            [
                widgets.HBox(
                    [c["add_layer"], c["remove_layer"], self._layers_label],
                    layout=widgets.Layout(align_items="center"),
                ),
                layer_row,
                self.network_view,
                self.grad_view,
            ],
            layout=widgets.Layout(min_width="300px"),
        )

    def _layout(self, c: dict) -> list:
        """Compact: the training settings in a row under play/step/reset (as in TensorFlow
        Playground), data and features in one column, then the network and the decision map,
        so that controls, network and map fit side by side in about 930 pixels."""
        plain = self._shared["plain"]
        self._draw_box = widgets.VBox(
            [
                c["draw_x1"],
                c["draw_x2"],
                c["draw_label"],
                widgets.HBox([c["add_point"], c["remove_point"]], layout=plain),
            ],
            layout=widgets.Layout(display="none", border=f"1px solid {style.FAINT}", padding="2px"),
        )
        toolbar = widgets.HBox(
            [c["play"], c["step"], c["reset"], self.stats_view, c["problem"]],
            layout=widgets.Layout(align_items="center", flex_flow="row wrap"),
        )
        training = widgets.HBox(
            [
                c["learning_rate"],
                c["activation"],
                c["regularization"],
                c["reg_rate"],
            ],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        feature_grid = widgets.GridBox(
            [c[name] for name in FEATURES],
            layout=widgets.Layout(grid_template_columns="100px 100px", width="206px"),
        )
        data = widgets.VBox(
            [
                self._heading("DATA"),
                c["dataset"],
                c["noise"],
                c["train_ratio"],
                c["n_classes"],
                widgets.HBox([c["regenerate"], c["draw"]], layout=plain),
                self.upload,
                self._draw_box,
                self._heading("FEATURES"),
                feature_grid,
                self._heading("MORE"),
                c["show_test"],
                c["discretize"],
                c["batch_size"],
                c["optimizer"],
                c["init"],
            ],
            layout=widgets.Layout(width="212px"),
        )
        output = widgets.VBox(
            [self._heading("OUTPUT"), self.output_view, self.curve_view], layout=plain
        )
        main = widgets.HBox(
            [data, self._network_column(c), output],
            layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"),
        )
        bottom = widgets.VBox(
            [
                widgets.HBox([c["show_code"], c["export"], self.inspect], layout=plain),
                self.code_view,
                self._inspect_box,
            ],
            layout=plain,
        )
        return [toolbar, training, main, bottom]

    def _sync_controls(self) -> None:
        """Set every control from the model's state without triggering the handlers."""
        s, c = self.model.state, self.controls
        self._quiet = True
        try:
            for key in _SYNCED:
                c[key].value = s[key]
            for name in FEATURES:
                c[name].value = name in s["features"]
        finally:
            self._quiet = False

    # ------------------------------------------------------------------ play / pause
    @property
    def playing(self) -> bool:
        return self._playing

    def play(self) -> None:
        """Start training in the background: an asyncio task on the running event loop (the
        Jupyter kernel's), or a daemon thread when no loop is running."""
        with self.model.lock:
            if self._playing:
                return
            self._playing = True
            self._last_frame = None
            self._set_play_button()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None:
            self._task = loop.create_task(self._play_async())
        else:
            self._thread = threading.Thread(
                target=self._play_thread, name="playground", daemon=True
            )
            self._thread.start()

    def pause(self) -> None:
        """Stop background training (the current frame finishes first)."""
        with self.model.lock:
            self._playing = False
            self._set_play_button()

    def wait(self, timeout: float = 5.0) -> None:
        """Block until a background thread started by :meth:`play` has stopped (for scripts)."""
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _set_play_button(self) -> None:
        button = self.controls["play"]
        button.description = "Pause" if self._playing else "Play"
        button.icon = "pause" if self._playing else "play"
        button.button_style = "warning" if self._playing else "success"

    def _stop(self, message: str) -> None:
        self._message = message
        self._playing = False
        self._set_play_button()

    def _frame_epochs(self) -> int:
        """Epochs the next frame trains: ``epochs_per_frame`` when set; else the epochs that
        the measured time between two frames holds at ``target_epochs_per_s``, so the rate
        shown stays near it on a slow machine too (1 to ``max_epochs_per_frame``)."""
        if self.epochs_per_frame is not None:
            return int(self.epochs_per_frame)
        now = time.perf_counter()
        if self._last_frame is not None:  # smoothed: one slow frame does not make a jump
            self._period = 0.7 * self._period + 0.3 * (now - self._last_frame)
        self._last_frame = now
        wanted = self.target_epochs_per_s * max(self._period, self.frame_interval)
        return int(np.clip(np.ceil(wanted - 1e-6), 1, self.max_epochs_per_frame))  # >= target

    def _frame(self) -> bool:
        """Train one frame's epochs and redraw; return whether to keep playing."""
        with self.model.lock:
            if not self._playing:
                return False
            try:
                self.model.run_epochs(self._frame_epochs())
                if self.model.diverged:
                    self._stop(
                        "The loss diverged (NaN or infinite): lower the learning rate "
                        "and press reset."
                    )
                self._redraw()
            except Exception as error:  # keep the kernel alive; say what happened
                self._stop(f"Training stopped: {type(error).__name__}: {error}")
                self._draw_stats()
            return self._playing

    async def _play_async(self) -> None:
        while True:
            start = time.perf_counter()
            if not self._frame():
                break
            await asyncio.sleep(max(self.frame_interval - (time.perf_counter() - start), 0.001))

    def _play_thread(self) -> None:
        while True:
            start = time.perf_counter()
            if not self._frame():
                break
            time.sleep(max(self.frame_interval - (time.perf_counter() - start), 0.001))

    def close(self) -> None:
        """Stop playing and close the widget and its children."""
        self.pause()
        self.wait()
        for listener in (self.map_events, self.network_events):
            if listener is not None:
                listener.close()
        self.widget.close()

    # ------------------------------------------------------------------ control handlers
    def _on_feature(self, name: str) -> None:
        chosen = [n for n in FEATURES if self.controls[n].value]
        if not chosen:  # the network needs at least one input: keep this one on
            self._quiet = True
            self.controls[name].value = True
            self._quiet = False
            self._message = "At least one feature must stay on."
            return
        self.model.state["features"] = chosen
        self.model.reset()

    def _on_problem(self, name: str, value) -> None:
        s = self.model.state
        if s["dataset"] == CUSTOM:  # keep your data to come back to
            self._custom = {k: s[k] for k in ("dataset", "problem", "data", "n_classes")}
        if name == "dataset" and value == CUSTOM:
            if self._custom is None:  # nothing of your own yet: stay on the current data set
                self._message = "Upload a CSV file or draw points first."
                self._sync_controls()
                return
            s.update(self._custom)
        elif name == "dataset":
            s.update(dataset=value, problem=DATASETS[value][0], data=None)
        elif s["dataset"] == CUSTOM or DATASETS[s["dataset"]][0] != value:
            s.update(problem=value, dataset=_FIRST_DATASET[value], data=None)
        self._sync_controls()
        self.model.new_data()
        self.model.reset()

    def _apply(self, name: str, value) -> None:
        """Put one changed control's value into the model."""
        s, model = self.model.state, self.model
        if name in FEATURES:
            self._on_feature(name)
            return
        if name in ("dataset", "problem"):
            self._on_problem(name, value)
            return
        if name in _PREVIEW:
            if name != "draw" and not self.controls["draw"].value:
                self.controls["draw"].value = True  # placing a point: show where it goes
            self._show_draw_controls()
            return
        if name == "n_classes" and s["problem"] != "multiclass":
            s["n_classes"] = value  # choosing a number of classes asks for a multi-class lab
            self._on_problem("problem", "multiclass")
            return
        s[name] = value
        if name in ("noise", "train_ratio", "n_classes"):
            model.new_data()
            model.reset()
        elif name == "activation":
            s["activations"] = None  # every layer follows the lab's activation
            model.reset()
        elif name in ("init", "optimizer"):
            model.reset()
        elif name == "learning_rate":
            model.trainer.optimizer.learning_rate = value
        elif name in ("regularization", "reg_rate"):
            model.trainer.l1, model.trainer.l2 = model.penalties

    def _on_change(self, change) -> None:
        if self._quiet:
            return
        name = self._names.get(id(change["owner"]))
        with self.model.lock:
            self._message = ""
            self._apply(name, change["new"])
            self._redraw()

    # ------------------------------------------------------------------ look inside a neuron
    def _build_inspector(self) -> None:
        """ "Look inside": a neuron's large heatmap, formula and numbers; edit one weight."""
        self.inspect = widgets.Dropdown(
            options=[("Look inside: none", "none")],
            value="none",
            tooltip="A neuron's large map, its formula and numbers",
            layout=widgets.Layout(width="220px"),
        )
        self.inspect_weight = widgets.Dropdown(
            options=[("bias", -1)],
            value=-1,
            description="Edit",
            layout=widgets.Layout(width="210px"),
        )
        self.weight_slider = widgets.FloatSlider(
            value=0.0,
            min=-5.0,
            max=5.0,
            step=0.05,
            description="value",
            continuous_update=True,
            layout=widgets.Layout(width="320px"),
        )
        self.inspect_view = widgets.HTML(layout=self._shared["plain"], style=self._shared["html"])
        self._inspect_box = widgets.VBox(
            [self.inspect_view, widgets.HBox([self.inspect_weight, self.weight_slider])],
            layout=widgets.Layout(display="none"),
        )
        self.inspect.observe(self._on_inspect, "value")
        self.inspect_weight.observe(self._on_inspect, "value")
        self.weight_slider.observe(self._on_weight, "value")

    def _on_network_click(self, event: dict) -> None:
        """A click on a neuron of the network picture looks inside it (a second click on the
        same neuron closes the view); a click on a weight's line looks inside the neuron it
        feeds with that weight chosen for the slider; clicks elsewhere are ignored."""
        sizes = self.model.net.layer_sizes
        node = clicks.network_node(event, sizes)
        edge = None if node is not None else clicks.network_edge(event, sizes)
        if edge is not None:
            node = edge[:2]
        if node is None or node not in [value for _, value in self.inspect.options]:
            return
        if edge is None:
            self.inspect.value = "none" if self.inspect.value == node else node
            return
        self.inspect.value = node
        self.inspect_weight.value = edge[2]  # its menu now lists the neuron's inputs

    def _inspected(self):
        """(layer index 0-based among Dense layers, neuron index) or None."""
        value = self.inspect.value
        return None if value in (None, "none") else value

    def _on_inspect(self, _change=None) -> None:
        if self._quiet:
            return
        with self.model.lock:
            self._update_inspector_options()  # first: the weight menu lists this neuron's inputs
            self._sync_weight_slider()
            self._redraw()

    def _sync_weight_slider(self) -> None:
        chosen = self._inspected()
        if chosen is None:
            return
        layer = self.model.net.dense_layers[chosen[0]]
        k = self.inspect_weight.value
        value = float(layer.b[chosen[1]] if k == -1 else layer.W[k, chosen[1]])
        self._quiet = True
        step = self.weight_slider.step
        self.weight_slider.value = round(float(np.clip(value, -5.0, 5.0)) / step) * step
        self._quiet = False

    def _on_weight(self, change) -> None:
        """Set the chosen weight of the inspected neuron (training pauses) and redraw all."""
        if self._quiet or self._inspected() is None:
            return
        with self.model.lock:
            self.pause()
            li, j = self._inspected()
            layer = self.model.net.dense_layers[li]
            k = self.inspect_weight.value
            now = float(layer.b[j] if k == -1 else layer.W[k, j])
            if abs(change["new"] - now) <= self.weight_slider.step / 2:
                return  # the browser rounding the slider to its step: not an edit
            if k == -1:
                layer.b[j] = change["new"]
            else:
                layer.W[k, j] = change["new"]
            self._message = "Weight edited by hand: press Step or Play to train on from here."
            self._redraw()

    def _update_inspector_options(self) -> None:
        """Keep the neuron and weight menus in step with the network's shape."""
        net = self.model.net
        sizes = net.layer_sizes
        names = [FEATURE_LABELS[n] for n in self.model.state["features"]]
        neurons = [("Look inside: none", "none")]
        for li in range(len(sizes) - 1):
            where = "output" if li == len(sizes) - 2 else f"layer {li + 1}"
            neurons += [
                (f"Look inside: {where}, neuron {j + 1}", (li, j)) for j in range(sizes[li + 1])
            ]
        self._quiet = True
        if list(self.inspect.options) != neurons:
            old = self.inspect.value
            self.inspect.options = neurons
            self.inspect.value = old if old in [v for _, v in neurons] else "none"
        chosen = self._inspected()
        if chosen is not None:
            inputs = (
                names
                if chosen[0] == 0
                else [f"a{k + 1} of layer {chosen[0]}" for k in range(sizes[chosen[0]])]
            )
            weights = [(f"weight from {name}", k) for k, name in enumerate(inputs)]
            weights.append(("bias", -1))
            if list(self.inspect_weight.options) != weights:
                self.inspect_weight.options = weights
                self.inspect_weight.value = -1
        self._quiet = False
        self._inspect_box.layout.display = "none" if chosen is None else None
        if chosen is not None:
            self._sync_weight_slider()

    def _draw_inspect(self, steps) -> None:
        chosen = self._inspected()
        if chosen is None:
            self.inspect_view.value = ""
            return
        li, j = chosen
        dense = [st for st, layer in zip(steps, self.model.net.layers, strict=True) if layer.params]
        layer = self.model.net.dense_layers[li]
        names = [FEATURE_LABELS[n] for n in self.model.state["features"]]
        self.inspect_view.value = views.inspect_html(
            layer, j, dense[li].a[:, j], names if li == 0 else None, li, li == len(dense) - 1
        )

    # ------------------------------------------------------------------ your own data
    def _use_data(self, new: dict, message: str) -> None:
        """Switch to checked custom data (state keys from :func:`data_state`)."""
        self.model.state.update(new)
        self._custom = dict(new)
        self._sync_controls()
        self.model.new_data()
        self.model.reset()
        self._message = message

    def _on_upload_change(self, change) -> None:
        if self._quiet:
            return
        with self.model.lock:
            self.pause()
            self._on_upload(change["new"])
            self._redraw()

    def _on_upload(self, value) -> None:
        if not value:
            return
        item = value[0] if isinstance(value, (list, tuple)) else next(iter(value.values()))
        name = item.get("name", "the file")
        self._quiet = True  # empty the control: the same file can be uploaded again
        self.upload.value = ()
        self._quiet = False
        try:
            X, y = parse_csv(item["content"])
            new = data_state(X, y, self._upload_problem(y))
        except ValueError as error:  # the message shows; the current data stay
            self._message = f"{name}: {error}"
            return
        self._use_data(new, f"{name}: {len(X)} points loaded ({new['problem']}).")

    def _upload_problem(self, y: np.ndarray) -> str:
        """The lab's problem type, or multi-class / two classes when the labels say so (a
        regression lab takes any numbers as values)."""
        current = self.model.state["problem"]
        if current == "regression":
            return current
        labels = set(np.unique(y).tolist())
        if labels <= {0.0, 1.0}:
            return "classification"
        return "multiclass" if len(labels) >= 3 else current

    def _current_rows(self) -> np.ndarray:
        """All points of the current data (train and test) as rows x1, x2, label."""
        m = self.model
        X = np.concatenate([m.X_train, m.X_test])
        y = np.concatenate([m.y_train, m.y_test])
        return np.c_[X, y]

    def _draw_label(self) -> float:
        return float(self.controls["draw_label"].value)

    def _on_add_point(self, _button=None) -> None:
        c = self.controls
        self._add_point(c["draw_x1"].value, c["draw_x2"].value)

    def _on_remove_point(self, _button=None) -> None:
        c = self.controls
        self._remove_nearest(c["draw_x1"].value, c["draw_x2"].value)

    def _add_point(self, x1: float, x2: float) -> None:
        """Add a point at (x1, x2) of the class (or value) the "Class" slider says."""
        with self.model.lock:
            self.pause()
            point = [x1, x2, self._draw_label()]
            rows = np.vstack([self._current_rows(), point])
            self._edit_points(rows, f"Point ({x1:g}, {x2:g}) added.")

    def _remove_nearest(self, x1: float, x2: float) -> None:
        """Remove the data point (train or test) nearest to (x1, x2)."""
        with self.model.lock:
            self.pause()
            rows = self._current_rows()
            nearest = int(np.argmin(np.sum((rows[:, :2] - [x1, x2]) ** 2, axis=1)))
            removed = rows[nearest]
            rows = np.delete(rows, nearest, axis=0)
            self._edit_points(rows, f"Point ({removed[0]:.2g}, {removed[1]:.2g}) removed.")

    def _on_map_click(self, event: dict) -> None:
        """A click on the decision map (from ipyevents): with "Draw" on, add a point there;
        with shift held, remove the point nearest to it. Clicks off the plot are ignored."""
        where = clicks.map_point(event, EXTENT)
        if where is None:
            return
        c = self.controls
        if not c["draw"].value:
            with self.model.lock:
                self._message = "Turn on Draw to add points with a click (shift-click removes)."
                self._draw_stats()
            return
        self._quiet = True  # the sliders follow the click: Add point / Remove nearest agree
        c["draw_x1"].value = round(where[0], 1)
        c["draw_x2"].value = round(where[1], 1)
        self._quiet = False
        if event.get("shiftKey"):
            self._remove_nearest(*where)
        else:
            self._add_point(*where)

    def _edit_points(self, rows: np.ndarray, message: str) -> None:
        problem = self.model.state["problem"]
        try:
            new = data_state(rows[:, :2], rows[:, 2], problem)
        except ValueError as error:
            self._message = str(error)
        else:
            self._use_data(new, message)
        self._redraw()

    def _show_draw_controls(self) -> None:
        c, s = self.controls, self.model.state
        on = c["draw"].value
        self._draw_box.layout.display = None if on else "none"
        multiclass = s["problem"] == "multiclass"
        c["n_classes"].layout.display = None if multiclass else "none"
        c["n_classes"].disabled = s["dataset"] == CUSTOM  # your data say how many classes
        label = c["draw_label"]
        if s["problem"] == "regression":
            lo, hi, step, text, fmt = -1.0, 1.0, 0.1, "Value", ".1f"
        else:
            lo, hi, step, text = 0.0, float(s["n_classes"] - 1 if multiclass else 1), 1.0, "Class"
            fmt = ".0f"
        if (label.min, label.max, label.step) != (lo, hi, step):
            self._quiet = True
            label.min, label.max = min(label.min, lo), max(label.max, hi)
            label.step = step
            label.value = min(max(round(label.value / step) * step, lo), hi)
            label.min, label.max = lo, hi
            label.description, label.readout_format = text, fmt
            self._quiet = False

    def _rebuild(self, change_data: bool = False) -> None:
        if change_data:
            self.model.new_data()
        self.model.reset()
        self._redraw()

    def _on_regenerate(self, _button=None) -> None:
        with self.model.lock:
            self.model.state["data_seed"] += 1
            self._rebuild(change_data=True)

    def _on_add_layer(self, _button=None) -> None:
        with self.model.lock:
            hidden = self.model.state["hidden"]
            if len(hidden) < MAX_LAYERS:
                hidden.append(2)
            self._rebuild()

    def _on_remove_layer(self, _button=None) -> None:
        with self.model.lock:
            hidden = self.model.state["hidden"]
            if hidden:
                hidden.pop()
            self._rebuild()

    def _on_neurons(self, layer: int, delta: int) -> None:
        with self.model.lock:
            hidden = self.model.state["hidden"]
            if layer <= len(hidden) and 1 <= hidden[layer - 1] + delta <= MAX_NEURONS:
                hidden[layer - 1] += delta
            self._rebuild()

    def _on_layer_activation(self, index: int, change) -> None:
        if self._quiet:
            return
        with self.model.lock:
            acts = self.model.layer_activations()
            if index < len(acts) and acts[index] != change["new"]:
                acts[index] = change["new"]
                self.model.state["activations"] = acts
                self._message = ""
                self._rebuild()

    def _on_layer_dropout(self, index: int, change) -> None:
        if self._quiet:
            return
        with self.model.lock:
            rates = self.model.layer_dropouts()
            if index < len(rates) and rates[index] != change["new"]:
                rates[index] = change["new"]
                self.model.state["dropout"] = rates if any(rates) else None
                self._message = ""
                self._rebuild()

    def _on_play(self, _button=None) -> None:
        if self._playing:
            self.pause()
        else:
            self.play()

    def _on_step(self, _button=None) -> None:
        with self.model.lock:
            self.pause()
            self.run_epochs(1)

    def _on_reset(self, _button=None) -> None:
        with self.model.lock:
            self.pause()
            self._message = ""
            self._rebuild()

    def _on_show_code(self, _button=None) -> None:
        shown = self.code_view.layout.display != "none"
        self.code_view.layout.display = "none" if shown else None
        self.controls["show_code"].description = "Show code" if shown else "Hide code"
        self._draw_code()

    def _on_export(self, _button=None) -> None:
        self.exported = self.export_network()
        self._message = "A copy of the network is in pg.exported"
        try:
            from IPython import get_ipython

            shell = get_ipython()
        except ImportError:  # pragma: no cover - IPython comes with the kernel
            shell = None
        if shell is not None:
            shell.user_ns["playground_net"] = self.exported
            self._message = "Exported: the variable playground_net holds a copy of the network."
        self._draw_stats()

    # ------------------------------------------------------------------ drawing
    def _redraw(self) -> None:
        """Draw every view from the current network (one forward pass over the grid)."""
        with self.model.lock, np.errstate(all="ignore"):
            steps = self.model.net.forward(self.model.F_grid, trace=True)
            self._draw_network(steps)
            self._draw_output(steps[-1].a)
            self._draw_stats()
            self._draw_charts()
            self._update_layer_buttons()
            self._show_draw_controls()
            self._update_inspector_options()
            self._draw_inspect(steps)
            if self.code_view.layout.display != "none":
                self._draw_code()

    def _draw_network(self, steps) -> None:
        model, names = self.model, tuple(self.model.state["features"])
        images, titles = views.neuron_images(model.net, steps)
        self.network_view.value = render.network_svg(
            model.net.layer_sizes,
            [layer.W for layer in model.net.dense_layers],
            [views.input_thumbnails(names, model.F_grid)] + images,
            [FEATURE_LABELS[n] for n in names],
            [[f"feature {n}" for n in names]] + titles,
        )

    def _dots(self, show_test: bool) -> str:
        """The data as SVG dots (redrawn only when the data change)."""
        m = self.model
        if self._points[0] is not m.X_train:
            problem = m.state["problem"]
            self._points = (
                m.X_train,
                views.points_svg(m.X_train, m.y_train, problem, "white"),
                views.points_svg(m.X_test, m.y_test, problem, "black"),
            )
        return self._points[1] + (self._points[2] if show_test else "")

    def _map_png(self, out: np.ndarray) -> bytes:
        """The decision map (or predicted value) over the grid; ``out`` (GRID * GRID, k)."""
        s = self.model.state
        if s["problem"] == "multiclass":
            if s["discretize"]:  # no shades: every pixel fully its class's colour
                out = np.eye(out.shape[1])[np.nan_to_num(out).argmax(axis=1)]
            return render.class_map_png(out, (GRID, GRID), style.CLASS_COLORS)
        out = out[:, 0].reshape(GRID, GRID)
        values = 2 * out - 1 if s["problem"] == "classification" else np.clip(out, -1, 1)
        if s["discretize"]:
            values = np.sign(values)
        return render.heatmap_png(values, views.TABLES["light"])

    def _preview(self) -> str:
        """The point being drawn: a ring with a cross at (x1, x2), while "draw" is on."""
        c = self.controls
        if not c["draw"].value:
            return ""
        size = render.MAP_SIZE
        px = (c["draw_x1"].value + EXTENT) / (2 * EXTENT) * size
        py = (EXTENT - c["draw_x2"].value) / (2 * EXTENT) * size
        if self.model.state["problem"] == "regression":
            fill = render.hex_colour(c["draw_label"].value, views.TABLES["full"])
        else:
            fill = style.class_color(int(round(c["draw_label"].value)))
        return (
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="7" fill="{fill}" stroke="black" '
            'stroke-width="2"/>'
            f'<path d="M{px - 10:.1f},{py:.1f}h20M{px:.1f},{py - 10:.1f}v20" stroke="black"/>'
        )

    def _draw_output(self, out: np.ndarray) -> None:
        s = self.model.state
        uri = render.data_uri(self._map_png(out))
        what = "Predicted value" if s["problem"] == "regression" else "Decision map"
        k = s["n_classes"] if s["problem"] == "multiclass" else 2
        self.output_view.value = render.map_svg(
            uri,
            self._dots(s["show_test"]) + self._preview(),
            EXTENT,
            f"{what}, epoch {self.model.epoch}",
            legend=views.map_legend(s["problem"], s["show_test"], k),
            cursor="crosshair" if self.controls["draw"].value else "default",
        )

    def _draw_stats(self) -> None:
        self.stats_view.value = views.stats_html(self.model, self._message)

    def _draw_charts(self) -> None:
        h = self.model.history
        self.curve_view.value = render.line_chart_svg(
            [("train", h["train_loss"], PALETTE[0]), ("test", h["test_loss"], PALETTE[3])],
            title="Loss",
            xlabel="epoch",
            ylabel="loss",
            width=324,
            height=150,
            legend="top",
        )
        norms = np.array(h["grad_norms"], dtype=np.float64)
        n_layers = norms.shape[1]
        labels = [f"layer {i + 1}" for i in range(n_layers - 1)] + ["output"]
        series = [(labels[i], norms[:, i], PALETTE[i % 7]) for i in range(n_layers)]
        self.grad_view.value = render.line_chart_svg(
            series,
            title="Gradient size per layer: mean |∂𝓛/∂W|",
            xlabel="epoch",
            ylabel="log scale",
            width=360,
            height=170,
            log=True,
            legend="right",
        )

    def _draw_code(self) -> None:
        self.code_view.value = (
            f"<pre style='font-size:12px;background:{style.PANEL};padding:6px;margin:2px;"
            f"white-space:pre'>{html.escape(self.code())}</pre>"
        )

    def _update_layer_buttons(self) -> None:
        hidden = self.model.state["hidden"]
        acts = self.model.layer_activations()
        rates = self.model.layer_dropouts()
        n = len(hidden)
        self._layers_label.value = f"<b>{n} HIDDEN LAYER{'S' if n != 1 else ''}</b>"
        c = self.controls
        c["add_layer"].disabled = n >= MAX_LAYERS
        c["remove_layer"].disabled = n == 0
        for i, box in enumerate(self._layer_boxes, start=1):
            if i > n:
                box.layout.display = "none"
                continue
            box.layout.visibility = "visible"
            box.layout.display = None
            size = hidden[i - 1]
            self._neuron_labels[i - 1].value = (
                "<div style='text-align:center;font-size:11px'>"
                f"{size} neuron{'s' if size != 1 else ''}</div>"
            )
            self._quiet = True
            if self.layer_activation[i - 1].value != acts[i - 1]:
                self.layer_activation[i - 1].value = acts[i - 1]
            if self.layer_dropout[i - 1].value != rates[i - 1]:
                self.layer_dropout[i - 1].value = rates[i - 1]
            self._quiet = False
            c[f"plus_{i}"].disabled = size >= MAX_NEURONS
            c[f"minus_{i}"].disabled = size <= 1


def playground(state: dict | None = None, data=None, **settings) -> Playground:
    """Build the playground.

    Parameters
    ----------
    state : dict or str, optional
        A configuration from :meth:`Playground.get_state` (missing keys take the defaults of
        :data:`DEFAULT_STATE`), or the string :meth:`Playground.share` returns.
    **settings
        Keys of the state given directly, e.g. ``playground(dataset="xor", hidden=[])``.
    data : tuple (X, y), optional
        Your own data: points (n, 2) and labels (n,): 0/1 (classification), 0..k-1 with 3 to
        5 classes (multi-class) or numbers (regression); see :meth:`Playground.set_data`.

    Returns
    -------
    Playground
        Holds the model (``.model``) and the widget (``.widget``, an :class:`Explorer`);
        a cell ending with it shows the widget.

    Examples
    --------
    >>> pg = playground(dataset="xor", features=["x1*x2"], hidden=[], learning_rate=0.1)
    >>> pg.net.layer_sizes
    [1, 1]
    >>> pg.run_epochs(20)
    >>> pg.epoch, pg.train_loss < pg.history["train_loss"][0]
    (20, True)

    See notebook 12_playground.
    """
    if isinstance(state, str):  # a string from Playground.share()
        from ..playground_share import decode

        state = decode(state)
    merged = dict(state or {})
    merged.update(settings)
    return Playground(merged, data=data)
