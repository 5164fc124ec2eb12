"""The notebooks as stored in git: saved after one clean top-to-bottom run, without errors.

nbval (``pytest --nbval``) checks that a fresh run reproduces the stored outputs; these tests
check the stored file itself, so a notebook saved mid-experiment is caught even where nbval
would happily re-run it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import NOTEBOOKS, notebook_paths

NOTEBOOK_PATHS = notebook_paths()


def _code_cells(path: Path) -> list[dict]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def _source(cell: dict) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def test_the_start_notebook_exists():
    """There is always at least one notebook to check (the course starts here)."""
    assert (NOTEBOOKS / "00_start_here.ipynb").is_file()


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.name)
def test_no_stored_errors_or_stderr(path: Path):
    """No stored output is an error or text on stderr (warnings count: fix or silence them)."""
    problems = []
    for index, cell in enumerate(_code_cells(path), start=1):
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                problems.append(f"code cell {index}: {output['ename']}: {output['evalue']}")
            elif output["output_type"] == "stream" and output.get("name") == "stderr":
                text = (output["text"] if isinstance(output["text"], str)
                        else "".join(output["text"]))
                first = text.strip().splitlines()[0] if text.strip() else "(blank)"
                problems.append(f"code cell {index}: stderr: {first}")
    assert not problems, f"{path.name} has stored errors:\n" + "\n".join(problems)


# Execution counts (1..n over the cells that ran) and the un-run hint/solution/reveal cells are
# checked in test_exercises_rules.py, which knows which cells are saved un-run on purpose.
