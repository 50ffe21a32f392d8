"""The command line: a thin Typer layer over the core.

Each command lives in its own module and imports the core it needs inside the command,
so `cpptool --version` and `cpptool dates` stay quick.
"""

from __future__ import annotations

import gc
import signal
import sys

import typer

from cpptool import __version__

# name: (module in cpptool.cli, attribute, whether it is a group of commands), in help order.
COMMANDS = {
    "check": ("check", "check", False),
    "dates": ("dates", "dates_app", True),
    "calendar": ("dates", "calendar_app", True),
    "profiles": ("profiles", "profiles_app", True),
    "rules": ("rules", "rules", False),
    "rule": ("rules", "rule", False),
    "new": ("new", "new", False),
    "promote": ("promote", "promote", False),
    "init": ("init", "init", False),
    "render": ("render", "render", False),
    "schema": ("schema", "schema", False),
    "due": ("due", "due", False),
    "report": ("report", "report", False),
    "migrate": ("migrate", "migrate", False),
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cpptool {__version__}")
        raise typer.Exit()


def _root(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Author, check and render UK child protection plans kept as YAML.

    Colour follows the terminal; NO_COLOR=1 turns it off and FORCE_COLOR=1 on."""


def build_app(only: str | None = None) -> typer.Typer:
    """The command line with every command, or with only the one being run: a pre-commit run of
    `cpptool check` then neither imports nor builds the other thirteen."""
    import importlib

    from cpptool.cli._help import plain_metavars

    plain_metavars()
    built = typer.Typer(
        name="cpptool",
        help="Author, check and render UK child protection plans kept as YAML.",
        no_args_is_help=True,
        add_completion=True,  # --install-completion and --show-completion for bash, zsh, fish, PowerShell
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        epilog="Example: cpptool check plans/   (see `cpptool COMMAND --help` for each command's examples)",
    )
    built.callback()(_root)
    for name, (module, attribute, group) in COMMANDS.items():
        if only is None or name == only:
            command = getattr(importlib.import_module(f"cpptool.cli.{module}"), attribute)
            built.add_typer(command, name=name) if group else built.command(name)(command)
    return built


def __getattr__(name: str):
    if name == "app":  # the whole command line, for tests and documentation tools
        globals()["app"] = built = build_app()
        return built
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _app_for(args: list[str]) -> typer.Typer:
    """Only the command named first, unless the shell is asking for completions (which need all)."""
    import os

    first = args[0] if args else None
    if first in COMMANDS and not os.environ.get("_CPPTOOL_COMPLETE"):
        return build_app(only=first)
    return build_app()


def main(argv: list[str] | None = None) -> int:
    """Run the command line; every failure ends in one line on stderr, never a traceback."""
    from cpptool.core.errors import CpptoolError

    previous = _exit_on_sigterm()
    _keep_odd_file_names()
    collecting = gc.isenabled()
    # A run keeps hundreds of thousands of small objects (findings, dates) and makes few cycles:
    # the cycle collector's passes over them cost a warm report over 1,000 plans about a tenth of
    # its time and free almost nothing. Reference counting still frees the rest; a run is short.
    gc.disable()
    try:
        # argv None lets Click expand *, ~ and %VAR% itself on Windows, whose shells do not.
        app = _app_for(sys.argv[1:] if argv is None else list(argv))
        code = app(args=argv, prog_name="cpptool", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except SystemExit as stop:
        code = stop.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except CpptoolError as err:
        print(f"cpptool: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("cpptool: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - the promise is one line, never a traceback
        handled = _click_error(err)
        if handled is not None:
            return handled
        if _debug():
            raise
        # The exception text may quote plan content, so name only its type and place.
        print(
            f"cpptool: internal error: {type(err).__name__} at {_where(err)} "
            "(please report this; run with CPPTOOL_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 2
    finally:
        if collecting:
            gc.enable()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _keep_odd_file_names() -> None:
    """A file name that is not UTF-8 reaches Python as surrogates; print it back as its own bytes."""
    try:
        sys.stdout.reconfigure(errors="surrogateescape")
    except (AttributeError, ValueError):
        pass  # not a real stream (tests capture output in memory)


def _exit_on_sigterm():
    """Let SIGTERM unwind like Ctrl-C, so a write in progress removes its temporary file."""
    def stop(signum, frame):  # noqa: ANN001 - signal handler
        raise SystemExit(128 + signum)

    try:
        return signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread
        return None


def _click_error(err: Exception) -> int | None:
    """Report Click's usage errors in one line. Typer may vendor Click, so match by shape."""
    names = {cls.__name__ for cls in type(err).__mro__}
    if "NoArgsIsHelpError" in names:
        print(err.format_message(), file=sys.stderr)  # the help text: nothing was asked yet
        return 2
    if "Abort" in names:
        print("cpptool: aborted", file=sys.stderr)
        return 130
    if "ClickException" not in names:
        return None
    option = getattr(err, "option_name", "") or ""
    if "NoSuchOption" in names and option[1:].isdigit():
        # Click reads "-3" as an option; say what the user meant instead.
        print(f"cpptool: error: {option} is a negative number; counts must be 0 or more "
              "(cpptool only counts forwards from a date)", file=sys.stderr)
        return 2
    ctx = getattr(err, "ctx", None)
    hint = f" (see '{ctx.command_path} --help')" if "UsageError" in names and ctx is not None else ""
    print(f"cpptool: error: {err.format_message()}{hint}", file=sys.stderr)
    return 2


def _debug() -> bool:
    import os

    return os.environ.get("CPPTOOL_DEBUG") == "1"


def _where(err: BaseException) -> str:
    import traceback

    frames = traceback.extract_tb(err.__traceback__)
    if not frames:
        return "unknown place"
    last = frames[-1]
    return f"{last.filename.rsplit('/', 1)[-1]}:{last.lineno}"
