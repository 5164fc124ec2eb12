"""Exercises of 10_tensorflow_keras: references pass, typical Keras slips get the right message."""

from __future__ import annotations

import numpy as np
import pytest

from nn_course import Network
from nn_course.exercises import nb10 as ex

keras = pytest.importorskip("keras")
tf = pytest.importorskip("tensorflow")

QUESTIONS = [ex.q1, ex.q2, ex.q3, ex.q4, ex.q5, ex.q6]


def not_done(*args):
    raise NotImplementedError  # the notebook's placeholder


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_reference_and_solution_are_correct_and_placeholder_not_attempted(question):
    assert question.verdict(question.reference) == ("correct", "correct!")
    assert question.verdict(question.solution_answer()) == ("correct", "correct!")
    assert question.verdict(not_done)[0] == "not attempted"
    assert question.verdict(None)[0] == "not attempted"


def verdict(question, answer):
    status, message = question.verdict(answer)
    assert status == "wrong", message
    return message


D = keras.layers.Dense


def _builder(out_activation=None, hidden_activation="relu", dtype="float64", inputs=True,
             fixed=None):
    def build_model(n_inputs, hidden, n_outputs):
        layers = [keras.Input(shape=(n_inputs,), dtype=dtype)] if inputs else []
        for width in (fixed or hidden):
            layers.append(D(width, activation=hidden_activation, dtype=dtype))
        layers.append(D(n_outputs, activation=out_activation, dtype=dtype))
        return keras.Sequential(layers)
    return build_model


def test_build_model_mistakes():
    assert "float64" in verdict(ex.q1, _builder(dtype="float32"))
    assert "logits" in verdict(ex.q1, _builder(out_activation="softmax"))
    assert "not built" in verdict(ex.q1, _builder(inputs=False))
    assert "[5, 4, 2] units" in verdict(ex.q1, _builder(fixed=[128]))  # hard-coded 64-128-10
    assert "activation='relu'" in verdict(ex.q1, _builder(hidden_activation="sigmoid"))
    assert "keras.Sequential" in verdict(ex.q1, lambda a, b, c: Network.from_sizes([a, *b, c]))


def test_reference_model_matches_the_network_with_copied_weights():
    net = Network.from_sizes([64, 128, 10], init="he_normal", rng=0)
    model = ex.reference_build_model(64, [128], 10)
    model.set_weights(ex.reference_keras_weights(net))
    X = np.random.default_rng(1).normal(size=(7, 64))
    assert np.abs(np.asarray(model(X)) - net.forward(X)).max() < 1e-10


def test_keras_weights_mistakes():
    assert "flat list" in verdict(ex.q2, lambda net: net.get_weights())
    assert "transposed" in verdict(ex.q2, lambda net: [a for W, b in net.get_weights()
                                                       for a in (W.T, b)])
    assert "forgot the biases" in verdict(ex.q2, lambda net: [W for W, _ in net.get_weights()])
    assert "weights before biases" in verdict(ex.q2, lambda net: [a for W, b in net.get_weights()
                                                                  for a in (b, W)])


def test_choose_loss_mistakes():
    L = keras.losses

    def always_logits(labels, outputs):
        cls = L.SparseCategoricalCrossentropy if labels == "integers" else L.CategoricalCrossentropy
        return cls(from_logits=True)

    def never_logits(labels, outputs):
        cls = L.SparseCategoricalCrossentropy if labels == "integers" else L.CategoricalCrossentropy
        return cls()

    def always_sparse(labels, outputs):
        return L.SparseCategoricalCrossentropy(from_logits=outputs == "logits")

    def always_dense(labels, outputs):
        return L.CategoricalCrossentropy(from_logits=outputs == "logits")

    assert "softmax is applied twice" in verdict(ex.q3, always_logits)
    assert "pass from_logits=True" in verdict(ex.q3, never_logits)
    assert "need CategoricalCrossentropy" in verdict(ex.q3, always_sparse)
    assert "need the Sparse version" in verdict(ex.q3, always_dense)
    assert "by its name" in verdict(ex.q3, lambda a, b: "sparse_categorical_crossentropy")
    assert "the class" in verdict(ex.q3, lambda a, b: L.SparseCategoricalCrossentropy)


def test_compile_model_mistakes():
    SCE = keras.losses.SparseCategoricalCrossentropy

    def compiler(optimizer=None, loss=None, metrics=("accuracy",), fixed_lr=None):
        def compile_model(model, learning_rate):
            opt = optimizer or keras.optimizers.SGD(fixed_lr or learning_rate)
            model.compile(optimizer=opt, loss=loss or SCE(from_logits=True),
                          metrics=list(metrics))
        return compile_model

    assert "plain SGD" in verdict(ex.q4, compiler(optimizer="adam"))
    assert "learning rate should be" in verdict(ex.q4, compiler(fixed_lr=0.01))
    assert "from_logits=False" in verdict(ex.q4, compiler(loss="sparse_categorical_crossentropy"))
    assert "needs from_logits=True" in verdict(ex.q4, compiler(loss=SCE()))
    assert "metrics=['accuracy']" in verdict(ex.q4, compiler(metrics=()))
    assert "not compiled" in verdict(ex.q4, lambda model, lr: None)


def test_train_step_mistakes():
    def no_training_flag(model, optimizer, loss_fn, X, y):
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(X))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return loss

    def last_layer_only(model, optimizer, loss_fn, X, y):
        variables = model.layers[-1].trainable_variables
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(X, training=True))
        grads = tape.gradient(loss, variables)
        optimizer.apply_gradients(zip(grads, variables))
        return loss

    def forgets_to_apply(model, optimizer, loss_fn, X, y):
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(X, training=True))
        tape.gradient(loss, model.trainable_variables)
        return loss

    def uphill(model, optimizer, loss_fn, X, y):
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(X, training=True))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip([-g for g in grads], model.trainable_variables))
        return loss

    assert "training=True" in verdict(ex.q5, no_training_flag)
    assert "did not move" in verdict(ex.q5, last_layer_only)
    assert "no weight changed" in verdict(ex.q5, forgets_to_apply)
    assert "downhill" in verdict(ex.q5, uphill)


def test_regularised_model_mistakes():
    reg = keras.regularizers.L2

    def builder(dropout_after_output=False, output_reg=True, rate_fixed=None):
        def regularised_model(rate, l2):
            layers = [keras.Input(shape=(64,), dtype="float64"),
                      D(128, activation="relu", dtype="float64", kernel_regularizer=reg(l2))]
            if not dropout_after_output:
                layers.append(keras.layers.Dropout(rate_fixed or rate, dtype="float64"))
            out_reg = reg(l2) if output_reg else None
            layers.append(D(10, dtype="float64", kernel_regularizer=out_reg))
            if dropout_after_output:
                layers.append(keras.layers.Dropout(rate, dtype="float64"))
            return keras.Sequential(layers)
        return regularised_model

    assert "never after the output" in verdict(ex.q6, builder(dropout_after_output=True))
    assert "output layer has no kernel_regularizer" in verdict(ex.q6, builder(output_reg=False))
    assert "Dropout rate should be" in verdict(ex.q6, builder(rate_fixed=0.3))


def test_quiz_is_complete():
    assert len(ex.quiz) == 4
    for number, answer in enumerate(["c", "a", "b", 3466], start=1):
        assert ex.quiz.mark(number, answer)[0]
