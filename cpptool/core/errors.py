"""Errors the command line turns into one clear line and exit code 2."""

from __future__ import annotations


class CpptoolError(Exception):
    """A usage, configuration or input error. The message is one line and says what to do."""

    exit_code = 2

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)
