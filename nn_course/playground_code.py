"""The nn_course code a playground configuration stands for (the playground's "Show code").

:func:`playground_code` writes the lines that rebuild a playground's data, features and
network (a :class:`~nn_course.playground_model.PlaygroundModel`) with the package's own
functions and train it for a number of epochs: run on their own, they give the same losses as
the playground.

See notebook 12_playground.
"""

from __future__ import annotations

from .playground_settings import CUSTOM, DATASETS, N_POINTS, SCALE, _class_kwargs, _noise_std

__all__ = ["playground_code"]


def playground_code(model, epochs: int | None = None) -> str:
    """The lines that rebuild ``model`` (a :class:`~nn_course.playground_model.PlaygroundModel`)
    and train it ``epochs`` times (default: its current epoch count, at least 1).

    >>> from nn_course.playground_model import PlaygroundModel
    >>> print(playground_code(PlaygroundModel()).splitlines()[5])
    data_rng = np.random.default_rng(0)
    """
    s = model.state
    epochs = max(model.epoch, 1) if epochs is None else int(epochs)
    output = model.output_activation
    l1, l2 = model.penalties
    penalty = (f", l1={l1:g}" if l1 else "") + (f", l2={l2:g}" if l2 else "")
    sizes = [len(s["features"]), *s["hidden"], model.n_outputs]
    return "\n".join(
        [
            "import numpy as np",
            "from nn_course import Network, datasets",
            "from nn_course.training import Trainer",
            "from nn_course.features import features",
            "",
            f"data_rng = np.random.default_rng({s['data_seed']})",
            *_data_code(s),
            "X_train, X_test, y_train, y_test = datasets.train_test_split(",
            f"    X, y, test_fraction={round(1 - s['train_ratio'] / 100, 2)}, rng=data_rng)",
            f"names = {s['features']!r}",
            "F_train, F_test = features(X_train, names), features(X_test, names)",
            "",
            *_network_code(model, sizes, output),
            f"trainer = Trainer(net, {model.loss_name!r}, {s['optimizer']!r}, "
            f"learning_rate={s['learning_rate']:g}{penalty}, rng={s['seed']})",
            f"for epoch in range({epochs}):",
            "    trainer.train_epoch(F_train, y_train, "
            f"batch_size={min(s['batch_size'], len(model.F_train))})",
            f"print('train loss', round(net.loss(F_train, y_train, {model.loss_name!r}), 4))",
            f"print('test loss', round(net.loss(F_test, y_test, {model.loss_name!r}), 4))",
        ]
    )

def _network_code(model, sizes: list[int], output: str) -> list[str]:
    s = model.state
    acts = model.layer_activations()
    rates = [*model.layer_dropouts(), 0.0]
    if len(set(acts)) <= 1 and not any(rates):
        return [
            f"net = Network.from_sizes({sizes}, activation={s['activation']!r},",
            f"                         output_activation={output!r}, "
            f"init={s['init']!r}, rng={s['seed']})",
        ]
    lines = ["from nn_course.layers import Dense, Dropout"]
    lines += [f"rng = np.random.default_rng({s['seed']})", "net = Network(["]
    for i, a in enumerate([*acts, output]):
        lines.append(f"    Dense({sizes[i]}, {sizes[i + 1]}, {a!r}, {s['init']!r}, rng),")
        if rates[i]:
            lines.append(f"    Dropout({rates[i]:g}),  # in training only")
    return lines + ["])"]

def _data_code(s: dict) -> list[str]:
    if s["dataset"] == CUSTOM:
        return [
            f"rows = np.array(lab.get_state()['data'])  # your {len(s['data'])} points: "
            "x1, x2, label",
            "X, y = rows[:, :2], rows[:, 2]"
            + (".astype(int)" if s["problem"] != "regression" else ""),
        ]
    gen = DATASETS[s["dataset"]][1].__name__
    extra = "".join(
        f", {k}={v}" for k, v in _class_kwargs(s["dataset"], s["n_classes"]).items()
    )
    return [
        f"X, y = datasets.{gen}({N_POINTS}, "
        f"noise={_noise_std(s['dataset'], s['noise'])}{extra}, rng=data_rng)",
        f"X = {SCALE:g} * X  # the playground's plane: [-6, 6] x [-6, 6]",
    ]
