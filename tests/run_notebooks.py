"""Execute notebooks in place, leaving the cells that reveal answers un-run.

    python tests/run_notebooks.py notebooks/06_feedforward.ipynb [more.ipynb ...]

Every code cell runs top to bottom in one fresh ``python3`` kernel (the one of this Python's
environment), in the notebook's own folder, except the cells whose code (comments aside)
calls ``.hint(``, ``.solution(`` or ``.reveal(``: those are saved with no outputs and no
execution count, so the notebook never shows an answer under its exercise, and the cells
that ran are numbered 1..n. The kernel records progress into a temporary file, never into
the learner's progress file beside the notebooks.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import tempfile
import tokenize
from pathlib import Path

#: A call that shows an answer; cells containing one are saved un-run.
REVEALING_CALL = re.compile(r"\.(hint|solution|reveal)\(")


def live_source(source: str) -> str:
    """The code of a cell without its comments.

    >>> live_source("x = '#1'  # ex.q1.hint()")
    "x = '#1'  "
    """
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        # not plain Python (a cell magic, say): drop everything after a '#' on each line
        return "\n".join(line.split("#", 1)[0] for line in source.splitlines())
    lines = source.splitlines(keepends=True)
    for token in reversed(tokens):
        if token.type == tokenize.COMMENT:
            row, col = token.start
            line = lines[row - 1]
            lines[row - 1] = line[:col] + line[token.end[1]:]
    return "".join(lines)


def reveals_answer(source: str) -> bool:
    """Whether a code cell calls ``.hint(``, ``.solution(`` or ``.reveal(`` (comments aside).

    >>> reveals_answer("ex.q1.hint()"), reveals_answer("# ex.q1.hint()\\nx = 1")
    (True, False)
    >>> reveals_answer("ex.p1.reveal()  # what happens"), reveals_answer("ex.q1.check(f)")
    (True, False)
    """
    return bool(REVEALING_CALL.search(live_source(source)))


def _source(cell) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def run_notebook(path: Path, timeout: int = 1800, kernel: str = "python3") -> int:
    """Execute ``path`` in place; return how many cells ran."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    held_back = {}
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and reveals_answer(_source(cell)):
            held_back[index] = cell
    runnable = [cell for i, cell in enumerate(notebook.cells) if i not in held_back]
    work = nbformat.v4.new_notebook(metadata=notebook.metadata, cells=runnable)
    client = NotebookClient(work, timeout=timeout, kernel_name=kernel,
                            resources={"metadata": {"path": str(path.parent.resolve())}})
    client.execute()
    ran = iter(work.cells)
    cells = []
    for index in range(len(notebook.cells)):
        if index in held_back:
            cell = held_back[index]
            cell.outputs = []
            cell.execution_count = None
        else:
            cell = next(ran)
        cells.append(cell)
    notebook.cells = cells
    notebook.metadata = work.metadata
    nbformat.write(notebook, path)
    return sum(1 for c in cells if c.cell_type == "code" and c.execution_count is not None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    with tempfile.TemporaryDirectory() as tmp:
        # the kernel inherits this: its checks never touch the learner's progress file
        os.environ["NN_COURSE_PROGRESS"] = str(Path(tmp) / "progress.json")
        for path in args.notebooks:
            print(f"=== {path}", flush=True)
            ran = run_notebook(path, timeout=args.timeout)
            print(f"    {ran} code cells run", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
