"""Help that shows what to type: PATH, DATE, NAME, never Typer's `<path>`, `<bool>` or `{path}`.

Every argument and option that takes a value names it with `metavar`. Typer still prints an
argument's type next to its metavar (`FILE <path>`) and wraps required arguments in braces on the
usage line; `plain_metavars()` makes it show the metavar alone. It changes help text only, never
how arguments are read, and leaves a Typer without the methods it patches as it is.
"""

from __future__ import annotations

from typing import Any

EXAMPLE_PLAN = "plans/cp-2026-0412.yaml"  # examples name plans by case number, never by a child's name


def plain_metavars() -> None:
    from typer import core

    argument, option = core.TyperArgument, getattr(core, "TyperOption", None)
    if getattr(argument, "_cpptool_plain", False):
        return
    argument._cpptool_plain = True
    _plain_argument_metavar(argument)
    if hasattr(argument, "_usage_display_name"):
        usage = argument._usage_display_name

        def usage_name(self: Any) -> str:
            if self.metavar is None:
                return usage(self)
            name = self.metavar if self.required else f"[{self.metavar}]"
            return name + ("..." if self.nargs != 1 else "")

        argument._usage_display_name = usage_name
    if hasattr(argument, "display_type_rich"):
        arg_type = argument.display_type_rich
        argument.display_type_rich = lambda self, ctx: None if self.metavar is not None else arg_type(self, ctx)
    if option is not None and hasattr(option, "display_type_rich"):
        opt_type = option.display_type_rich
        option.display_type_rich = (lambda self, ctx: None if getattr(self, "is_flag", False)
                                    and self.metavar is None else opt_type(self, ctx))


def _plain_argument_metavar(argument: Any) -> None:
    """Typer 0.27 and 0.28: the usage line shows {FILE} and the arguments panel `<path>` beside FILE."""
    make_metavar, init = argument.make_metavar, argument.__init__

    def metavar(self: Any, ctx: Any, *, usage: bool = False) -> str:
        if self.metavar is None or not usage:
            return make_metavar(self, ctx, usage=usage)
        name = self.metavar if self.required else f"[{self.metavar}]"
        return name + ("..." if self.nargs != 1 else "")

    def quiet_type(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        if self.metavar is not None:
            self.type = _without_label(self.type)

    argument.make_metavar, argument.__init__ = metavar, quiet_type


_QUIET: dict[type, type] = {}


def _without_label(param_type: Any) -> Any:
    """A copy of the argument's type that reads values the same way but has no label to print."""
    import copy

    cls = type(param_type)
    if cls not in _QUIET:
        _QUIET[cls] = type(cls.__name__, (cls,), {"get_metavar": lambda self, param, ctx=None: ""})
    quiet = copy.copy(param_type)  # a copy: Click shares one STRING type among all parameters
    quiet.__class__ = _QUIET[cls]
    return quiet
