"""Reading and writing files safely: every file cpptool reads or writes goes through here.

Reads take regular files only, up to a size cap, so a FIFO, a device or a huge file is refused
at once instead of hanging or filling memory. Writes are never half-done and never silently
replace a file: they go to a temporary file beside the target and are renamed into place.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Iterable

from cpptool.core.errors import CpptoolError

# Plans, profiles and configuration are a few kilobytes; a real plan stays far below this.
MAX_BYTES = 4 * 1024 * 1024


def _reason(err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "a symbolic link that points back to itself (a link loop)"
    if err.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    return err.strerror or type(err).__name__


def regular_file(path: Path, *, what: str = "file") -> os.stat_result:
    """The stat of `path`, refusing anything that is not a regular file (FIFO, device, folder)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise CpptoolError(f"{what} not found: {path}") from None
    except OSError as err:
        raise CpptoolError(f"cannot read {path}: {_reason(err)}") from None
    if stat.S_ISDIR(st.st_mode):
        raise CpptoolError(f"expected a {what} but found a folder: {path}")
    if not stat.S_ISREG(st.st_mode):
        raise CpptoolError(f"{path} is not a regular file (a pipe, device or socket); "
                           f"give the path of a {what} saved on disk")
    return st


def read_bytes(path: Path, *, what: str = "file", limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or a one-line CpptoolError."""
    st = regular_file(path, what=what)
    if st.st_size > limit:
        raise CpptoolError(f"{what} {path} is too large ({_size(st.st_size)}; the limit is {_size(limit)}); "
                           "is this the right file?")
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after the stat, opening it cannot hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        raise CpptoolError(f"cannot read {path}: {_reason(err)}") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise CpptoolError(f"{path} is not a regular file; give the path of a {what} saved on disk")
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise CpptoolError(f"{what} {path} is too large (the limit is {_size(limit)}); is this the right file?")
    return data


def read_text(path: Path, *, what: str = "file", limit: int = MAX_BYTES) -> str:
    """A regular file's text as UTF-8 (a byte-order mark is dropped), or a one-line CpptoolError."""
    data = read_bytes(path, what=what, limit=limit)
    return decode(data, path, what=what)


def decode(data: bytes, path: Path | str, *, what: str = "file") -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CpptoolError(f"{what} {path} is saved as UTF-16; save it as UTF-8 and try again")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CpptoolError(f"{what} {path}:{line} is not UTF-8 text; save it as UTF-8 and try again") from None


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def exists(path: Path) -> bool:
    """True for anything at `path`, a dangling symbolic link included."""
    return os.path.lexists(path)


def yaml_name(path: Path | str) -> str | None:
    """'yaml' or 'yml' when the name ends so, as the system will see it (Windows drops trailing
    dots and spaces, "plan.yaml." is plan.yaml there, and "plan.yaml::$DATA" is its data); else None."""
    name = Path(path).name
    for shown in (name, name.split(":", 1)[0]):
        suffix = Path(shown.rstrip(". ")).suffix.lower().lstrip(".")
        if suffix in ("yaml", "yml"):
            return suffix
    return None


def yaml_target(path: Path | str) -> str | None:
    """The existing YAML file that writing to `path` would replace (a write follows a symbolic
    link, /dev/stdout included): `path` itself or the file it leads to; None when there is none."""
    if not os.path.isfile(path):
        return None
    for name in (str(path), os.path.realpath(path)):
        if yaml_name(name):
            return name
    return None


def one_of(path: Path, files: Iterable[Path | str]) -> bool:
    """True when `path` is the very file of one of `files` (by device and inode: through links,
    and without resolving every name); False when it does not exist."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    for file in files:
        try:
            other = os.stat(file)
        except (OSError, ValueError):
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            return True
    return False


def refuse_over_plans(dest: Path, plans: Iterable[Path | str], *, option: str, reading: str = "read") -> None:
    """Refuse (CpptoolError) an output that is one of the plans being read, or that would replace
    any other YAML file (a plan, settings, closures), even with --force."""
    if one_of(dest, plans):
        raise CpptoolError(f"{option} {dest} is one of the plans being {reading}; choose another file")
    if yaml_target(dest):
        raise CpptoolError(f"{option} {dest} is an existing YAML file (a plan or settings), or leads to one; "
                           "cpptool never writes over one, so choose another file name")


def atomic_write_bytes(path: Path, data: bytes, *, force: bool = True, make_parents: bool = False) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    A symbolic link is followed, so its target is updated and the link kept. A device or pipe
    (such as /dev/null or /dev/stdout) is written to, never replaced by a regular file."""
    path = Path(path)
    if not force and exists(path):
        raise CpptoolError(f"{path} already exists; use --force to replace it")
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if _is_special(target):
        _write_through(target, data, shown=path)
        return
    folder = target.parent if str(target.parent) else Path(".")
    if make_parents and not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise CpptoolError(f"cannot create the folder {folder}: {_reason(err)}") from None
    if not folder.is_dir():
        raise CpptoolError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        fd, tmp = _temporary(folder, target.name)
    except OSError as err:
        raise CpptoolError(f"cannot write {path}: {_reason(err)}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as err:
        _discard(tmp)
        raise CpptoolError(f"cannot write {path}: {_reason(err)}") from None
    except BaseException:
        _discard(tmp)
        raise


def atomic_write_text(path: Path, text: str, *, force: bool = True, make_parents: bool = False) -> None:
    atomic_write_bytes(path, text.encode("utf-8", "replace"), force=force, make_parents=make_parents)


_EXCLUSIVE = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
              | getattr(os, "O_BINARY", 0))


def _temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new file (mode 0600) beside `name` in `folder`, to be renamed into place: created only if
    no file or link has its name (O_EXCL), under a random name, as tempfile.mkstemp makes one,
    without importing tempfile and random for it."""
    folder_path = os.path.abspath(folder)
    for _ in range(100):
        tmp = os.path.join(folder_path, f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, _EXCLUSIVE, 0o600), tmp
        except FileExistsError:
            continue
        except PermissionError:  # Windows says so for a folder of that name, or a file being deleted
            if os.name == "nt" and os.path.isdir(folder_path):
                continue
            raise
    raise FileExistsError(errno.EEXIST, "no free temporary name", folder_path)


def write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner can read (0600), atomically: a temporary file in the same
    folder renamed into place, so a reader sees the old file or the new one, never a torn one.
    For caches: nothing is flushed to disk, and a lost file only costs a re-computation."""
    fd, tmp = _temporary(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        _discard(tmp)
        raise


def private_folder(path: Path) -> Path:
    """`path` as a folder only its owner can open (0700), made if missing (with its parents).
    Refuses (OSError) a folder that belongs to someone else."""
    os.makedirs(path, mode=0o700, exist_ok=True)
    st = os.stat(path)
    if not stat.S_ISDIR(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
        raise PermissionError(errno.EPERM, "not a folder of this user", str(path))
    if stat.S_IMODE(st.st_mode) != 0o700:
        os.chmod(path, 0o700)
    return path


def write_new_files(contents: dict[Path, str], *, folders: list[Path] = ()) -> None:
    """Create several new files (and folders) together: all of them, or none.

    Everything is checked before the first write; should a write still fail, the files and
    folders made so far are removed again."""
    for path in list(contents) + list(folders):
        _refuse_in_the_way(path, is_folder=path in folders)
    made: list[Path] = []
    try:
        for path in sorted({p.parent for p in contents} | set(folders), key=lambda p: len(p.parts)):
            made += _make_folders(path)
        for path, text in contents.items():
            atomic_write_text(path, text, force=False)
            made.append(path)
    except BaseException:
        for path in reversed(made):
            try:
                path.rmdir() if path.is_dir() else path.unlink()
            except OSError:
                pass
        raise


def _refuse_in_the_way(path: Path, *, is_folder: bool) -> None:
    if exists(path) and not (is_folder and path.is_dir()):
        raise CpptoolError(f"{path} already exists; nothing was written (cpptool never writes over existing files)")
    for parent in path.parents:
        if exists(parent) and not parent.is_dir():
            raise CpptoolError(f"{parent} is a file, not a folder, so {path} cannot be written; nothing was written")
    probe = next((p for p in path.parents if p.exists()), None)
    if probe is not None and not os.access(probe, os.W_OK | os.X_OK):
        raise CpptoolError(f"cannot write in {probe} (permission denied); nothing was written")


def _make_folders(path: Path) -> list[Path]:
    """mkdir -p, returning the folders it created, outermost first."""
    missing = [p for p in reversed((path,) + tuple(path.parents)) if not exists(p)]
    for folder in missing:
        try:
            folder.mkdir()
        except OSError as err:
            raise CpptoolError(f"cannot create the folder {folder}: {_reason(err)}") from None
    return missing


def user_folder(override: str, xdg: str, fallback: str) -> Path:
    """A folder of the user's: $override if set, else $xdg/cpptool, else ~/fallback/cpptool."""
    chosen = os.environ.get(override)
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get(xdg)
    if base and Path(base).is_absolute():  # the XDG spec says to ignore relative paths
        return Path(base) / "cpptool"
    return Path.home() / fallback / "cpptool"


def _is_special(path: Path) -> bool:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_through(path: Path, data: bytes, *, shown: Path) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        if err.errno == errno.ENXIO:  # a FIFO with no reader
            raise CpptoolError(f"cannot write {shown}: it is a pipe that nothing is reading") from None
        raise CpptoolError(f"cannot write {shown}: {_reason(err)}") from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as err:
        raise CpptoolError(f"cannot write {shown}: {_reason(err)}") from None


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
