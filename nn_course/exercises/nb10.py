"""Exercises of notebook 10_tensorflow_keras: notebook 09's network written in Keras, by hand.

* ``q1`` ``build_model(n_inputs, hidden, n_outputs)``: a ``keras.Sequential`` MLP of any size
  (ReLU hidden layers, logits out), float64.
* ``q2`` ``keras_weights(net)``: the list ``model.set_weights`` expects, from a course
  ``Network``: ``[W1, b1, W2, b2, ...]``.
* ``q3`` ``choose_loss(labels, outputs)``: the Keras cross-entropy for integer or one-hot
  labels and a logits or probabilities output (the two classic slips: ``from_logits`` and
  sparse against one-hot).
* ``q4`` ``compile_model(model, learning_rate)``: SGD, the right loss, accuracy as a metric.
* ``q5`` ``train_step(model, optimizer, loss_fn, X_batch, y_batch)``: one step of a custom
  training loop with ``tf.GradientTape`` (slips: ``training=True`` forgotten, gradients of or
  updates to the wrong variables).
* ``q6`` ``regularised_model(rate, l2)``: the 64-128-10 model with ``Dropout`` and an L2
  kernel regularizer on every ``Dense`` layer.
* ``quiz``: the closing quiz, a data table in :mod:`._nb10_quiz` re-exported here.

Keras is imported only when a check needs it (it takes seconds); the Keras pieces the checkers
share (a spy layer, q5's small model, the float64 check) are in :mod:`._nb10_keras`.

>>> q2.verdict(reference_keras_weights)
('correct', 'correct!')
"""

from __future__ import annotations

import numpy as np

from ..keras_bridge import import_keras
from ..network import Network
from ._core import Question, compare
from ._nb10_keras import float64_problem, spy_layer, step_model
from ._nb10_quiz import quiz

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "quiz", "reference_build_model",
           "reference_keras_weights", "reference_choose_loss", "reference_compile_model",
           "reference_train_step", "reference_regularised_model"]


# --------------------------------------------------------------------------- q1: the model
def reference_build_model(n_inputs, hidden, n_outputs):
    import keras
    layers = [keras.Input(shape=(n_inputs,), dtype="float64")]
    for width in hidden:
        layers.append(keras.layers.Dense(width, activation="relu", dtype="float64"))
    layers.append(keras.layers.Dense(n_outputs, dtype="float64"))  # no activation: logits
    return keras.Sequential(layers)


def _check_one_model(model, n_inputs, hidden, n_outputs, keras):
    case = f"build_model({n_inputs}, {list(hidden)}, {n_outputs})"
    if not isinstance(model, keras.Model):
        return f"{case} should return a keras.Sequential model; got {type(model).__name__}"
    if not model.built:
        return (f"{case}: the model is not built, so it has no weights yet: start the list of "
                "layers with a keras.Input that says how many numbers a sample has")
    if tuple(model.input_shape) != (None, n_inputs):
        return (f"{case} should take {n_inputs} inputs (input shape (None, {n_inputs})); got "
                f"{model.input_shape}")
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    if len(model.layers) != len(dense):
        others = [type(layer).__name__ for layer in model.layers if layer not in dense]
        return (f"{case}: use only Dense layers (the activation goes into "
                f"Dense(..., activation=...)); found {others}")
    units = [layer.units for layer in dense]
    if units != [*hidden, n_outputs]:
        return (f"{case}: the Dense layers should have {[*hidden, n_outputs]} units (one per "
                f"hidden width, then the outputs); got {units}")
    activations = [layer.get_config()["activation"] for layer in dense]
    if any(a != "relu" for a in activations[:-1]):
        return f"{case}: every hidden layer should use activation='relu'; got {activations[:-1]}"
    if activations[-1] != "linear":
        return (f"{case}: the output layer should give logits (no activation; the loss applies "
                f"softmax); got activation={activations[-1]!r}")
    return float64_problem(model, case)


def _check_build_model(build_model):
    keras = import_keras()
    for n_inputs, hidden, n_outputs in ((64, [128], 10), (3, [5, 4], 2), (8, [], 3)):
        problem = _check_one_model(build_model(n_inputs, list(hidden), n_outputs), n_inputs,
                                   hidden, n_outputs, keras)
        if problem:
            return problem
    return None


q1 = Question(
    "q1",
    check=_check_build_model,
    hints=("The model is a list: an input that gives the number of features, one Dense layer "
           "per entry of hidden, then the output layer. Build the list in a loop.",
           "Every piece gets the float64 dtype; hidden layers take the relu activation, the last "
           "layer none at all (it returns logits). Wrap the list in keras.Sequential."),
    reference=reference_build_model,
    answer_name="build_model",
    success="A few lines describe any such architecture; Keras creates the weights for you.",
)


# --------------------------------------------------------------------------- q2: the weights
def reference_keras_weights(net):
    weights = []
    for W, b in net.get_weights():
        weights += [W, b]  # Keras kernels are (n_in, n_out) like ours: no transposes
    return weights


def _check_keras_weights(keras_weights):
    for sizes, seed in (([64, 128, 10], 4), ([3, 5, 4, 2], 5)):
        net = Network.from_sizes(sizes, activation="relu", rng=seed)
        for layer in net.dense_layers:  # nonzero biases, so a forgotten bias shows
            layer.b[...] = np.random.default_rng(seed).normal(size=layer.b.shape)
        got = keras_weights(net)
        expected = reference_keras_weights(net)
        if not isinstance(got, (list, tuple)):
            return f"keras_weights should return a list of arrays; got {type(got).__name__}"
        if len(got) == len(expected) // 2:
            if all(isinstance(item, (list, tuple)) for item in got):
                return ("Keras wants one flat list [W1, b1, W2, b2, ...], not (W, b) pairs: add W "
                        "and b to the list one after the other")
            return (f"expected {len(expected)} arrays, a W and a b per layer; got {len(got)} "
                    "(forgot the biases?)")
        if len(got) != len(expected):
            return f"expected {len(expected)} arrays [W1, b1, W2, b2, ...]; got {len(got)}"
        for i, (g, e) in enumerate(zip(got, expected)):
            name = f"{'Wb'[i % 2]}{i // 2 + 1}"
            other = expected[i + 1 if i % 2 == 0 else i - 1]
            if np.shape(g) == np.shape(other) and np.shape(g) != e.shape:
                return (f"entry {i} should be {name}: the order is W1, b1, W2, b2, ... (weights "
                        "before biases)")
            problem = compare(g, e, f"entry {i} ({name})")
            if problem:
                if "transposed" in problem:
                    problem += ("; Keras stores a kernel as (n_in, n_out), the same as the course "
                                "(PyTorch would need the transpose)")
                return problem
    return None


q2 = Question(
    "q2",
    check=_check_keras_weights,
    hints=("The course hands out the weights layer by layer as pairs; Keras wants one flat "
           "list in the order of model.weights.",
           "Walk through the pairs and put the weight matrix, then the bias, of each layer onto "
           "one list. Both libraries store W as (n_in, n_out), so nothing is transposed."),
    reference=reference_keras_weights,
    answer_name="keras_weights",
    success="Same shapes on both sides: W is (n_in, n_out) in the course and in Keras.",
)


# --------------------------------------------------------------------------- q3: the loss
def reference_choose_loss(labels, outputs):
    import keras
    from_logits = outputs == "logits"
    if labels == "integers":
        return keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits)
    return keras.losses.CategoricalCrossentropy(from_logits=from_logits)


_LOSS_CASES = [("integers", "logits"), ("integers", "probabilities"), ("one-hot", "logits"),
               ("one-hot", "probabilities")]


def _check_choose_loss(choose_loss):
    keras = import_keras()
    for labels, outputs in _LOSS_CASES:
        loss = choose_loss(labels, outputs)
        case = f"choose_loss({labels!r}, {outputs!r})"
        if isinstance(loss, str):
            return (f"{case}: a loss given by its name always means from_logits=False; create the "
                    "loss object so you can say what the model outputs")
        if isinstance(loss, type):
            return f"{case} returned the class; create an object by calling it"
        sparse = isinstance(loss, keras.losses.SparseCategoricalCrossentropy)
        dense = isinstance(loss, keras.losses.CategoricalCrossentropy)
        if not (sparse or dense):
            return f"{case}: use a categorical cross-entropy; got {type(loss).__name__}"
        if labels == "integers" and dense:
            return (f"{case}: CategoricalCrossentropy wants one-hot rows; integer labels 0-9 "
                    "need the Sparse version")
        if labels == "one-hot" and sparse:
            return (f"{case}: SparseCategoricalCrossentropy wants integer labels; one-hot rows "
                    "need CategoricalCrossentropy")
        from_logits = bool(loss.get_config().get("from_logits"))
        if outputs == "logits" and not from_logits:
            return (f"{case}: the model outputs logits, so pass from_logits=True (otherwise Keras "
                    "reads the logits as probabilities and the loss is wrong)")
        if outputs == "probabilities" and from_logits:
            return (f"{case}: the model already applies softmax, so from_logits must be False "
                    "(otherwise softmax is applied twice)")
    return None


q3 = Question(
    "q3",
    check=_check_choose_loss,
    hints=("Two independent questions. What do the labels look like: one number per sample, or a "
           "row with a 1 in the right column? And has the model applied softmax already?",
           "Keras has one cross-entropy class for integer labels (its name says 'sparse') and one "
           "for one-hot rows; both take an argument that says whether the outputs are raw logits."),
    reference=reference_choose_loss,
    answer_name="choose_loss",
    success="The two most common Keras slips, avoided: label format and from_logits.",
)


# --------------------------------------------------------------------------- q4: compile
def reference_compile_model(model, learning_rate):
    import keras
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=learning_rate),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])


def _check_compile_model(compile_model):
    import_keras()  # the quiet, repeatable Keras set-up before building a model
    for learning_rate in (0.1, 0.03):
        model = reference_build_model(4, [3], 2)
        compile_model(model, learning_rate)
        if not getattr(model, "compiled", False):
            return "the model is not compiled: call model.compile(...) inside compile_model"
        config = model.get_compile_config()
        opt = config["optimizer"]
        name = opt["class_name"] if isinstance(opt, dict) else str(opt)
        if name != "SGD":
            return (f"the optimiser should be plain SGD, as in notebook 09; got {name} (a name "
                    "string or another class changes the steps)")
        lr = float(model.optimizer.learning_rate)
        if abs(lr - learning_rate) > 1e-6 * learning_rate:
            return (f"the SGD learning rate should be the learning_rate argument "
                    f"({learning_rate}); got {lr:g} (the default of SGD is 0.01)")
        loss = config["loss"]
        if isinstance(loss, str):
            return ("the loss is given by name, which means from_logits=False: pass a loss object "
                    "with from_logits=True (the model outputs logits)")
        if loss.get("class_name") != "SparseCategoricalCrossentropy":
            return ("the labels are integers: the loss should be SparseCategoricalCrossentropy; "
                    f"got {loss.get('class_name')}")
        if not loss["config"].get("from_logits"):
            return "the model outputs logits: the loss needs from_logits=True"
        metrics = config.get("metrics") or []
        names = [m if isinstance(m, str) else getattr(m, "name", str(m)) for m in metrics]
        if not any("acc" in str(n) for n in names):
            return "add metrics=['accuracy'] so fit and evaluate report the accuracy too"
    return None


q4 = Question(
    "q4",
    check=_check_compile_model,
    hints=("compile takes three things: how to step (the optimiser, with its learning rate), "
           "what to minimise (the loss), and what else to report (metrics).",
           "Use the SGD optimiser object with the given learning rate, the loss object that "
           "matches integer labels and a logits output (your q3), and the accuracy metric."),
    reference=reference_compile_model,
    answer_name="compile_model",
    success="compile fixes the rules; fit then runs the whole loop of notebook 09 by itself.",
)


# --------------------------------------------------------------------------- q5: GradientTape
def reference_train_step(model, optimizer, loss_fn, X_batch, y_batch):
    import tensorflow as tf

    with tf.GradientTape() as tape:
        logits = model(X_batch, training=True)  # training=True: Dropout is active
        loss = loss_fn(y_batch, logits)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def _check_train_step(train_step):
    keras = import_keras()
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(6, 4)), np.array([0, 1, 2, 1, 0, 2])
    spy = spy_layer(keras)
    model = step_model(keras, 1, spy)
    expected_model = step_model(keras, 1, spy_layer(keras))
    start = [w.copy() for w in model.get_weights()]
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    loss = train_step(model, keras.optimizers.SGD(0.1), loss_fn, X, y)
    expected = reference_train_step(expected_model, keras.optimizers.SGD(0.1), loss_fn, X, y)
    if loss is None:
        return "train_step should return the batch loss (the value the tape differentiated)"
    if not any(s is True for s in spy.seen):
        return ("call the model with training=True inside the tape: layers such as Dropout behave "
                "differently in training, and without it they act as at prediction time")
    problem = compare(float(loss), float(expected), "the returned loss")
    if problem:
        return problem + " (the loss function takes the labels first, then the model's output)"
    names = ["W1", "b1", "W2", "b2"]
    got, want = model.get_weights(), expected_model.get_weights()
    unmoved = [n for n, w, s in zip(names, got, start) if np.array_equal(w, s)]
    if len(unmoved) == len(names):
        return ("no weight changed: apply the gradients with the optimiser "
                "(optimizer.apply_gradients with (gradient, variable) pairs)")
    if unmoved:
        return (f"{unmoved} did not move: take the gradient with respect to all of "
                "model.trainable_variables and apply it to those same variables")
    for n, w, e in zip(names, got, want):
        problem = compare(w, e, f"{n} after the step")
        if problem:
            return problem + (" (check that each gradient is paired with its own variable, and "
                              "that the step goes downhill)")
    return None


q5 = Question(
    "q5",
    check=_check_train_step,
    hints=("Three moves: record the forward pass and the loss on a tape, ask the tape for the "
           "gradients, and let the optimiser apply them. Return the loss.",
           "Inside the tape, call the model in training mode and give the loss function the "
           "labels first. Differentiate with respect to the model's trainable variables and hand "
           "the optimiser (gradient, variable) pairs built from those same two lists."),
    reference=reference_train_step,
    answer_name="train_step",
    success="That is what fit does on every batch; the rest is looping and bookkeeping.",
)


# --------------------------------------------------------------------------- q6: regularised
def reference_regularised_model(rate, l2):
    import keras
    return keras.Sequential([
        keras.Input(shape=(64,), dtype="float64"),
        keras.layers.Dense(128, activation="relu", dtype="float64",
                           kernel_regularizer=keras.regularizers.L2(l2)),
        keras.layers.Dropout(rate, dtype="float64"),
        keras.layers.Dense(10, dtype="float64", kernel_regularizer=keras.regularizers.L2(l2)),
    ])


def _check_regularised_model(regularised_model):
    keras = import_keras()
    for rate, l2 in ((0.5, 0.01), (0.2, 0.001)):
        model = regularised_model(rate, l2)
        case = f"regularised_model({rate}, {l2})"
        if not isinstance(model, keras.Model) or not model.built:
            return f"{case} should return a built keras.Sequential (start with a keras.Input)"
        kinds = [type(layer).__name__ for layer in model.layers]
        if kinds != ["Dense", "Dropout", "Dense"]:
            return (f"{case}: expected the layers Dense(128), Dropout, Dense(10) (dropout after "
                    f"the hidden layer, never after the output); got {kinds}")
        hidden, drop, out = model.layers
        if (hidden.units, out.units) != (128, 10) or hidden.get_config()["activation"] != "relu":
            return f"{case}: the Dense layers should be 128 relu units and 10 logits"
        if out.get_config()["activation"] != "linear":
            return f"{case}: the output layer gives logits: no activation"
        if abs(drop.rate - rate) > 1e-12:
            return f"{case}: the Dropout rate should be {rate}; got {drop.rate}"
        for name, layer in (("hidden", hidden), ("output", out)):
            reg = layer.kernel_regularizer
            if reg is None:
                return (f"{case}: the {name} layer has no kernel_regularizer; the course's l2 "
                        "penalises every weight matrix")
            config = reg.get_config()
            if "l2" not in config or config.get("l1"):
                return f"{case}: the {name} layer's regularizer should be an L2 penalty"
            if abs(config["l2"] - l2) > 1e-9:
                return f"{case}: the {name} layer's L2 factor should be {l2}; got {config['l2']}"
            if layer.bias_regularizer is not None:
                return f"{case}: the course leaves the biases unpenalised; drop bias_regularizer"
        problem = float64_problem(model, case)
        if problem:
            return problem
    return None


q6 = Question(
    "q6",
    check=_check_regularised_model,
    hints=("Start from your q1 model and add two things: a layer that drops hidden outputs at "
           "random in training, and a penalty on the weight matrices.",
           "The dropping layer goes right after the hidden Dense layer (never after the output). "
           "The penalty is a keras.regularizers object given to each Dense layer as its "
           "kernel_regularizer, with the factor l2."),
    reference=reference_regularised_model,
    answer_name="regularised_model",
    success="The same three regularisers as the course: same names, same formulas.",
)
