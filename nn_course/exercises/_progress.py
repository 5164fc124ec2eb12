"""The learner's progress: every check, prediction and quiz answer, per notebook and question.

Progress lives in a small JSON file, never in the notebooks: by default
``nn_course_progress.json`` in the kernel's working folder (the notebooks' folder; git
ignores it), or wherever the environment variable ``NN_COURSE_PROGRESS`` points (the tests
point it to a temporary file). The file looks like::

    {"version": 1,
     "notebooks": {"06": {"q1": {"status": "correct", "tries": 3, "hints": 1},
                          "p1": {"status": "answered", "tries": 1, "answer": "b"},
                          "quiz": {"status": "tried", "tries": 2,
                                   "answers": {"1": {"answer": "b", "correct": true}}}}}}

It is written atomically (a temporary file in the same folder, then ``os.replace``), so a
crash never leaves half a file. A corrupt, unreadable or unwritable file gives one clear
warning (:class:`ProgressWarning`) and the course keeps working: what this session records
stays in memory, and a corrupt file is kept aside as ``<name>.corrupt`` rather than
overwritten.

``progress()`` prints done / tried / not started for every notebook with exercises;
``nn_course.exercises.progress_widget()`` shows the same table (notebook 00). Help shown
through a question's help buttons counts in a separate field, ``"hints"``, which never marks the
question done.

>>> import os, tempfile
>>> saved = os.environ.get("NN_COURSE_PROGRESS")
>>> os.environ["NN_COURSE_PROGRESS"] = os.path.join(tempfile.mkdtemp(), "p.json")
>>> record("doc", "q1", correct=False)
>>> record("doc", "q1", correct=True)
>>> load()["doc"]["q1"]
{'tries': 2, 'status': 'correct'}
>>> os.environ["NN_COURSE_PROGRESS"] = saved or ""   # "" means: the default file
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
import warnings
from pathlib import Path

__all__ = ["ProgressWarning", "progress_path", "load", "record", "record_help", "summary",
           "progress", "FILENAME", "ENV_VAR"]

FILENAME = "nn_course_progress.json"
ENV_VAR = "NN_COURSE_PROGRESS"
VERSION = 1

# what this process recorded, so nothing is lost when the file cannot be read or written
_memory: dict[str, dict[str, dict]] = {}
_warned: set[str] = set()  # paths already warned about: one warning per file and session


class ProgressWarning(UserWarning):
    """The progress file could not be read or written; the course goes on without it."""


def _override() -> str:
    """The path ``$NN_COURSE_PROGRESS`` gives, or "" when it is not set."""
    return os.environ.get(ENV_VAR, "").strip()


def progress_path() -> Path:
    """Where progress is saved: ``$NN_COURSE_PROGRESS``, else ``nn_course_progress.json`` here."""
    override = _override()
    return Path(override).expanduser() if override else Path.cwd() / FILENAME


def saved_where() -> str:
    """Where progress is saved, as the progress table says it: the file beside the notebooks,
    or the variable that moved it (whose value, often a temporary file, stays out of saved
    notebooks)."""
    return f"the file ${ENV_VAR} names" if _override() else str(progress_path())


def _warn_once(path: Path, message: str) -> None:
    if str(path) in _warned:
        return
    _warned.add(str(path))
    warnings.warn(f"{message} Your answers still count in this session; the course keeps working.",
                  ProgressWarning, stacklevel=4)


def _read(path: Path) -> dict:
    """The notebooks part of the file, ``{}`` when it is missing or cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return {}  # nothing saved yet (writing will say if the place is unusable)
    except (OSError, UnicodeDecodeError) as error:
        _warn_once(path, f"Cannot read the progress file {path} ({error}).")
        return {}
    try:
        data = json.loads(text)
        notebooks = data["notebooks"]
        if not isinstance(notebooks, dict) or not all(
                isinstance(items, dict) and all(isinstance(e, dict) for e in items.values())
                for items in notebooks.values()):
            raise ValueError("unexpected layout")
    except (ValueError, KeyError, TypeError):
        _set_aside(path)
        return {}
    return notebooks


def _set_aside(path: Path) -> None:
    """Keep a corrupt file as ``<name>.corrupt`` (so nothing is lost) and warn once."""
    aside = path.with_name(path.name + ".corrupt")
    try:
        os.replace(path, aside)
        where = f"it was kept as {aside} and a fresh file is started"
    except OSError:
        where = "it is left as it is"
    _warn_once(path, f"The progress file {path} is not valid progress JSON: {where}.")


def _write(path: Path, notebooks: dict) -> None:
    """Write atomically: a temporary file beside ``path``, then ``os.replace``."""
    text = json.dumps({"version": VERSION, "notebooks": notebooks}, indent=1, sort_keys=True)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as error:
        _warn_once(path, f"Cannot save progress to {path} ({error}).")


def _weight(entry: dict) -> tuple[int, int]:
    return int(entry.get("tries", 0)), int(entry.get("hints", 0))


def _merged(on_disk: dict) -> dict:
    """The file's contents with this session's records laid over them (more tries, then more
    hints, wins)."""
    merged = copy.deepcopy(on_disk)
    for notebook, items in _memory.items():
        target = merged.setdefault(notebook, {})
        for item, entry in items.items():
            if _weight(entry) >= _weight(target.get(item, {})):
                target[item] = copy.deepcopy(entry)
    return merged


def load() -> dict:
    """Everything recorded: ``{notebook: {item: entry}}`` (file plus this session)."""
    return _merged(_read(progress_path()))


def record(notebook: str, item: str, correct: bool | None = None, **fields) -> None:
    """Record one attempt at ``item`` of ``notebook`` and save the file.

    ``correct`` True/False updates the status (``"correct"`` stays once reached, else
    ``"tried"``); ``None`` (a prediction) marks it ``"answered"``. Other ``fields`` (say the
    chosen option) are stored as given; a dict field is merged into the stored one.
    """
    path = progress_path()
    notebooks = _merged(_read(path))
    entry = dict(notebooks.get(notebook, {}).get(item, {}))
    entry["tries"] = int(entry.get("tries", 0)) + 1
    if correct is None:
        status = "answered"
    elif correct or entry.get("status") == "correct":
        status = "correct"
    else:
        status = "tried"
    entry["status"] = status
    for key, value in fields.items():
        if isinstance(value, dict) and isinstance(entry.get(key), dict):
            entry[key] = {**entry[key], **value}
        else:
            entry[key] = value
    notebooks.setdefault(notebook, {})[item] = entry
    _memory.setdefault(notebook, {})[item] = copy.deepcopy(entry)
    _write(path, notebooks)


def _course_items() -> dict[str, tuple[str, list[str]]]:
    """``{notebook: (title, [item names])}`` from every ``nn_course.exercises.nbXX`` module."""
    import importlib
    import pkgutil

    from . import _registry

    found = {}
    here = [str(Path(__file__).resolve().parent)]
    for info in sorted(pkgutil.iter_modules(here), key=lambda m: m.name):
        if not (info.name.startswith("nb") and info.name[2:].isdigit()):
            continue
        module = importlib.import_module(f"{__package__}.{info.name}")
        names = [name for name, value in vars(module).items()
                 if _registry.is_item(value) and not name.startswith("_")]
        match = re.search(rf"\b({info.name[2:]}_\w+)", module.__doc__ or "")
        title = match.group(1) if match else info.name[2:]
        found[info.name[2:]] = (title, names)
    return found


def _is_done(entry: dict) -> bool:
    return entry.get("status") in ("correct", "answered")


def summary() -> list[dict]:
    """One row per notebook: ``notebook``, ``title``, ``state`` (done/tried/not started),
    ``done`` and ``total`` items."""
    recorded = load()
    rows = []
    for notebook, (title, names) in _course_items().items():
        entries = recorded.get(notebook, {})
        done = sum(_is_done(entries.get(name, {})) for name in names)
        touched = any(name in entries for name in names)
        state = ("done" if names and done == len(names)
                 else "tried" if touched else "not started")
        rows.append(dict(notebook=notebook, title=title, state=state, done=done, total=len(names)))
    return rows


_MARK = {"done": "✔", "tried": "◐", "not started": "○"}


def progress() -> None:
    """Print done / tried / not started for every notebook with exercises."""
    print(f"Your progress (saved in {progress_path()}):")
    for row in summary():
        print(f"  {_MARK[row['state']]} {row['title']:<28} {row['state']:<12} "
              f"{row['done']} of {row['total']} done")


def record_help(notebook: str, item: str, solution: bool = False) -> None:
    """Record that help was shown for ``item``: one more in its ``"hints"`` count.

    The question's status and tries stay as they are (help never marks a question done);
    ``solution=True`` also sets ``"solution_seen"``.
    """
    path = progress_path()
    notebooks = _merged(_read(path))
    entry = dict(notebooks.get(notebook, {}).get(item, {}))
    entry["hints"] = int(entry.get("hints", 0)) + 1
    if solution:
        entry["solution_seen"] = True
    notebooks.setdefault(notebook, {})[item] = entry
    _memory.setdefault(notebook, {})[item] = copy.deepcopy(entry)
    _write(path, notebooks)
