"""Where the data shipped with cpptool lives, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _in_checkout() -> bool:
    # Only a checkout has pyproject.toml beside cpptool/. An installed copy must never look in its
    # parent (site-packages), where some other distribution's templates/ or data/ could be.
    return (_HERE.parent / "pyproject.toml").is_file()


def resource_dir(kind: str) -> Path:
    """The folder of shipped data called `kind` (templates, schemas, profiles, data).

    In the wheel every folder sits inside the package; in a checkout (editable install)
    templates/ and schemas/ stay at the top of the repository, beside cpptool/.
    """
    candidates = [_HERE / kind]
    if _in_checkout():
        candidates.append(_HERE.parent / kind)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cpptool is missing its {kind}/ folder; reinstall cpptool")
