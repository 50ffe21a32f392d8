"""Writing files safely: never half-written, never silently overwritten."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cpptool.core.errors import CpptoolError


def atomic_write_bytes(path: Path, data: bytes, *, force: bool = True) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    if not force and path.exists():
        raise CpptoolError(f"{path} already exists; use --force to replace it")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CpptoolError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise CpptoolError(f"cannot write {path}: {err.strerror or type(err).__name__}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as err:
        _discard(tmp)
        raise CpptoolError(f"cannot write {path}: {err.strerror or type(err).__name__}") from None
    except BaseException:
        _discard(tmp)
        raise


def _mode_for(path: Path) -> int:
    """Keep a replaced file's permissions; a new file gets the usual ones (0666 less the umask),
    not mkstemp's 0600."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def atomic_write_text(path: Path, text: str, *, force: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), force=force)
