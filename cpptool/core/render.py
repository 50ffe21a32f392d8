"""Render a plan as its written agreement: Word (.docx), Markdown or PDF.

The plan becomes a neutral list of blocks (headings, paragraphs, tables) in the order a family
reads it. render_docx writes the blocks onto a reference .docx with python-docx; render_text
writes them as Markdown. Short wording (headings, introductions, notices) comes from the Jinja2
templates in templates/render/, rendered in a sandbox; plan values reach the templates only as
data, never as template source.

This module imports neither python-docx nor jinja2 at import time: only a render pays for them.
Nothing here prints; warnings go to the `warn` callback, and they never quote plan values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional, Union

from cpptool.core.errors import CpptoolError

AUDIENCES = ("professional", "family", "child")
FORMATS = ("docx", "md", "pdf")
DEFAULT_MARKING = "OFFICIAL-SENSITIVE"

CATEGORY_WORDS = {
    "NEG": "neglect",
    "PHY": "physical abuse",
    "SAB": "sexual abuse",
    "EMO": "emotional abuse",
    "MUL": "more than one kind of harm",
    "EXP": "exploitation",
}

# Expanded on first use in the family copy. Sources: quality.md §3c (Sutton, Hants, Wirral, London).
GLOSSARY = {
    "ICPC": "Initial Child Protection Conference",
    "RCPC": "Review Child Protection Conference",
    "CPC": "Child Protection Conference",
    "CPP": "Child Protection Plan",
    "CPPM": "Child Protection Planning Meeting",
    "CG": "Core Group",
    "CIN": "Child in Need",
    "TAF": "Team Around the Family",
    "PLO": "Public Law Outline",
    "S47": "safeguarding enquiry under section 47 of the Children Act 1989",
    "CAMHS": "Child and Adolescent Mental Health Services",
    "LADO": "Local Authority Designated Officer",
    "IRO": "Independent Reviewing Officer",
    "SW": "Social Worker",
    "HV": "Health Visitor",
    "GP": "family doctor",
    "DSL": "Designated Safeguarding Lead",
    "SENCO": "Special Educational Needs Co-ordinator",
    "EHCP": "Education, Health and Care Plan",
    "MARAC": "Multi-Agency Risk Assessment Conference",
    "MAPPA": "Multi-Agency Public Protection Arrangements",
    "IDVA": "Independent Domestic Violence Advocate",
    "DA": "domestic abuse",
    "DV": "domestic violence",
    "FGC": "Family Group Conference",
    "FGM": "female genital mutilation",
    "CSE": "child sexual exploitation",
    "CCE": "child criminal exploitation",
    "LAC": "Looked After Child",
    "CLA": "Child Looked After",
    "SGO": "Special Guardianship Order",
    "ICO": "Interim Care Order",
    "CAO": "Child Arrangements Order",
    "PR": "Parental Responsibility",
    "CAIT": "Child Abuse Investigation Team",
    "YOT": "Youth Offending Team",
}
_ACRONYM = re.compile(r"(?<![\w&])(" + "|".join(sorted(GLOSSARY, key=len, reverse=True)) + r"|s47)(?![\w&])")

# Characters that XML 1.0 (so Word) cannot store. Tab, newline and carriage return are allowed.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_WELSH = {"welsh", "cymraeg", "cy", "cy-gb"}


# ---------------------------------------------------------------------------------------------
# The document model the writers share


@dataclass
class Para:
    runs: list[tuple[str, bool]]  # (text, bold); "\n" inside a run is a line break
    style: str = "body"  # body | bullet | subtitle

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.runs)


@dataclass
class Heading:
    text: str
    level: int  # 0 = the title, then 1 and 2


@dataclass
class Table:
    caption: str  # read by screen readers (w:tblCaption); never holds plan values
    header: list[str]
    rows: list[list[str]]
    widths: Optional[tuple[float, ...]] = None  # fractions of the text width
    kind: str = "data"  # data | signatures (tall rows to sign in)


Block = Union[Para, Heading, Table]


@dataclass
class RenderedDocument:
    title: str  # the core property: the kind of document, never the child's name
    language: str  # en-GB or cy-GB
    marking: str
    audience: str
    blocks: list[Block] = field(default_factory=list)

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]


# ---------------------------------------------------------------------------------------------
# Options and the whole run


@dataclass
class RenderOptions:
    output: Optional[Path] = None  # None (or "-") writes Markdown to stdout
    to: Optional[str] = None
    audience: str = "professional"
    force: bool = False
    marking: str = DEFAULT_MARKING
    reference_doc: Optional[Path] = None
    strict: bool = False
    as_of: Optional[dt.date] = None
    profile: Optional[str] = None
    config_file: Optional[Path] = None


class RefusedToRender(CpptoolError):
    """--strict and the plan has error findings: exit 1, like a failed check."""

    exit_code = 1


@dataclass
class RenderResult:
    format: str
    output: Optional[Path]  # None when written to stdout
    data: bytes
    signatories: int = 0


Warn = Callable[[str], None]


def output_format(opts: RenderOptions) -> str:
    """--to wins; otherwise the output file's suffix; otherwise docx."""
    suffix = opts.output.suffix.lower().lstrip(".") if opts.output and str(opts.output) != "-" else ""
    if opts.to is not None:
        to = opts.to.lower()
        if to not in FORMATS:
            raise CpptoolError(f"unknown output format '{opts.to}'; choose one of: {', '.join(FORMATS)}")
        if suffix in FORMATS and suffix != to:
            raise CpptoolError(f"--to {to} does not match the output file's .{suffix} ending; "
                               f"name the file .{to} or drop --to")
        return to
    return suffix if suffix in FORMATS else "docx"


def render_file(plan_file: Path, opts: RenderOptions, warn: Warn) -> RenderResult:
    """Check, build and write one plan's document. Raises CpptoolError for anything refused."""
    if opts.audience not in AUDIENCES:
        raise CpptoolError(f"unknown audience '{opts.audience}'; choose one of: {', '.join(AUDIENCES)}")
    fmt = output_format(opts)
    to_stdout = opts.output is None or str(opts.output) == "-"
    if to_stdout and fmt != "md":
        raise CpptoolError(f"say where to write the {fmt} file with -o FILE (for example -o agreement.{fmt}); "
                           "only --to md can be written to the screen")
    marking = _check_marking(opts.marking)
    shown = str(plan_file)
    if not plan_file.exists():
        raise CpptoolError(f"no such file: {shown}")
    if plan_file.is_dir():
        raise CpptoolError(f"expected a plan file but found a folder: {shown}")
    if not to_stdout:
        _check_output(opts.output, plan_file, opts.force)
    if opts.reference_doc is not None and not opts.reference_doc.is_file():
        raise CpptoolError(f"reference document not found: {opts.reference_doc}")
    if opts.config_file is not None and not opts.config_file.is_file():
        raise CpptoolError(f"configuration file not found: {opts.config_file}")

    plan, profile = _load(plan_file, shown, opts, warn)
    if opts.audience == "child":
        check_child_copy(plan)
    _check_findings(plan_file, shown, opts, warn)
    as_of = opts.as_of or dt.date.today()
    document = build_document(plan, profile, audience=opts.audience, as_of=as_of, marking=marking)
    if document.language == "cy-GB":
        warn("the agreement language is Welsh: the document is marked as Welsh (cy-GB), but cpptool's own "
             "headings and notices are in English (it has no reviewed Welsh wording yet); "
             "have them translated before the agreement is shared")
    if fmt == "md":
        from cpptool.core.render_text import to_markdown

        data = to_markdown(document).encode("utf-8")
    else:
        from cpptool.core.render_docx import to_docx

        data = to_docx(document, opts.reference_doc)
        if fmt == "pdf":
            data = docx_to_pdf(data)
    if not to_stdout:
        from cpptool.cli._io import atomic_write_bytes

        atomic_write_bytes(opts.output, data, force=opts.force)
    signatories = next((len(b.rows) for b in document.blocks if isinstance(b, Table) and b.kind == "signatures"), 0)
    return RenderResult(format=fmt, output=None if to_stdout else opts.output, data=data, signatories=signatories)


def _check_marking(marking: str) -> str:
    marking = (marking or "").strip()
    if _XML_ILLEGAL.search(marking) or "\n" in marking or "\r" in marking:
        raise CpptoolError("--marking must be one line of plain text, e.g. OFFICIAL-SENSITIVE")
    if len(marking) > 120:
        raise CpptoolError("--marking is too long; keep it to a short line such as OFFICIAL-SENSITIVE")
    return marking


def _check_output(output: Path, plan_file: Path, force: bool) -> None:
    if output.exists() and output.resolve() == plan_file.resolve():
        raise CpptoolError(f"-o {output} is the plan itself; choose another file")
    if output.is_dir():
        raise CpptoolError(f"-o {output} is a folder; give a file name such as {output}/agreement.docx")
    if output.exists() and not force:
        raise CpptoolError(f"{output} already exists; use --force to replace it")
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise CpptoolError(f"cannot write {output}: the folder {folder} does not exist")


def _load(plan_file: Path, shown: str, opts: RenderOptions, warn: Warn):
    from cpptool.core.config import effective_profile, find_config, load_config
    from cpptool.core.loader import load_plan

    try:
        loaded = load_plan(plan_file, display=shown)
    except OSError as err:
        raise CpptoolError(f"cannot read {shown}: {err.strerror or type(err).__name__}") from None
    if loaded.plan is None or loaded.problems:
        n = len(loaded.problems) or 1
        raise CpptoolError(f"{shown} is not a valid plan ({n} structure problem{'s' if n != 1 else ''}); "
                           f"run `cpptool check {shown}` to see what to fix, then render again")
    plan = loaded.plan
    cleaned, removed = clean_data(loaded.data)
    if removed:
        from pydantic import ValidationError

        from cpptool.core.plan import Plan
        from cpptool.core.yamlpath import format_path

        total = sum(n for _, n in removed)
        paths = [format_path(p) for p, _ in removed]
        listed = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
        warn(f"removed {total} control character{'s' if total != 1 else ''} that Word cannot store, "
             f"from {listed}; fix the plan so the copies match")
        try:
            plan = Plan.model_validate(cleaned)
        except ValidationError:
            raise CpptoolError(f"{shown} is not valid once control characters are removed; "
                               f"run `cpptool check {shown}`") from None
    cfg = load_config(opts.config_file.resolve() if opts.config_file else find_config(plan_file))
    profile = effective_profile(cfg, plan.profile, opts.profile)
    return plan, profile


def _check_findings(plan_file: Path, shown: str, opts: RenderOptions, warn: Warn) -> None:
    from cpptool.core.engine import CheckOptions, check_file

    result = check_file(plan_file, shown, CheckOptions(config_file=opts.config_file, profile=opts.profile,
                                                       as_of=opts.as_of))
    errors = [f for f in result.active() if f.level == "error"]
    if not errors:
        return
    n = len(errors)
    codes = sorted({f.code for f in errors})
    listed = ", ".join(codes[:8]) + (", ..." if len(codes) > 8 else "")
    noun = f"{n} error finding{'s' if n != 1 else ''}"
    if opts.strict:
        raise RefusedToRender(f"refusing to render: {noun} ({listed}) (run cpptool check {shown})")
    warn(f"the plan has {noun} ({listed}); rendering anyway. Run `cpptool check {shown}` "
         "and fix them before the agreement is shared")


def clean_data(data: Any, path: tuple = ()) -> tuple[Any, list[tuple[tuple, int]]]:
    """Remove characters Word cannot store; return the cleaned data and (path, count) for each value."""
    removed: list[tuple[tuple, int]] = []

    def walk(node: Any, here: tuple) -> Any:
        if isinstance(node, str):
            cleaned, n = _XML_ILLEGAL.subn("", node)
            if n:
                removed.append((here, n))
            return cleaned
        if isinstance(node, dict):
            return {k: walk(v, here + (k,)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, here + (i,)) for i, v in enumerate(node)]
        return node

    return walk(data, path), removed


# ---------------------------------------------------------------------------------------------
# PDF through LibreOffice


def soffice() -> Optional[str]:
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout: float = 180) -> bytes:
    """Convert in a private temporary folder; the caller writes the PDF atomically."""
    import subprocess
    import tempfile

    exe = soffice()
    if exe is None:
        raise CpptoolError("--to pdf needs LibreOffice, and neither soffice nor libreoffice is installed; "
                           "install LibreOffice, or render --to docx and save it as PDF in Word")
    with tempfile.TemporaryDirectory(prefix="cpptool-render-") as tmp:
        folder = Path(tmp)
        source = folder / "agreement.docx"
        source.write_bytes(data)
        cmd = [exe, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "pdf", "--outdir", str(folder), str(source)]
        try:
            proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise CpptoolError(f"LibreOffice did not finish converting to PDF within {timeout:.0f} s; "
                               "render --to docx instead") from None
        except OSError as err:
            raise CpptoolError(f"cannot run LibreOffice ({exe}): {err.strerror or type(err).__name__}") from None
        pdf = folder / "agreement.pdf"
        if proc.returncode != 0 or not pdf.is_file():
            raise CpptoolError(f"LibreOffice could not convert the agreement to PDF (exit code {proc.returncode}); "
                               "render --to docx instead")
        return pdf.read_bytes()


# ---------------------------------------------------------------------------------------------
# Wording from templates/render/*.j2


def _sentence(text: Any) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


class Texts:
    """Calls the macros in templates/render/*.j2 with the plan's data in the context."""

    def __init__(self, context: dict[str, Any]) -> None:
        from jinja2 import FileSystemLoader, StrictUndefined
        from jinja2.sandbox import SandboxedEnvironment

        from cpptool.resources import resource_dir

        env = SandboxedEnvironment(loader=FileSystemLoader(str(resource_dir("templates") / "render")),
                                   undefined=StrictUndefined, autoescape=False, trim_blocks=True,
                                   lstrip_blocks=True)
        env.filters["sentence"] = _sentence
        self._env = env
        self._context = context
        self._modules: dict[str, Any] = {}

    def paragraphs(self, template: str, macro: str, **kwargs: Any) -> list[str]:
        module = self._modules.get(template)
        if module is None:
            module = self._env.get_template(f"{template}.j2").make_module(vars=self._context)
            self._modules[template] = module
        out = str(getattr(module, macro)(**kwargs))
        blocks = re.split(r"\n\s*\n", out.strip())
        return [" ".join(b.split()) for b in blocks if b.strip()]

    def one(self, template: str, macro: str, **kwargs: Any) -> str:
        return " ".join(self.paragraphs(template, macro, **kwargs))


# ---------------------------------------------------------------------------------------------
# Building the document


def fmt_date(day: Optional[dt.date]) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def fmt_when(value: Any) -> str:
    if isinstance(value, dt.date):
        return fmt_date(value)
    return str(value or "").strip()


def age_on(born: Optional[dt.date], day: dt.date) -> Optional[int]:
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_welsh(language: Optional[str]) -> bool:
    text = (language or "").strip().lower()
    return text in _WELSH or text.startswith(("welsh", "cymraeg"))


_TERM_DEFAULTS = {
    "plan": "child protection plan",
    "initial_conference": "initial child protection conference",
    "review_conference": "review child protection conference",
    "core_group": "core group",
    "lead": "lead social worker",
    "chair": "conference chair",
}


def build_document(plan: Any, profile: Any, *, audience: str = "professional", as_of: Optional[dt.date] = None,
                   marking: str = DEFAULT_MARKING) -> RenderedDocument:
    """The blocks of one audience's copy, in the order a family reads the plan."""
    return _Builder(plan, profile, audience, as_of or dt.date.today(), marking).build()


class _Builder:
    def __init__(self, plan: Any, profile: Any, audience: str, as_of: dt.date, marking: str) -> None:
        self.plan = plan
        self.profile = profile
        self.audience = audience
        self.as_of = as_of
        self.terms = {k: str(profile.get(f"terminology.{k}") or v) for k, v in _TERM_DEFAULTS.items()}
        self.child = plan.child.preferred_name or plan.child.name
        lead = plan.member(plan.lead_social_worker)
        self.lead_name = lead.name if lead else None
        self.blocks: list[Block] = []
        agreement = plan.agreement
        language = "cy-GB" if agreement is not None and is_welsh(agreement.language) else "en-GB"
        plan_term = _sentence(self.terms["plan"])
        # The document property names the kind of document, never the child (it shows in file previews).
        title = f"{plan_term}: {'written agreement' if plan.stage == 'detailed' else 'outline plan'}"
        if audience == "child":
            title = f"{plan_term}: child's copy"
        elif audience == "family":
            title += " (family copy)"
        self.doc = RenderedDocument(title=title, language=language, marking=marking, audience=audience,
                                    blocks=self.blocks)
        self.texts = Texts({
            "audience": audience, "terms": self.terms, "child": self.child, "lead_name": self.lead_name,
            "stage": plan.stage,
            "partnership": str(profile.get("terminology.partnership") or "local safeguarding partnership"),
        })

    # -- small helpers

    def h(self, level: int, macro: str, **kwargs: Any) -> None:
        self.blocks.append(Heading(self.texts.one("headings", macro, **kwargs), level))

    def intro(self, macro: str, template: str = "intros", **kwargs: Any) -> None:
        for text in self.texts.paragraphs(template, macro, **kwargs):
            self.blocks.append(Para([(text, False)]))

    def p(self, text: str) -> None:
        if text and text.strip():
            self.blocks.append(Para([(text.strip(), False)]))

    def label(self, label: str, value: Any) -> None:
        text = fmt_when(value) if not isinstance(value, str) else value.strip()
        if text:
            self.blocks.append(Para([(f"{label}: ", True), (text, False)]))

    def bullets(self, items: list[str]) -> None:
        for item in items:
            if item and str(item).strip():
                self.blocks.append(Para([(str(item).strip(), False)], style="bullet"))

    def who(self, member_id: Optional[str], *, fallback: str = "Not yet agreed") -> str:
        if not member_id:
            return fallback
        member = self.plan.member(member_id)
        if member is None:
            return member_id
        return f"{member.name} ({member.role})" if member.role else member.name

    def name_of(self, member_id: Optional[str]) -> str:
        member = self.plan.member(member_id)
        return member.name if member is not None else (member_id or "")

    # -- the document

    def build(self) -> RenderedDocument:
        if self.audience == "child":
            self.child_copy()
        else:
            self.full_copy()
        if self.audience == "family":
            expand_acronyms(self.doc)
        return self.doc

    def full_copy(self) -> None:
        plan = self.plan
        self.h(0, "title")
        self.blocks.append(Para([(self.texts.one("headings", "subtitle", stage=plan.stage), False)],
                                style="subtitle"))
        self.intro("opening")
        self.about()
        self.why()
        self.h(1, "strengths")
        self.bullets(list(plan.strengths) + (list(plan.parenting.strengths) if plan.parenting else []))
        self.h(1, "change")
        self.bullets(plan.needs_to_change)
        if plan.parenting and plan.parenting.difficulties:
            self.blocks.append(Para([("What is hard for the family at the moment:", True)]))
            self.bullets(plan.parenting.difficulties)
        self.goals()
        self.actions()
        self.services()
        if self.audience == "family":
            self.expectations()
        self.visits()
        self.contingency()
        if plan.birth_plan:
            self.h(1, "birth")
            self.p(plan.birth_plan)
        self.meetings()
        self.views()
        self.notices()
        if plan.stage == "detailed":
            self.signatures()

    def about(self) -> None:
        plan, child = self.plan, self.plan.child
        self.h(1, "about")
        self.label("Name", child.name)
        if child.preferred_name and child.preferred_name != child.name:
            self.label("Likes to be called", child.preferred_name)
        if child.date_of_birth:
            age = age_on(child.date_of_birth, self.as_of)
            suffix = f" (age {age})" if age is not None and age >= 0 else ""
            self.label("Date of birth", fmt_date(child.date_of_birth) + suffix)
        elif child.expected_birth_date:
            self.label("Baby due", child.expected_birth_date)
        if self.audience == "professional":
            self.label("Case record", child.id)
        self.label("Lives with", child.lives_with or "")
        self.label("First language", child.first_language or "")
        if child.preferred_language and child.preferred_language != child.first_language:
            self.label("Preferred language", child.preferred_language)
        if child.interpreter_needed:
            self.label("Interpreter", "needed")
        self.label("Communication", child.communication_needs or "")
        self.label("Disability", child.disability or "")
        self.label("Culture and religion", child.culture_and_religion or "")
        conf = plan.conference
        conf_term = {"initial": self.terms["initial_conference"], "review": self.terms["review_conference"],
                     "transfer-in": "transfer-in conference"}[conf.type]
        self.label(_sentence(conf_term), conf.date)
        if conf.chair:
            self.label(_sentence(self.terms["chair"]), conf.chair)
        if plan.lead_social_worker:
            lead = plan.member(plan.lead_social_worker)
            text = self.name_of(plan.lead_social_worker)
            if lead is not None and lead.agency:
                text += f", {lead.agency}"
            self.label(_sentence(self.terms["lead"]), text)

    def why(self) -> None:
        plan, conf = self.plan, self.plan.conference
        self.h(1, "why")
        if conf.decision and conf.decision.reasons:
            self.label("What the conference decided", conf.decision.reasons)
        scotland = self.profile.get("categories.required") is False or (conf.areas_of_concern and not conf.categories)
        if conf.categories and not scotland:
            words = [CATEGORY_WORDS.get(c.upper(), c) for c in conf.categories]
            if self.audience == "professional":
                words = [f"{w} ({c})" if w != c else w for w, c in zip(words, conf.categories)]
            label = "Category" if len(words) == 1 else "Categories"
            if self.audience == "family":
                label = "The kind of harm we are worried about"
            self.label(label, _join(words))
            if conf.categories_reason and len(words) > 1:
                self.label("Why more than one", conf.categories_reason)
        if conf.areas_of_concern:
            self.label("Areas of concern", "; ".join(a.strip() for a in conf.areas_of_concern))
        if plan.concerns:
            self.blocks.append(Para([("What we are worried about:", True)]))
            for concern in plan.concerns:
                runs = [(concern.text.strip(), False)]
                if concern.risk:
                    runs += [("\nWhat could happen if nothing changes: ", True), (concern.risk.strip(), False)]
                self.blocks.append(Para(runs, style="bullet"))

    def goals(self) -> None:
        self.h(1, "goals")
        if not self.plan.outcomes:
            self.p("No safety goals are written yet.")
            return
        rows = []
        for outcome in self.plan.outcomes:
            when = fmt_when(outcome.by) or "Not set"
            if outcome.sustain_for:
                when += f"\nthen keep it up for {outcome.sustain_for.strip()}"
            rows.append([outcome.goal.strip(), (outcome.measure or "Not set").strip(), when])
        self.blocks.append(Table("Safety goals", ["Goal", "How we will know", "By when"], rows,
                                 widths=(0.45, 0.35, 0.20)))

    def actions(self) -> None:
        self.h(1, "actions")
        self.intro("actions")
        rows = []
        for action in self.plan.actions:
            what = action.what.strip()
            if action.support:
                what += f"\nHelp offered: {action.support.strip()}"
            when = "; ".join(t for t in (fmt_when(action.due), (action.frequency or "").strip()) if t) or "Not set"
            rows.append([what, self.who(action.owner), when, (action.success_measure or "Not set").strip()])
        self.blocks.append(Table("Actions", ["What", "Who", "By when", "How we will know"], rows,
                                 widths=(0.40, 0.20, 0.15, 0.25)))

    def expectations(self) -> None:
        plan = self.plan
        owners = {a.owner for a in plan.actions}
        people = [m for m in plan.core_group
                  if m.kind in ("parent", "carer") or (m.kind == "family" and m.id in owners)]
        if not people:
            return
        self.h(1, "expectations")
        for member in people:
            self.h(2, "expect", name=member.name)
            mine = [a for a in plan.actions if a.owner == member.id]
            if member.responsibilities:
                self.label("Your part in the plan", member.responsibilities)
            if not mine:
                self.intro("expect_none")
                continue
            self.intro("expect", lead=self.lead_name)
            for action in mine:
                runs = [(action.what.strip(), False)]
                when = "; ".join(t for t in (fmt_when(action.due), (action.frequency or "").strip()) if t)
                if when:
                    runs += [("\nBy when: ", True), (when, False)]
                if action.success_measure:
                    runs += [("\nHow we will know: ", True), (action.success_measure.strip(), False)]
                if action.support:
                    runs += [("\nHelp you will get: ", True), (action.support.strip(), False)]
                self.blocks.append(Para(runs, style="bullet"))

    def services(self) -> None:
        plan = self.plan
        support = list(plan.parenting.support) if plan.parenting else []
        if plan.needs or support:
            self.h(2, "services")
            for need in plan.needs:
                runs = [(need.need.strip(), False)]
                if need.for_ and need.for_ != "child":
                    runs += [(f" (for {self.name_of(need.for_)})", False)]
                if need.services:
                    runs += [("\nServices: ", True), ("; ".join(s.strip() for s in need.services), False)]
                self.blocks.append(Para(runs, style="bullet"))
            self.bullets(support)
        if plan.assessments:
            self.h(2, "assessments")
            for item in plan.assessments:
                runs = [(item.what.strip(), False)]
                parts = []
                if item.by:
                    parts.append(f"by {self.name_of(item.by)}")
                if item.due:
                    parts.append(f"due {fmt_date(item.due)}")
                if item.status == "done":
                    parts.append(f"done {fmt_date(item.completed)}".strip())
                if parts:
                    runs.append((f" ({', '.join(parts)})", False))
                self.blocks.append(Para(runs, style="bullet"))

    def visits(self) -> None:
        plan, visits = self.plan, self.plan.visits
        seen = [m for m in plan.core_group if m.sees_child and m.kind != "child"]
        if visits is None and not seen:
            return
        self.h(1, "visits")
        if visits is not None:
            lead = self.terms["lead"]
            self.label(f"How often the {lead} visits", visits.frequency or "")
            if visits.unannounced is not None:
                if visits.unannounced.decided:
                    self.label("Visits without telling the family first", visits.unannounced.details or "yes")
                else:
                    self.label("Visits without telling the family first", "not planned")
            if visits.seen_alone_arrangements:
                self.label(f"Seeing {self.child} alone", visits.seen_alone_arrangements)
            elif visits.see_child_alone:
                self.label(f"Seeing {self.child} alone", "at each visit")
        if seen:
            rows = [[f"{m.name} ({m.role})" if m.role else m.name, m.sees_child.strip()] for m in seen]
            self.blocks.append(Table("Who sees the child, and how often", ["Who", f"How often they see {self.child}"],
                                     rows, widths=(0.4, 0.6)))

    def contingency(self) -> None:
        plan = self.plan
        if not plan.contingency and not plan.conference.bring_forward_if:
            return
        self.h(1, "contingency")
        self.intro("contingency")
        if plan.contingency:
            rows = [[step.trigger.strip(), step.action.strip(), self.who(step.who, fallback="The core group")]
                    for step in plan.contingency]
            self.blocks.append(Table("Contingency plan", ["If this happens", "What will happen", "Who"], rows,
                                     widths=(0.35, 0.45, 0.20)))
        if plan.conference.bring_forward_if:
            term = self.terms["review_conference"]
            self.label(f"The {term} will be held sooner if", plan.conference.bring_forward_if)

    def meetings(self) -> None:
        plan = self.plan
        m = plan.meetings
        self.h(1, "meetings")
        if m is not None:
            cg = _sentence(self.terms["core_group"])
            self.label(f"First {self.terms['core_group']} meeting", m.first_core_group)
            self.label(f"{cg} meetings", m.core_group_frequency or "")
            self.label("Where", m.core_group_venue or "")
            self.label("What the meetings are for", m.core_group_purpose or "")
            review = self.terms["review_conference"]
            self.label(f"First {review}", m.first_review_conference)
            if m.next_review_conference and m.next_review_conference != m.first_review_conference:
                self.label(f"Next {review}", m.next_review_conference)
        if plan.core_group:
            self.h(2, "members")
            rows = []
            for member in plan.core_group:
                role = ", ".join(t for t in (member.role, member.agency) if t)
                rows.append([member.name, role, (member.responsibilities or "").strip()])
            self.blocks.append(Table("Core group members", ["Name", "Role or agency", "Their part in the plan"],
                                     rows, widths=(0.25, 0.30, 0.45)))
        if plan.monitoring is not None:
            self.h(2, "monitoring")
            self.p(plan.monitoring.how)
            if plan.monitoring.checked_by:
                self.label("Checked by", self.who(plan.monitoring.checked_by))

    def views(self) -> None:
        plan = self.plan
        views = plan.views
        dissent = list(plan.conference.dissent) + (list(plan.agreement.dissent) if plan.agreement else [])
        if views is None and not dissent and not plan.family_involvement:
            return
        self.h(1, "views")
        if plan.family_involvement:
            self.label("How the family took part", plan.family_involvement)
        if views is not None:
            if views.child is not None:
                self._view(f"What {self.child} said", views.child, self.child)
            elif views.not_sought_reason:
                self.label(f"Why {self.child}'s views were not asked for", views.not_sought_reason)
            for view in views.parents:
                self._view(f"What {self.name_of(view.member)} said", view, self.name_of(view.member))
        if dissent:
            self.h(2, "dissent")
            for item in dissent:
                who = self.name_of(item.by)
                runs = [(f"{who} disagreed", True)]
                runs.append((f" about: {item.about.strip()}" if item.about else ".", False))
                runs += [("\nReasons: ", True), ((item.reasons or "not recorded").strip(), False)]
                self.blocks.append(Para(runs, style="bullet"))

    def _view(self, label: str, view: Any, whose: str) -> None:
        self.label(label, view.views)
        if view.how_obtained:
            self.label("How we asked", view.how_obtained)
        if view.followed is True:
            self.p(f"The plan follows {whose}'s views.")
        elif view.followed is False:
            self.label(f"Why the plan does not do what {whose} wants", view.why_not_followed or "not recorded")

    def notices(self) -> None:
        required = self.profile.requirements
        england = str(self.profile.get("nation") or "").lower() == "england"
        items = []
        if "W5" in required:
            items.append(("complaints", "Your right to complain"))
        if "W6" in required or england:
            items.append(("legal", "Court proceedings"))
        if not items:
            return
        self.h(1, "notices")
        for macro, label in items:
            kwargs = {"lead": self.lead_name} if macro == "complaints" else {}
            paras = self.texts.paragraphs("notices", macro, **kwargs)
            self.blocks.append(Para([(f"{label}: ", True), (paras[0], False)]))
            for text in paras[1:]:
                self.blocks.append(Para([(text, False)]))

    def signatures(self) -> None:
        plan = self.plan
        electronic = self.profile.get("agreement.electronic_signatures") is True
        signs_from = self.profile.get("agreement.child_signs_from_age", 12)
        try:
            signs_from = int(signs_from)
        except (TypeError, ValueError):
            signs_from = 12
        age = age_on(plan.child.date_of_birth, self.as_of)
        child_signs = age is not None and age >= signs_from
        methods = {s.member: s.method for s in (plan.agreement.signatures if plan.agreement else [])}
        words = {"in-person": "In person", "electronic": "Electronic", "email": "E-mail"}
        rows = []
        has_child_row = False
        for member in plan.core_group:
            if member.kind == "child":
                if not child_signs or has_child_row:
                    continue
                has_child_row = True
            role = ", ".join(t for t in (member.role, member.agency) if t)
            row = [member.name, role, "", ""]
            if electronic:
                row.append(words.get(methods.get(member.id) or "", ""))
            rows.append(row)
        if child_signs and not has_child_row:
            rows.append([plan.child.name, "Child", "", ""] + ([""] if electronic else []))
        self.h(1, "signatures")
        self.intro("signatures", methods=electronic)
        header = ["Name", "Role or agency", "Signature", "Date"] + (["Method"] if electronic else [])
        widths = (0.25, 0.30, 0.27, 0.18) if not electronic else (0.22, 0.26, 0.24, 0.14, 0.14)
        self.blocks.append(Table("Signatures", header, rows, widths=widths, kind="signatures"))

    def child_copy(self) -> None:
        version = self.plan.child_version
        if version is None:  # the caller refuses earlier; kept for direct callers
            raise CpptoolError("the plan has no child_version, so there is no child's copy to render")
        self.h(0, "title")
        self.intro("opening")
        self.h(1, "child_why")
        self.p(version.why_we_are_worried)
        if version.what_is_going_well:
            self.h(1, "child_well")
            self.p(version.what_is_going_well)
        self.h(1, "child_happen")
        self.p(version.what_will_happen)
        self.h(1, "child_help")
        if version.who_can_help:
            self.p(version.who_can_help)
        self.intro("child_help_line")
        m = self.plan.meetings
        when = (m.next_review_conference or m.first_review_conference) if m is not None else None
        if when and when >= self.as_of:
            self.h(1, "child_meeting")
            self.intro("child_meeting", date=fmt_date(when))


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def check_child_copy(plan: Any) -> None:
    if plan.child_version is None:
        raise CpptoolError("the plan has no child_version, so there is no child's copy to render; "
                           "write child_version (why_we_are_worried, what_will_happen) with the child first")


# ---------------------------------------------------------------------------------------------
# Plain words for the family copy


def expand_acronyms(doc: RenderedDocument) -> None:
    """Spell out each acronym the first time it appears, e.g. 'Independent Reviewing Officer (IRO)'."""
    seen: set[str] = set()

    def expand(text: str) -> str:
        def one(m: re.Match) -> str:
            word = m.group(1)
            key = "S47" if word.lower() == "s47" else word
            if key in seen:
                return word
            seen.add(key)
            full = GLOSSARY[key]
            before = text[:m.start()].rstrip().lower()
            if before.endswith(full.lower() + " (") or before.endswith(full.lower()):
                return word  # already spelled out
            return f"{full} ({word})"

        return _ACRONYM.sub(one, text)

    for block in doc.blocks:
        if isinstance(block, Heading):
            block.text = expand(block.text)
        elif isinstance(block, Para):
            block.runs = [(expand(t), bold) for t, bold in block.runs]
        elif isinstance(block, Table) and block.kind != "signatures":
            block.rows = [[expand(cell) for cell in row] for row in block.rows]
