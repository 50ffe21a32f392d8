"""core/patterns.py: a pattern compiled on first use answers as re.compile's would."""

from __future__ import annotations

import re

from cpptool.core.patterns import LazyPattern


def test_a_lazy_pattern_is_compiled_once_when_first_used_and_answers_as_re_does():
    lazy, eager = LazyPattern(r"(\d+)-(\d+)", re.I), re.compile(r"(\d+)-(\d+)", re.I)
    assert lazy._compiled is None and lazy.pattern == eager.pattern
    text = "a 1-2 b 33-44"
    assert lazy.search(text).groups() == eager.search(text).groups()
    compiled = lazy._compiled
    assert compiled is not None and lazy.compiled is compiled
    assert lazy.match(text) is None and lazy.match(text, 2).group() == "1-2"
    assert lazy.fullmatch("5-6").groups() == ("5", "6")
    assert lazy.sub("x", text) == eager.sub("x", text) and lazy.split(text) == eager.split(text)
    assert lazy.findall(text) == eager.findall(text) == [("1", "2"), ("33", "44")]
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert LazyPattern(rb"^a:", re.M).search(b"x\na:").start() == 2
