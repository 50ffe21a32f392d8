"""The `cpptool` command's entry point, kept apart from cpptool.cli so that it runs before
Typer and the core are imported."""

from __future__ import annotations


def main() -> int:
    import gc

    # Importing the command line and the core makes tens of thousands of objects and no garbage
    # cycles worth collecting: with the collector on, its passes over them cost a one-plan check
    # about 5 ms. cpptool.cli.main keeps it off for the run itself (and says why).
    gc.disable()
    from cpptool.cli import main as run

    return run()
