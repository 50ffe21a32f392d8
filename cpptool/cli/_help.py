"""Help that shows what to type: PATH, DATE, NAME, never Typer's `<path>`, `<bool>` or `{path}`.

Every argument and option that takes a value names it with `metavar`. Typer (0.20 and later)
still prints an argument's type next to its metavar, wraps required arguments in braces on the
usage line, and prints `<bool>` beside flags; `plain_metavars()` makes it show the metavar
alone and nothing beside a flag. It changes help text only, never how arguments are read, and
leaves an older or newer Typer without these methods as it is.
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
