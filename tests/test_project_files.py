"""Project files agree with each other: dependencies, lint, and the README's commands."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

# conda package name -> PyPI name, where they differ
CONDA_TO_PYPI = {"tensorflow": "tensorflow-cpu"}
# in environment.yml, but not dependencies of the package
CONDA_ONLY = {"python", "pip"}


def _requirement(text: str) -> tuple[str, str]:
    """'scikit-learn>=1.2' -> ('scikit-learn', '>=1.2'), names normalised as on PyPI."""
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(\[[^\]]*\])?\s*(.*?)\s*", text)
    assert match, f"cannot parse requirement {text!r}"
    name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
    return CONDA_TO_PYPI.get(name, name), match.group(3).replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += extra
    return dict(_requirement(r) for r in requirements)


def environment_requirements() -> dict[str, str]:
    yaml = pytest.importorskip("yaml")
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    requirements = []
    for item in environment["dependencies"]:
        if isinstance(item, dict):
            requirements += [r for r in item.get("pip", []) if not r.startswith("-e")]
        else:
            requirements.append(item)
    found = dict(_requirement(r.replace("=", "==", 1) if re.search(r"[^<>!=]=\d", r) else r)
                 for r in requirements)
    return {name: spec for name, spec in found.items() if name not in CONDA_ONLY}


def test_environment_yml_matches_pyproject():
    """environment.yml installs exactly the packages pyproject.toml declares, same bounds."""
    pyproject, environment = pyproject_requirements(), environment_requirements()
    only_pyproject = sorted(set(pyproject) - set(environment))
    only_environment = sorted(set(environment) - set(pyproject))
    assert not only_pyproject, f"in pyproject.toml but not environment.yml: {only_pyproject}"
    assert not only_environment, f"in environment.yml but not pyproject.toml: {only_environment}"
    different = {
        n: (pyproject[n], environment[n]) for n in pyproject if pyproject[n] != environment[n]
    }
    assert not different, f"version bounds differ (pyproject, environment.yml): {different}"


def test_environment_yml_installs_the_package_and_python():
    yaml = pytest.importorskip("yaml")
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert environment["name"] == "nn-course"
    assert environment["channels"] == ["conda-forge"]
    pip = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))
    assert "-e ." in pip
    assert any(str(d).startswith("python=") for d in environment["dependencies"])


def test_ruff_check_passes():
    """`ruff check nn_course tests` is clean (rules in pyproject.toml)."""
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    result = subprocess.run([ruff, "check", "nn_course", "tests"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- the README's commands, checked on a fresh clone -------------------------------------

def _code_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)^```", markdown, flags=re.S | re.M)


def _make_targets(makefile: str) -> set[str]:
    return set(re.findall(r"^([A-Za-z][A-Za-z0-9_-]*):(?!=)", makefile, flags=re.M))


def _recipe(makefile: str, target: str) -> str:
    match = re.search(rf"^{target}:.*\n((?:\t.*\n?)+)", makefile, flags=re.M)
    assert match, f"Makefile has no recipe for {target}"
    return match.group(1)


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout")
    clone = tmp_path_factory.mktemp("clone") / "nn_course"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    return clone


@pytest.mark.slow
def test_readme_commands_are_the_makefile_and_ci_commands(fresh_clone: Path):
    """The two commands of the README exist in the Makefile, and CI runs exactly the test one."""
    readme = (fresh_clone / "README.md").read_text()
    makefile = (fresh_clone / "Makefile").read_text()
    ci = (fresh_clone / ".ci" / "run").read_text()
    commands = [line.strip() for block in _code_blocks(readme) for line in block.splitlines()]
    make_commands = [c for c in commands if c.startswith("make ")]
    assert "make lab" in make_commands and "make test" in make_commands, make_commands
    targets = _make_targets(makefile)
    for command in make_commands:
        assert command.split()[1] in targets, f"README says `{command}`; Makefile lacks it"
    ci_commands = [line.strip() for line in ci.splitlines()
                   if line.strip() and not line.strip().startswith("#")]
    assert ci_commands[-1] == "REQUIRE_BROWSER=1 make test", ci_commands[-1]
    assert "pytest" in _recipe(makefile, "test")
    lab = _recipe(makefile, "lab")
    assert "00_start_here.ipynb" in lab and "--ip=127.0.0.1" in lab
    assert "token" not in lab.lower(), "make lab must leave token authentication on"


@pytest.mark.slow
def test_readme_conda_commands_match_environment_yml(fresh_clone: Path):
    yaml = pytest.importorskip("yaml")
    readme = (fresh_clone / "README.md").read_text()
    name = yaml.safe_load((fresh_clone / "environment.yml").read_text())["name"]
    commands = [line.strip() for block in _code_blocks(readme) for line in block.splitlines()]
    assert "conda env create -f environment.yml" in commands
    assert f"conda activate {name}" in commands


@pytest.mark.slow
def test_fresh_clone_has_what_the_readme_links_and_ci_needs(fresh_clone: Path):
    """Committed files only: README links resolve, .ci/run is executable, the package imports."""
    readme = (fresh_clone / "README.md").read_text()
    links = re.findall(r"\]\(([^)#\s]+)", readme)
    local = [link for link in links if not re.match(r"[a-z]+:", link)]
    missing = [link for link in local if not (fresh_clone / link).exists()]
    assert not missing, f"README links to files that are not committed: {missing}"
    mode = subprocess.run(["git", "ls-files", "-s", ".ci/run"], cwd=fresh_clone,
                          capture_output=True, text=True, check=True).stdout.split()[0]
    assert mode == "100755", ".ci/run must be committed executable"
    # Every module of the package imports from the clone (catches files left uncommitted).
    script = (
        "import importlib, pkgutil, nn_course, pathlib, sys\n"
        "assert pathlib.Path(nn_course.__file__).is_relative_to(pathlib.Path.cwd()), "
        "nn_course.__file__\n"
        "for m in pkgutil.walk_packages(nn_course.__path__, 'nn_course.'):\n"
        "    importlib.import_module(m.name)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=fresh_clone,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]


def test_make_lab_switches_off_the_jupyter_news_toast():
    """`make lab` writes JupyterLab's settings overrides into the venv before starting it."""
    makefile = (ROOT / "Makefile").read_text()
    path = re.search(r"^LAB_OVERRIDES := (.+)$", makefile, flags=re.M).group(1)
    assert path == "$(VENV)/share/jupyter/lab/settings/overrides.json"
    assert re.search(r"^lab: .*\$\(LAB_OVERRIDES\)", makefile, flags=re.M)
    written = re.search(r"echo '(.+)' > \$@", _recipe(makefile, r"\$\(LAB_OVERRIDES\)")).group(1)
    notification = json.loads(written)["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}


def test_make_help_lists_the_site_commands():
    makefile = (ROOT / "Makefile").read_text()
    help_text = _recipe(makefile, "help")
    for target in ("site", "serve-site"):
        assert target in _make_targets(makefile)
        assert f"make {target} " in help_text
