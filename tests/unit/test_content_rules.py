"""The bundled framework follows the content rules of its review, read with PyYAML directly.

These checks do not import the skillpath package: its loader is being rewritten and is not yet
the judge of the `evidence:`, `questions:` and `notes:` keys. They cover the review of the bundled
framework (issue 13): breadth, the ML Engineer role, evidence and questions on every cell, one
spelling, observable sentences, current tools, the required-cell rule of docs/required-cells.md,
the ladder without a `staff` alias, and the seed page carried word for word.
"""

from __future__ import annotations

import datetime
import difflib
import itertools
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent.parent
DATA = REPO / "data"
DOCS = REPO / "docs"
SEED = Path(__file__).parent.parent / "seed" / "deep-learning-profile.txt"

LEVELS = ["junior", "middle", "senior", "lead", "principal"]
ROLES = ["data-scientist", "llm-engineer", "ml-engineer"]
SEED_SKILL = "deep-learning"
BASELINE = "responsible-ai"  # docs/required-cells.md, rule 2
SOURCE = "skillpath project (written for the bundled Machine Learning & AI framework)"
EDITION_DATE = datetime.date(2026, 12, 7)
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

FRAMEWORK: dict[str, Any] = yaml.safe_load((DATA / "framework.yaml").read_text(encoding="utf-8"))
SKILLS: dict[str, dict[str, Any]] = {
    path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in sorted((DATA / "skills").glob("*.yaml"))
}
WRITTEN_HERE = sorted(skill_id for skill_id in SKILLS if skill_id != SEED_SKILL)


def role_cells(skill: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """role -> level -> cell, as docs/data-format.md reads them: a cell written once under
    every-role applies to each of the skill's roles (every role by default) unless a role's
    own cell takes its place."""
    every = skill.get("every-role") or {}
    roles = skill.get("roles", ROLES) if every else []
    result: dict[str, dict[str, dict[str, Any]]] = {role: dict(every) for role in roles}
    for role, levels in (skill.get("expectations") or {}).items():
        result.setdefault(role, {}).update(levels)
    return result


def cells(skill_ids: list[str] | None = None) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(skill, role, level, cell) for every cell of the given skills (all by default)."""
    return [
        (skill_id, role, level, cell)
        for skill_id in (skill_ids if skill_ids is not None else sorted(SKILLS))
        for role, levels in role_cells(SKILLS[skill_id]).items()
        for level, cell in levels.items()
    ]


def text_of(cell: dict[str, Any]) -> str:
    """A cell's words: its description, or its items where it gives them instead."""
    return str(cell.get("description") or " ".join(cell.get("items", [])))


def question_texts(cell: dict[str, Any]) -> list[str]:
    """The words of a cell's questions: each question and what its strong answer mentions."""
    return [
        question[key]
        for question in cell.get("questions", [])
        for key in ("ask", "strong-answer")
        if isinstance(question, dict) and key in question
    ]


# docs/data-format.md: a sentence ends at ".", "!" or "?" before a capital letter;
# "e.g.", "i.e.", "vs." and "etc." do not end one.
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NOT_AN_END = re.compile(r"(?:\be\.g\.|\bi\.e\.|\bvs\.|\betc\.)$")


def sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    parts: list[str] = []
    for piece in _BOUNDARY.split(text):
        if parts and _NOT_AN_END.search(parts[-1]):
            parts[-1] += " " + piece
        else:
            parts.append(piece)
    return [part for part in parts if part]


def core_table() -> dict[str, dict[str, list[str]]]:
    """The core skills per role and the levels at which each is required, from the table in
    docs/required-cells.md: a row `| Role | skill | First to Last | why |`."""
    text = (DOCS / "required-cells.md").read_text(encoding="utf-8")
    roles = {role["name"]: role["id"] for role in FRAMEWORK["roles"]}
    levels = {level["name"]: level["id"] for level in FRAMEWORK["levels"]}
    span = re.compile(r"^(\w+) to (\w+)$")
    core: dict[str, dict[str, list[str]]] = {}
    for line in text.splitlines():
        parts = [part.strip() for part in line.strip().strip("|").split("|")]
        if len(parts) != 4 or parts[0] not in roles:
            continue
        role, skill_id, required, why = parts
        match = span.match(required)
        assert match, f"{line!r}: the levels are written 'First to Last'"
        first, last = (LEVELS.index(levels[name]) for name in match.groups())
        assert first <= last and why, line
        assert skill_id not in core.setdefault(roles[role], {}), f"{skill_id} twice for {role}"
        core[roles[role]][skill_id] = LEVELS[first : last + 1]
    assert set(core) == set(ROLES), "every role has rows in the core skills table"
    return core


CORE = core_table()


# --- breadth -------------------------------------------------------------------------------


def test_the_framework_has_at_least_21_skills() -> None:
    assert len(SKILLS) >= 21
    for skill_id in (
        "agents-tool-use",
        "distributed-gpu-training",
        "software-engineering-ml",
        "communication-stakeholders",
    ):
        assert skill_id in SKILLS


# The third edition's new skills (issue 28); forecasting left causal inference's skill.
THIRD_EDITION = {
    "technical-leadership",
    "product-delivery",
    "ai-assisted-engineering",
    "unsupervised-anomaly-detection",
    "recommender-systems-ranking",
    "llm-serving",
    "multimodal-document-ai",
    "forecasting",
    "causal-inference",
}
# How many skills each role had in the second edition (22 skills).
SECOND_EDITION = {"data-scientist": 15, "llm-engineer": 17, "ml-engineer": 14}


def test_the_third_edition_adds_the_missing_skills() -> None:
    assert set(SKILLS) >= THIRD_EDITION
    assert "causal-inference-forecasting" not in SKILLS
    for skill_id in THIRD_EDITION:
        assert all(len(levels) == len(LEVELS) for levels in role_cells(SKILLS[skill_id]).values())


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gains_at_least_three_skills(role: str) -> None:
    assert sum(role in role_cells(skill) for skill in SKILLS.values()) >= SECOND_EDITION[role] + 3


def test_ml_engineer_is_required_in_at_least_four_skills() -> None:
    required_in = {
        skill_id
        for skill_id, role, _, cell in cells()
        if role == "ml-engineer" and cell["required"]
    }
    assert len(required_in) >= 4
    # no ML Engineer reaches a level without data and evaluation competence
    assert {"model-evaluation", "data-preparation"} <= required_in


# --- shape ---------------------------------------------------------------------------------


@pytest.mark.parametrize("skill_id", sorted(SKILLS))
def test_each_skill_has_the_documented_keys(skill_id: str) -> None:
    skill = SKILLS[skill_id]
    assert skill["id"] == skill_id and ID.match(skill_id)
    keys = {"id", "name", "domain", "updated", "source", "notes", "summary", "expectations"}
    keys |= {"every-role"}
    assert set(skill) <= keys and ("expectations" in skill or "every-role" in skill)
    assert skill["domain"] == "Machine Learning & AI"
    assert isinstance(skill["updated"], datetime.date)
    # Deep Learning keeps the seed page's date: its descriptions are the page's, unchanged.
    seed_date = datetime.date(2026, 2, 22)
    assert skill["updated"] == (seed_date if skill_id == "deep-learning" else EDITION_DATE)
    assert isinstance(skill.get("notes", ""), str)
    for role, levels in role_cells(skill).items():
        assert role in ROLES
        assert list(levels) == LEVELS, f"{skill_id} {role} covers all five levels, in order"
        for level, cell in levels.items():
            assert set(cell) <= {"required", "description", "items", "evidence", "questions"}
            assert isinstance(cell["required"], bool), f"{skill_id} {role}/{level}"


def test_every_skill_says_where_it_comes_from() -> None:
    assert SKILLS[SEED_SKILL]["source"].startswith('skill-profile page "Deep Learning"')
    assert all(SKILLS[skill_id]["source"] == SOURCE for skill_id in WRITTEN_HERE)


# --- evidence and interview questions ------------------------------------------------------


def _one_ascii_sentence(text: object) -> bool:
    return (
        isinstance(text, str)
        and text.strip() == text
        and text.isascii()
        and text.isprintable()
        and len(sentences(text)) == 1
        and 20 <= len(text) <= 300
    )


# Interview kits with signal (issue 28): three questions a cell, each with what a strong
# answer mentions, in this order.
KINDS = ["behavioral", "scenario", "depth"]


@pytest.mark.parametrize("skill_id", sorted(SKILLS))
def test_every_cell_has_evidence_and_questions(skill_id: str) -> None:
    for _, role, level, cell in cells([skill_id]):
        where = f"{skill_id} {role}/{level}"
        evidence, questions = cell.get("evidence"), cell.get("questions")
        assert isinstance(evidence, list) and len(evidence) >= 2, where
        for text in evidence:
            assert _one_ascii_sentence(text) and text.endswith("."), f"{where}: {text!r}"
        assert isinstance(questions, list), where
        assert [question.get("kind") for question in questions] == KINDS, where
        for question in questions:
            assert set(question) == {"ask", "kind", "strong-answer"}, f"{where}: {question}"
            ask, strong = question["ask"], question["strong-answer"]
            assert _one_ascii_sentence(ask) and ask.endswith("?"), f"{where}: {ask!r}"
            assert _one_ascii_sentence(strong) and strong.endswith("."), f"{where}: {strong!r}"
            assert len(strong) >= 40 and not strong.casefold().startswith("a strong"), strong


def test_no_evidence_or_question_is_repeated() -> None:
    texts = Counter(
        text.casefold()
        for *_, cell in cells()
        for text in [*cell.get("evidence", []), *question_texts(cell)]
    )
    assert [text for text, count in texts.items() if count > 1] == []


# --- the old content rules, kept for every skill written here ------------------------------


@pytest.mark.parametrize("skill_id", WRITTEN_HERE)
def test_each_cell_is_two_to_four_sentences_of_sensible_length(skill_id: str) -> None:
    for _, role, level, cell in cells([skill_id]):
        description = text_of(cell)
        where = f"{skill_id} {role}/{level}"
        assert 2 <= len(sentences(description)) <= 4, where
        assert 120 <= len(description) <= 480, where
        assert description.isascii(), where


def test_no_sentence_is_repeated_anywhere() -> None:
    counted = Counter(
        sentence.casefold() for *_, cell in cells() for sentence in sentences(text_of(cell))
    )
    assert [text for text, count in counted.items() if count > 1] == []


@pytest.mark.parametrize("skill_id", sorted(SKILLS))
def test_each_level_says_something_new(skill_id: str) -> None:
    for role, levels in role_cells(SKILLS[skill_id]).items():
        texts = [text_of(levels[level]) for level in LEVELS]
        for lower, upper in itertools.pairwise(texts):
            assert difflib.SequenceMatcher(None, lower, upper).ratio() < 0.6, f"{skill_id} {role}"


# --- observable, current, one spelling -----------------------------------------------------


def test_few_sentences_start_with_knows_or_understands() -> None:
    written = [s for *_, cell in cells(WRITTEN_HERE) for s in sentences(text_of(cell))]
    vague = [s for s in written if s.startswith(("Knows", "Understands"))]
    assert len(vague) <= 0.05 * len(written), vague


# docs/levels.md, "Senior raises the bar" and "Lead: a Staff engineer or a manager".
LEADERSHIP = "technical-leadership"
_RAISES_THE_BAR = re.compile(r"\b(?:review|mentor)\w*", re.IGNORECASE)
_COACHING = re.compile(r"^(?:Coaches|Mentors|Grows|Trains|Teaches|Pairs|Develops)\b")
_MANAGER_WORK = re.compile(
    r"rotation|growth goal|\bhiring\b|\bhires\b|career|performance review", re.IGNORECASE
)


def sentences_of(cell: dict[str, Any]) -> list[str]:
    return list(cell["items"]) if "items" in cell else sentences(cell["description"])


def test_required_senior_cells_raise_the_bar_for_others() -> None:
    flat = [
        f"{skill_id} {role}"
        for skill_id, role, level, cell in cells(WRITTEN_HERE)
        if level == "senior" and cell["required"]
        if not any(_RAISES_THE_BAR.search(sentence) for sentence in sentences_of(cell))
    ]
    assert flat == []


def test_technical_lead_cells_leave_growing_people_to_one_skill() -> None:
    """Growing people is judged once, in technical-leadership, not as a sentence tacked on to
    every Lead cell; manager work never stands in a technical cell a Staff engineer must meet."""
    coaching = [
        f"{skill_id} {role}: {sentence}"
        for skill_id, role, level, cell in cells(WRITTEN_HERE)
        if level == "lead" and skill_id != LEADERSHIP
        for sentence in sentences_of(cell)
        if _COACHING.match(sentence) or _MANAGER_WORK.search(sentence)
    ]
    assert coaching == []


def test_growing_others_is_one_skill_written_once_and_required_from_senior() -> None:
    skill = SKILLS[LEADERSHIP]
    assert "expectations" not in skill and "roles" not in skill, "written once, for every role"
    flags = [skill["every-role"][level]["required"] for level in LEVELS]
    assert flags == [False, False, True, True, True]
    assert all(CORE[role][LEADERSHIP] == ["senior", "lead", "principal"] for role in ROLES)


def test_lead_says_what_a_staff_engineer_and_a_manager_are_judged_on() -> None:
    lead = sentences_of(SKILLS[LEADERSHIP]["every-role"]["lead"])
    manager = [sentence for sentence in lead if sentence.startswith("As a manager,")]
    staff = [sentence for sentence in lead if sentence.startswith("As a Staff engineer,")]
    assert manager and staff and len(manager) + len(staff) < len(lead), lead
    doc = " ".join((DOCS / "levels.md").read_text(encoding="utf-8").split())
    assert "## Lead: a Staff engineer or a manager" in doc
    assert [sentence for sentence in lead if " ".join(sentence.split()) not in doc] == []


def test_principal_cells_name_an_outcome_across_teams() -> None:
    across = re.compile(r"\b(across|every|all)\b", re.IGNORECASE)
    vague = [
        f"{skill_id} {role}"
        for skill_id, role, level, cell in cells(WRITTEN_HERE)
        if level == "principal" and not across.search(text_of(cell))
    ]
    assert vague == []


# Spellings the seed page (American) does not use. Each pattern is whole-word and cannot match
# an American word.
BRITISH = re.compile(
    r"\b(organis\w*|labell\w*|modell\w*|behaviour\w*|optimis(e|ed|es|ing|ation|ations)|analys(e|ed|ing)|colour\w*"
    r"|favour\w*|centre\w*|licence\w*|catalogue\w*|prioritis\w*|recognis\w*|summaris\w*"
    r"|visualis\w*|normalis\w*|generalis\w*|standardis\w*|utilis\w*|minimis\w*|maximis\w*"
    r"|travell\w*|judgement\w*|defence|programme\w*|artefact\w*)\b",
    re.IGNORECASE,
)


def test_one_spelling_american_as_the_seed() -> None:
    files = [DATA / "framework.yaml", *sorted((DATA / "skills").glob("*.yaml"))]
    files += [DOCS / "levels.md", DOCS / "required-cells.md"]
    found = [
        f"{path.name}: {match.group(0)}"
        for path in files
        for match in BRITISH.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


# Things that must not be recommended any more. A skill's `notes:` may name them, to say that
# they are dated; descriptions, evidence and questions may not.
DEPRECATED = {
    "Text Generation Inference (maintenance mode)": re.compile(
        r"Text Generation Inference|\bTGI\b"
    ),
    "TorchScript (deprecated for torch.export)": re.compile(r"TorchScript"),
    "TFLite (now LiteRT)": re.compile(r"TFLite|TensorFlow Lite"),
    "GGUF as a quantization method (it is a file format)": re.compile(
        r"\b(GPTQ|AWQ)\b[^.]*\bGGUF\b|\bGGUF\b[^.]*\b(GPTQ|AWQ)\b"
    ),
    "vLLM mechanisms configured as features": re.compile(
        r"[Cc]onfigures vLLM features such as continuous batching"
    ),
    # The third edition's review (issue 28): names a 2026 reader finds dated or wrong.
    "insecure output handling (OWASP's 2025 list: improper output handling)": re.compile(
        r"[Ii]nsecure output handling"
    ),
    "Tecton as a standalone vendor (now part of Databricks)": re.compile(r"\bTecton\b"),
    "Detectron2 (no longer developed)": re.compile(r"Detectron"),
    "Prophet-style forecasting": re.compile(r"Prophet"),
    "TensorFlow Data Validation": re.compile(r"TensorFlow Data Validation|\bTFDV\b"),
    "Triton Inference Server (renamed)": re.compile(r"Triton Inference Server"),
    "lm-evaluation-harness as an application evaluation tool": re.compile(r"lm-evaluation-harness"),
}


# Evidence that needs luck: a real incident, outage or defect that happened to come along.
_LUCK = re.compile(
    r"\bcaught\b|\breal (?:incident|degradation|decay|defect|attack|outage|agent incident)"
    r"|\bduring an? (?:provider|model) outage|\breported an? (?:bias|data handling)",
    re.IGNORECASE,
)
# What may stand in for it: a rehearsal anyone can hold.
_REHEARSAL = re.compile(
    r"drill|game day|simulated|injected|seeded|fault-injection|walked through|rehears",
    re.IGNORECASE,
)


def test_no_evidence_depends_on_luck() -> None:
    """A person cannot be held back because nothing broke on their watch: where evidence
    names a real incident or a defect caught, a drill, game day or test is accepted too."""
    lucky = [
        f"{skill_id} {role}/{level}: {evidence}"
        for skill_id, role, level, cell in cells(WRITTEN_HERE)
        for evidence in (" ".join(text.split()) for text in cell.get("evidence", []))
        if _LUCK.search(evidence) and not _REHEARSAL.search(evidence)
    ]
    assert lucky == []


_OTHER_REACH = re.compile(r"\b(?:every|all|most) teams?\b|\bevery team's\b", re.IGNORECASE)


def test_reach_is_counted_one_way_across_teams() -> None:
    """docs/levels.md defines "across teams" once; a cell asking "every team" and its evidence
    "several teams" would ask for two reaches."""
    counted = [
        f"{skill_id} {role}/{level}: {match.group(0)}"
        for skill_id, role, level, cell in cells(WRITTEN_HERE)
        for text in (text_of(cell), *cell.get("evidence", []))
        for match in _OTHER_REACH.finditer(" ".join(text.split()))
    ]
    assert counted == []
    assert "**Across teams**" in (DOCS / "levels.md").read_text(encoding="utf-8")


def test_the_kv_cache_question_gives_what_the_size_depends_on() -> None:
    """A KV cache's size is 2 x layers x KV heads x head dimension x tokens x bytes a value:
    a question that leaves out the heads, their dimension or the dtype has no answer."""
    asked = [
        question
        for _, _, _, cell in cells(["transformer-architecture"])
        for question in cell.get("questions", [])
        if "KV cache" in question and "GPU memory" in question
    ]
    assert asked, "the KV cache memory question is gone"
    for question in asked:
        flat = " ".join(question.split())
        assert "KV heads" in flat and "dimension" in flat and "BF16" in flat, flat


def _recommended_text(cell: dict[str, Any]) -> list[str]:
    return [text_of(cell), *cell.get("evidence", []), *question_texts(cell)]


def test_deprecated_tools_are_not_recommended() -> None:
    found = [
        f"{skill_id} {role}/{level}: {name}"
        for skill_id, role, level, cell in cells()
        for text in _recommended_text(cell)
        for name, pattern in DEPRECATED.items()
        if pattern.search(" ".join(text.split()))
    ]
    assert found == []


def test_temperature_is_never_offered_as_reproducibility() -> None:
    claims = [
        sentence
        for *_, cell in cells()
        for text in _recommended_text(cell)
        for sentence in sentences(text)
        if re.search(r"temperature[^.]*(reproducib|repeatab)", sentence, re.IGNORECASE)
        and not re.search(r"\bnot\b", sentence)
    ]
    assert claims == []


def test_low_precision_and_rl_post_training_are_covered() -> None:
    def text(skill_id: str) -> str:
        return " ".join(" ".join(_recommended_text(cell)) for *_, cell in cells([skill_id]))

    assert "FP8" in text("inference-optimization") and "FP4" in text("inference-optimization")
    assert "GRPO" in text("fine-tuning")
    assert "reasoning effort" in text("prompt-engineering")
    for words in ("FSDP", "DeepSpeed", "mixed precision"):
        assert words in text("distributed-gpu-training")
    for words in ("MCP", "sandbox", "permission"):
        assert words in text("agents-tool-use")


# --- the required-cell rule of docs/required-cells.md --------------------------------------


@pytest.mark.parametrize("skill_id", WRITTEN_HERE)
def test_required_cells_follow_the_documented_rule(skill_id: str) -> None:
    for _, role, level, cell in cells([skill_id]):
        expected = level in CORE[role].get(skill_id, [])
        assert cell["required"] is expected, f"{skill_id} {role}/{level}"


def test_the_seed_skill_is_in_no_core() -> None:
    assert all(SEED_SKILL not in skill_ids for skill_ids in CORE.values())


def test_every_core_skill_covers_its_role() -> None:
    for role, skill_ids in CORE.items():
        for skill_id in skill_ids:
            assert role in role_cells(SKILLS[skill_id]), f"{skill_id} lacks {role}"


def _required_skills(role: str, level: str) -> set[str]:
    return {
        skill_id
        for skill_id, cell_role, cell_level, cell in cells()
        if cell_role == role and cell_level == level and cell["required"]
    }


@pytest.mark.parametrize("role", ROLES)
def test_each_role_has_a_core_of_at_least_three_skills_from_junior(role: str) -> None:
    assert len(_required_skills(role, "junior") - {BASELINE}) >= 3


@pytest.mark.parametrize("role", ROLES)
def test_at_principal_a_role_requires_at_most_three_skills(role: str) -> None:
    """Rule 5: the legal baseline is one of the three; the other core skills sit at Lead."""
    principal = _required_skills(role, "principal")
    assert len(principal) <= 3 and BASELINE in principal, principal
    for skill_id in _required_skills(role, "lead") - principal:
        assert CORE[role][skill_id][-1] == "lead", f"{skill_id} {role}"


def test_the_sets_the_third_edition_review_found_are_realigned() -> None:
    """Issue 28: the required sets fit the roles."""
    llm, mle = CORE["llm-engineer"], CORE["ml-engineer"]
    for skill_id in ("software-engineering-ml", "communication-stakeholders", "mlops"):
        assert skill_id in llm
    assert llm["fine-tuning"][0] != "junior"
    assert "ml-fundamentals" in mle
    assert mle.get("distributed-gpu-training", []) != LEVELS


def test_the_legal_baseline_is_required_at_every_level_for_every_role() -> None:
    baseline = SKILLS[BASELINE]["expectations"]
    assert set(baseline) == set(ROLES)
    for role, levels in baseline.items():
        assert CORE[role][BASELINE] == LEVELS, f"the table gives {BASELINE} to {role} everywhere"
        assert list(levels) == LEVELS
        for level, cell in levels.items():
            where = f"{role}/{level}"
            assert cell["required"] is True, where
            assert "personal data" in text_of(cell), where
            if role == "llm-engineer":
                assert "provider" in text_of(cell), where
    text = " ".join((DOCS / "required-cells.md").read_text(encoding="utf-8").split())
    assert "`responsible-ai` covers all three roles, and every one of its cells is required" in text


PUBLIC_FACING = re.compile(
    r"publish|\bpublic\b|conference|industry benchmark|regulators", re.IGNORECASE
)


def test_no_required_cell_asks_for_publishing_or_public_facing_work() -> None:
    found = [
        f"{skill_id} {role}/{level}"
        for skill_id, role, level, cell in cells()
        if cell["required"] and PUBLIC_FACING.search(text_of(cell))
    ]
    assert found == []


# --- the ladder ----------------------------------------------------------------------------


def _names(entry: dict[str, Any]) -> list[str]:
    return [entry["id"], entry["name"], *entry.get("aliases", [])]


def test_staff_is_not_a_name_of_any_level() -> None:
    assert [level["id"] for level in FRAMEWORK["levels"]] == LEVELS
    for entry in (*FRAMEWORK["levels"], *FRAMEWORK["roles"]):
        assert "staff" not in {name.casefold() for name in _names(entry)}
    assert "staff" in (DOCS / "levels.md").read_text(encoding="utf-8").casefold()


def test_the_framework_is_spelled_american() -> None:
    text = (DATA / "framework.yaml").read_text(encoding="utf-8")
    assert "organisation" not in text and "organization" in text


# --- the seed page, word for word ----------------------------------------------------------

SEED_ROLES = {"Data Scientist": "data-scientist", "LLM Engineer": "llm-engineer"}


def seed_cells(text: str) -> dict[tuple[str, str], str]:
    """The seed page's descriptions by (role, level): its five tables are the five levels; the
    description is the one non-empty cell of a role's row."""
    found: dict[tuple[str, str], str] = {}
    tables = re.split(r"^\| Role \| Required \| Description \|$", text, flags=re.M)[1:]
    assert len(tables) == len(LEVELS)
    for level, table in zip(LEVELS, tables, strict=True):
        for line in table.splitlines():
            parts = [part.strip() for part in line.strip().strip("|").split("|")]
            if parts[0] in SEED_ROLES:
                [description] = [part for part in parts[1:] if part]
                found[(SEED_ROLES[parts[0]], level)] = description
    return found


def test_deep_learning_carries_the_seed_page_word_for_word() -> None:
    text = SEED.read_text(encoding="utf-8")
    expected = seed_cells(text)
    assert len(expected) == 10
    skill = SKILLS[SEED_SKILL]
    assert {
        (role, level): text_of(cell) for _, role, level, cell in cells([SEED_SKILL])
    } == expected
    assert "Mandatory requirements\n0\nthe other 10 optional" in text
    assert not any(cell["required"] for *_, cell in cells([SEED_SKILL]))
    assert skill["name"] == "Deep Learning"
    assert "2/22/2026" in skill["source"]
