"""A plan repository: what `cpptool init` writes, how its CI installs cpptool, where its schema is.

- `init_files`: the text of every file `cpptool init` writes (settings, hooks, CI, .gitignore,
  README and the plan schema), from templates/init/ rendered in the sandbox.
- `install_source`: what the generated CI installs. A council publishes its own copy of cpptool
  (a git tag, or a wheel on its own package index); `init --install SPEC` names it, and without
  it init takes where the running cpptool was installed from (the record pip keeps,
  direct_url.json), so the generated CI installs the same copy.
- `schema_reference`: the `$schema` a new plan's editor modeline points at: the repository's own
  schemas/plan.schema.json (by a path relative to the plan's folder), else the installed one.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from cpptool import __version__
from cpptool.core.errors import CpptoolError
from cpptool.resources import resource_dir

SCHEMA_PATH = Path("schemas") / "plan.schema.json"  # in a plan repository, beside cpptool.yaml
OUTPUT_FOLDER = "out"  # rendered documents go here; init's .gitignore keeps the folder out of git

# What init writes: path in the repository -> template in templates/init/ (.j2 files are rendered).
INIT_TEMPLATES = {
    "cpptool.yaml": "cpptool.yaml.j2",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/cpptool.yml": "github-actions.yml.j2",
    ".gitlab-ci.yml": "gitlab-ci.yml.j2",
    ".gitignore": "gitignore",
    "README.md": "README.md.j2",
}

# A pip requirement, URL or path: no spaces, quotes or shell characters, so it can sit in a CI
# script as one quoted word.
_SAFE_SPEC = re.compile(r"[A-Za-z0-9._~:/@+=#%?&,!\[\]<>-]+")


def init_files(folder: Path, *, profile: str, title: str, install: str) -> dict[Path, str]:
    """Every file `cpptool init` writes in `folder`, with its text."""
    from cpptool.core.schema import schema_text

    context = {"profile": profile, "title": title, "install": check_install_spec(install),
               "out": OUTPUT_FOLDER, "schema_path": SCHEMA_PATH.as_posix()}
    files = {folder / name: render_init_file(template, **context) for name, template in INIT_TEMPLATES.items()}
    files[folder / SCHEMA_PATH] = schema_text()
    return files


def render_init_file(template: str, **context: str) -> str:
    """One file for `cpptool init`; .j2 files are rendered in the sandbox, others copied."""
    folder = resource_dir("templates") / "init"
    if not template.endswith(".j2"):
        return (folder / template).read_text(encoding="utf-8")
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(loader=FileSystemLoader(str(folder)), undefined=StrictUndefined,
                               keep_trailing_newline=True)
    return env.get_template(template).render(**context)


def check_install_spec(spec: str) -> str:
    """Refuse an --install SPEC that could not sit safely in a CI script as one word."""
    text = (spec or "").strip()
    if not text:
        raise CpptoolError("--install needs what to install: a git URL with a tag, a wheel, or a package name")
    if not _SAFE_SPEC.fullmatch(text):
        raise CpptoolError("--install must be one pip requirement, URL or path, without spaces, quotes or "
                           "shell characters, e.g. git+https://git.example.gov.uk/tools/cpptool@v0.1.0")
    return text


def install_source() -> tuple[str, str]:
    """What CI should install to get the cpptool that is running, and how that was worked out.

    Reads the install record pip keeps (PEP 610 direct_url.json): a git URL and commit, a local
    folder or wheel, or a URL of an archive. Without one, cpptool came from a package index."""
    record = _install_record()
    if not record:
        return (f"cpptool=={__version__}", f"cpptool {__version__} came from a package index; CI must use the "
                "same index (set PIP_INDEX_URL in CI if it is your council's own)")
    try:
        return _from_direct_url(json.loads(record))
    except (ValueError, KeyError, TypeError):
        return (f"cpptool=={__version__}", "the install record of this cpptool could not be read; "
                "check the install line, or give --install")


def _install_record() -> str | None:
    """The text of the running cpptool's direct_url.json, if pip kept one."""
    from importlib import metadata

    try:
        return metadata.distribution("cpptool").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None


def _from_direct_url(info: dict[str, Any]) -> tuple[str, str]:
    url = str(info["url"])
    fragment = f"#subdirectory={info['subdirectory']}" if info.get("subdirectory") else ""
    vcs = info.get("vcs_info")
    if isinstance(vcs, dict):
        revision = vcs.get("commit_id") or vcs.get("requested_revision")
        spec = f"{vcs.get('vcs', 'git')}+{url}" + (f"@{revision}" if revision else "") + fragment
        return spec, f"this cpptool was installed from {vcs.get('vcs', 'git')} at commit {revision}"
    if url.startswith("file:"):
        path = unquote(urlparse(url).path)
        what = "folder" if "dir_info" in info else "file"
        return path + fragment, (f"this cpptool was installed from the local {what} {path}, which CI machines "
                                 "cannot reach: publish a git tag or a wheel")
    return url + fragment, f"this cpptool was installed from {url}"


def find_repo_schema(start: Path) -> Path | None:
    """schemas/plan.schema.json beside the nearest cpptool.yaml at or above `start`, if there is one."""
    from cpptool.core.config import find_config

    config = find_config(start)
    if config is None:
        return None
    schema = config.parent / SCHEMA_PATH
    return schema if schema.is_file() else None


def schema_reference(plan: Path) -> tuple[str | None, str | None]:
    """The `$schema` for a plan's editor modeline, and a note when it is not the repository's own.

    The repository's schema is named by a path relative to the plan's folder, so the modeline
    works on every machine that has the repository; otherwise the installed schema, by its
    absolute path."""
    folder = Path(os.path.abspath(plan)).parent
    schema = find_repo_schema(folder)
    if schema is not None:
        return Path(os.path.relpath(schema.resolve(), folder.resolve())).as_posix(), None
    try:
        installed = resource_dir("schemas") / "plan.schema.json"
    except FileNotFoundError:
        installed = None
    if installed is None or not installed.is_file():
        return None, ("no plan schema found, so the plan has no editor schema line; "
                      "`cpptool init` puts one in schemas/")
    return installed.resolve().as_posix(), (f"no {SCHEMA_PATH.as_posix()} beside a cpptool.yaml above this plan: "
                                            "the editor schema line points at the installed copy; `cpptool init` "
                                            "puts one in the repository")
