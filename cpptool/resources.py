"""Where the data shipped with cpptool lives, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def resource_dir(kind: str) -> Path:
    """The folder of shipped data called `kind` (templates, schemas, profiles, data).

    In the wheel every folder sits inside the package; in a checkout (editable install)
    templates/ and schemas/ stay at the top of the repository, beside cpptool/.
    """
    for candidate in (_HERE / kind, _HERE.parent / kind):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cpptool is missing its {kind}/ folder; reinstall cpptool")
