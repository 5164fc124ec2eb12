"""Per-layer activations in the playground: the controls, the state and Show code agree."""

import numpy as np

from nn_course.playground_model import PlaygroundModel
from nn_course.widgets._playground_views import neuron_formula
from nn_course.widgets.playground import playground


def test_one_layer_activation_changes_that_layer_only():
    pg = playground(hidden=[4, 2], activation="tanh")
    pg.layer_activation[1].value = "relu"
    names = [layer.activation.name for layer in pg.net.layers]
    assert names == ["tanh", "relu", "sigmoid"]
    assert pg.get_state()["activations"] == ["tanh", "relu"]
    assert "Dense(4, 2, 'relu'" in pg.code()
    pg.controls["add_layer"].click()  # a new layer takes the lab's activation
    assert pg.state["activations"] == ["tanh", "relu", "tanh"]
    pg.controls["activation"].value = "sigmoid"  # the lab's activation: every layer
    assert pg.state["activations"] is None
    assert [d.value for d in pg.layer_activation[:3]] == ["sigmoid"] * 3
    pg.close()


def test_per_layer_state_and_code_reproduce_the_losses():
    m = PlaygroundModel(hidden=[4, 3], activations=["relu", "sigmoid"], seed=3)
    m.run_epochs(4)
    again = PlaygroundModel(m.get_state())
    again.run_epochs(4)
    assert again.history["train_loss"] == m.history["train_loss"]
    namespace = {}
    exec(m.code(), namespace)
    net = namespace["net"]
    loss = net.loss(namespace["F_train"], namespace["y_train"], m.loss_name)
    assert np.isclose(loss, m.train_loss)


def test_same_activation_everywhere_builds_the_same_weights_as_before():
    m = PlaygroundModel(hidden=[4, 2], activation="tanh", seed=5)
    from nn_course import Network

    reference = Network.from_sizes(
        [2, 4, 2, 1], activation="tanh", output_activation="sigmoid", init="glorot_uniform", rng=5
    )
    for (W, b), (W2, b2) in zip(m.net.get_weights(), reference.get_weights(), strict=True):
        assert np.array_equal(W, W2) and np.array_equal(b, b2)


def test_dropout_per_layer_in_state_code_and_network():
    pg = playground(hidden=[4, 2])
    pg.layer_dropout[0].value = 0.2
    assert pg.get_state()["dropout"] == [0.2, 0.0]
    assert [type(layer).__name__ for layer in pg.net.layers] == [
        "Dense",
        "Dropout",
        "Dense",
        "Dense",
    ]
    assert "Dropout(0.2)" in pg.code()
    pg.run_epochs(3)  # trains, draws every neuron and the gradient chart
    assert len(pg.history["grad_norms"][-1]) == 3 and pg.epoch == 3
    assert pg.network_view.value.count("<image") == 2 + 4 + 2 + 1
    again = PlaygroundModel(pg.get_state())
    again.run_epochs(3)
    assert again.history["train_loss"] == pg.history["train_loss"]
    namespace = {}
    exec(pg.code(), namespace)
    loss = namespace["net"].loss(namespace["F_train"], namespace["y_train"], pg.loss_name)
    assert np.isclose(loss, pg.train_loss)
    pg.layer_dropout[0].value = 0.0
    assert pg.state["dropout"] is None and len(pg.net.layers) == 3
    pg.close()


def test_look_inside_a_neuron_and_edit_a_weight():
    pg = playground(hidden=[4, 2])
    pg.run_epochs(5)
    assert pg._inspect_box.layout.display == "none"
    pg.inspect.value = (0, 1)  # layer 1, neuron 2
    layer = pg.net.layers[0]
    assert pg._inspect_box.layout.display is None
    formula = neuron_formula(layer, 1, ["x₁", "x₂"])
    assert formula.startswith("a = tanh(") and formula in pg.inspect_view.value.replace(
        "&#x27;", "'"
    )
    network, output = pg.network_view.value, pg.output_view.value
    pg.inspect_weight.value = 0  # the weight from x1
    pg.weight_slider.value = 2.5
    assert layer.W[0, 1] == 2.5
    assert pg.network_view.value != network and pg.output_view.value != output
    assert "2.5*x₁" in pg.inspect_view.value
    pg.controls["remove_layer"].click()  # the menu follows the network's shape
    assert pg.inspect.value == (0, 1) and ("Look inside: layer 2, neuron 1", (1, 0)) not in (
        pg.inspect.options
    )
    pg.close()
