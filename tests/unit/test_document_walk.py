"""The loader builds a document's data in the same walk that finds its lines; whatever it
builds must be what PyYAML's safe loader builds from the same text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from skillpath.errors import DataError
from skillpath.loading import paths
from skillpath.loading.document import parse_text

SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def built(text: str) -> object:
    return parse_text(Path("x.yaml"), text).data


TRICKY = {
    "scalars": "a: yes\nb: 0x1F\nc: 1_000\nd: 0o17\ne: 1:30\nf: .inf\ng: -.5\nh: ~\ni: ''\n",
    "dates": "day: 2026-02-22\nwhen: 2026-02-22T10:00:00Z\ntext: '2026-02-22'\n",
    "explicit tags": "a: !!str 123\nb: !!int '7'\nc: !!float '1'\nd: !!bool 'true'\n",
    "keys of every kind": "1: int\n'1': text\ntrue: flag\nnull: nothing\n2026-01-01: day\n",
    "a key twice, the last wins": "a: 1\nb: 2\na: 3\n",
    "keys that mean the same": "yes: 1\ntrue: 2\n",
    "aliases": "base: &b {x: [1, 2]}\none: *b\ntwo: *b\n",
    "merge keys": "base: &b {x: 1, y: 2}\nmerged:\n  <<: *b\n  y: 3\n",
    "a set": "s: !!set {a, b}\n",
    "an ordered map": "o: !!omap [a: 1, b: 2]\n",
    "pairs": "p: !!pairs [a: 1, a: 2]\n",
    "binary": "b: !!binary aGVsbG8=\n",
    "the value key": "=: v\n",
    "nested": "a:\n  - b: [1, {c: d}]\n  - - e\n    - f\n",
    "a bare scalar": "just text\n",
    "a list at the top": "- 1\n- two\n",
    "folded and literal": "a: >\n  one\n  two\nb: |\n  one\n  two\n",
}


@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_tricky_documents_are_built_as_the_safe_loader_builds_them(text: str) -> None:
    assert built(text) == yaml.load(text, Loader=SAFE)


def test_every_bundled_file_is_built_as_the_safe_loader_builds_it() -> None:
    root = paths.bundled_root()
    files = [root / paths.FRAMEWORK_FILE, *sorted((root / "skills").glob("*.yaml"))]
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert built(text) == yaml.load(text, Loader=SAFE), file.name


def test_an_unknown_tag_is_still_refused_with_its_place() -> None:
    from skillpath.errors import DataError

    with pytest.raises(DataError) as caught:
        built("a: 1\nb: !python/object:os.system x\n")
    (problem,) = caught.value.problems
    assert problem.line == 2 and "could not determine a constructor" in problem.message


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.dates()
    | st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=20)
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(scalars.filter(lambda key: key == key), inner, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(documents, st.sampled_from([False, True, None]), st.sampled_from(['"', "'", None]))
def test_any_dumped_document_is_built_as_the_safe_loader_builds_it(
    value: object, flow: bool | None, quotes: str | None
) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, default_style=quotes, allow_unicode=True)
    assert built(text) == yaml.load(text, Loader=SAFE)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a:\n  b: 1\na:\n  b: 2\n", "3:1 a: key 'a' appears twice"),
        ("base: &b {x: 1}\nc:\n  <<: *b\n  <<: *b\n", "4:3 c.<<: key '<<' appears twice"),
        ("1: {d: x}\n'1': {d: y}\n", "2:1 1: key '1' appears twice"),
    ],
)
def test_a_repeated_key_is_one_problem_not_one_more_for_each_key_under_it(
    text: str, problem: str
) -> None:
    """The keys under the second of two alike appear once in their own mapping."""
    found = parse_text(Path("x.yaml"), text).problems
    assert [f"{p.line}:{p.column} {p.key_path}: {p.message}" for p in found] == [problem]


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("0123456789+-.:_~<=eEnNtTfFyYoO xz!\"' "), max_size=12)
    | st.text(max_size=12),
    st.booleans(),
    st.booleans(),
)
def test_the_shortcut_gives_each_scalar_the_type_the_safe_loader_gives(
    value: str, plain: bool, quoted: bool
) -> None:
    """Text at once where no type can start with the first character, or quoted; the safe
    loader's own choice otherwise."""
    from skillpath.loading.document import _loader_class

    loader = _loader_class()("")
    kinds = (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode)
    for kind in kinds:
        implicit = (plain, quoted) if kind is yaml.ScalarNode else plain
        assert loader.resolve(kind, value, implicit) == SAFE("").resolve(kind, value, implicit)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "id: demo\nname: [unclosed\n",
            "3:1 is not valid YAML: did not find expected ',' or ']' "
            "(while parsing a flow sequence that starts at line 2, column 7)",
        ),
        (
            'a: "unclosed\n',
            "2:1 is not valid YAML: found unexpected end of stream "
            "(while scanning a quoted scalar that starts at line 1, column 4)",
        ),
        ("a: b\n  c: d\n", "2:4 is not valid YAML: mapping values are not allowed in this context"),
    ],
)
def test_broken_yaml_says_where_what_was_left_open_began(text: str, problem: str) -> None:
    with pytest.raises(DataError) as raised:
        parse_text(Path("x.yaml"), text)
    assert [f"{p.line}:{p.column} {p.message}" for p in raised.value.problems] == [problem]
