"""`cpptool render` to Word: the structure of the .docx, read back with python-docx."""

from __future__ import annotations

import io

import pytest

from conftest import COMPLETE, ROOT, load_yaml
from render_helpers import (ACTION_HEADER, SIGNATURE_HEADER, all_text, headings, open_docx, repeats_header,
                            table_with_header, tiny_png, variant)

AS_OF = "2026-11-23"


@pytest.fixture
def render(cli, tmp_path):
    """Render a plan to a .docx in tmp_path; returns (document, stderr)."""

    def _render(plan=COMPLETE, *args: str, name: str = "out.docx"):
        out = tmp_path / name
        code, _, err = cli("render", "--as-of", AS_OF, plan, "-o", out, "--force", *args)
        assert code == 0, err
        return open_docx(out), err

    return _render


def test_headings_in_reading_order(render):
    document, _ = render()
    assert headings(document) == [
        ("Title", "Child protection plan for Riley"),
        ("Heading 1", "About Riley"),
        ("Heading 1", "Why there is a plan"),
        ("Heading 1", "What is working well"),
        ("Heading 1", "What needs to change"),
        ("Heading 1", "Safety goals"),
        ("Heading 1", "Who will do what"),
        ("Heading 2", "Help and services"),
        ("Heading 2", "Assessments still to be done"),
        ("Heading 1", "Visits and contact"),
        ("Heading 1", "Contingency plan: if things do not get better"),
        ("Heading 1", "Meetings and reviews"),
        ("Heading 2", "Who is in the core group"),
        ("Heading 2", "How progress will be checked"),
        ("Heading 1", "Views of Riley and the family"),
        ("Heading 2", "Disagreements"),
        ("Heading 1", "Important information"),
        ("Heading 1", "Signatures"),
        ("Heading 1", "Distribution list"),  # who must be sent the agreement, and when each was
    ]


def test_category_in_plain_words_and_concerns(render):
    document, _ = render()
    text = all_text(document)
    assert "Category: neglect (NEG)" in text
    for concern in load_yaml(COMPLETE)["concerns"]:
        assert concern["text"] in text and concern["risk"] in text


def test_actions_table_has_every_action_and_a_repeating_header(render):
    document, _ = render()
    table = table_with_header(document, ACTION_HEADER)
    assert table is not None
    assert len(table.columns) == 4
    assert repeats_header(table.rows[0])
    assert not any(repeats_header(r) for r in table.rows[1:])
    actions = load_yaml(COMPLETE)["actions"]
    assert len(table.rows) == len(actions) + 1
    for row, action in zip(table.rows[1:], actions):
        cells = [c.text for c in row.cells]
        assert cells[0].startswith(action["what"])
        assert cells[3] == action["success_measure"]
    first = [c.text for c in table.rows[1].cells]
    assert first[1] == "Jo Fictional (Mother)" and first[2] == "27 November 2026"
    assert [c.text for c in table.rows[2].cells][2] == "every 2 weeks"


def test_goals_table_has_measure_and_by_when(render):
    document, _ = render()
    table = table_with_header(document, ["Goal", "How we will know", "By when"])
    assert table is not None and len(table.rows) == 3
    assert table.rows[1].cells[2].text.startswith("1 February 2027")
    assert repeats_header(table.rows[0])


def test_one_signature_row_per_signatory_without_the_young_child(render):
    document, _ = render()
    table = table_with_header(document, SIGNATURE_HEADER)
    assert table is not None and len(table.columns) == 4
    names = [r.cells[0].text for r in table.rows[1:]]
    assert names == ["Sam Example", "Jo Fictional", "Alex Sample", "Pat Sample"]  # Riley is 8
    # The plan records everyone's signature: who, when and how.
    assert all(r.cells[2].text == "Signed in person" and r.cells[3].text == "16 November 2026"
               for r in table.rows[1:])
    assert repeats_header(table.rows[0])


def test_signature_table_shows_refusals_with_reasons_and_leaves_the_rest_to_sign(render, tmp_path):
    def change(d):
        d["agreement"]["signatures"] = [
            {"member": "sw", "method": "email", "date": "2026-11-17"},
            {"member": "mum", "signed": False, "reason_not_signed": "Disagrees with the category.",
             "date": "2026-11-16"},
            {"member": "teacher", "signed": False, "reason_not_signed": "TO DO: sign at the first core group"},
        ]

    document, _ = render(variant(tmp_path, change))
    rows = {r.cells[0].text: [c.text for c in r.cells[2:]] for r in table_with_header(document, SIGNATURE_HEADER).rows[1:]}
    assert rows["Sam Example"] == ["Agreed by e-mail", "17 November 2026"]
    assert rows["Jo Fictional"] == ["Did not sign. Reason: Disagrees with the category.", "16 November 2026"]
    assert rows["Alex Sample"] == ["", ""]  # a placeholder reason: still to sign
    assert rows["Pat Sample"] == ["", ""]  # nothing recorded: still to sign


def test_child_signs_from_the_profile_age(render, tmp_path):
    plan = variant(tmp_path, lambda d: d["child"].update(date_of_birth="2014-05-14"))
    document, _ = render(plan)
    table = table_with_header(document, SIGNATURE_HEADER)
    names = [r.cells[0].text for r in table.rows[1:]]
    assert names == ["Sam Example", "Jo Fictional", "Alex Sample", "Pat Sample", "Riley Fictional"]
    assert table.rows[-1].cells[1].text == "The child"


def test_legal_notice_in_england_and_no_complaints_notice(render):
    document, _ = render()
    text = all_text(document)
    assert "may be used as evidence if there are court proceedings about Riley" in text
    assert "right to complain" not in text


def test_jersey_notices_and_method_column(render, tmp_path):
    plan = variant(tmp_path, lambda d: d.update(profile="jersey"))
    document, _ = render(plan)
    text = all_text(document)
    assert "You have the right to complain" in text and "To find out how to complain" in text
    assert "court proceedings" in text
    assert "Allocated social worker: Sam Example" in text
    table = table_with_header(document, SIGNATURE_HEADER + ["Method"])
    assert table is not None and len(table.rows) == 5
    assert table.rows[1].cells[4].text == "In person"


def test_wales_terminology(render, tmp_path):
    plan = variant(tmp_path, lambda d: d.update(profile="wales"))
    document, _ = render(plan)
    assert headings(document)[0] == ("Title", "Care and support protection plan for Riley")
    assert document.core_properties.title == "Care and support protection plan: written agreement"
    text = all_text(document)
    assert "Care and support protection plan co-ordinator: Sam Example" in text
    assert "This is the care and support protection plan for Riley" in text


def test_scotland_areas_of_concern(render, tmp_path):
    def change(d):
        d["profile"] = "scotland"
        d["conference"]["categories"] = []
        d["conference"]["areas_of_concern"] = ["Neglect of care at night", "School attendance"]

    document, _ = render(variant(tmp_path, change))
    text = all_text(document)
    assert "Areas of concern: Neglect of care at night; School attendance" in text
    assert "Category" not in text
    assert "Lead professional: Sam Example" in text


def test_marking_in_header_and_page_numbers_in_footer(render):
    document, _ = render()
    section = document.sections[0]
    assert "OFFICIAL-SENSITIVE" in [p.text for p in section.header.paragraphs]
    footer_xml = section.footer._element.xml
    assert "<w:instrText" in footer_xml and " PAGE " in footer_xml and " NUMPAGES " in footer_xml


def test_custom_marking(render):
    document, _ = render(COMPLETE, "--marking", "OFFICIAL")
    assert [p.text for p in document.sections[0].header.paragraphs if p.text] == ["OFFICIAL"]


def test_core_properties_title_and_language(render):
    document, _ = render()
    props = document.core_properties
    assert props.title == "Child protection plan: written agreement"
    assert props.language == "en-GB"
    assert "Riley" not in (props.title + props.subject + props.author + props.comments)
    assert 'w:val="en-GB"' in document.styles.element.xml


def test_welsh_agreement_language(render, tmp_path):
    plan = variant(tmp_path, lambda d: d["agreement"].update(language="Welsh"))
    document, err = render(plan)
    assert "Welsh" in err and "headings and notices are in English" in err
    assert document.core_properties.language == "cy-GB"
    assert 'w:val="cy-GB"' in document.styles.element.xml


def test_plan_text_is_never_template_source(render, tmp_path):
    def change(d):
        d["child"]["name"] = "Riley {{ 7*7 }}"
        d["child"]["preferred_name"] = "Riley {{ 7*7 }}"
        d["concerns"][0]["text"] = "Worry {{ 7*7 }} and {% if true %}yes{% endif %}"
        d["actions"][0]["what"] = "Do {{ config }} {{ ''.__class__ }}"

    document, _ = render(variant(tmp_path, change))
    text = all_text(document)
    assert headings(document)[0] == ("Title", "Child protection plan for Riley {{ 7*7 }}")
    assert "Worry {{ 7*7 }} and {% if true %}yes{% endif %}" in text
    assert "Do {{ config }} {{ ''.__class__ }}" in text
    assert "49" not in text


def test_control_characters_removed_with_a_warning(render, tmp_path):
    def change(d):
        d["concerns"][0]["text"] = "Left alone\x07 at night\x0b."
        d["strengths"][1] = "Grandma\x01 helps."

    plan = variant(tmp_path, change)
    assert "\\a" in plan.read_text()  # the YAML holds the escape, as a plan from another system might
    document, err = render(plan)
    text = all_text(document)
    assert "Left alone at night." in text and "Grandma helps." in text
    assert "removed 3 control characters" in err
    assert "concerns[0].text" in err and "strengths[1]" in err
    assert "Left alone" not in err and "Grandma" not in err


def test_reference_doc_header_and_logo_are_kept(render, tmp_path):
    from docx import Document

    ref = Document(str(ROOT / "templates" / "reference.docx"))
    header = ref.sections[0].header
    par = header.paragraphs[0]
    par.add_run("Exampleshire Council ")
    par.add_run().add_picture(io.BytesIO(tiny_png()))
    ref.styles["Heading 1"].font.name = "Georgia"
    path = tmp_path / "brand.docx"
    ref.save(str(path))

    document, _ = render(COMPLETE, "--reference-doc", path)
    header = document.sections[0].header
    texts = [p.text for p in header.paragraphs]
    assert texts[0] == "OFFICIAL-SENSITIVE"
    assert any("Exampleshire Council" in t for t in texts)
    assert "<w:drawing>" in header._element.xml
    assert any(p.partname.ext == "png" for p in header.part.related_parts.values())
    assert document.styles["Heading 1"].font.name == "Georgia"
    assert "Title: the plan and the child's name" not in all_text(document)  # the sample body is cleared
    assert headings(document)[0] == ("Title", "Child protection plan for Riley")


def test_reference_doc_missing_a_style_is_refused(cli, tmp_path):
    from docx import Document

    ref = Document(str(ROOT / "templates" / "reference.docx"))
    ref.styles["Heading 2"].delete()
    path = tmp_path / "brand.docx"
    ref.save(str(path))
    out = tmp_path / "out.docx"
    code, _, err = cli("render", "--as-of", AS_OF, COMPLETE, "-o", out, "--reference-doc", path)
    assert code == 2
    assert "'Heading 2'" in err and err.count("\n") == 1
    assert not out.exists()


def test_reference_doc_that_is_not_a_docx_is_refused(cli, tmp_path):
    path = tmp_path / "brand.docx"
    path.write_text("not a Word file")
    code, _, err = cli("render", COMPLETE, "-o", tmp_path / "out.docx", "--reference-doc", path)
    assert code == 2 and "is not a Word .docx file" in err


def test_default_reference_has_the_styles(tmp_path):
    from cpptool.core.render.docx import REQUIRED_STYLES, default_reference

    document = open_docx(default_reference())
    for name in REQUIRED_STYLES + ("Table Grid", "List Bullet", "Subtitle"):
        assert document.styles[name] is not None
    section = document.sections[0]
    assert abs(section.page_width.cm - 21.0) < 0.01 and abs(section.page_height.cm - 29.7) < 0.01


def test_reference_script_reproduces_the_committed_file(tmp_path):
    import runpy

    script = runpy.run_path(str(ROOT / "tools" / "make_reference_docx.py"))
    assert script["build"]() == (ROOT / "templates" / "reference.docx").read_bytes(), \
        "templates/reference.docx is out of date: run .venv/bin/python tools/make_reference_docx.py"


def test_family_copy(render, tmp_path):
    def change(d):
        d["conference"]["chair"] = "Morgan Sample, Independent Reviewing Officer (IRO)"
        d["concerns"][0]["text"] = "The IRO and the HV are worried; the IRO said so at the ICPC."
        d["core_group"].append({"id": "dad", "name": "Chris Fictional", "role": "Father", "kind": "parent"})

    document, _ = render(variant(tmp_path, change), "--audience", "family")
    text = all_text(document)
    heads = headings(document)
    assert ("Heading 1", "Why we are worried") in heads
    assert ("Heading 1", "What we expect from parents and carers") in heads
    assert ("Heading 2", "What we expect from you, Jo Fictional") in heads
    assert ("Heading 2", "What we expect from you, Chris Fictional") in heads
    assert "Arrange for Grandma or another agreed adult" in text.split("What we expect from you, Jo Fictional")[1]
    assert "No actions in this plan are yours yet" in text.split("What we expect from you, Chris Fictional")[1]
    assert "Health Visitor (HV)" in text
    assert "Initial Child Protection Conference (ICPC)" in text
    assert "Independent Reviewing Officer (Independent" not in text  # already spelled out in the chair
    assert text.count("Independent Reviewing Officer") == 1
    assert "The kind of harm we are worried about: neglect" in text
    assert "Case record" not in text and "(NEG)" not in text
    assert document.core_properties.title == "Child protection plan: written agreement (family copy)"


def test_child_copy(render, tmp_path):
    document, _ = render(COMPLETE, "--audience", "child")
    assert headings(document) == [
        ("Title", "Riley's plan"),
        ("Heading 1", "Why grown-ups are worried"),
        ("Heading 1", "What is going well"),
        ("Heading 1", "What will happen"),
        ("Heading 1", "Who can help"),
        ("Heading 1", "The next meeting"),
    ]
    text = all_text(document)
    assert load_yaml(COMPLETE)["child_version"]["what_will_happen"] in text
    assert "26 January 2027" in text
    assert not document.tables  # no signature table, no professional tables
    assert document.styles["Normal"].font.size.pt >= 14
    assert document.core_properties.title == "Child protection plan: child's copy"


def test_child_copy_refused_without_child_version(cli, tmp_path):
    plan = variant(tmp_path, lambda d: d.pop("child_version"))
    out = tmp_path / "child.docx"
    code, _, err = cli("render", "--as-of", AS_OF, plan, "--audience", "child", "-o", out)
    assert code == 2
    assert err.startswith("cpptool: error: ") and err.count("\n") == 1 and "child_version" in err
    assert not out.exists()


def test_outline_plan_has_no_signature_table(render):
    document, _ = render(ROOT / "examples" / "plans" / "outline-complete.yaml")
    assert headings(document)[0][0] == "Title"
    assert table_with_header(document, SIGNATURE_HEADER) is None
    assert document.core_properties.title == "Child protection plan: outline plan"


def test_empty_marking_means_none(render):
    document, _ = render(COMPLETE, "--marking", "")
    section = document.sections[0]
    assert [p.text for p in section.header.paragraphs if p.text] == []
    assert [p.text for p in section.footer.paragraphs if p.text] == ["Page 1 of 1"]


@pytest.mark.parametrize("profile", ["england", "north-yorkshire", "stoke-on-trent", "implementation-2008",
                                     "council-2019", "jersey", "scotland", "wales", "northern-ireland"])
def test_family_copy_says_who_to_phone_how_to_complain_and_how_to_get_an_advocate(render, tmp_path, profile):
    def change(d):
        d["profile"] = profile
        d["core_group"][0]["phone"] = "01234 567890"

    document, _ = render(variant(tmp_path, change), "--audience", "family", "--profile", profile)
    text = all_text(document)
    assert ("Heading 1", "Who to contact, and your rights") in headings(document)
    assert "Sam Example, Exampleshire Children's Services: phone 01234 567890, in office hours" in text
    for label in ("Out of office hours: ", "How to complain: ", "Getting an advocate: "):
        assert label in text, label
    assert "999" in text and "advocate" in text


def test_every_shipped_profile_has_the_family_help_wording():
    from cpptool.core.profiles import load_profile, shipped_profiles

    for name in shipped_profiles():
        help_ = load_profile(name).get("agreement.family_help") or {}
        for key in ("out_of_hours", "complaints", "advocacy"):
            assert str(help_.get(key) or "").strip(), f"{name}: agreement.family_help.{key}"


def test_procedure_wording_is_used_where_the_procedure_has_it():
    from cpptool.core.profiles import load_profile

    assert "Safeguarding Partnership Board (SPB)" in load_profile("jersey").get("agreement.family_help.complaints")
    assert "support, advice and advocacy" in load_profile("north-yorkshire").get("agreement.family_help.advocacy")
    assert "advocate's role" in load_profile("stoke-on-trent").get("agreement.family_help.advocacy")


def test_professional_copy_has_no_family_contacts_section(render):
    document, _ = render()
    assert ("Heading 1", "Who to contact, and your rights") not in headings(document)


def test_distribution_list_date_agreed_and_copies_from_plan_format_2(render):
    document, _ = render(COMPLETE.parent.parent / "profiles" / "jersey-complete.yaml")
    text = all_text(document)
    assert "Agreed: 16 November 2026 (version 1)" in text
    assert "Riley Fictional's copy: the child's own version and easy read." in text
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Name" and t.rows[0].cells[-1].text == "Sent")
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    # the members, then the conference chair (Jersey section 2), then the child's own copy (under 12)
    assert [r[0] for r in rows] == ["Sam Example", "Jo Fictional", "Alex Sample", "Pat Sample", "Lee Example",
                                    "Conference chair", "Riley Fictional"]
    assert all(r[2] == "18 November 2026" for r in rows)


def test_a_format_1_plan_lists_who_must_be_sent_it_with_the_circulated_date(render):
    document, _ = render()
    table = next(t for t in document.tables if t.rows[0].cells[-1].text == "Sent")
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [r[0] for r in rows] == ["Sam Example", "Jo Fictional", "Alex Sample", "Pat Sample"]
    assert {r[2] for r in rows} == {"18 November 2026"}


def test_a_copy_to_be_translated_is_noted(render, tmp_path):
    text = (COMPLETE.parent.parent / "profiles" / "jersey-complete.yaml").read_text(encoding="utf-8")
    text = text.replace("  language: English\n  child_copy_language", "  language: Polish\n  child_copy_language", 1)
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    document, _ = render(plan)
    assert "The family's copy of this plan must be in Polish: this document is in English, so it must be " \
           "translated before it is given to the family." in all_text(document)
