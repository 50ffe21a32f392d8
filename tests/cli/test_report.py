"""`cpptool report`: one self-contained, accessible HTML page on a caseload, checked in a real browser."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import COMPLETE, EXAMPLES, load_yaml, yaml_text

AS_OF = "2026-11-23"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Page(HTMLParser):
    """Parses the page, checking that every element is closed in order, and keeps what tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.svg_first_child: list[str] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()
        if self.stack:
            self.problems.append(f"never closed: {self.stack}")

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)
        if self.stack and self.stack[-1] == "svg" and len(self.svg_first_child) < self._svgs:
            self.svg_first_child.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    @property
    def _svgs(self) -> int:
        return sum(1 for t, _ in self.elements if t == "svg")

    def _element(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if attrs.get("id"):
            if attrs["id"] in self.ids:
                self.problems.append(f"duplicate id {attrs['id']}")
            self.ids.add(attrs["id"])

    def all(self, tag: str) -> list[dict]:
        return [a for t, a in self.elements if t == tag]


@pytest.fixture
def page(cli, tmp_path, monkeypatch):
    """Write the report of the example plans (14 files, one not a plan) and parse it."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES, tmp_path / "plans", ignore=shutil.ignore_patterns("ci", "expected.yaml"))
    out = tmp_path / "report.html"
    code, stdout, err = cli("report", "--as-of", AS_OF, "plans", "-o", out)
    assert code == 0, err
    assert stdout == "" and f"wrote {out} (14 plans)" in err
    text = out.read_text(encoding="utf-8")
    return text, Page(text), out


def test_html_parses_cleanly(page):
    text, parsed, _ = page
    assert text.startswith("<!DOCTYPE html>")
    assert parsed.problems == []
    assert len(parsed.elements) > 500


def test_self_contained_nothing_to_fetch(page):
    text, parsed, _ = page
    assert "http://" not in text and "https://" not in text
    for tag in ("script", "link", "img", "iframe", "object", "embed", "base", "audio", "video"):
        assert parsed.all(tag) == [], tag
    for _, attrs in parsed.elements:
        for name in ("src", "href", "xlink:href", "action", "srcset", "poster"):
            value = attrs.get(name)
            if value is not None:
                assert name == "href" and value.startswith("#"), (name, value)  # links within the page only
    assert "url(" not in text and "@import" not in text
    csp = [a for a in parsed.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]


def test_marked_official_sensitive_top_and_bottom(page):
    text, parsed, _ = page
    body = " ".join(parsed.text).split()
    assert body.count("OFFICIAL-SENSITIVE") == 2 and body[0] == "OFFICIAL-SENSITIVE:"  # top, bottom; title
    assert re.search(r"<title>OFFICIAL-SENSITIVE", text)
    assert text.index("OFFICIAL-SENSITIVE", text.index("<body>")) < text.index("<h1>")
    assert text.rindex("OFFICIAL-SENSITIVE") > text.index("</main>")


def test_accessible_structure(page):
    text, parsed, _ = page
    assert parsed.all("html")[0].get("lang") == "en-GB"
    assert len(parsed.all("h1")) == 1
    headings = re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", text)
    assert headings == ["Plans checked", "Findings by requirement", "Findings by rule",
                        "Overdue dates by lead social worker", "Plans ranked by open errors", "Each plan's timeline"]
    assert len(parsed.all("h3")) == 14  # one per plan


def test_every_chart_has_a_text_alternative_and_a_table(page):
    text, parsed, _ = page
    svgs = parsed.all("svg")
    assert len(svgs) >= 4 + 12  # four caseload charts and a timeline for each readable plan with dates
    for svg in svgs:
        assert svg.get("role") == "img"
        assert svg.get("aria-label")
        for ref in svg["aria-labelledby"].split():
            assert ref in parsed.ids
    assert set(parsed.svg_first_child) == {"title"}
    assert text.count("<desc id=") == len(svgs)
    assert len(parsed.all("table")) >= len(svgs)


def test_every_table_has_a_caption_and_scoped_headers(page):
    text, parsed, _ = page
    tables = text.count("<table>")
    assert tables == text.count("<caption>") and tables > 10
    ths = parsed.all("th")
    assert ths and all(th.get("scope") in ("col", "row") for th in ths)


def test_the_numbers(page):
    text, parsed, _ = page
    words = " ".join(" ".join(parsed.text).split())
    assert "As of Mon 2026-11-23: 14 plans checked, 7 clean, 6 with errors, 1 overdue date." in words
    assert "Could not be read as a plan 1" in words
    ranked = text[text.index('id="ranked-h"'):text.index('id="timelines-h"')]
    order = re.findall(r'<a href="#plan-[0-9a-f]{12}">plans/([^<]+)</a>', ranked)
    assert len(order) == 7 and "flawed/structure-flawed.yaml" in order and "plans/detailed-complete.yaml" not in order
    errors = [int(n) for n in re.findall(r'</td><td class="num">(\d+)</td><td class="num">\d+</td><td class="num">\d+</td></tr>',
                                          ranked)]
    assert errors == sorted(errors, reverse=True) and len(errors) == 7 and errors[-1] >= 1
    rules = text[text.index('id="rules-h"'):text.index('id="overdue-h"')]
    assert '<th scope="row">CPP-Q005</th><td>specific-contingency</td>' in rules
    requirements = text[text.index('id="requirements-h"'):text.index('id="rules-h"')]
    assert '<th scope="row">D12</th>' in requirements


def test_late_items_are_marked_in_words_and_shapes(page):
    text, parsed, _ = page
    start = text.index("plans/profiles/north-yorkshire-flawed.yaml</h3>")
    section = text[start:text.index("</section>", start)]
    assert "&#9650; 1 late or overdue" in section or "▲ 1 late or overdue" in section
    row = re.search(r"<tr><th scope=\"row\" class=\"date\">Fri 2026-11-20</th><td>visit, child seen alone</td>"
                    r"<td>held</td>\s*<td>(.*?)</td></tr>", section, re.S)
    assert row and "late:" in row.group(1) and "CPP-T007" in row.group(1)
    assert "<polygon" in section and ">!</text>" in section  # a triangle with "!", not only a colour
    overdue = text[text.index('id="overdue-h"'):text.index('id="ranked-h"')]
    assert "late: Tue 2026-10-06" in overdue and "plans/profiles/jersey-flawed.yaml" in overdue


def test_no_names_without_names_and_names_with_them(cli, page, tmp_path):
    text, _, _ = page
    for name in ("Riley", "Fictional", "Casey", "Madeup", "Sam Example"):
        assert name not in text, name
    out = tmp_path / "named.html"
    code, _, err = cli("report", "--as-of", AS_OF, "--names", "plans", "-o", out)
    assert code == 0, err
    named = out.read_text(encoding="utf-8")
    assert "plans/plans/detailed-complete.yaml (Riley Fictional)" in named
    assert "sw (Sam Example)" in named


def test_plan_text_is_data_never_markup_or_template_code(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = load_yaml(COMPLETE)
    data["child"]["name"] = "{{ 7*7 }} <script>alert(1)</script> {% raw %}"
    data["core_group"][0]["name"] = "Sam <b>Example</b>"
    (tmp_path / "cp-2026-0412.yaml").write_text(yaml_text(data), encoding="utf-8")
    code, _, err = cli("report", "--as-of", AS_OF, "--names", "cp-2026-0412.yaml", "-o", "r.html")
    assert code == 0, err
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }} &lt;script&gt;alert(1)&lt;/script&gt; {% raw %}" in text
    assert "<script" not in text and "49 &lt;script" not in text  # not run as a template either
    assert "Sam &lt;b&gt;Example&lt;/b&gt;" in text and "<b>" not in text
    assert Page(text).problems == []


def test_standard_output_and_safe_writes(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("report", "--as-of", AS_OF, COMPLETE, "-o", "-")
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    target = tmp_path / "report.html"
    target.write_text("keep me")
    code, _, err = cli("report", "--as-of", AS_OF, COMPLETE, "-o", target)
    assert code == 2 and target.read_text() == "keep me" and err.count("\n") == 1
    code, _, _ = cli("report", "--as-of", AS_OF, COMPLETE, "-o", target, "--force")
    assert code == 0 and target.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left behind


@pytest.mark.parametrize("args, message", [
    (["--as-of", "2026-11-31", str(COMPLETE), "-o", "r.html"], "--as-of 2026-11-31 is not a real date"),
    ([str(COMPLETE)], "Missing option '--output'"),
    (["no-such-plans", "-o", "r.html"], "no such file or folder: no-such-plans"),
    (["--colour", str(COMPLETE), "-o", "r.html"], "No such option: --colour"),
    ([str(COMPLETE), "-o", str(COMPLETE), "--force"], "is one of the plans being read"),
])
def test_bad_input_is_one_line_and_exit_2(cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    before = COMPLETE.read_bytes()
    code, out, err = cli("report", *args)
    assert code == 2 and message in err and err.count("\n") == 1 and "Traceback" not in err
    assert out == "" and not (tmp_path / "r.html").exists() and COMPLETE.read_bytes() == before


def test_help_has_a_case_number_example(cli):
    code, out, _ = cli("report", "--help")
    text = " ".join(out.split())
    assert code == 0 and "plans/cp-2026-0412.yaml" in text and "OFFICIAL-SENSITIVE" in text
    assert "--names" in text and "Riley" not in text


# --- in a real browser -----------------------------------------------------------------------


def _png_rows(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the (filtered) rows of a PNG: enough to tell a drawn page from a blank one."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, bpp = 8, b"", 0, 0, 4
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            bpp = {2: 3, 6: 4, 0: 1, 4: 2}.get(colour, 4) * depth // 8
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = 1 + width * bpp
    return width, height, [raw[i:i + stride] for i in range(0, len(raw), stride)]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
def test_renders_in_a_real_browser_without_errors(page, tmp_path):
    _, _, report = page
    png = tmp_path / "report.png"
    profile = tmp_path / "chromium-profile"
    run = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}", "--enable-logging=stderr",
         "--v=0", f"--screenshot={png}", "--window-size=1280,2000", report.resolve().as_uri()],
        capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert png.exists() and png.stat().st_size > 50_000
    # The page's own console is silent: no script errors, no blocked requests, no CSP violations.
    console = [ln for ln in run.stderr.splitlines() if ":CONSOLE" in ln]
    assert console == []
    width, height, rows = _png_rows(png.read_bytes())
    assert (width, height) == (1280, 2000)
    assert len(set(rows)) > 300  # a drawn page: text, tables and charts, not a blank screen
