"""Reading the files a user names to the calendar (closures, bank holiday lists)."""

from __future__ import annotations

import os
from pathlib import Path

from cpptool.core.errors import CpptoolError
from cpptool.core.files import read_text


def read_user_file(path: Path, label: str, *, what: str, fix: str | None = None) -> str:
    """The text of `path` through cpptool.core.files (regular files only, size-capped).

    `label` names the file in messages ("closures file x.yaml"); `fix`, when given, is added
    to any problem other than a missing file.
    """
    try:
        return read_text(path, what=what)
    except CpptoolError as err:
        if _missing(path):
            raise CpptoolError(f"{label} does not exist; check the path and file name") from None
        raise CpptoolError(f"{err}; {fix}" if fix else str(err)) from None


def _missing(path: Path) -> bool:
    # Only a name that is really not there; a name too long or a link loop keeps the reader's reason.
    try:
        os.stat(path)  # a dangling symbolic link counts as missing
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False
