"""The outcome of a hyperparameter search: one row per configuration, ranked.

:class:`SearchResult` is what :func:`nn_course.tuning.grid_search` and
:func:`nn_course.tuning.random_search` return (it can be imported from there too).

See notebook 11_hyperparameter_tuning.
"""

from __future__ import annotations

import importlib.util
import math

__all__ = ["SearchResult"]


class SearchResult:
    """The outcome of a search.

    Attributes
    ----------
    results : list of dict
        One row per configuration, in the order tried: the hyperparameters, then
        ``score`` (the mean validation score), ``score_std`` (the spread over the folds of
        a cross-validation; 0 for a single split, where each setting is scored once),
        ``val_loss``, ``val_accuracy`` (classifiers), ``train_loss``, ``epochs_run``,
        ``diverged`` and ``rank`` (1 = best).
    best_params : dict
        The hyperparameters of the best configuration that did not diverge.
    best_score : float
    best_index : int
        Its row in ``results``.
    scoring : str
        ``"val_accuracy"`` (higher is better) or ``"val_loss"`` (lower is better).
    param_names : list of str
    n_folds : int or None
        The number of folds of a cross-validation, None for a single split. :meth:`table`
        shows the ``score_std`` column only with folds (with one split it is always 0).

    Examples
    --------
    >>> rows = [{"lr": 0.1, "score": 0.9, "val_loss": 0.3, "diverged": False},
    ...         {"lr": 10.0, "score": float("nan"), "val_loss": float("nan"), "diverged": True},
    ...         {"lr": 1.0, "score": 0.95, "val_loss": 0.2, "diverged": False}]
    >>> result = SearchResult(rows, ["lr"], "val_accuracy")
    >>> result.best_params, [r["rank"] for r in result.results]
    ({'lr': 1.0}, [2, 3, 1])

    See notebook 11_hyperparameter_tuning.
    """

    def __init__(self, results: list[dict], param_names: list[str], scoring: str,
                 n_folds: int | None = None) -> None:
        self.results = results
        self.n_folds = n_folds
        self.param_names = param_names
        self.scoring = scoring
        higher = scoring.endswith("accuracy")
        order = sorted(
            range(len(results)),
            key=lambda i: (
                results[i]["diverged"] or not math.isfinite(results[i]["score"]),
                -results[i]["score"] if higher else results[i]["score"],
                results[i]["val_loss"],  # ties in accuracy: the more confident model first
                i,
            ),
        )
        for rank, i in enumerate(order, start=1):
            results[i]["rank"] = rank
        self.best_index = order[0]
        best = results[self.best_index]
        self.best_params = {k: best[k] for k in param_names}
        self.best_score = best["score"]

    def to_dataframe(self):
        """The results as a pandas DataFrame (only if pandas is installed)."""
        if importlib.util.find_spec("pandas") is None:
            raise ImportError(
                "to_dataframe needs pandas, which is not installed; SearchResult.results is "
                "the same table as a list of dicts, and str(result) prints it."
            )
        import pandas as pd

        return pd.DataFrame(self.results)

    def table(self, top: int | None = None) -> str:
        """A plain-text table of the results sorted by rank (best first).

        The ``score_std`` column (spread over folds) appears only for a cross-validation.
        """
        rows = sorted(self.results, key=lambda r: r["rank"])[:top]
        spread = ["score_std"] if self.n_folds else []
        cols = ["rank", *self.param_names, "score", *spread, "diverged"]

        def fmt(v):
            if isinstance(v, float):
                return "nan" if math.isnan(v) else f"{v:.4g}"
            return str(v)

        cells = [cols] + [[fmt(r[c]) for c in cols] for r in rows]
        widths = [max(len(row[j]) for row in cells) for j in range(len(cols))]
        lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
        return "\n".join(lines)

    def __str__(self) -> str:
        return f"{self.table()}\nbest ({self.scoring} = {self.best_score:.4g}): {self.best_params}"

    def __repr__(self) -> str:
        return (
            f"SearchResult({len(self.results)} configurations, best {self.scoring}="
            f"{self.best_score:.4g} with {self.best_params})"
        )

