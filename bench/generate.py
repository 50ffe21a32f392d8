"""Generate realistic, varied and clearly fictional child protection plans for the benchmark.

    generate(folder, n=1000, seed=1) -> list of paths

Every plan is made up: the people are called Example, Sample, Madeup, Notreal and so on, and
live in Exampleshire. The plans differ in stage (outline or detailed), conference type, the
number of core group members (4-9), concerns (1-4), outcomes, actions (3-12), categories,
languages and interpreters, and in what has happened since (visits, meetings, completed actions).
Dates spread over 2024-2027. Each file is about 10 KB and loads without structural problems.

The YAML is written as text by a tiny emitter (no YAML library), so 1,000 plans take well
under a second. Output is deterministic for a given seed.

Run directly to write plans for a look:  python bench/generate.py OUT_FOLDER [N] [SEED]
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sys
import textwrap
from pathlib import Path
from typing import Any

MODELINE = "# yaml-language-server: $schema=../../schemas/plan.schema.json"
# The benchmark checks "as of" this date; records of what has happened never go beyond it.
AS_OF = dt.date(2026, 11, 23)
FIRST_CONFERENCE = dt.date(2024, 1, 8)
LAST_CONFERENCE = dt.date(2026, 11, 16)

# ---------------------------------------------------------------------------------------------
# A tiny YAML emitter for the plain data a plan is made of


class Folded(str):
    """Text emitted as a folded block scalar (>-), wrapped like a person would write it."""


class Flow(list):
    """A short list of ids emitted on one line: [c1, c2]."""


_PLAIN_OK = re.compile(r"^[A-Za-z][A-Za-z0-9 .,;'()/%&+!?-]*$")
_LOOKS_SPECIAL = re.compile(r"^(true|false|null|yes|no|on|off|y|n|~)$", re.I)


def _scalar(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN_OK.match(text) and not text.endswith(" ") and not _LOOKS_SPECIAL.match(text):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _emit(value: Any, indent: int, out: list[str]) -> None:
    """Emit a mapping's items at `indent` spaces."""
    pad = " " * indent
    for key, item in value.items():
        if item is None:
            continue
        if isinstance(item, dict):
            if not item:
                out.append(f"{pad}{key}: {{}}")
                continue
            out.append(f"{pad}{key}:")
            _emit(item, indent + 2, out)
        elif isinstance(item, Flow):
            out.append(f"{pad}{key}: [{', '.join(_scalar(x) for x in item)}]")
        elif isinstance(item, list):
            if not item:
                out.append(f"{pad}{key}: []")
                continue
            out.append(f"{pad}{key}:")
            for entry in item:
                if isinstance(entry, dict):
                    sub: list[str] = []
                    _emit(entry, indent + 4, sub)
                    out.append(f"{pad}  - {sub[0].lstrip()}")
                    out.extend(sub[1:])
                else:
                    out.append(f"{pad}  - {_scalar(entry)}")
        elif isinstance(item, Folded):
            out.append(f"{pad}{key}: >-")
            for line in textwrap.wrap(str(item), width=max(40, 100 - indent)):
                out.append(f"{pad}  {line}")
        else:
            out.append(f"{pad}{key}: {_scalar(item)}")


def to_yaml(plan: dict, comment: str) -> str:
    lines = [MODELINE, f"# {comment}"]
    for key, value in plan.items():
        chunk: list[str] = []
        _emit({key: value}, 0, chunk)
        if key not in ("format", "profile", "stage", "core_group"):
            lines.append("")
        lines.extend(chunk)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Made-up people, places and words

FIRST = (
    "Riley Casey Jordan Alex Sam Morgan Jamie Taylor Charlie Frankie Robin Ash Kit Remi Billie Drew "
    "Jesse Rowan Sky Eden Harley Quinn Reese Sasha Avery Ellis Finley Hayden Jules Marley Nico Oakley "
    "Parker Rory Sage Tali Wren Zion Bailey Emerson"
).split()
ADULT_FIRST = (
    "Jo Toni Lee Pat Chris Dana Kim Lou Mel Nat Ray Sid Val Bo Cam Dee Gene Jess Kerry Lesley Max "
    "Nicky Rene Shay Terry Vic Bev Carol Dev Ede"
).split()
SURNAMES = (
    "Example Sample Madeup Notreal Fictional Pretend Invented Imaginary Placeholder Testcase "
    "Dummy Specimen Mockley Fakeham Untrue"
).split()
TOWNS = ["Exampleton", "Sampleford", "Madeupbury", "Notrealby", "Fictionham", "Pretendwick", "Inventon"]
COUNTY = ["Exampleshire", "Sampleshire", "Madeupshire"]

LANGUAGES = [
    # (language, a greeting-free description of the family's background, made up)
    ("Polish", "Polish; the family is Catholic and celebrates Christmas Eve together."),
    ("Romanian", "Romanian; the family attends an Orthodox church on some Sundays."),
    ("Urdu", "British Pakistani; the family is Muslim and Ramadan falls during the plan."),
    ("Arabic", "Syrian; the family is Muslim and arrived in the UK three years ago."),
    ("Bengali", "British Bangladeshi; the family is Muslim and the children attend a mosque school."),
    ("Portuguese", "Portuguese; the family is Catholic and visits relatives in Madeira each summer."),
    ("Somali", "Somali; the family is Muslim and is close to the local Somali community centre."),
    ("Tigrinya", "Eritrean; the family is Orthodox Christian and keeps fasting days."),
    ("Lithuanian", "Lithuanian; the family is not religious."),
    ("Welsh", "Welsh; the family speaks Welsh at home and the children attend a Welsh-medium school."),
]
ENGLISH_CULTURES = [
    "White British; the family is not religious and has no festivals to plan around.",
    "Mixed White and Black Caribbean heritage; the family attends a local church on Sundays.",
    "Black British; Grandma takes the children to a Pentecostal church most Sundays.",
    "British Indian; the family is Hindu and celebrates Diwali with relatives.",
    "White Irish Traveller heritage; the family is Catholic and close to a large extended family.",
    "White British; the family is Church of England and the children go to a church school.",
    "Mixed White and Asian heritage; the family is not religious.",
]

CATEGORIES = ["NEG", "PHY", "SAB", "EMO", "MUL"]
CATEGORY_WEIGHTS = [40, 20, 8, 25, 7]

# Concerns, by category: (text, risk). {c} is the child's preferred name, {age} the age,
# {carer} the main carer's role word, {when} a month and year.
CONCERNS = {
    "NEG": [
        ("{c} ({age}) has been left alone at home in the evening on several occasions in {when} while {carer} was out.",
         "{c} could be hurt in an accident or a fire with no adult to help, and feels frightened when alone."),
        ("{c} has missed {n} school days this term and often arrives hungry and in unwashed clothes.",
         "{c} falls behind, misses meals and is not seen by trusted adults who could notice harm."),
        ("The home has been found without heating, with little food and with rubbish piled in the kitchen on three visits since {when}.",
         "{c} could become unwell from cold, poor food and dirt, and is embarrassed to bring friends home."),
        ("{c} has missed four health appointments, including a dental appointment for a painful tooth, since {when}.",
         "{c}'s health needs go untreated and {c} is in pain for long periods."),
        ("{carer} has been found too affected by alcohol to care for {c} on two occasions in {when}.",
         "{c} could be hurt or go without care while {carer} is not able to look after {c}."),
    ],
    "PHY": [
        ("{c} had bruising to the upper arm, seen at school in {when}, and said it happened when {carer} grabbed {c}.",
         "{c} could be badly hurt if physical punishment continues, and {c} is frightened of going home."),
        ("{c} saw adults fighting at home twice in {when}, and was pushed over during one of these fights.",
         "{c} could be badly hurt, and is frightened and sleeping poorly."),
        ("Police were called to the home {n} times in {when} after reports of shouting and things being thrown.",
         "{c} could be injured by objects or by adults fighting, and lives with constant worry."),
        ("{c} has an unexplained burn to the hand, noticed at nursery in {when}, with different accounts of how it happened.",
         "{c} could suffer further injuries that go unexplained and untreated."),
    ],
    "SAB": [
        ("{c} has been in contact online with an unknown adult who sent gifts and asked {c} to keep it secret, found in {when}.",
         "{c} could be groomed and sexually exploited, and may be contacted again through other apps."),
        ("A family friend who poses a known risk to children has been staying at the home since {when}.",
         "{c} could be sexually harmed by an adult the family trusts."),
        ("{c} has been seen getting into cars with older young people after school and coming home late since {when}.",
         "{c} could be sexually exploited and go missing."),
    ],
    "EMO": [
        ("{c} hears {carer} being shouted at and called names most evenings, and told the teacher in {when} that home is scary.",
         "{c} is anxious, withdrawn and believes {c} is to blame for the arguments."),
        ("{carer} often tells {c} that {c} is stupid and unwanted; this was heard by a family support worker in {when}.",
         "{c}'s self-esteem and mental health are being harmed, and {c} has started to self-harm."),
        ("{c} is kept at home to look after younger brothers and sisters and has taken on adult worries since {when}.",
         "{c} loses friendships and schooling and carries responsibilities no child should carry."),
        ("{c} has been told by {carer} to take sides in the parents' separation and to keep secrets from the other parent.",
         "{c} feels torn between parents and is unhappy and unable to concentrate at school."),
    ],
}
PRE_BIRTH_CONCERNS = [
    ("An older brother was removed from {carer}'s care in {when} because of serious neglect, and little has changed since.",
     "The baby could be neglected from birth, with no one noticing when the baby is hungry, cold or unwell."),
    ("{carer} has been drinking heavily during this pregnancy and missed three antenatal appointments since {when}.",
     "The baby could be harmed before birth and cared for by an adult who is not sober after birth."),
    ("Police were called to the home twice in {when} after the father pushed {carer}, who is pregnant.",
     "The baby could be injured before or after birth by violence between the adults."),
]
CONCERNS["MUL"] = CONCERNS["NEG"][:2] + CONCERNS["PHY"][:2] + CONCERNS["EMO"][:2]

GOALS = [
    "{c} will always have a safe adult at home and will feel safe going to sleep.",
    "{c} will go to school every day, with breakfast, and will catch up with reading and maths.",
    "{c} will live in a calm home where adults sort out problems without hurting each other.",
    "{c} will have health and dental care on time and will not be in pain.",
    "{c} will be cared for by adults who are sober and able to look after {c} every day.",
    "{c} will be safe online and will know who to tell if an adult asks for secrets.",
    "{c} will feel loved and listened to, and will be praised more than criticised at home.",
    "{c} will live in a warm, clean home with enough food.",
    "{c} will be home on time every day and will not go missing.",
]
MEASURES = [
    "Unannounced visits and {c}'s own words show things have changed, for 3 months in a row.",
    "School attendance is 95% or more each half term and the teacher sees {c} settled.",
    "No police call-outs to the home, and nursery and family both see {c} calmer for 3 months.",
    "All health appointments attended, confirmed by the GP and the dentist.",
    "{c} tells the social worker and the teacher that home feels safe, using the same scaling tool each time.",
    "Home conditions checklist scores 'good enough' on four visits in a row, two of them unannounced.",
]
SUSTAIN = ["3 months", "6 months", "8 weeks", "12 weeks", "until the review conference"]

ACTIONS = {
    "sw": [
        "Visit {c} at home every {freq}, including at least one unannounced visit each month, and see {c} alone.",
        "Complete a written safety plan with {carer}, including who to call and where {c} will go if things go wrong.",
        "Complete the child and family assessment and share it with the core group.",
        "Refer the family to the family support service and check that the first meeting happens.",
        "Meet {c} at school using the Three Houses tool to hear {c}'s wishes and feelings.",
    ],
    "parent": [
        "Arrange for Grandma or another agreed adult to look after {c} whenever {self} is out in the evening, and write it on the family calendar.",
        "Get {c} to school on time every day, with breakfast, and tell the school by 9am if {c} is ill.",
        "Attend every session of the parenting programme and talk about what was learned at the core group.",
        "Only see {c} at the family centre, at times agreed with the social worker, until the assessment is finished.",
        "Take {c} to every health and dental appointment, and keep the appointment letters to show the social worker.",
        "Attend the alcohol service every week and agree to random testing.",
        "Keep the home warm and clean, with food in the cupboards, and let the social worker look round on every visit.",
    ],
    "school": [
        "Tell the social worker by 10am on any day {c} is absent, and offer {c} breakfast club every morning.",
        "Give {c} a trusted adult to talk to every week and record anything {c} says about home.",
        "Run reading catch-up sessions twice a week and share progress at each core group.",
    ],
    "health": [
        "Complete a health and development review with {c} and share the findings with the core group.",
        "Check {c}'s weight, growth and immunisations and chase any missed appointments.",
        "Support {carer} with a bedtime and mealtime routine, visiting at home every 4 weeks.",
    ],
    "police": [
        "Tell the social worker the same day about any call-out to the family's address.",
        "Share any new information about adults linked to the household at each core group.",
    ],
    "other": [
        "Offer {carer} weekly support sessions and report attendance to the social worker monthly.",
        "Complete a housing repairs visit and fix the heating before the end of the month.",
        "Offer {c} one-to-one sessions about safe and unsafe relationships, and share themes (not details) with the core group.",
    ],
}
SUCCESS = [
    "Visit records show every visit happened, with {c} seen alone.",
    "A written plan, seen by the social worker, that {carer} can explain in their own words.",
    "Attendance and registers checked at each core group.",
    "The report is on file and discussed at the next core group.",
    "Records from the service show every session attended.",
    "Information shared within 24 hours every time.",
]
FREQUENCIES = ["weekly", "every 2 weeks", "every school day", "every 4 weeks", "monthly", "after every call-out"]
SUPPORT = [
    "The social worker will help with bus fares to appointments.",
    "A family support worker will go with {carer} to the first two sessions.",
    "The school will offer a quiet room for meetings.",
    "An interpreter will be booked for every session.",
]
STRENGTHS = [
    "{carer} loves {c} and came to every meeting on time.",
    "{c} has a warm relationship with Grandma, who lives nearby and is willing to help.",
    "{c}'s teacher reports that {c} is kind, funny and enjoys reading.",
    "{carer} asked for help and has been honest with professionals.",
    "{c} is settled and happy at nursery, and has a best friend there.",
    "The family has a close network of aunts and uncles who want to help.",
    "{carer} has stayed away from alcohol for four weeks and is proud of this.",
    "{c} enjoys football club and the coach is a trusted adult.",
]
CHANGES = [
    "{c} must always have a safe adult at home.",
    "{c} must go to school every day, having had breakfast.",
    "{c} must not see or be caught up in fighting between adults.",
    "The adults caring for {c} must be sober.",
    "{c} must be safe from adults who pose a risk to children.",
    "{c} must hear kind words at home and be free of adult worries.",
]
CHAIRS = ["Morgan Sample", "Dale Notreal", "Jude Fictional", "Hollis Example"]

# Professional roles: (id, role, agency pattern, action pool, sees_child, youngest, oldest, responsibilities)
PROFESSIONALS = [
    ("teacher", "Class teacher and designated safeguarding lead", "{town} Primary School", "school",
     "Every school day.", 5, 11, "Checks {c}'s attendance and wellbeing and tells the social worker the same day "
     "if {c} is absent or says something worrying."),
    ("dsl", "Designated safeguarding lead", "{town} Academy", "school", "Every school day.", 11, 17,
     "Checks {c}'s attendance, behaviour and wellbeing and is {c}'s trusted adult at school."),
    ("hv", "Health visitor", "{county} Community Health", "health", "Every 4 weeks at home.", 0, 4,
     "Checks {c}'s growth and development and supports {carer} with routines at home."),
    ("nurse", "School nurse", "{county} Community Health", "health", "Every half term at school.", 5, 17,
     "Reviews {c}'s health and sleep and makes sure appointments are kept."),
    ("gp", "GP", "{town} Medical Practice", "health", "When {c} is ill or has a check-up.", 0, 17,
     "Shares any missed appointments or injuries with the social worker and reviews {carer}'s health."),
    ("police", "Police officer", "{county} Police", "police", None, 0, 17,
     "Shares call-outs and intelligence about adults linked to the household."),
    ("nursery", "Nursery manager", "Little Examples Nursery, {town}", "school", "Four days a week.", 1, 4,
     "Watches {c}'s play and wellbeing, records any marks or worries, and tells the social worker the same day."),
    ("fsw", "Family support worker", "{county} Family Support Service", "other", "Every week at home.", 0, 17,
     "Helps {carer} with routines, meals, budgeting and getting to appointments."),
    ("dva", "Domestic abuse advocate", "{county} Domestic Abuse Service", "other", None, 0, 17,
     "Supports {carer} with safety planning and the court process, and shares risks with the core group."),
    ("housing", "Housing officer", "Notreal Homes Housing Association", "other", None, 0, 17,
     "Makes sure repairs are done and the tenancy is safe, and tells the social worker about any visits."),
    ("camhs", "Children's mental health practitioner", "{county} CAMHS", "health", "Every 2 weeks at clinic.",
     8, 17, "Offers {c} therapy sessions and advises the core group on {c}'s emotional wellbeing."),
    ("yw", "Youth worker", "{town} Youth Project", "other", "Every week at the youth project.", 11, 17,
     "Spends time with {c} each week and helps {c} build safe friendships and interests."),
    ("drug", "Drug and alcohol worker", "{county} Recovery Service", "other", None, 0, 17,
     "Works with {carer} on alcohol use, arranges testing and shares the results."),
    ("midwife", "Community midwife", "{county} Maternity Service", "health", "At every antenatal check.", 0, 0,
     "Sees {carer} at every antenatal check and shares any worries about the pregnancy."),
]


# ---------------------------------------------------------------------------------------------
# One plan


def _date_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _weekday(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def _fill(text: str, **words: Any) -> str:
    return text.format(**words)


_SCHOOL_AGE_WORDS = ("school", "teacher", "reading", "football", "online", "cars", "one-to-one", "learning",
                     "friend", "talk about", "Three Houses", "scaling", "secret", "missing", "self-harm", "younger")
_BORN_WORDS = ("nursery", "hearing", "routine", "growth", "immunisations", "dental", "burn", "bruising",
               "alone", "saw adults", "hears", "tells", "told", "wants", "left", "warm relationship",
               "kind words")


def _suits(text: str, age: int, pre_birth: bool) -> bool:
    """Whether a template makes sense for a child of this age (or an unborn baby)."""
    if age < 5 and any(w in text for w in _SCHOOL_AGE_WORDS):
        return False
    if pre_birth and any(w in text for w in _BORN_WORDS):
        return False
    return True


def _pick(rng: random.Random, options: list, age: int, pre_birth: bool, key=lambda x: x) -> Any:
    fitting = [o for o in options if _suits(key(o), age, pre_birth)] or list(options)
    return rng.choice(fitting)


def _pick_some(rng: random.Random, options: list, k: int, age: int, pre_birth: bool, key=lambda x: x) -> list:
    fitting = [o for o in options if _suits(key(o), age, pre_birth)] or list(options)
    return rng.sample(fitting, k=min(k, len(fitting)))


def make_plan(rng: random.Random, index: int) -> tuple[dict, str]:
    """One plan as plain data, plus a comment line for the top of the file."""
    detailed = rng.random() < 0.6
    surname = rng.choice(SURNAMES)
    town, county = rng.choice(TOWNS), rng.choice(COUNTY)
    conf_date = _weekday(_date_between(rng, FIRST_CONFERENCE, LAST_CONFERENCE))
    conf_type = rng.choices(["initial", "review", "transfer-in"], [70, 25, 5])[0]
    pre_birth = conf_type == "initial" and rng.random() < 0.04

    first = rng.choice(FIRST)
    if pre_birth:
        child_name, c, age = f"Baby {surname}", "Baby", 0
        dob = None
        due_date = conf_date + dt.timedelta(days=rng.randint(20, 90))
    else:
        age = rng.choices(range(0, 17), [4, 5, 6, 6, 6, 7, 7, 7, 7, 7, 6, 6, 6, 5, 5, 4, 3])[0]
        dob = conf_date - dt.timedelta(days=age * 365 + rng.randint(20, 340))
        child_name, c, due_date = f"{first} {surname}", first, None

    # Language: about one plan in five has a family whose first language is not English.
    other_language = rng.random() < 0.2
    if other_language:
        language, culture = rng.choice(LANGUAGES)
        interpreter = language != "Welsh" or rng.random() < 0.3
    else:
        language, culture, interpreter = "English", rng.choice(ENGLISH_CULTURES), False

    # Core group: the social worker, one or two parents, maybe a relative or the child, then professionals.
    n_members = rng.randint(4, 9)
    members: list[dict] = []
    sw_name = f"{rng.choice(ADULT_FIRST)} {rng.choice(['Example', 'Sample', 'Notreal'])}"
    members.append({
        "id": "sw", "name": sw_name, "role": "Lead social worker", "kind": "professional",
        "agency": f"{county} Children's Services",
    })
    carer_word = "Mum" if pre_birth else rng.choice(["Mum", "Dad", "Mum", "Mum", "Grandma"])
    main_id = {"Mum": "mum", "Dad": "dad", "Grandma": "gran"}[carer_word]
    main_kind = "carer" if main_id == "gran" else "parent"
    main_role = {"mum": "Mother", "dad": "Father", "gran": "Grandmother and kinship carer"}[main_id]
    members.append({"id": main_id, "name": f"{rng.choice(ADULT_FIRST)} {surname}", "role": main_role,
                    "kind": main_kind})
    if n_members >= 5 and main_id != "dad" and rng.random() < 0.6:
        members.append({"id": "dad", "name": f"{rng.choice(ADULT_FIRST)} {rng.choice(SURNAMES)}",
                        "role": "Father", "kind": "parent"})
    if n_members >= 6 and age >= 8 and rng.random() < 0.6:
        members.append({"id": "child", "name": child_name, "role": "The child", "kind": "child"})
    if n_members >= 7 and main_id != "gran" and rng.random() < 0.5:
        members.append({"id": "aunt", "name": f"{rng.choice(ADULT_FIRST)} {surname}", "role": "Aunt",
                        "kind": "family"})
    fitting = [p for p in PROFESSIONALS if p[5] <= age <= p[6] and (pre_birth or p[0] != "midwife")]
    pros = rng.sample(fitting, k=max(1, n_members - len(members)))
    words = {"c": c, "carer": carer_word, "town": town, "county": county}
    for pid, role, agency, pool_name, sees, _young, _old, duties in pros:
        if len(members) >= n_members:
            break
        members.append({"id": pid, "name": f"{rng.choice(ADULT_FIRST)} {rng.choice(SURNAMES)}", "role": role,
                        "kind": "professional", "agency": _fill(agency, **words),
                        "_pool": pool_name, "_sees": sees, "_duties": _fill(duties, **words)})
    for m in members:
        if m["kind"] in ("parent", "carer", "family") and other_language:
            m["language"] = language
            if interpreter:
                m["needs_interpreter"] = True
    pools = {m["id"]: m.pop("_pool", None) for m in members}
    sees_map = {m["id"]: m.pop("_sees", None) for m in members}
    duties_map = {m["id"]: m.pop("_duties", None) for m in members}
    parents = [m for m in members if m["kind"] in ("parent", "carer")]

    # Categories and concerns
    n_cats = 1 if rng.random() < 0.85 else 2
    cats = sorted(rng.sample(CATEGORIES[:4], k=2)) if n_cats > 1 else rng.choices(CATEGORIES, CATEGORY_WEIGHTS)
    n_concerns = rng.choices([1, 2, 3, 4], [25, 40, 25, 10])[0]
    pool: list[tuple[str, str]] = []
    for cat in cats:
        pool.extend(CONCERNS[cat])
    if pre_birth:
        pool = list(PRE_BIRTH_CONCERNS)
    elif len([t for t in pool if _suits(t[0], age, pre_birth)]) < n_concerns:
        pool.extend(CONCERNS["NEG"])
    chosen = _pick_some(rng, pool, n_concerns, age, pre_birth, key=lambda t: t[0])
    when = (conf_date - dt.timedelta(days=rng.randint(10, 60))).strftime("%B %Y")
    fill = {"c": c, "carer": carer_word, "age": age, "when": when, "n": rng.randint(2, 30), "self": carer_word}
    concerns = [{"id": f"c{i}", "text": _fill(t, **fill), "risk": _fill(r, **fill)}
                for i, (t, r) in enumerate(chosen, 1)]

    # Outcomes: one per concern, sometimes one shared
    n_outcomes = max(1, min(len(concerns), rng.randint(1, 4)))
    outcomes = []
    for i in range(1, n_outcomes + 1):
        linked = Flow([cc["id"] for j, cc in enumerate(concerns) if j % n_outcomes == i - 1])
        o: dict[str, Any] = {"id": f"o{i}", "goal": _fill(_pick(rng, GOALS, age, pre_birth), **fill), "concerns": linked,
                             "measure": _fill(_pick(rng, MEASURES, age, pre_birth), **fill)}
        by_roll = rng.random()
        if by_roll < 0.8:
            o["by"] = conf_date + dt.timedelta(days=rng.choice([60, 90, 120, 180, 270, 365]))
        elif by_roll < 0.9:
            o["by"] = rng.choice(["by the first review conference", "within 6 months"])
        if detailed:
            o["term"] = rng.choice(["short", "long"])
            o["sustain_for"] = rng.choice(SUSTAIN)
        outcomes.append(o)

    # Actions
    n_actions = rng.randint(3, 12)
    owners = [m for m in members if m["kind"] != "child"]
    actions = []
    statuses = ["not-started", "in-progress", "in-progress", "done", "not-done", "cancelled"]
    for i in range(1, n_actions + 1):
        owner = owners[(i - 1) % len(owners)] if i <= len(owners) else rng.choice(owners)
        kind = owner["kind"]
        pool_name = "sw" if owner["id"] == "sw" else ("parent" if kind in ("parent", "carer", "family")
                                                       else pools.get(owner["id"]) or "other")
        out = outcomes[(i - 1) % len(outcomes)]
        a: dict[str, Any] = {
            "id": f"a{i}",
            "what": _fill(_pick(rng, ACTIONS[pool_name], age, pre_birth), freq=rng.choice(["week", "2 weeks", "10 working days"]),
                          **fill),
            "owner": owner["id"],
        }
        if rng.random() < 0.55:
            a["due"] = _weekday(conf_date + dt.timedelta(days=rng.randint(7, 120)))
        else:
            a["frequency"] = rng.choice(FREQUENCIES)
        a["outcome"] = out["id"]
        if detailed:
            a["concerns"] = Flow(out["concerns"])
        a["success_measure"] = _fill(rng.choice(SUCCESS), **fill)
        if detailed and rng.random() < 0.3:
            a["support"] = _fill(rng.choice(SUPPORT), **fill)
        if detailed or rng.random() < 0.3:
            a["status"] = rng.choice(statuses)
        actions.append(a)

    plan: dict[str, Any] = {"format": 1, "profile": "england", "stage": "detailed" if detailed else "outline"}
    child: dict[str, Any] = {"id": f"EX-{index + 100000:06d}", "name": child_name}
    if not pre_birth:
        child["preferred_name"] = first
        child["date_of_birth"] = dob
    else:
        child["expected_birth_date"] = due_date
    child["first_language"] = language
    child["preferred_language"] = "English" if (other_language and age >= 8 and rng.random() < 0.5) else language
    if other_language or rng.random() < 0.3:
        child["interpreter_needed"] = interpreter and child["preferred_language"] != "English"
    child["disability"] = "Not known before birth." if pre_birth else rng.choice([
        "None known.", "None known.", "Autistic; needs warning before changes to routine.",
        f"Mild hearing loss; {c} wears a hearing aid in the left ear.",
        "Global developmental delay; an education, health and care plan is in place.",
    ])
    child["communication_needs"] = (f"{c} does not talk in sentences yet; the social worker watches how {c} "
                                    "responds to each adult.") if age < 3 and not pre_birth else rng.choice([
        f"{c} likes to draw and talk at the same time; short words and pictures help.",
        f"{c} talks about feelings best while playing.",
        f"{c} is shy with new adults and needs a familiar adult in the room at first.",
        f"{c} prefers to write things down and use a scaling line rather than talk.",
    ]) if not pre_birth else "Not yet born."
    child["culture_and_religion"] = culture
    if detailed:
        child["lives_with"] = f"{carer_word} ({parents[0]['name']})" + rng.choice(
            ["", " and baby brother.", " and two older sisters.", " and Grandad."])
    plan["child"] = child

    conference: dict[str, Any] = {"type": conf_type, "date": conf_date, "chair": rng.choice(CHAIRS)
                                  + " (Independent Reviewing Officer)"}
    if pre_birth:
        conference["pre_birth"] = True
    if conf_type == "initial":
        conference["strategy_discussion"] = _weekday(conf_date - dt.timedelta(days=rng.randint(8, 20)))
    if conf_type == "transfer-in":
        conference["move_notified"] = _weekday(conf_date - dt.timedelta(days=rng.randint(10, 30)))
    if conf_type == "review":
        conference["plan_start"] = _weekday(conf_date - dt.timedelta(days=rng.choice([90, 180, 270])))
    consensus = rng.random() < 0.8
    conference["decision"] = {
        "threshold_met": True, "consensus": consensus,
        "reasons": f"{c[0].upper()}{c[1:]} is likely to suffer significant harm if nothing changes. "
                   + concerns[0]["text"],
    }
    conference["categories"] = Flow(cats)
    if len(cats) > 1:
        conference["categories_reason"] = "Both kinds of harm are present and each needs its own actions."
    if not consensus:
        conference["dissent"] = [{"by": rng.choice(["Health visitor", "Class teacher", "Father"]),
                                  "reasons": "Thought a child in need plan would be enough."}]
    conference["bring_forward_if"] = f"Things get worse for {c}, or {carer_word} stops working with the plan."
    plan["conference"] = conference

    plan["lead_social_worker"] = "sw"
    for m in members:
        if m["kind"] != "child":
            if m["id"] == "sw":
                m["responsibilities"] = "Leads the plan, visits the child, chairs core groups and keeps the record."
                m["sees_child"] = "Every 2 weeks at home, seeing the child alone each time."
            elif m["kind"] == "professional":
                m["responsibilities"] = duties_map[m["id"]]
                if sees_map.get(m["id"]):
                    m["sees_child"] = _fill(sees_map[m["id"]], **fill)
            else:
                m["responsibilities"] = f"Keeps {c} safe day to day and works with every part of the plan."
                m["sees_child"] = "Every day." if m["kind"] != "family" else "Most weekends."
    plan["core_group"] = members

    involvement = (f"{carer_word} came to the conference" + rng.choice([" with a friend for support.", " alone.",
                                                                       " with an advocate."])
                   + f" {carer_word} has been offered an advocate from the {county} Family Advice service."
                   + (f" A {language} interpreter attended and will be booked for every meeting." if interpreter else "")
                   + f" {c}'s views were gathered by the social worker" + (" using the Three Houses tool." if age >= 4
                                                                           else " by observing play."))
    plan["family_involvement"] = Folded(involvement) if rng.random() < 0.5 else involvement
    plan["concerns"] = concerns
    plan["strengths"] = [_fill(s, **fill) for s in _pick_some(rng, STRENGTHS, rng.randint(2, 4), age, pre_birth)]
    plan["needs_to_change"] = [_fill(s, **fill) for s in _pick_some(rng, CHANGES, rng.randint(1, 3), age, pre_birth)]
    plan["outcomes"] = outcomes
    plan["actions"] = actions

    needs = [
        {"need": f"A safe, sober adult caring for {c} every day and night.", "for": "child",
         "services": Flow(["Grandma's care", f"{county} family support worker"])},
        {"need": "Support to plan childcare, money and routines.", "for": parents[0]["id"],
         "services": Flow(["Family support worker", "Citizens Advice"])},
        {"need": f"Help for {c} to catch up with learning and make friends.", "for": "child",
         "services": Flow(["School catch-up sessions twice a week", "After-school club"])},
        {"need": f"Somewhere for {c} to talk about worries.", "for": "child",
         "services": Flow(["School counsellor", "Young carers group"])},
        {"need": f"Help for {carer_word} to understand the effect of adult conflict on children.",
         "for": parents[0]["id"], "services": Flow(["Domestic abuse recovery programme"])},
    ]
    plan["needs"] = _pick_some(rng, needs, rng.randint(2, 4) if detailed else rng.randint(1, 2), age, pre_birth,
                               key=lambda x: x["need"] + " ".join(x["services"]))
    if detailed or rng.random() < 0.4:
        plan["parenting"] = {
            "strengths": [f"{carer_word} keeps {c} clean and well dressed.",
                          f"{carer_word} knows {c}'s likes and dislikes and can describe {c}'s routine."][: rng.randint(1, 2)],
            "difficulties": [rng.choice(["Long working hours leave gaps in care.", "Drinking affects care at weekends.",
                                         "Arguments between the adults frighten the children.",
                                         "Low mood makes it hard to get up and get the children to school."])],
            "support": ["A family support worker will meet the family weekly for 8 weeks."],
        }
    plan["monitoring"] = {"how": "The social worker keeps a visit log and reviews every action at each core group.",
                          "checked_by": "sw", "reports_to": "sw"}
    unannounced: dict[str, Any] = {"decided": rng.random() < 0.8}
    if unannounced["decided"] and detailed:
        unannounced["details"] = "At least one unannounced visit each month."
    visits: dict[str, Any] = {"frequency": rng.choice(["every 2 weeks", "every 10 working days", "weekly"]),
                              "unannounced": unannounced, "see_child_alone": not pre_birth and age >= 3}
    if detailed:
        visits["seen_alone_arrangements"] = (f"{c} is seen alone at home or at school on every visit." if age >= 3
                                             else "Too young to be seen alone; seen with the carer and observed.")
        visits["at_home"] = True
    plan["visits"] = visits
    plan["assessments"] = [{"what": "Child and family assessment, including the capacity of the adults to change.",
                            "by": "sw", "due": _weekday(conf_date + dt.timedelta(days=rng.randint(20, 45)))}]
    if rng.random() < 0.4:
        plan["assessments"].append({"what": "Specialist parenting assessment.", "by": "sw",
                                    "due": _weekday(conf_date + dt.timedelta(days=rng.randint(40, 90))),
                                    "specialist": True})

    if detailed or rng.random() < 0.5:
        views: dict[str, Any] = {}
        if age >= 4:
            views["child"] = {"views": f"{c} said \"I want things to be calmer at home. I like it when Grandma visits.\"",
                              "how_obtained": f"Three Houses tool with the social worker, on "
                                              f"{(conf_date - dt.timedelta(days=5)).isoformat()}.",
                              "followed": True}
        else:
            views["not_sought_reason"] = f"{c} is too young to give views in words; the social worker observed play."
        pv = []
        for p in parents:
            agreed = rng.random() < 0.6
            entry: dict[str, Any] = {"member": p["id"], "views": rng.choice([
                "Agrees with the plan and wants help.", "Agrees with most of the plan but not the school action.",
                "Does not agree that the children are at risk but will work with the plan."]), "followed": agreed}
            if not agreed:
                entry["why_not_followed"] = "The risks are too high to be left to improve on their own."
            pv.append(entry)
        views["parents"] = pv
        plan["views"] = views

    plan["contingency"] = [
        {"trigger": _fill("Things get worse for {c}, or an agreed action is not done.", **fill),
         "concerns": Flow([cc["id"] for cc in concerns]),
         "action": "The social worker will visit the same day and, with a manager, decide whether a review "
                   "conference or legal advice is needed.", "who": "sw"}
        for _ in range(rng.randint(1, 2))
    ]
    first_cg = _weekday(conf_date + dt.timedelta(days=rng.randint(8, 14)))
    meetings: dict[str, Any] = {"first_core_group": first_cg,
                                "core_group_frequency": rng.choice(["every 4 weeks", "every 6 weeks", "monthly"])}
    if detailed:
        meetings["core_group_venue"] = f"{town} family centre"
        meetings["core_group_purpose"] = "Check the actions, hear from the child and family, and update the plan."
    review_gap = 84 if conf_type in ("initial", "transfer-in") else 182
    meetings["first_review_conference" if conf_type != "review" else "next_review_conference"] = \
        _weekday(conf_date + dt.timedelta(days=review_gap - rng.randint(0, 7)))
    plan["meetings"] = meetings

    if detailed:
        signers = [m for m in members]
        plan["agreement"] = {
            "language": language, "child_copy_language": child["preferred_language"],
            "complaints_explained": True, "legal_proceedings_notice": rng.random() < 0.9,
            "explained_to_child": age >= 4, "interpreter_used": interpreter,
            "circulated": first_cg + dt.timedelta(days=2),
            "signatures": [
                ({"member": m["id"], "method": rng.choice(["in-person", "in-person", "electronic", "email"]),
                  "date": first_cg} if rng.random() < 0.9 else
                 {"member": m["id"], "signed": False, "reason_not_signed": "Was not at the core group."})
                for m in signers
            ],
            "dissent": [] if rng.random() < 0.7 else [{"by": parents[0]["id"], "about": "Part of the plan.",
                                                      "reasons": "Recorded; the core group kept the action."}],
        }

    # What has happened since the conference, up to the as-of date.
    rec_meetings = [{"type": "initial-conference" if conf_type == "initial" else "review-conference",
                     "date": conf_date}] if conf_type != "transfer-in" else []
    day = first_cg
    for _ in range(rng.randint(0, 6)):
        if day > AS_OF:
            break
        entry = {"type": "core-group", "date": day}
        if rng.random() < 0.7 and day + dt.timedelta(days=3) <= AS_OF:
            entry["minutes_circulated"] = day + dt.timedelta(days=rng.randint(1, 5))
        rec_meetings.append(entry)
        day = _weekday(day + dt.timedelta(days=rng.choice([28, 28, 35, 42])))
    rec_visits = []
    day = _weekday(conf_date + dt.timedelta(days=rng.randint(2, 7)))
    for _ in range(rng.randint(0, 12)):
        if day > AS_OF:
            break
        v: dict[str, Any] = {"date": day, "by": "sw", "child_seen": rng.random() < 0.92}
        if v["child_seen"]:
            v["seen_alone"] = age >= 3 and rng.random() < 0.8
        v["at_home"] = rng.random() < 0.8
        if rng.random() < 0.25:
            v["unannounced"] = True
        rec_visits.append(v)
        day = _weekday(day + dt.timedelta(days=rng.choice([7, 10, 14, 14, 14, 21])))
    done = [a for a in actions if a.get("status") == "done" and isinstance(a.get("due"), dt.date)
            and a["due"] <= AS_OF]
    plan["record"] = {
        "meetings": rec_meetings,
        "visits": rec_visits,
        "actions_completed": [{"action": a["id"], "date": a["due"], "evidence": "Seen by the social worker."}
                              for a in done],
    }

    if detailed and age >= 4:
        plan["child_version"] = {
            "why_we_are_worried": f"Grown-ups are worried because {concerns[0]['risk'][0].lower()}"
                                  f"{concerns[0]['risk'][1:]}".replace(c + " ", "you ", 1),
            "what_is_going_well": f"{carer_word} loves you very much, and you are a kind friend.",
            "what_will_happen": f"{sw_name.split()[0]} will come to see you often and will listen to you.",
            "who_can_help": f"{sw_name.split()[0]} your social worker, your teacher, and {carer_word}.",
        }
    plan["waivers"] = []
    comment = (f"Synthetic benchmark plan {index + 1}: an entirely fictional child. "
               "Every name, place and event is made up.")
    return plan, comment


def generate(folder: Path, n: int = 1000, seed: int = 1) -> list[Path]:
    """Write `n` synthetic plans into `folder` (created if needed) and return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    width = max(4, len(str(n)))
    for i in range(n):
        plan, comment = make_plan(rng, i)
        path = folder / f"plan-{i + 1:0{width}d}-{plan['stage']}.yaml"
        path.write_text(to_yaml(plan, comment), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python bench/generate.py OUT_FOLDER [N] [SEED]")
    out = generate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000,
                   int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    print(f"wrote {len(out)} plans to {sys.argv[1]}")
