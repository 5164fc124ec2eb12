"""Training speed: nn_course against a bare NumPy loop, scikit-learn, Keras and PyTorch.

One run trains the same architecture on the same data with the same hyperparameters in each
library and prints a table (time, test accuracy, and each time as a ratio to nn_course; a
ratio above 1 means nn_course is faster). Cases:

1. digits (1,347 train / 450 test, standardised), 64-128-10, ReLU, softmax cross-entropy,
   SGD lr 0.1 without momentum, batch 32, 30 epochs. Targets: nn_course >= 2.5x faster than
   MLPClassifier and than PyTorch, within 1.1x of the bare NumPy loop, test accuracy >= 97%.
2. 60,000 x 784 synthetic inputs labelled by a seeded random "teacher" network, 784-256-10,
   ReLU, batch 128, one epoch: GFLOP/s achieved against numpy's own GEMM GFLOP/s measured
   on the same matrix products in the same run. Target: >= 70%.
3. XOR, 2-4-1 (tanh, sigmoid output, binary cross-entropy), full batch: training steps per
   second, i.e. what a live widget can show. Targets: >= 5,000 steps/s, and ``fit`` at
   >= 0.8x the steps per second of the bare NumPy loop (which records no loss, accuracy or
   history). A second ``fit`` row adds a callback that does nothing: ``fit`` then logs the
   epochs one by one, where without one it measures a block of epochs' losses after them.

Fairness notes. nn_course, the NumPy loop and scikit-learn compute in float64; Keras and
PyTorch in their default float32. nn_course, the NumPy loop, Keras and PyTorch start from the
same initial weights (scikit-learn draws its own). Times are the best of a few repeats
(nn_course and the NumPy loop interleaved, so both see the same machine load); Keras's time
includes its one-off graph tracing, spread over the epochs. PyTorch rows appear only if
``torch`` is installed (``pip install torch==2.13.0``; it is not a course dependency).
Everything is CPU, with the BLAS threads each library uses by default.

Load. On a shared 2-core machine wall-clock numbers move with what else runs: two-thread
OpenBLAS in particular slows down several-fold when the cores are busy. So case 1 is also
measured in CPU time with one thread each (BLAS, PyTorch) for nn_course, the NumPy loop,
scikit-learn and PyTorch, and case 2 also on one BLAS thread; those ratios barely depend on
the load; case 3 times nn_course and the NumPy loops in CPU time of the calling thread (their
tiny matrix products run there), in interleaved rounds. The load average is printed with the
results.

Results also go to artifacts/benchmarks/training.json (git-ignored), with the load average.

Run: ``.venv/bin/python benchmarks/bench_training.py`` (about a minute; ``--quick`` for a
smoke run with fewer repeats and a smaller case 2).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import platform
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nn_course import Dense, Network, datasets  # noqa: E402
from nn_course.training import Trainer, fit  # noqa: E402

OUT = ROOT / "artifacts" / "benchmarks" / "training.json"
HAS_TORCH = importlib.util.find_spec("torch") is not None
HAS_KERAS = importlib.util.find_spec("keras") is not None
HAS_SKLEARN = importlib.util.find_spec("sklearn") is not None


# --------------------------------------------------------------------------- helpers
def best_of(fn, repeats: int):
    """Run ``fn()`` ``repeats`` times; return (min seconds, last result)."""
    times, result = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def digits_data():
    X, y = datasets.digits()
    X_tr, X_te, y_tr, y_te = datasets.train_test_split(X, y, 0.25, rng=0)
    X_tr, mean, std = datasets.standardize(X_tr)
    X_te, _, _ = datasets.standardize(X_te, mean, std)
    return X_tr, X_te, y_tr, y_te


def mlp(sizes, hidden="relu", out="linear", seed=1):
    """The shared starting network: He init for ReLU layers, Glorot for the output."""
    rng = np.random.default_rng(seed)
    layers = [
        Dense(sizes[i], sizes[i + 1], hidden, init="he" if hidden == "relu" else "glorot", rng=rng)
        for i in range(len(sizes) - 2)
    ]
    layers.append(Dense(sizes[-2], sizes[-1], out, rng=rng))
    return Network(layers)


def numpy_loop(weights, X, Y, epochs, lr, batch_size, seed=0):
    """The floor: a bare float64 NumPy loop for a one-hidden-layer ReLU/softmax network.

    Forward, softmax cross-entropy (its loss summed for the epoch), backward, SGD update;
    nothing else (no checks, no accuracy).
    """
    (W1, b1), (W2, b2) = [(W.copy(), b.copy()) for W, b in weights]
    rng = np.random.default_rng(seed)
    n = len(X)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(n)
        Xs, Ys = X[order], Y[order]
        total = 0.0
        for start in range(0, n, batch_size):
            xb, yb = Xs[start : start + batch_size], Ys[start : start + batch_size]
            m = len(xb)
            z1 = xb @ W1 + b1
            a1 = np.maximum(z1, 0)
            z2 = a1 @ W2 + b2
            e = np.exp(z2 - z2.max(axis=1, keepdims=True))
            p = e / e.sum(axis=1, keepdims=True)
            total -= np.sum(yb * np.log(p + 1e-12))
            d2 = (p - yb) / m
            gW2 = a1.T @ d2
            gb2 = d2.sum(axis=0)
            d1 = (d2 @ W2.T) * (z1 > 0)
            gW1 = xb.T @ d1
            gb1 = d1.sum(axis=0)
            W1 -= lr * gW1
            b1 -= lr * gb1
            W2 -= lr * gW2
            b2 -= lr * gb2
        losses.append(total / n)
    return [(W1, b1), (W2, b2)], losses


def numpy_accuracy(weights, X, y):
    (W1, b1), (W2, b2) = weights
    return float(np.mean((np.maximum(X @ W1 + b1, 0) @ W2 + b2).argmax(axis=1) == y))


def sklearn_mlp(hidden, epochs, lr, batch_size):
    from sklearn.neural_network import MLPClassifier

    return MLPClassifier(
        hidden_layer_sizes=hidden,
        activation="relu",
        solver="sgd",
        learning_rate="constant",
        learning_rate_init=lr,
        momentum=0.0,
        nesterovs_momentum=False,
        alpha=0.0,
        batch_size=batch_size,
        max_iter=epochs,
        shuffle=True,
        tol=0.0,
        n_iter_no_change=10**9,
        random_state=0,
    )


def sklearn_fit(model, X, y):
    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y)
    return model


def keras_model(net, lr):
    import keras

    layers = [keras.Input(shape=(net.n_inputs,))]
    for layer in net.dense_layers:
        act = layer.activation.name
        if layer is net.layers[-1] and act == "linear":
            act = "softmax"
        layers.append(keras.layers.Dense(layer.n_out, activation=act))
    model = keras.Sequential(layers)
    for kl, layer in zip(model.layers, net.dense_layers, strict=True):
        kl.set_weights([layer.W.astype("float32"), layer.b.astype("float32")])
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=lr),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def torch_model(net):
    import torch

    mods = []
    for layer in net.dense_layers:
        lin = torch.nn.Linear(layer.n_in, layer.n_out)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(layer.W.T.astype("float32")))
            lin.bias.copy_(torch.from_numpy(layer.b.astype("float32")))
        mods.append(lin)
        if layer is not net.layers[-1]:
            mods.append(torch.nn.ReLU() if layer.activation.name == "relu" else torch.nn.Tanh())
    return torch.nn.Sequential(*mods)


def torch_train(model, X, y, epochs, lr, batch_size, loss="ce"):
    import torch

    Xt = torch.from_numpy(X.astype("float32"))
    yt = torch.from_numpy(y.astype("int64" if loss == "ce" else "float32"))
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss() if loss == "ce" else torch.nn.BCEWithLogitsLoss()
    g = torch.Generator().manual_seed(0)
    n = len(Xt)
    for _ in range(epochs):
        order = torch.randperm(n, generator=g)
        for start in range(0, n, batch_size):
            idx = order[start : start + batch_size]
            opt.zero_grad()
            value = loss_fn(model(Xt[idx]), yt[idx])
            value.backward()
            opt.step()
    return model


def torch_accuracy(model, X, y):
    import torch

    with torch.no_grad():
        out = model(torch.from_numpy(X.astype("float32"))).numpy()
    return float(np.mean(out.argmax(axis=1) == y))


# --------------------------------------------------------------------------- case 1
def digits_cpu_times(start_net, data, epochs: int, lr: float, bs: int, repeats: int) -> dict:
    """Case 1 in CPU time on one thread (BLAS and PyTorch): the calling thread does all the
    work, so these ratios hardly depend on what else the machine is running.
    """
    X_tr, y_tr, Y_tr = data
    weights = start_net.get_weights()
    runs = {
        "nn_course": lambda: fit(
            start_net.copy(), X_tr, y_tr, learning_rate=lr, epochs=epochs, batch_size=bs, rng=0
        ),
        "numpy loop": lambda: numpy_loop(weights, X_tr, Y_tr, epochs, lr, bs),
    }
    if HAS_SKLEARN:
        runs["scikit-learn"] = lambda: sklearn_fit(sklearn_mlp((128,), epochs, lr, bs), X_tr, y_tr)
    if HAS_TORCH:
        runs["pytorch"] = lambda: torch_train(torch_model(start_net), X_tr, y_tr, epochs, lr, bs)
    cpu_times: dict[str, list[float]] = {name: [] for name in runs}
    with blas_threads(1), torch_threads(1):
        for _ in range(repeats):
            for name, run in runs.items():
                t0 = time.thread_time()
                run()
                cpu_times[name].append(time.thread_time() - t0)
    steps = epochs * -(-len(X_tr) // bs)
    base_cpu = min(cpu_times["nn_course"])
    return {
        name: {"us_per_step": 1e6 * min(ts) / steps, "ratio": min(ts) / base_cpu}
        for name, ts in cpu_times.items()
    }


def case_digits(repeats: int) -> dict:
    X_tr, X_te, y_tr, y_te = digits_data()
    epochs, lr, bs = 30, 0.1, 32
    start_net = mlp([64, 128, 10])
    weights = start_net.get_weights()
    Y_tr = np.eye(10)[y_tr]
    rows = {}

    # nn_course and the NumPy floor, interleaved so both see the same load
    t_nn, t_np = [], []
    for _ in range(repeats):
        net = start_net.copy()
        t0 = time.perf_counter()
        fit(net, X_tr, y_tr, learning_rate=lr, epochs=epochs, batch_size=bs, rng=0)
        t_nn.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        w_np, _ = numpy_loop(weights, X_tr, Y_tr, epochs, lr, bs)
        t_np.append(time.perf_counter() - t0)
    rows["nn_course"] = {
        "s_per_epoch": min(t_nn) / epochs,
        "test_accuracy": net.accuracy(X_te, y_te),
        "dtype": "float64",
    }
    rows["numpy loop"] = {
        "s_per_epoch": min(t_np) / epochs,
        "test_accuracy": numpy_accuracy(w_np, X_te, y_te),
        "dtype": "float64",
    }
    cpu = digits_cpu_times(start_net, (X_tr, y_tr, Y_tr), epochs, lr, bs, repeats)
    if HAS_SKLEARN:
        t, model = best_of(
            lambda: sklearn_fit(sklearn_mlp((128,), epochs, lr, bs), X_tr, y_tr), repeats
        )
        rows["scikit-learn"] = {
            "s_per_epoch": t / epochs,
            "test_accuracy": float(model.score(X_te, y_te)),
            "dtype": "float64",
        }
    if HAS_KERAS:

        def run_keras():
            model = keras_model(start_net, lr)
            t0 = time.perf_counter()
            model.fit(X_tr.astype("float32"), y_tr, epochs=epochs, batch_size=bs, verbose=0)
            return time.perf_counter() - t0, model

        results = [run_keras() for _ in range(max(1, repeats // 2))]
        t, model = min(results, key=lambda r: r[0])
        acc = float(np.mean(model.predict(X_te.astype("float32"), verbose=0).argmax(1) == y_te))
        rows["keras"] = {"s_per_epoch": t / epochs, "test_accuracy": acc, "dtype": "float32"}
    if HAS_TORCH:
        import torch

        for threads in sorted({1, torch.get_num_threads()}):
            torch.set_num_threads(threads)
            t, model = best_of(
                lambda: torch_train(torch_model(start_net), X_tr, y_tr, epochs, lr, bs), repeats
            )
            rows[f"pytorch ({threads} thr)"] = {
                "s_per_epoch": t / epochs,
                "test_accuracy": torch_accuracy(model, X_te, y_te),
                "dtype": "float32",
            }
    base = rows["nn_course"]["s_per_epoch"]
    for r in rows.values():
        r["ratio"] = r["s_per_epoch"] / base
    return {
        "rows": rows,
        "epochs": epochs,
        "n_train": len(X_tr),
        "n_test": len(X_te),
        "cpu_time_1_thread": cpu,
    }


# --------------------------------------------------------------------------- case 2
def teacher_data(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 784))
    teacher = mlp([784, 64, 10], hidden="tanh", seed=seed + 100)
    y = teacher.forward(X).argmax(axis=1)
    return X, y


def flops_per_sample(n_in=784, n_hidden=256, n_out=10) -> int:
    # forward X@W1, A@W2; backward A.T@d2, d2@W2.T, X.T@d1 (no dL/dX for the first layer)
    return 2 * n_in * n_hidden * 2 + 2 * n_hidden * n_out * 3


def gemm_reference(X, batch_size=128, n_batches=120) -> float:
    """numpy's GFLOP/s on exactly the training step's matrix products, nothing else."""
    rng = np.random.default_rng(1)
    W1 = rng.standard_normal((784, 256)) * 0.05
    W2 = rng.standard_normal((256, 10)) * 0.05
    d2 = rng.standard_normal((batch_size, 10))
    d1 = rng.standard_normal((batch_size, 256))
    n_batches = min(n_batches, len(X) // batch_size)
    best = 0.0
    for _ in range(3):
        t0 = time.perf_counter()
        for i in range(n_batches):
            xb = X[i * batch_size : (i + 1) * batch_size]
            a1 = xb @ W1
            a1 @ W2
            a1.T @ d2
            d2 @ W2.T
            xb.T @ d1
        t = time.perf_counter() - t0
        best = max(best, n_batches * batch_size * flops_per_sample() / t / 1e9)
    return best


def blas_threads(n: int | None):
    """Limit numpy's BLAS threads (threadpoolctl, shipped with scikit-learn); None: default."""
    if n is None or importlib.util.find_spec("threadpoolctl") is None:
        return contextlib.nullcontext()
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=n, user_api="blas")


@contextlib.contextmanager
def torch_threads(n: int):
    """PyTorch on ``n`` intra-op threads inside the block (no-op without PyTorch)."""
    if not HAS_TORCH:
        yield
        return
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def case_teacher(n: int) -> dict:
    X, y = teacher_data(n)
    n_tr = int(n * 5 / 6)
    X_tr, y_tr, X_te, y_te = X[:n_tr], y[:n_tr], X[n_tr:], y[n_tr:]
    start_net = mlp([784, 256, 10])
    flops = n_tr * flops_per_sample()
    rows = {}
    gemm = {}
    # Default BLAS threads for every library, then nn_course again on one BLAS thread: on a
    # shared, loaded 2-core machine two-thread BLAS is erratic, one thread is steady.
    for threads in (None, 1):
        tag = "" if threads is None else f" (BLAS {threads} thr)"
        with blas_threads(threads):
            gemm[threads or "default"] = g = gemm_reference(X_tr)
            net = start_net.copy()
            t0 = time.perf_counter()
            fit(net, X_tr, y_tr, learning_rate=0.05, epochs=1, batch_size=128, rng=0)
            t = time.perf_counter() - t0
            rows["nn_course" + tag] = {
                "s_per_epoch": t,
                "test_accuracy": net.accuracy(X_te, y_te),
                "dtype": "float64",
                "gflops": flops / t / 1e9,
                "gemm_gflops": g,
            }
            t0 = time.perf_counter()
            w_np, _ = numpy_loop(start_net.get_weights(), X_tr, np.eye(10)[y_tr], 1, 0.05, 128)
            t = time.perf_counter() - t0
            rows["numpy loop" + tag] = {
                "s_per_epoch": t,
                "test_accuracy": numpy_accuracy(w_np, X_te, y_te),
                "dtype": "float64",
                "gflops": flops / t / 1e9,
                "gemm_gflops": g,
            }
        if threads is not None:
            break
        if HAS_SKLEARN:
            t, model = best_of(
                lambda: sklearn_fit(sklearn_mlp((256,), 1, 0.05, 128), X_tr, y_tr), 1
            )
            rows["scikit-learn"] = {
                "s_per_epoch": t,
                "test_accuracy": float(model.score(X_te, y_te)),
                "dtype": "float64",
                "gflops": flops / t / 1e9,
            }
        if HAS_KERAS:
            model = keras_model(start_net, 0.05)
            X32 = X_tr.astype("float32")
            t0 = time.perf_counter()
            model.fit(X32, y_tr, epochs=1, batch_size=128, verbose=0)
            t = time.perf_counter() - t0
            acc = float(np.mean(model.predict(X_te.astype("float32"), verbose=0).argmax(1) == y_te))
            rows["keras"] = {
                "s_per_epoch": t,
                "test_accuracy": acc,
                "dtype": "float32",
                "gflops": flops / t / 1e9,
            }
            del X32
        if HAS_TORCH:
            import torch

            torch.set_num_threads(os.cpu_count() or 1)
            t, model = best_of(
                lambda: torch_train(torch_model(start_net), X_tr, y_tr, 1, 0.05, 128), 1
            )
            rows["pytorch"] = {
                "s_per_epoch": t,
                "test_accuracy": torch_accuracy(model, X_te, y_te),
                "dtype": "float32",
                "gflops": flops / t / 1e9,
            }
    base = rows["nn_course"]["s_per_epoch"]
    for r in rows.values():
        r["ratio"] = r["s_per_epoch"] / base
    fractions = {k: r["gflops"] / r["gemm_gflops"] for k, r in rows.items() if "gemm_gflops" in r}
    return {
        "rows": rows,
        "n_train": n_tr,
        "gemm_gflops": gemm,
        "fraction_of_gemm": fractions,
    }


# --------------------------------------------------------------------------- case 3
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])


def xor_net():
    return Network([Dense(2, 4, "tanh", rng=0), Dense(4, 1, "sigmoid", rng=1)])


def steps_per_second(run, seconds: float = 1.0, clock=time.perf_counter) -> float:
    """Call ``run(k)`` (which does k steps) with growing k until it takes ``seconds``."""
    k = 100
    while True:
        t0 = clock()
        run(k)
        t = clock() - t0
        if t >= seconds or k >= 10**7:
            return k / t
        k = int(k * max(2.0, 1.2 * seconds / max(t, 1e-6)))


XOR_LR = 1.0


def xor_fit_steps(k: int, callbacks=None) -> None:
    """k full-batch steps of fit (one epoch each: k epochs)."""
    fit(
        xor_net(),
        XOR_X,
        XOR_Y,
        loss="binary_cross_entropy",
        learning_rate=XOR_LR,
        epochs=k,
        batch_size=None,
        shuffle=False,
        callbacks=callbacks,
    )


def xor_fit_watched_steps(k: int) -> None:
    """The same fit with a callback that does nothing: the epochs are then logged one by one
    (the unwatched run above measures its losses block by block, after the steps)."""
    xor_fit_steps(k, callbacks=[lambda epoch, logs: None])


def xor_trainer_steps(k: int) -> None:
    trainer = Trainer(xor_net(), "binary_cross_entropy", "sgd", learning_rate=XOR_LR)
    for _ in range(k):
        trainer.train_step(XOR_X, XOR_Y)


def xor_numpy_steps(k: int) -> None:
    """The bare NumPy loop: forward, backward, SGD update; nothing recorded."""
    (W1, b1), (W2, b2) = xor_net().get_weights()
    X, Y, lr = XOR_X, XOR_Y[:, None].astype(float), XOR_LR
    for _ in range(k):
        a1 = np.tanh(X @ W1 + b1)
        z2 = a1 @ W2 + b2
        p = 1 / (1 + np.exp(-z2))
        d2 = (p - Y) / 4
        d1 = (d2 @ W2.T) * (1 - a1 * a1)
        W2 -= lr * (a1.T @ d2)
        b2 -= lr * d2.sum(0)
        W1 -= lr * (X.T @ d1)
        b1 -= lr * d1.sum(0)


def xor_numpy_steps_recorded(k: int) -> None:
    """The same loop, also keeping what fit records each step: the loss and the accuracy."""
    (W1, b1), (W2, b2) = xor_net().get_weights()
    X, Y, lr = XOR_X, XOR_Y[:, None].astype(float), XOR_LR
    labels = XOR_Y[:, None] == 1
    losses, accuracies = [], []
    for _ in range(k):
        a1 = np.tanh(X @ W1 + b1)
        z2 = a1 @ W2 + b2
        p = 1 / (1 + np.exp(-z2))
        # mean(log(1 + e^z) - y z), as fit computes it (np.mean costs ~5 us on 4 numbers)
        losses.append((float(np.logaddexp(0.0, z2).sum()) - float(np.vdot(Y, z2))) / 4)
        accuracies.append(np.count_nonzero((p > 0.5) == labels) / 4)
        d2 = (p - Y) / 4
        d1 = (d2 @ W2.T) * (1 - a1 * a1)
        W2 -= lr * (a1.T @ d2)
        b2 -= lr * d2.sum(0)
        W1 -= lr * (X.T @ d1)
        b1 -= lr * d1.sum(0)


def xor_sklearn_steps(k: int) -> None:
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        (4,),
        activation="tanh",
        solver="sgd",
        learning_rate_init=XOR_LR,
        momentum=0.0,
        alpha=0.0,
        batch_size=4,
        random_state=0,
    )
    for _ in range(k):
        model.partial_fit(XOR_X, XOR_Y, classes=[0, 1])


def xor_keras_steps():
    """A function doing k Keras train_on_batch steps (the model is built and traced once)."""
    import keras

    model = keras.Sequential(
        [
            keras.Input(shape=(2,)),
            keras.layers.Dense(4, activation="tanh"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer=keras.optimizers.SGD(XOR_LR), loss="binary_crossentropy")
    X32, Y32 = XOR_X.astype("float32"), XOR_Y.astype("float32")
    model.train_on_batch(X32, Y32)  # trace once

    def steps(k):
        for _ in range(k):
            model.train_on_batch(X32, Y32)

    return steps


def xor_torch_steps():
    """A function doing k PyTorch steps on one thread."""
    import torch

    torch.set_num_threads(1)
    model = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1))
    opt = torch.optim.SGD(model.parameters(), lr=XOR_LR)
    Xt = torch.from_numpy(XOR_X.astype("float32"))
    Yt = torch.from_numpy(XOR_Y[:, None].astype("float32"))
    loss_fn = torch.nn.BCEWithLogitsLoss()

    def steps(k):
        for _ in range(k):
            opt.zero_grad()
            loss_fn(model(Xt), Yt).backward()
            opt.step()

    return steps


def case_xor(seconds: float, rounds: int = 5) -> dict:
    # fit, Trainer.train_step and the NumPy loops in interleaved rounds, so all see the
    # same machine load; each keeps its best round, timed in CPU time of this thread (all
    # their work is done here), which moves far less with the load than wall-clock time.
    runs = {
        "nn_course fit": xor_fit_steps,
        "nn_course fit, with a callback": xor_fit_watched_steps,
        "nn_course Trainer.train_step": xor_trainer_steps,
        "numpy loop": xor_numpy_steps,
        "numpy loop + loss, accuracy": xor_numpy_steps_recorded,
    }
    best = dict.fromkeys(runs, 0.0)
    for _ in range(rounds):
        for name, run in runs.items():
            rate = steps_per_second(run, seconds / rounds, time.thread_time)
            best[name] = max(best[name], rate)
    rows = {name: {"steps_per_s": value} for name, value in best.items()}
    others = {}
    if HAS_SKLEARN:
        others["scikit-learn partial_fit"] = xor_sklearn_steps
    if HAS_KERAS:
        others["keras train_on_batch"] = xor_keras_steps()
    if HAS_TORCH:
        others["pytorch (1 thr)"] = xor_torch_steps()
    for name, run in others.items():
        rows[name] = {"steps_per_s": steps_per_second(run, seconds / 2)}
    base = rows["nn_course fit"]["steps_per_s"]
    for r in rows.values():
        r["ratio"] = base / r["steps_per_s"]  # > 1: nn_course fit does more steps per second
    return {"rows": rows}


# --------------------------------------------------------------------------- report
def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))


def report_digits(c1: dict) -> dict[str, bool]:
    """Print case 1's tables; return its targets (name -> met)."""
    r1, cpu = c1["rows"], c1["cpu_time_1_thread"]
    print_table(
        f"Case 1: digits 64-128-10 ReLU, SGD lr 0.1, batch 32, {c1['epochs']} epochs "
        f"(ratio = its time / nn_course's)",
        ["library", "dtype", "ms/epoch", "test acc", "ratio"],
        [
            [
                k,
                v["dtype"],
                f"{v['s_per_epoch'] * 1e3:.2f}",
                f"{v['test_accuracy']:.4f}",
                f"{v['ratio']:.2f}",
            ]
            for k, v in r1.items()
        ],
    )
    print_table(
        "Case 1 in CPU time, one thread each (BLAS, PyTorch): ratios that hardly move with load",
        ["library", "us/step", "ratio"],
        [[k, f"{v['us_per_step']:.1f}", f"{v['ratio']:.2f}"] for k, v in cpu.items()],
    )
    print(f"  nn_course / numpy loop time: {1 / r1['numpy loop']['ratio']:.2f}x")
    targets = {
        "case 1: within 1.1x of the NumPy loop": r1["numpy loop"]["ratio"] >= 1 / 1.1,
        "case 1: within 1.1x of the NumPy loop (CPU time, 1 thread)": (
            cpu["numpy loop"]["ratio"] >= 1 / 1.1
        ),
        "case 1: test accuracy >= 0.97": r1["nn_course"]["test_accuracy"] >= 0.97,
    }
    if "scikit-learn" in r1:
        targets["case 1: >= 2.5x faster than scikit-learn"] = r1["scikit-learn"]["ratio"] >= 2.5
        targets["case 1: >= 2.5x faster than scikit-learn (CPU time, 1 thread)"] = (
            cpu["scikit-learn"]["ratio"] >= 2.5
        )
    if "pytorch" in cpu:
        targets["case 1: >= 2.5x faster than PyTorch (CPU time, 1 thread)"] = (
            cpu["pytorch"]["ratio"] >= 2.5
        )
    torch_rows = [k for k in r1 if k.startswith("pytorch")]
    if torch_rows:
        targets["case 1: >= 2.5x faster than PyTorch (best thread count)"] = (
            min(r1[k]["ratio"] for k in torch_rows) >= 2.5
        )
    return targets


def report_teacher(c2: dict) -> dict[str, bool]:
    """Print case 2's table; return its targets."""
    print_table(
        f"Case 2: {c2['n_train']:,} x 784 teacher data, 784-256-10, batch 128, 1 epoch "
        "(GEMM = numpy alone on the same matrix products, same BLAS threads)",
        [
            "library",
            "dtype",
            "s/epoch",
            "GFLOP/s",
            "GEMM GFLOP/s",
            "% of GEMM",
            "test acc",
            "ratio",
        ],
        [
            [
                k,
                v["dtype"],
                f"{v['s_per_epoch']:.3f}",
                f"{v['gflops']:.1f}",
                f"{v['gemm_gflops']:.1f}" if "gemm_gflops" in v else "",
                f"{100 * v['gflops'] / v['gemm_gflops']:.0f}%" if "gemm_gflops" in v else "",
                f"{v['test_accuracy']:.4f}",
                f"{v['ratio']:.2f}",
            ]
            for k, v in c2["rows"].items()
        ],
    )
    fractions = c2["fraction_of_gemm"]
    return {
        "case 2: >= 70% of numpy GEMM GFLOP/s (default BLAS threads)": fractions["nn_course"]
        >= 0.7,
        "case 2: >= 70% of numpy GEMM GFLOP/s (1 BLAS thread)": (
            fractions.get("nn_course (BLAS 1 thr)", 0.0) >= 0.70
        ),
    }


def report_xor(c3: dict) -> dict[str, bool]:
    """Print case 3's table; return its targets."""
    r3 = c3["rows"]
    print_table(
        "Case 3: XOR 2-4-1 full batch (ratio = nn_course fit's steps/s / its steps/s)",
        ["library", "steps/s", "ratio"],
        [[k, f"{v['steps_per_s']:,.0f}", f"{v['ratio']:.2f}"] for k, v in r3.items()],
    )
    return {
        "case 3: >= 5,000 steps/s (fit)": r3["nn_course fit"]["steps_per_s"] >= 5000,
        "case 3: fit at >= 0.8x the NumPy loop's steps/s": r3["numpy loop"]["ratio"] >= 0.8,
        "case 3: >= 5,000 steps/s (Trainer.train_step)": (
            r3["nn_course Trainer.train_step"]["steps_per_s"] >= 5000
        ),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, 12,000-sample case 2")
    parser.add_argument("--cases", default="1,2,3", help="which cases to run, e.g. 1,3")
    args = parser.parse_args(argv)
    cases = set(args.cases.split(","))
    repeats = 2 if args.quick else 5
    n_teacher = 14_400 if args.quick else 72_000  # 5/6 for training: 60,000 in the full run
    runs = {
        "1": ("case1_digits", lambda: case_digits(repeats), report_digits),
        "2": ("case2_teacher", lambda: case_teacher(n_teacher), report_teacher),
        "3": ("case3_xor", lambda: case_xor(0.3 if args.quick else 1.0), report_xor),
    }
    load_before = os.getloadavg()
    t_start = time.perf_counter()
    results = {key: run() for case, (key, run, _) in runs.items() if case in cases}
    load_after = os.getloadavg()
    print(
        f"nn_course training benchmark  (commit {git_commit()}, numpy {np.__version__}, "
        f"{os.cpu_count()} CPUs, load average {load_before[0]:.2f} at start, "
        f"{load_after[0]:.2f} at end)"
    )
    targets = {}
    for key, _, report in runs.values():
        if key in results:
            targets.update(report(results[key]))
    print("\nTargets")
    for name, ok in targets.items():
        print(f"  [{'met' if ok else 'MISSED'}] {name}")
    if not HAS_TORCH:
        print("  (PyTorch is not installed: its rows and target are skipped)")
    print(f"\ntotal {time.perf_counter() - t_start:.0f} s")
    machine = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "loadavg_start": load_before,
        "loadavg_end": load_after,
    }
    record = {
        "commit": git_commit(),
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "quick": args.quick,
        "machine": machine,
        **results,
        "targets": targets,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(record, indent=2))
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
