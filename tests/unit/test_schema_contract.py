"""The shipped JSON Schemas of the data files and the loader's own checks are two statements
of one contract: for every generated document, both accept it or both refuse it.

The documents are generated close to the format (right keys, wrong types, empty or blank
text, control characters, wrong ids, drafts), where the two statements could drift apart.
What a schema cannot say (a role or level id the framework lacks, two names that clash,
an id that differs from the file name) is kept out of the generated documents.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from skillpath import schemas
from skillpath.errors import DataError
from skillpath.framework.model import ID_PATTERN, Framework, Level, Role
from skillpath.loading.builders import build_framework, build_skill
from skillpath.loading.document import parse_text

FRAMEWORK = Framework(
    "Test",
    (Level("junior", "Junior", 0), Level("senior", "Senior", 1)),
    (Role("data-scientist", "Data Scientist"), Role("sre", "SRE")),
)


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schemas.text(name)), format_checker=FormatChecker())


# Generating a document takes a while on a busy CI machine; that is no fault of the test.
SLOW_MACHINE = [HealthCheck.too_slow, HealthCheck.data_too_large]

SKILL_SCHEMA = validator("skill")
FRAMEWORK_SCHEMA = validator("framework")


def often(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly ``good``: a document goes wrong in one or two places, not everywhere, so that
    both the documents accepted and those refused are many."""
    # One in twenty; not a boundary of the range, which Hypothesis draws far more often.
    return st.integers(0, 19).flatmap(lambda n: bad if n == 7 else good)


rarely = st.integers(0, 19).map(lambda n: n == 7)


@st.composite
def shaped(
    draw: st.DrawFn,
    required: dict[str, st.SearchStrategy[Any]],
    optional: dict[str, st.SearchStrategy[Any]],
) -> Any:
    """A mapping with its required keys (now and then one missing), some optional ones, and
    now and then a key nobody knows; now and then not a mapping at all."""
    if draw(rarely):
        return draw(not_text)
    found = {key: draw(value) for key, value in required.items() if not draw(rarely)}
    found |= {key: draw(value) for key, value in optional.items() if draw(st.booleans())}
    if draw(rarely):
        found["colour"] = "red"
    return found


# Text as a person writes it, and the ways it goes wrong.
letters = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8)
good_text = st.one_of(
    st.builds(lambda a, b: f"{a} {b}.", letters, letters),
    st.sampled_from(["line one\nline two", "tab\tinside", " padded "]),
)
bad_text = st.sampled_from(
    ["", " ", "\t\n", "a\x1bb", "x\x9by", "\u202eevil", "two\rlines", "ok\x7f", "\u00a0"]
)
not_text = st.one_of(st.integers(-5, 5), st.booleans(), st.none(), st.just([]), st.just({}))
any_text = often(good_text, st.one_of(bad_text, not_text))
flag = often(st.booleans(), st.sampled_from(["yes", "true", "no", 0, 1, None]))
# A list says each thing once. The loader also takes two entries that differ only in case
# or spacing as one said twice, which no schema can say: such pairs are not generated.
texts = often(
    st.lists(
        any_text, min_size=1, max_size=3, unique_by=lambda t: " ".join(str(t).split()).lower()
    ),
    st.one_of(st.just([]), any_text, st.just(["Said twice.", "Said twice."])),
)

cell = shaped(
    {"description": any_text},
    {"required": flag, "items": texts, "evidence": texts, "questions": texts, "draft": flag},
)
levels = often(st.dictionaries(st.sampled_from(["junior", "senior"]), cell), not_text)
expectations = often(st.dictionaries(st.sampled_from(["data-scientist", "sre"]), levels), not_text)
bad_ids = st.sampled_from([" x", "X", "x_y", "x-", "-x", "x--y", "", "x\n", 3])
ident = often(st.just("x"), bad_ids)
day = often(st.just("2026-02-22"), st.sampled_from(["2026-02-30", "20260222", "2026-W01-1", 5]))


def skill_documents() -> st.SearchStrategy[Any]:
    return shaped(
        {"id": ident, "name": any_text, "domain": any_text, "expectations": expectations},
        {"updated": day, "source": any_text, "notes": any_text},
    )


def loads(text: str, name: str) -> Any:
    return parse_text(Path(name), text)


def agree(schema: Draft202012Validator, document: Any, build: Any) -> None:
    schema_ok = schema.is_valid(document.data)
    try:
        build(document)
        loader_ok = True
    except DataError as error:
        loader_ok = False
        problems = [str(problem) for problem in error.problems]
    else:
        problems = []
    errors = [error.message for error in schema.iter_errors(document.data)]
    assert schema_ok == loader_ok, (document.data, problems, errors)


@settings(max_examples=100, deadline=None, suppress_health_check=SLOW_MACHINE)
@given(skill_documents())
def test_the_skill_schema_and_the_loader_agree(data: Any) -> None:
    skill_id = data.get("id") if isinstance(data, dict) else None
    stem = skill_id if isinstance(skill_id, str) and ID_PATTERN.fullmatch(skill_id) else "x"
    document = loads(yaml.safe_dump(data, allow_unicode=True), f"skills/{stem}.yaml")
    agree(SKILL_SCHEMA, document, lambda doc: build_skill(doc, FRAMEWORK))


@st.composite
def entries(draw: st.DrawFn, kind: str) -> list[Any]:
    """Levels or roles whose ids and names never clash (no schema can say they must not)."""
    found = []
    for index in range(draw(often(st.integers(1, 4), st.just(0)))):
        entry = shaped(
            {
                "id": often(st.just(f"{kind}{index}"), bad_ids),
                "name": often(st.just(f"{kind}{index}q"), st.one_of(bad_text, not_text)),
            },
            {
                "aliases": often(
                    st.just([f"{kind}{index}alias"]), st.lists(often(bad_text, not_text))
                ),
                "summary": any_text,
            },
        )
        found.append(draw(entry))
    return found


def framework_documents() -> st.SearchStrategy[Any]:
    """A framework of its own (``bundled: false``): on top of another one, whether an id is
    new, and so may be added, depends on that one, which no schema knows."""
    document = shaped({"levels": entries("level"), "roles": entries("role")}, {"name": any_text})
    return document.map(
        lambda found: {"bundled": False, **found} if isinstance(found, dict) else found
    )


@settings(max_examples=100, deadline=None, suppress_health_check=SLOW_MACHINE)
@given(framework_documents())
def test_the_framework_schema_and_the_loader_agree_on_a_framework_of_its_own(data: Any) -> None:
    document = loads(yaml.safe_dump(data, allow_unicode=True), "framework.yaml")
    agree(FRAMEWORK_SCHEMA, document, lambda doc: build_framework(doc, None))
