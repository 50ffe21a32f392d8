"""Terminal prompts for `cpptool new`: ask only for what the answers do not already hold."""

from __future__ import annotations

from typing import Any

from cpptool.core.errors import CpptoolError


def ask_essentials(answers: Any, profile: Any) -> None:
    from rich.prompt import Confirm, Prompt

    from cpptool.core.scaffold import KINDS, Member, set_answer

    def ask(key: str, question: str, default: str | None = None, choices: list[str] | None = None) -> None:
        while True:
            value = Prompt.ask(question, default=default, choices=choices, show_default=default is not None)
            if value is None or value == "":
                return
            try:
                set_answer(answers, key, value, key)
                return
            except CpptoolError as err:
                print(f"  {err}")  # ask again until the answer is valid

    if not answers.child_name:
        ask("child_name", "Child's full name")
    if answers.date_of_birth is None:
        ask("date_of_birth", "Child's date of birth (YYYY-MM-DD, empty if unborn)", default="")
    ask("conference_type", "Conference type", default=answers.conference_type,
        choices=["initial", "review", "transfer-in"])
    if answers.conference_date is None:
        import datetime as dt

        ask("conference_date", "Conference date (YYYY-MM-DD)", default=dt.date.today().isoformat())
    if not answers.lead_name:
        ask("lead_name", "Lead social worker's name")
    if profile.get("categories.required", True) is not False and not answers.categories:
        allowed = profile.get("categories.allowed") or []
        ask("categories", f"Category of abuse ({', '.join(allowed)})",
            default=allowed[0] if allowed else None)
    if not answers.members:
        print("Core group members (press Enter on an empty name to finish):")
        while True:
            name = Prompt.ask("  Member's name", default="", show_default=False)
            if not name:
                break
            role = Prompt.ask("  Role (e.g. Mother, Class teacher)")
            kind = Prompt.ask("  Kind", choices=list(KINDS), default="professional")
            agency = Prompt.ask("  Agency (empty for family)", default="", show_default=False) or None
            answers.members.append(Member(name, role, kind, agency))
            if not Confirm.ask("  Add another member?", default=True):
                break
