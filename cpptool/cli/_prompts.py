"""Terminal prompts for `cpptool new`: ask only for what the answers do not already hold.

Each answer is checked as it is typed and asked again until it is valid, so a mistake never
loses the answers before it. Pressing Enter on a question without a default leaves a TO DO
placeholder, which `cpptool check` reports; nothing is filled in silently.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Optional

from cpptool.core.errors import CpptoolError


def ask_essentials(answers: Any, profile: Any, *, today: dt.date) -> None:
    _child(answers)
    _conference(answers, profile, today)
    if not answers.lead_name:
        _ask(answers, "lead_name", "Lead social worker's name")
    if not answers.members:
        _members(answers)


def _ask(answers: Any, key: str, question: str, default: Optional[str] = None,
         choices: Optional[list[str]] = None, check: Optional[Callable[[], None]] = None) -> None:
    """Ask one question until the answer is valid; an empty answer (no default) leaves it unset."""
    from rich.prompt import Prompt

    from cpptool.core.scaffold import set_answer

    while True:
        value = Prompt.ask(question, default=default, choices=choices, show_default=default is not None)
        if value is None or not str(value).strip():
            return
        previous = getattr(answers, key)
        try:
            set_answer(answers, key, value, key)
            if check is not None:
                check()
            return
        except CpptoolError as err:
            setattr(answers, key, previous)
            print(f"  {str(err).removeprefix(key + ': ')}")  # ask again; every earlier answer is kept


def _yes_no(answers: Any, key: str, question: str) -> None:
    """A yes/no question with no default: Enter alone leaves a placeholder to answer later."""
    if getattr(answers, key) is None:
        _ask(answers, key, f"{question} (y/n; Enter if not known yet)")


def _child(answers: Any) -> None:
    if not answers.child_name:
        _ask(answers, "child_name", "Child's full name")
    if answers.date_of_birth is None:
        _ask(answers, "date_of_birth", "Child's date of birth (DD/MM/YYYY; Enter if unborn)")
        if answers.date_of_birth is None and not answers.pre_birth:
            _ask(answers, "pre_birth", "Is this a pre-birth plan (the baby is not born yet)? (y/n)")
    if not answers.first_language:
        _ask(answers, "first_language", "Child's first language")
    _yes_no(answers, "interpreter_needed", "Does the child need an interpreter?")


def _conference(answers: Any, profile: Any, today: dt.date) -> None:
    from cpptool.core.scaffold import check_categories

    _ask(answers, "conference_type", "Conference type", default=answers.conference_type,
         choices=["initial", "review", "transfer-in"])
    if answers.conference_date is None:
        _ask(answers, "conference_date", "Conference date (DD/MM/YYYY)", default=f"{today:%d/%m/%Y}")
    _yes_no(answers, "threshold_met", "Did the conference find the threshold for a plan met?")
    _yes_no(answers, "consensus", "Did the conference agree (consensus)?")
    if profile.get("categories.required", True) is not False and not answers.categories:
        allowed = profile.get("categories.allowed") or []
        _ask(answers, "categories", f"Category of abuse ({', '.join(allowed)}, or its name, e.g. neglect)",
             check=lambda: check_categories(profile, answers.categories))


def _members(answers: Any) -> None:
    from rich.prompt import Prompt

    from cpptool.core.scaffold import KINDS, Member, suggest_kind

    print("Core group members besides the lead social worker: the parents or carers, then the other "
          "professionals. Press Enter on an empty name when everyone is in.")
    while True:
        name = Prompt.ask("  Member's name", default="", show_default=False).strip()
        if not name:
            return
        role = ""
        while not role:
            role = Prompt.ask("  Role (e.g. Mother, Class teacher)").strip()
        kind = Prompt.ask("  Kind", choices=list(KINDS), default=suggest_kind(role))
        agency = None
        if kind == "professional":
            agency = Prompt.ask("  Agency (e.g. Exampleton Primary School)", default="", show_default=False) or None
        answers.members.append(Member(name, role, kind, agency))
