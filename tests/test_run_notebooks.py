"""tests/run_notebooks.py: runs a notebook in place, leaving the answer-revealing cells un-run."""

from __future__ import annotations

import nbformat
from run_notebooks import reveals_answer, run_notebook


def test_reveals_answer_ignores_comments_and_strings():
    assert reveals_answer("ex.q1.hint(2)")
    assert reveals_answer("x = 1\nex.q3.solution()")
    assert reveals_answer("ex.p1.reveal()")
    assert not reveals_answer("# ex.q1.hint()\n# ex.q1.solution()")
    assert not reveals_answer("ex.q1.check(answer)  # stuck? ex.q1.hint()")
    assert not reveals_answer("x = 2")


def test_run_in_place_numbers_the_run_cells_and_clears_the_others(tmp_path):
    path = tmp_path / "nb.ipynb"
    cells = [nbformat.v4.new_code_cell("import os\nx = 1\nx"),
             nbformat.v4.new_code_cell("class Ex:\n    def hint(self): print('the answer')\n"
                                       "Ex().hint()"),
             nbformat.v4.new_markdown_cell("text"),
             nbformat.v4.new_code_cell("# Ex().hint()\nprint(os.getcwd() == r'%s')" % tmp_path)]
    cells[1].outputs = [nbformat.v4.new_output("stream", text="a stale hint\n")]
    cells[1].execution_count = 7
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {
        "name": "python3", "language": "python", "display_name": "Python 3"}}), path)

    assert run_notebook(path, timeout=120) == 2
    saved = nbformat.read(path, as_version=4).cells
    assert [c.get("execution_count") for c in saved if c.cell_type == "code"] == [1, None, 2]
    assert saved[0].outputs[0]["data"]["text/plain"] == "1"
    assert saved[1].outputs == []
    assert saved[3].outputs[0]["text"] == "True\n", "it runs in the notebook's folder"
