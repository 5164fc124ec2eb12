"""The glossary defines every term the notebooks introduce in bold.

The rule: in a notebook's markdown, **bold** marks a term being introduced (emphasis is
*italic*). A bold span is *not* a term when it is a label: it ends in ``:``, ``.``, ``?`` or
``!`` ("**Try it:**", "**Exercise 1.**"), is longer than five words (a lead sentence), holds
maths, code or a link, is a lone variable name ("**w1**"), or is one of :data:`LABELS`.
Every other bold span needs an entry in ``notebooks/glossary.md`` (a bold name at the start
of a list item; a plural or a hyphen/space difference still matches).

A notebook is held to the rule once it links to the glossary (every notebook should); until
then its check is an expected failure that says what is missing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import NOTEBOOKS, notebook_paths

GLOSSARY = NOTEBOOKS / "glossary.md"

#: Bold labels that are not terms (compared without case and trailing punctuation).
LABELS = {"predict", "try it", "what to notice", "answer", "quiz", "next", "builds on",
          "you will learn to", "in this notebook you will", "exercise", "exercises", "summary",
          "ok", "note"}

BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)


def _markdown(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in cells if c["cell_type"] == "markdown"]


def is_term(span: str) -> bool:
    """Whether a bold span introduces a term (see the module docstring).

    >>> [is_term(s) for s in ("weighted sum", "Try it:", "Exercise 2.", "w1", "$z$", "Answer")]
    [True, False, False, False, False, False]
    """
    text = " ".join(span.split())
    if not text or text[-1] in ":.?!" or len(text.split()) > 5:
        return False
    if any(mark in text for mark in ("$", "`", "[", "](")):
        return False
    if re.fullmatch(r"[A-Za-z][0-9₀-₉]*", text):
        return False
    return text.lower() not in LABELS


def normalise(term: str) -> set[str]:
    """The forms a term may match: lower case, hyphens as spaces, with and without a plural s.

    >>> sorted(normalise("Hidden layers"))
    ['hidden layer', 'hidden layers']
    """
    text = " ".join(term.lower().replace("-", " ").replace("_", " ").split())
    forms = {text}
    for suffix in ("es", "s"):
        if text.endswith(suffix) and len(text) > len(suffix) + 2:
            forms.add(text[: -len(suffix)])
    return forms


def notebook_terms(path: Path) -> list[str]:
    """The terms a notebook introduces in bold, in order, without repeats."""
    found = []
    for source in _markdown(path):
        found += [" ".join(span.split()) for span in BOLD.findall(source) if is_term(span)]
    return list(dict.fromkeys(found))


def glossary_sections() -> dict[str, list[str]]:
    """``{"03": [terms...]}``: the bold names at the start of each section's list items."""
    sections, current = {}, None
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"## (\d\d) \S", line)
        if heading:
            current = sections.setdefault(heading.group(1), [])
        elif current is not None and line.startswith("- **"):
            head = line.split(":", 1)[0]
            current += BOLD.findall(head)
    return sections


def glossary_forms() -> set[str]:
    return {form for terms in glossary_sections().values() for term in terms
            for form in normalise(term)}


def links_glossary(path: Path) -> bool:
    return any("glossary.md" in source for source in _markdown(path))


def test_glossary_has_a_section_per_notebook_in_order():
    numbers = [path.name[:2] for path in notebook_paths()]
    assert list(glossary_sections()) == numbers


def test_every_section_defines_terms():
    for number, terms in glossary_sections().items():
        assert terms, f"glossary section {number} has no entries"


def test_each_term_is_defined_once():
    seen: dict[str, str] = {}
    twice = []
    for number, terms in glossary_sections().items():
        for term in terms:
            key = min(normalise(term), key=len)
            if key in seen:
                twice.append(f"{term!r} in {seen[key]} and {number}")
            seen.setdefault(key, number)
    assert not twice, "terms defined twice: " + "; ".join(twice)


def test_entries_have_a_definition():
    lines = [line for line in GLOSSARY.read_text(encoding="utf-8").splitlines()
             if line.startswith("- **")]
    short = [line for line in lines if len(line.split(":", 1)[-1].split()) < 3]
    assert lines and not short, f"entries without a definition: {short}"


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_every_bold_term_has_an_entry(path: Path, request):
    missing = [term for term in notebook_terms(path) if not normalise(term) & glossary_forms()]
    if not links_glossary(path):
        request.applymarker(pytest.mark.xfail(
            reason=f"{path.name} does not link to glossary.md yet; terms without an entry: "
                   f"{missing}", strict=False))
        raise AssertionError("not linked to the glossary yet")
    assert not missing, (f"{path.name} introduces terms with no entry in notebooks/glossary.md "
                         f"(add them to its section, or use italics for emphasis): {missing}")


def first_bold_notebook() -> dict[str, str]:
    """``{form: "05"}``: the first notebook that prints each term form in bold."""
    first: dict[str, str] = {}
    for path in sorted(notebook_paths()):
        for term in notebook_terms(path):
            for form in normalise(term):
                first.setdefault(form, path.name[:2])
    return first


@pytest.mark.parametrize("early", [f"{n:02d}" for n in range(13)])
def test_entries_sit_under_the_notebook_that_introduces_them(early):
    """A term first printed in bold in notebook ``early`` has its entry in that section."""
    first = first_bold_notebook()
    misplaced = []
    for number, terms in glossary_sections().items():
        for term in terms:
            seen = [first[form] for form in normalise(term) if form in first]
            if seen and min(seen) == early and number != early:
                misplaced.append(f"{term!r} (in section {number})")
    assert not misplaced, (f"notebook {early} introduces these terms, but the glossary lists "
                           f"them under another notebook: {misplaced}")
