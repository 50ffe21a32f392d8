"""Procedure fidelity: each procedure enforced as written. One test per point of the issue, each built
from the procedure's own words (quoted in its docstring)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import AS_OF, COMPLETE, OUTLINE, ROOT, load_yaml, yaml_text
from cpptool.core.catalogue import coverage
from cpptool.core.deadlines import TIMESCALES, parse_interval
from cpptool.core.engine import CheckOptions, check_file
from cpptool.core.profiles import load_profile, shipped_profiles
from cpptool.core.registry import load_rules

D = dt.date
REVIEW = {"type": "review", "date": D(2027, 2, 1), "decision": {"threshold_met": True, "consensus": True},
          "categories": ["NEG"], "bring_forward_if": "Riley is found alone at home at night."}


@pytest.fixture
def check(tmp_path):
    """Check a changed copy of a complete plan: check(profile, changes, as_of=, base=)."""

    def _check(profile, change=None, *, as_of=AS_OF, base=COMPLETE):
        data = load_yaml(base)
        if change:
            change(data)
        path = tmp_path / "plan.yaml"
        path.write_text(yaml_text(data), encoding="utf-8")
        return check_file(path, opts=CheckOptions(profile=profile, as_of=as_of)).findings

    return _check


def found(findings, code):
    return sorted(f.path for f in findings if f.code == code and not f.waived)


def visits(*rows):
    return [{"date": d, "by": by, "child_seen": True, **extra} for d, by, extra in rows]


# ---------------------------------------------------------------------------------------------
# 1. Visits (CPP-T007, CPP-O008, CPP-O009)


def test_1_only_the_lead_social_workers_visits_count(check):
    """North Yorkshire standard 4: "The lead Social Worker will visit the child at least every two
    weeks" - a teacher's weekly visits do not satisfy it."""
    def change(d):
        d["record"]["visits"] = visits((D(2026, 11, 3), "sw", {}), (D(2026, 11, 10), "teacher", {}),
                                       (D(2026, 11, 17), "teacher", {}), (D(2026, 11, 24), "teacher", {}))
    assert found(check("north-yorkshire", change, as_of=D(2026, 11, 25)), "CPP-T007") == ["record.visits"]


def test_1_jersey_counts_only_visits_recorded_at_home(check):
    """Jersey section 3: "The social worker must see the child/young person or young person at home at
    least every 4 weeks" - a visit with the at-home field blank is not a home visit."""
    def change(d):
        d["record"]["visits"] = visits((D(2026, 11, 4), "sw", {"at_home": True}), (D(2026, 11, 25), "sw", {}))
    assert found(check("jersey", change, as_of=D(2026, 12, 3)), "CPP-T007") == ["record.visits"]


@pytest.mark.parametrize("profile, frequency", [("jersey", "every 8 weeks"), ("jersey", "as agreed"),
                                                ("northern-ireland", "every 8 weeks"),
                                                ("northern-ireland", "as agreed")])
def test_1_the_plans_own_frequency_must_meet_the_minimum(check, profile, frequency):
    """Jersey section 3: "The frequency of visiting must be determined in the Child Protection Plan";
    Northern Ireland: "must be seen at least every four weeks, and more often if specified in the
    Child Protection Plan"."""
    def change(d):
        d["visits"]["frequency"] = frequency
    assert found(check(profile, change), "CPP-O008") == ["visits.frequency"]


def test_1_exactly_two_weeks_on_a_bank_holiday_monday_is_not_a_longer_gap(check):
    """North Yorkshire standard 4: "at least every two weeks" - a visit 14 days after the last is in
    time even on a bank holiday (Monday 28 December 2026)."""
    def change(d):
        d["record"]["visits"] = visits(*[(day, "sw", {}) for day in (
            D(2026, 11, 5), D(2026, 11, 16), D(2026, 11, 30), D(2026, 12, 14), D(2026, 12, 28))])
    assert found(check("north-yorkshire", change, as_of=D(2026, 12, 30)), "CPP-T007") == []


def test_1_an_unannounced_visit_needs_a_recorded_decision(check):
    """North Yorkshire standard 4: "Any decisions to make unannounced visits should be clearly
    recorded in the plan"."""
    def change(d):
        d["visits"].pop("unannounced")
    findings = check("north-yorkshire", change)
    assert found(findings, "CPP-O009") == ["record.visits[1].unannounced"]
    assert {f.level for f in findings if f.code == "CPP-O009"} == {"warning"}


# ---------------------------------------------------------------------------------------------
# 2. Seen alone, and the plan's start at a review


def test_2_only_the_lead_social_worker_seeing_the_child_alone_counts(check):
    """Stoke-on-Trent C06 §03: the lead worker must take responsibility "To see the child/young
    person alone within 28 working days as appropriate"."""
    def change(d):
        d["record"]["visits"][0]["seen_alone"] = False
        d["record"]["visits"][1]["by"] = "teacher"
    assert found(check("stoke-on-trent", change, as_of=D(2026, 12, 20)), "CPP-T008") == ["record.visits"]


def test_2_an_unknown_start_is_said_not_skipped(check):
    """Stoke-on-Trent C06 §07: ceasing "should not be considered for at least six months after the
    decision to create a Child Protection Plan" - at a review with no start known, the rule says so."""
    def change(d):
        d["conference"] = dict(REVIEW)
        d["meetings"]["next_review_conference"] = D(2027, 7, 26)
        d["record"]["meetings"][0]["type"] = "strategy-discussion"
        d["ending"] = {"proposed": D(2027, 2, 1), "reason": "Safe at home."}
    findings = check("stoke-on-trent", change, as_of=D(2027, 3, 1))
    assert found(findings, "CPP-T008") == ["conference.plan_start"]
    assert found(findings, "CPP-T009") == ["conference.plan_start"]


def test_2_jersey_two_years_in_and_a_week_two_assessment_are_found(check):
    """Jersey section 5: "A risk assessment must be completed ... When a case has been on the Child
    Protection Register for a year"."""
    def change(d):
        d["conference"] = {**REVIEW, "date": D(2028, 10, 2), "plan_start": D(2026, 11, 2)}
        d["meetings"]["next_review_conference"] = D(2029, 3, 26)
        d["assessments"].append({"what": "Risk assessment.", "by": "sw", "due": D(2026, 11, 13),
                                 "risk_assessment": True, "status": "done", "completed": D(2026, 11, 13)})
    assert found(check("jersey", change, as_of=D(2028, 10, 25)), "CPP-T010") == ["assessments"]


def test_2_new_writes_the_plan_start_for_a_review(cli, tmp_path):
    """The timescales of a review plan count from the initial conference, so `cpptool new` for a
    review conference writes conference.plan_start."""
    path = tmp_path / "plan.yaml"
    code, _, _ = cli("new", str(path), "--profile", "stoke-on-trent", "--set", "conference_type=review",
                     "--set", "conference_date=2027-02-01", "--set", "plan_start=2026-11-02",
                     "--set", "child_name=Riley Fictional", "--set", "lead_name=Sam Example")
    assert code == 0
    assert load_yaml(path)["conference"]["plan_start"] == D(2026, 11, 2)


# ---------------------------------------------------------------------------------------------
# 3. Figures a procedure does not state are not set


@pytest.mark.parametrize("profile", ["stoke-on-trent", "implementation-2008", "council-2019"])
def test_3_no_visit_minimum_where_the_procedure_states_none(check, profile):
    """None of these procedures gives a visit frequency; the 15 working days come from two other
    councils' pages ("Children must be seen a minimum of once every 15 working days", Wirral)."""
    assert load_profile(profile).get("timescales.visit_interval") is None

    def change(d):
        d["visits"]["frequency"] = "every 4 weeks"
        d["record"]["visits"] = []
    findings = check(profile, change, as_of=D(2027, 1, 20))
    assert found(findings, "CPP-O008") == [] and found(findings, "CPP-T007") == []


# ---------------------------------------------------------------------------------------------
# 4. The 2008 core assessment


def test_4_the_35_working_days_are_the_core_assessments_own(check):
    """The 2008 procedure, §3.i: "Completion of the core assessment, within 35 working days" - not
    every assessment, and counted from the core assessment's own start."""
    def change(d):
        d["assessments"] = [{"what": "Psychological assessment of Riley.", "by": "hv", "due": D(2027, 2, 1),
                             "specialist": True}]
    assert found(check("implementation-2008", change), "CPP-T014") == []
    profile = load_profile("implementation-2008")
    assert profile.get("timescales.assessment.only") == "core assessment"
    assert profile.get("timescales.assessment.from") == "assessment-start"
    row = next(r for r in coverage(profile) if r.id == "T19")
    assert row.covered  # counted from assessments[].started where the plan has it, or "needs field" until then


# ---------------------------------------------------------------------------------------------
# 5. Levels come from the procedure's words


@pytest.mark.parametrize("profile, rid, level", [
    ("north-yorkshire", "O24", "should"),  # "should be clearly recorded"
    ("stoke-on-trent", "D8", "should"),    # "should set out what work needs to be done, why, when and by whom"
    ("jersey", "W6", "should"),            # "can be used as evidence"
    ("jersey", "O18", "must"),             # "must be arranged at the end of the conference"
])
def test_5_levels_follow_the_words(profile, rid, level):
    """North Yorkshire: "Any decisions to make unannounced visits should be clearly recorded";
    Stoke-on-Trent: "The Child Protection Plan should set out what work needs to be done, why, when
    and by whom"; Jersey: "The Child Protection Plan can be used as evidence in any legal
    proceedings"; "The first Core Group meeting date must be arranged at the end of the conference,
    along with the required frequency of subsequent meetings"."""
    spec = load_profile(profile).requirements[rid]
    assert spec["level"] == level and spec["quote"]


@pytest.mark.parametrize("profile", ["north-yorkshire", "stoke-on-trent", "implementation-2008", "council-2019",
                                     "jersey"])
def test_5_every_own_requirement_keeps_the_procedures_words(profile):
    """Each seed profile's own entries quote the procedure, and a must quotes words that make it one."""
    own = load_yaml(ROOT / "cpptool" / "profiles" / f"{profile}.yaml")["requirements"]
    for rid, spec in own.items():
        if spec is None or rid in ("T21", "T22", "T24", "T25", "T26", "T27"):  # other NYSCP pages, not read
            continue
        assert spec.get("quote"), f"{profile} {rid} has no quote"
        if spec["level"] == "must":
            assert re.search(r"\b(must|will|shall|always|only|required|ensure)\b", spec["quote"], re.I), (profile, rid)


def test_5_a_must_without_duty_words_is_refused(tmp_path):
    """A level is the procedure's word: validate_profile refuses a must whose quote states no duty."""
    from cpptool.core.errors import CpptoolError
    from cpptool.core.profiles import validate_profile

    values = dict(load_profile("jersey").values)
    values["requirements"] = {"W6": {"level": "must", "quote": "The plan can be used as evidence"}}
    with pytest.raises(CpptoolError, match="states no duty"):
        validate_profile(values, "test")


def test_5_the_first_core_group_comes_with_its_frequency_in_jersey(check):
    """Jersey section 4: "The first Core Group meeting date must be arranged at the end of the
    conference, along with the required frequency of subsequent meetings"."""
    def change(d):
        d["meetings"].pop("core_group_frequency", None)
    findings = check("jersey", change, base=OUTLINE)
    assert "meetings.core_group_frequency" in found(findings, "CPP-O018")
    assert {f.level for f in findings if f.code == "CPP-O018"} == {"error"}


# ---------------------------------------------------------------------------------------------
# 6. Jersey signatures


def test_6_jersey_checks_who_signed(check):
    """Jersey section 2: "a written agreement for all the parties to sign"."""
    def change(d):
        d["agreement"]["signatures"] = [s for s in d["agreement"]["signatures"] if s["member"] == "sw"]
    assert found(check("jersey", change), "CPP-W002")


# ---------------------------------------------------------------------------------------------
# 7. Wales


def test_7_welsh_review_timescales_run(check):
    """Wales: review conferences within 3 months, then at least every 6 months."""
    def change(d):
        d["meetings"]["first_review_conference"] = D(2027, 4, 1)
    assert found(check("wales", change), "CPP-T002") == ["meetings.first_review_conference"]


def test_7_wales_ending_at_the_first_review_needs_its_reasons(check):
    """Wales, de-registration: "deregistration at the first review conference, would usually only
    occur if the child's circumstances have changed to such an extent that a care and support
    protection plan is no longer required"."""
    def change(d):
        d["conference"] = {**REVIEW, "plan_start": D(2026, 11, 2)}
        d["meetings"]["next_review_conference"] = D(2027, 7, 26)
        d["ending"] = {"proposed": D(2027, 2, 1)}
    assert found(check("wales", change, as_of=D(2027, 2, 3)), "CPP-T009") == ["ending.reason"]


# Which rules read each timescale a profile may set, and the requirement one of them must enforce.
READERS = {
    "icpc_after_strategy": ("CPP-T012",), "transfer_in": ("CPP-T013",), "first_core_group": ("CPP-T001",),
    "core_group_interval": ("CPP-T006",), "minutes_circulated": ("CPP-T004",), "agreement_returned": ("CPP-T005",),
    "visit_interval": ("CPP-T007", "CPP-O008"), "see_child_alone": ("CPP-T008",), "cease_not_before": ("CPP-T009",),
    "first_review": ("CPP-T002",), "review_interval": ("CPP-T003", "CPP-T021"), "risk_assessment": ("CPP-T010",),
    "eighteenth_review": ("CPP-T011",), "assessment": ("CPP-T014",), "conference_record": ("CPP-T004",),
}


def test_7_every_timescale_has_a_reader():
    assert set(READERS) <= set(TIMESCALES)


def _readers(ts: str, rules) -> tuple[str, ...]:
    """Rules whose own code names the timescale (for timescales added after this test was written)."""
    import inspect

    return tuple(code for code, r in rules.items() if f'"{ts}"' in inspect.getsource(r.fn))


@pytest.mark.parametrize("name", shipped_profiles())
def test_7_no_profile_holds_a_setting_no_rule_reads(name):
    """A figure a profile sets must be read by a rule that runs under that profile: Wales's
    42-working-day assessment and 18th-birthday look-ahead were set and read by nothing."""
    profile, rules = load_profile(name), load_rules()
    for ts, spec in (profile.get("timescales") or {}).items():
        if spec is None:
            continue
        readers = READERS.get(ts) or _readers(ts, rules)
        assert readers, f"{name}: timescale {ts} has no rule that reads it"
        running = [code for code in readers
                   if any(profile.applies(r, stage) for r in rules[code].requirements for stage in ("outline", "detailed"))]
        assert running, f"{name}: timescale {ts} is read by no rule that runs under this profile"
    if profile.get("outline_at_review"):
        assert profile.applies("D1", "detailed")  # CPP-D001 reads it


# ---------------------------------------------------------------------------------------------
# 8. The whole history, at every stage


def test_8_a_third_review_still_shows_the_late_first_core_group(check):
    """Jersey section 4: "The first meeting of the Core Group must take place within 10 working days
    of the initial child/young person protection conference" - still found at a later review, once,
    on the record entry, and a waiver there acknowledges it."""
    def change(d):
        d["conference"] = {**REVIEW, "date": D(2027, 8, 2), "plan_start": D(2026, 11, 2)}
        d["meetings"]["next_review_conference"] = D(2028, 1, 24)
        d["record"]["meetings"][1]["date"] = D(2026, 11, 30)
    findings = check("jersey", change, as_of=D(2026, 12, 1))
    assert found(findings, "CPP-T001") == ["record.meetings[1].date"]

    def waived(d):
        change(d)
        d["waivers"] = [{"rule": "CPP-T001", "path": "record.meetings[1].date", "reason": "Agreed late by the chair.",
                         "agreed_by": "Team manager", "date": D(2026, 12, 1)}]
    assert found(check("jersey", waived, as_of=D(2026, 12, 1)), "CPP-T001") == []


def test_8_reviews_too_far_apart_in_the_record(check):
    """Jersey, review conferences: "there must be no more than 6 months between Review Conferences"."""
    def change(d):
        d["conference"] = {**REVIEW, "date": D(2027, 11, 1), "plan_start": D(2026, 11, 2)}
        d["meetings"]["next_review_conference"] = D(2028, 4, 24)
        d["record"]["meetings"] += [{"type": "review-conference", "date": D(2027, 1, 25)},
                                    {"type": "review-conference", "date": D(2027, 9, 6)}]
    assert found(check("jersey", change, as_of=D(2027, 11, 5)), "CPP-T003") == ["record.meetings[3].date"]


@pytest.mark.parametrize("profile, days, late", [("wales", D(2026, 11, 10), True), ("wales", D(2026, 11, 6), False),
                                                  ("scotland", D(2026, 11, 17), True)])
def test_8_conference_records_circulated_in_time(check, profile, days, late):
    """Wales: "Within five working days a copy of the outline plan and a summary of decisions made at
    the initial child protection conference ... should be circulated"; Scotland: the record of the
    meeting within 10 working days."""
    def change(d):
        d["record"]["meetings"][0]["minutes_circulated"] = days
    assert bool(found(check(profile, change), "CPP-T004")) is late


# ---------------------------------------------------------------------------------------------
# 9. Stages per requirement


def test_9_goals_and_seen_alone_apply_to_outline_plans_where_asked(check):
    """Southwark's page: effective plans set out "the practical long and short term goals"; Stoke-on-
    Trent C06 §03: "To see the child/young person alone within 28 working days as appropriate"."""
    def no_terms(d):
        for o in d["outcomes"]:
            o.pop("term", None)
    assert found(check("council-2019", no_terms, base=OUTLINE), "CPP-D006") == ["outcomes", "outcomes"]
    assert found(check("england", no_terms, base=OUTLINE), "CPP-D006") == []

    def no_alone(d):
        d["visits"].pop("see_child_alone", None)
    assert found(check("stoke-on-trent", no_alone, base=OUTLINE), "CPP-D028") == ["visits.see_child_alone"]


# ---------------------------------------------------------------------------------------------
# 10. Profiles switch on what their procedure states


@pytest.mark.parametrize("profile", ["north-yorkshire", "implementation-2008", "council-2019"])
def test_10_each_parent_has_an_action(check, profile):
    """North Yorkshire standard 7: "including actions by family members"; the 2008 procedure: "who
    [including family members] will be responsible for what actions"; Southwark: "what the family and
    workers involved need to do to meet the goals"."""
    def change(d):
        d["actions"] = [a for a in d["actions"] if a["owner"] != "mum"]
    assert found(check(profile, change), "CPP-O020") == ["core_group[1]"]


def test_10_jersey_asks_for_the_next_review_and_the_manager(check):
    """Jersey: "Agree a time and date for the next Core Group meeting and next Review Conference";
    the core group "must include: The social worker / and their manager"."""
    def change(d):
        d["meetings"].pop("first_review_conference")
    assert found(check("jersey", change), "CPP-O017") == ["meetings.first_review_conference"]
    assert found(check("jersey"), "CPP-O006") == ["core_group"]  # the base plan has no manager


# ---------------------------------------------------------------------------------------------
# 11. Rules too lenient


@pytest.mark.parametrize("role", ["Family support worker", "Social work assistant"])
def test_11_the_lead_is_a_social_worker(check, role):
    """Stoke-on-Trent C06 §03: "The lead worker will always be a qualified social worker"."""
    def change(d):
        d["core_group"][0]["role"] = role
    assert found(check("stoke-on-trent", change), "CPP-O005") == ["lead_social_worker"]


@pytest.mark.parametrize("name", ["TBC", "Unallocated"])
def test_11_the_lead_is_not_a_placeholder(check, name):
    """Jersey section 3: "the conference chair must name a social worker"."""
    def change(d):
        d["core_group"][0]["name"] = name
    assert found(check("england", change), "CPP-O005") == ["lead_social_worker"]


def test_11_concerns_say_what_happened_and_the_risk(check):
    """Stoke-on-Trent C06 §01: "The plan must be specific about what the risks are and what will
    happen to reduce these."""
    def change(d):
        d["concerns"][0]["text"] = "Neglect"
        d["concerns"][1].pop("risk")
    findings = check("stoke-on-trent", change)
    assert found(findings, "CPP-O004") == ["concerns[0].text"]
    assert found(findings, "CPP-O024") == ["concerns[1].risk"]


def test_11_jersey_asks_about_the_parents_disability(check):
    """Jersey section 2: "Needs arising from any disability, of the child/young person or the parents"."""
    assert found(check("jersey"), "CPP-D017") == ["core_group[1].disability"]
    assert found(check("england"), "CPP-D017") == []


def test_11_contingency_triggers_and_steps(check):
    """Southwark: "the contingency plan - what should be done if the child protection plan isn't
    working" - the trigger says what would happen; a step that keeps the child safe may name a meeting."""
    def change(d):
        d["contingency"][0]["trigger"] = "If the plan is not working."
        d["contingency"][1]["action"] = "Grandma cares for Riley at her house until the strategy meeting decides."
    assert found(check("council-2019", change), "CPP-Q005") == ["contingency[0].trigger"]


def test_11_abbreviations_by_their_shape(check):
    """Family text spells out any abbreviation, found by its shape, not only the glossary's; the
    message never quotes it (it may be anything typed), the text report's detail does."""
    def change(d):
        d["needs_to_change"][0] = "Riley must see the QRT nurse every week."
    hit = next(f for f in check("england", change) if f.code == "CPP-Q009")
    assert "QRT" not in hit.message and "QRT" in hit.detail


def test_11_passed_outcomes_and_unstarted_assessments(check):
    """Sheffield: "how much improvement is needed, by when, so that success can be judged"; Jersey:
    "Time scales for the completion of an Assessment" - found at review."""
    findings = check("jersey", as_of=D(2027, 3, 1))
    assert found(findings, "CPP-T015") == ["outcomes[0].by"]
    assert found(findings, "CPP-T016") == ["assessments[0].status", "assessments[1].status"]


def test_11_a_range_is_understood():
    """"every 5 to 6 weeks, never more than 6": the longest gap it allows."""
    interval = parse_interval("every 5 to 6 weeks, never more than 6")
    assert (interval.n, interval.unit) == (6, "weeks")


# ---------------------------------------------------------------------------------------------
# 12. Coverage is honest


NAMED = {  # statements the audit found with no requirement ID, now each listed by its profile
    "north-yorkshire": {"T20", "L1", "L2", "L3", "L4", "L5", "O24", "O25"},
    "stoke-on-trent": {"L3", "A1", "T20", "D30", "L1", "L6", "A2"},
    "jersey": {"D29", "D30", "A4", "L1", "L9", "A3", "D31"},
    "implementation-2008": {"A5", "O25"},
    "council-2019": {"A7", "O25"},
}


@pytest.mark.parametrize("profile", sorted(NAMED))
def test_12_every_checkable_statement_has_an_id_and_a_status(profile):
    rows = {row.id: row for row in coverage(load_profile(profile))}
    assert NAMED[profile] <= set(rows)
    assert all(row.covered for row in rows.values())
    assert all(row.status.startswith(("enforced by", "not checkable: ", "not covered: needs field "))
               for row in rows.values())


def test_12_a_requirement_waiting_for_a_field_says_which(tmp_path):
    """A statement the plan format cannot express yet is listed as "not covered: needs field ...",
    never left out."""
    from cpptool.core.catalogue import Coverage

    row = Coverage("A4", "must", "", "", ("CPP-X001",), None, None, needs_field="meetings.core_group_dates")
    assert row.covered and row.status == "not covered: needs field meetings.core_group_dates"
    bare = Coverage("A4", "must", "", "", (), None, None)
    assert not bare.covered and bare.status.startswith("NOT COVERED")


def test_12_coverage_leaves_nothing_out(cli):
    for name in shipped_profiles():
        code, out, _ = cli("rules", "--coverage", name)
        assert code == 0 and out.rstrip().endswith("0 not covered"), name
