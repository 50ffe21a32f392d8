"""The benchmark's plan generator writes varied, loadable, deterministic plans of about 10 KB."""

from __future__ import annotations

import importlib.util
import statistics
from pathlib import Path

import pytest

from cpptool.core.loader import load_plan

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def plans(generator, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench-plans")
    return generator.generate(folder, n=20, seed=1)


def test_writes_the_number_asked_for(plans):
    assert len(plans) == 20
    assert all(p.suffix == ".yaml" and p.exists() for p in plans)


def test_every_plan_loads_without_problems(plans):
    for path in plans:
        loaded = load_plan(path)
        assert loaded.problems == [], (path.name, loaded.problems[:3])
        assert loaded.plan is not None


def test_every_plan_starts_with_the_schema_modeline(plans):
    for path in plans:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schemas/plan.schema.json"


def test_plans_are_about_10_kb(plans):
    sizes = [p.stat().st_size for p in plans]
    assert all(5_000 <= s <= 16_500 for s in sizes), sizes
    assert 7_000 <= statistics.mean(sizes) <= 13_000


def test_plans_are_varied(plans):
    loaded = [load_plan(p).plan for p in plans]
    assert {p.stage for p in loaded} == {"outline", "detailed"}
    assert len({len(p.actions) for p in loaded}) >= 4
    assert all(3 <= len(p.actions) <= 12 for p in loaded)
    assert len({len(p.core_group) for p in loaded}) >= 3
    assert all(4 <= len(p.core_group) <= 9 for p in loaded)
    assert all(1 <= len(p.concerns) <= 4 for p in loaded)
    assert len({len(p.concerns) for p in loaded}) >= 2
    assert len({p.conference.categories[0] for p in loaded}) >= 2
    assert all(set(p.conference.categories) <= {"NEG", "PHY", "SAB", "EMO", "MUL"} for p in loaded)
    assert len({p.conference.date.year for p in loaded}) >= 2
    assert len({p.conference.date for p in loaded}) >= 15
    assert any(p.record and p.record.visits for p in loaded)
    assert any(p.record and len(p.record.meetings) > 1 for p in loaded)


def test_names_are_clearly_fictional(plans, generator):
    for path in plans:
        plan = load_plan(path).plan
        surname = plan.child.name.split()[-1]
        assert surname in generator.SURNAMES


def test_some_families_need_an_interpreter(generator, tmp_path):
    loaded = [load_plan(p).plan for p in generator.generate(tmp_path, n=60, seed=3)]
    assert any(p.child.first_language != "English" for p in loaded)
    assert any(m.needs_interpreter for p in loaded for m in p.core_group)


def test_deterministic_for_a_seed(generator, tmp_path):
    a = generator.generate(tmp_path / "a", n=5, seed=42)
    b = generator.generate(tmp_path / "b", n=5, seed=42)
    c = generator.generate(tmp_path / "c", n=5, seed=43)
    assert [p.name for p in a] == [p.name for p in b]
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert [p.read_bytes() for p in a] != [p.read_bytes() for p in c]
