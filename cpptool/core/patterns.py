"""Regular expressions compiled when first used.

Python compiles a pattern in Python code, a tenth of a millisecond or so for each; a check of
one plan that never meets the unusual input most of these are for (a date written 23/11/26, a
key that is not plain, a settings file that is not plain YAML) would pay for twenty of them,
two milliseconds of its start. The patterns every check uses are compiled as usual.
"""

from __future__ import annotations

import re
from typing import Any, Iterator


class LazyPattern:
    """re.compile(pattern, flags), compiled the first time it is used."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern | None = None

    @property
    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return self._compiled

    @property
    def pattern(self) -> str | bytes:
        return self._args[0]

    def match(self, *args: Any) -> re.Match | None:
        return self.compiled.match(*args)

    def fullmatch(self, *args: Any) -> re.Match | None:
        return self.compiled.fullmatch(*args)

    def search(self, *args: Any) -> re.Match | None:
        return self.compiled.search(*args)

    def sub(self, *args: Any) -> Any:
        return self.compiled.sub(*args)

    def split(self, *args: Any) -> list:
        return self.compiled.split(*args)

    def findall(self, *args: Any) -> list:
        return self.compiled.findall(*args)

    def finditer(self, *args: Any) -> Iterator[re.Match]:
        return self.compiled.finditer(*args)
