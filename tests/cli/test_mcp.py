"""`skillpath mcp`, driven as an assistant drives it: the MCP SDK's own client starts the
server as a subprocess and talks to it over stdio. Each tool answers with its command's
JSON, the write tools change the plan as the commands do, and a bad call is a tool error
after which the server goes on serving."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import anyio
import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from skillpath import schemas
from skillpath.cli import assistant
from tests.conftest import REPO, TERMINAL, Invoke

T = TypeVar("T")
Work = Callable[[ClientSession], Awaitable[T]]

READ_TOOLS = [
    "list_skills",
    "show_skill",
    "next_steps",
    "search",
    "path",
    "compare",
    "job",
    "interview",
    "progress",
    "log",
]
WRITE_TOOLS = ["start_item", "mark_done", "skip_item", "undo_item"]
SCHEMAS = dict(zip(READ_TOOLS, ["list", "show", "next", "search", "path", "compare"], strict=False))
SCHEMAS |= {name: name for name in ("job", "interview", "progress", "log")}

# Each read tool with arguments, and the same question on the command line.
CASES: list[tuple[str, dict[str, Any], list[str]]] = [
    ("list_skills", {}, ["list"]),
    (
        "show_skill",
        {"skill": "Deep Learning", "roles": ["ds"], "levels": ["senior", "LEAD"]},
        ["show", "Deep Learning", "--role", "ds", "--level", "senior", "--level", "LEAD"],
    ),
    ("show_skill", {"skill": "rag"}, ["show", "rag"]),
    (
        "next_steps",
        {"role": "LLM Engineer", "level": "mid", "skills": ["rag", "nlp"], "todo": True},
        ["next", "--role", "LLM Engineer", "--level", "mid", "rag", "nlp", "--todo"],
    ),
    ("next_steps", {}, ["next"]),  # the profile's role and level
    ("next_steps", {"required_only": True}, ["next", "--required-only"]),
    (
        "search",
        {"text": "vector database", "role": "llm"},
        ["search", "vector database", "--role", "llm"],
    ),
    (
        "path",
        {"role": "llm", "from": "junior", "to": "senior", "skills": ["rag"]},
        ["path", "--role", "llm", "--from", "junior", "--to", "senior", "rag"],
    ),
    ("path", {}, ["path"]),
    (
        "compare",
        {"roles": ["ds", "llm"], "levels": ["senior"]},
        ["compare", "--role", "ds", "--role", "llm", "--level", "senior"],
    ),
    (
        "compare",
        {"levels": ["junior", "lead"]},
        ["compare", "--level", "junior", "--level", "lead"],
    ),
    ("job", {"role": "llm", "level": "senior"}, ["job", "--role", "llm", "--level", "senior"]),
    (
        "interview",
        {"role": "llm", "level": "lead", "skills": ["rag"]},
        ["interview", "-r", "llm", "-l", "lead", "rag"],
    ),
    ("progress", {}, ["progress"]),
    ("progress", {"role": "ds", "level": "junior"}, ["progress", "-r", "ds", "-l", "junior"]),
    ("log", {}, ["log"]),
    (
        "log",
        {"since": "2026-01-01", "skill": "rag", "last": 1},
        ["log", "--since", "2026-01-01", "--skill", "rag", "--last", "1"],
    ),
]


def serve(tmp_path: Path, work: Work[T], *args: str, env: dict[str, str] | None = None) -> T:
    """Start `skillpath mcp ARGS` as an assistant does, run ``work`` in a session with it,
    and check that it wrote nothing to stderr."""
    errors = tmp_path / "server-stderr.txt"
    variables = {
        "SKILLPATH_HOME": os.environ["SKILLPATH_HOME"],
        "SKILLPATH_CACHE_DIR": os.environ["SKILLPATH_CACHE_DIR"],
        "PYTHONPATH": str(REPO),
        **TERMINAL,
        **(env or {}),
    }
    server = StdioServerParameters(
        command=sys.executable, args=["-m", "skillpath", "mcp", *args], env=variables
    )

    async def session() -> T:
        with errors.open("w", encoding="utf-8") as errlog:
            async with (
                stdio_client(server, errlog=errlog) as (read, write),
                ClientSession(read, write) as client,
            ):
                await client.initialize()
                return await work(client)

    done = anyio.run(session)
    assert errors.read_text(encoding="utf-8") == ""
    return done


def cli_json(invoke: Invoke, *args: str) -> str:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def error_text(result: Any) -> str:
    assert result.is_error, result
    assert result.structured_content is None
    return str(result.content[0].text)


@pytest.fixture
def planned(invoke: Invoke) -> None:
    """A profile, and a plan with a covered item, a started one and a skipped one."""
    assert invoke("profile", "set", "--role", "llm", "--level", "middle").exit_code == 0
    assert invoke("done", "rag:1", "--note", "PR #12", "--date", "2026-10-01").exit_code == 0
    assert invoke("start", "rag:2").exit_code == 0
    assert invoke("skip", "nlp:1", "--reason", "No NLP here").exit_code == 0


# -- what is served ------------------------------------------------------------------------


def test_the_tools_their_schemas_and_their_hints(tmp_path: Path) -> None:
    async def listed(client: ClientSession) -> Any:
        return (await client.list_tools()).tools

    tools = {tool.name: tool for tool in serve(tmp_path, listed)}
    assert list(tools) == READ_TOOLS + WRITE_TOOLS
    for name in READ_TOOLS:
        tool = tools[name]
        assert tool.output_schema == json.loads(schemas.text(SCHEMAS[name]))
        assert tool.annotations is not None and tool.annotations.read_only_hint is True
        assert tool.input_schema["type"] == "object"
    for name in WRITE_TOOLS:
        hints = tools[name].annotations
        assert hints is not None
        assert (hints.read_only_hint, hints.destructive_hint) == (False, True)
        assert tools[name].output_schema is None
        assert "item" in tools[name].input_schema["required"]
    assert tools["skip_item"].input_schema["required"] == ["item", "reason"]


def test_read_only_serves_no_write_tool_and_refuses_one_called(tmp_path: Path) -> None:
    async def listed_and_called(client: ClientSession) -> Any:
        names = [tool.name for tool in (await client.list_tools()).tools]
        return names, await client.call_tool("mark_done", {"item": "rag:1"})

    names, called = serve(tmp_path, listed_and_called, "--read-only")
    assert names == READ_TOOLS
    assert "--read-only" in error_text(called)
    assert not Path(os.environ["SKILLPATH_HOME"], "progress.yaml").exists()


# -- read tools ----------------------------------------------------------------------------


@pytest.mark.usefixtures("planned")
def test_every_read_tool_answers_with_its_commands_json(tmp_path: Path, invoke: Invoke) -> None:
    async def called(client: ClientSession) -> list[Any]:
        return [await client.call_tool(name, arguments) for name, arguments, _ in CASES]

    results = serve(tmp_path, called)
    assert {name for name, _, _ in CASES} == set(READ_TOOLS)
    for (name, _, args), result in zip(CASES, results, strict=True):
        expected = cli_json(invoke, *args)
        assert not result.is_error, (name, result.content)
        assert result.content[0].text == expected, name  # byte for byte
        assert result.structured_content == json.loads(expected), name
        assert len(result.content) == 1, name  # no note or warning for these


def test_resources_are_the_skills_levels_and_roles_as_json(tmp_path: Path, invoke: Invoke) -> None:
    async def read(client: ClientSession) -> Any:
        listed = [str(resource.uri) for resource in (await client.list_resources()).resources]
        templates = (await client.list_resource_templates()).resource_templates
        texts = {}
        for uri in ("skillpath://skills/deep-learning", "skillpath://levels", "skillpath://roles"):
            texts[uri] = (await client.read_resource(uri)).contents[0].text  # type: ignore[union-attr]
        return listed, [t.uri_template for t in templates], texts

    listed, templates, texts = serve(tmp_path, read)
    skills = json.loads(cli_json(invoke, "list"))["skills"]
    assert listed == ["skillpath://levels", "skillpath://roles"] + [
        f"skillpath://skills/{skill['id']}" for skill in skills
    ]
    assert templates == ["skillpath://skills/{id}"]
    assert texts["skillpath://skills/deep-learning"] == cli_json(invoke, "show", "deep-learning")
    assert texts["skillpath://levels"] == cli_json(invoke, "levels")
    assert texts["skillpath://roles"] == cli_json(invoke, "roles")


@pytest.mark.usefixtures("planned")
def test_the_prompt_asks_for_a_plan_from_next_steps(tmp_path: Path, invoke: Invoke) -> None:
    async def prompted(client: ClientSession) -> Any:
        names = [prompt.name for prompt in (await client.list_prompts()).prompts]
        return names, await client.get_prompt("plan_next_level", {})

    names, prompt = serve(tmp_path, prompted)
    assert names == ["plan_next_level"]
    [message] = prompt.messages
    assert message.role == "user"
    text = message.content.text
    assert text.startswith("I am LLM Engineer at Middle and want to reach Senior. Draft a plan")
    assert cli_json(invoke, "next", "--todo") in text


def test_the_data_folders_apply(tmp_path: Path, team: Path, invoke: Invoke) -> None:
    async def skill_ids(client: ClientSession) -> list[str]:
        listed = await client.call_tool("list_skills", {})
        return [skill["id"] for skill in listed.structured_content["skills"]]

    assert "team-rag" in serve(tmp_path, skill_ids, "--data-dir", str(team))
    assert "team-rag" in serve(tmp_path, skill_ids, env={"SKILLPATH_PATH": str(team)})
    assert "team-rag" not in serve(tmp_path, skill_ids)
    assert invoke("profile", "set", "--data-dir", str(team)).exit_code == 0
    assert "team-rag" in serve(tmp_path, skill_ids)  # the folders the profile keeps


# -- write tools ---------------------------------------------------------------------------


def test_write_tools_change_the_plan_as_the_commands_do(tmp_path: Path, invoke: Invoke) -> None:
    assert invoke("profile", "set", "--role", "llm", "--level", "middle").exit_code == 0
    evidence = {"note": "PR #123: reranking", "link": "https://git.example/pr/123"}

    async def marked(client: ClientSession) -> list[Any]:
        calls = [
            ("mark_done", {"item": "rag:1", **evidence, "date": "2026-11-02"}),
            ("start_item", {"item": "rag:2"}),
            ("skip_item", {"item": "nlp:1", "reason": "We run no NLP models"}),
            ("start_item", {"item": "nlp:2"}),
            ("undo_item", {"item": "nlp:2"}),
            ("undo_item", {"item": "nlp:3"}),  # not marked: nothing changes
            ("progress", {"skills": ["rag", "nlp"]}),
        ]
        return [await client.call_tool(name, arguments) for name, arguments in calls]

    *said, progress = serve(tmp_path, marked)
    assert [result.is_error for result in said] == [False] * 6
    lines = [result.content[0].text for result in said]
    assert lines[0].startswith("Covered ") and lines[0].endswith("(rag, llm-engineer, senior)")
    assert lines[1].startswith("Started ") and lines[2].startswith("Skipped ")
    assert lines[4].startswith("Back to do: ")
    assert lines[5] == "nlp:3 was not marked; nothing changed."
    # read back: the tool's progress is the command's, and the history has each change
    assert progress.structured_content == json.loads(cli_json(invoke, "progress", "rag", "nlp"))
    rag, nlp = progress.structured_content["skills"]
    assert [item["state"] for item in rag["items"][:2]] == ["done", "started"]
    assert rag["items"][0]["mark"]["evidence"] == [{**evidence, "date": "2026-11-02"}]
    assert [item["state"] for item in nlp["items"][:2]] == ["skipped", "todo"]
    changes = json.loads(cli_json(invoke, "log"))["changes"]
    assert [change["action"] for change in changes] == ["done", "start", "skip", "start", "undo"]
    assert changes[0]["note"] == evidence["note"]


def test_a_mark_progress_will_not_count_comes_with_the_commands_note(
    tmp_path: Path, invoke: Invoke
) -> None:
    assert invoke("profile", "set", "--role", "llm", "--level", "middle").exit_code == 0
    shown = json.loads(cli_json(invoke, "show", "rag", "--role", "llm", "--level", "junior"))
    item = shown["cells"][0]["items"][0]["id"]

    async def marked(client: ClientSession) -> Any:
        return await client.call_tool("start_item", {"item": item})

    result = serve(tmp_path, marked)
    assert not result.is_error
    assert result.content[0].text.startswith(f"Started {item}: ")
    assert result.content[1].text.startswith("note: `skillpath progress` will not count this")


def test_the_log_tells_of_history_lines_it_could_not_read(
    tmp_path: Path, invoke: Invoke, planned: None
) -> None:
    history = Path(os.environ["SKILLPATH_HOME"]) / "history.jsonl"
    with history.open("a", encoding="utf-8") as file:
        file.write('{"bad json"}\n')
    warned = invoke("log", "--json")
    told = warned.stderr.strip()
    assert told.startswith("warning: history.jsonl: skipped lines that could not be read: ")

    async def logged(client: ClientSession) -> Any:
        return await client.call_tool("log", {})

    result = serve(tmp_path, logged)
    assert not result.is_error
    assert result.content[0].text == warned.stdout
    assert result.content[1].text == told


# -- refusals ------------------------------------------------------------------------------

BAD_CALLS: list[tuple[str, dict[str, Any], str]] = [
    (
        "show_skill",
        {"skill": "deep-lerning"},
        "no skill 'deep-lerning'; did you mean 'deep-learning'?",
    ),
    (
        "next_steps",
        {"role": "llm engneer", "level": "mid"},
        "did you mean 'llm-engineer' or 'ml-engineer'?",
    ),
    ("next_steps", {"level": "mid"}, "no `role` given and no role in your profile; give `role`"),
    ("show_skill", {}, "show_skill needs `skill`"),
    ("show_skill", {"skill": 3}, "`skill` takes a string, not 3"),
    ("show_skill", {"skill": "rag", "roles": "llm"}, '`roles` takes a list of strings, not "llm"'),
    ("show_skill", {"skil": "rag"}, "show_skill has no argument 'skil'; did you mean 'skill'?"),
    ("log", {"last": 0}, "`last` takes a whole number of 1 or more, not 0"),
    ("search", {"text": "x" * 20_000}, "`text` takes a string of at most 10000 characters"),
    ("next_steps", {"skills": ["rag"] * 2_000}, "`skills` takes a list of at most 1000 strings"),
    ("list_skills", {"a" * 1_000: 1}, "list_skills takes no arguments, not 'aaaa"),
    ("log", {"since": "yesterday"}, "`since` takes a date written YYYY-MM-DD, not 'yesterday'"),
    ("compare", {"roles": ["llm"]}, "compare two roles (`roles` A `roles` B)"),
    (
        "mark_done",
        {"item": "rag:1", "role": "llm", "level": "mid", "date": "2026-01-01"},
        "`link` and `date` describe a note; give `note` too",
    ),
    (
        "mark_done",
        {"item": "rag:1", "role": "llm", "level": "mid", "note": "two\nlines"},
        "`note` ",
    ),
    (
        "mark_done",
        {"item": "rag:1", "role": "llm", "level": "mid", "note": "x", "date": "2999-01-01"},
        "`date` 2999-01-01 is in the future",
    ),
    ("skip_item", {"item": "rag:1"}, "skip_item needs `reason`"),
    ("start_item", {"item": "no-such-item"}, "no item 'no-such-item'"),
    ("start_item", {"item": "rag:99", "role": "llm", "level": "mid"}, "items for LLM Engineer"),
    ("undo_item", {"item": "rag:1", "extra": True}, "undo_item has no argument 'extra'"),
    ("nope", {}, "no tool 'nope'"),
]


def test_bad_calls_are_tool_errors_and_the_server_goes_on(tmp_path: Path) -> None:
    async def called(client: ClientSession) -> tuple[list[Any], Any]:
        bad = [await client.call_tool(name, arguments) for name, arguments, _ in BAD_CALLS]
        return bad, await client.call_tool("show_skill", {"skill": "rag"})

    bad, good = serve(tmp_path, called)
    for (name, _, wanted), result in zip(BAD_CALLS, bad, strict=True):
        assert wanted in error_text(result), name
        assert "--" not in error_text(result).split("`skillpath")[0], name  # no option named
    assert not good.is_error
    home = Path(os.environ["SKILLPATH_HOME"])
    assert not (home / "progress.yaml").exists() and not (home / "history.jsonl").exists()


def test_a_broken_data_file_is_a_tool_error_with_its_line(
    tmp_path: Path, team: Path, invoke: Invoke
) -> None:
    (team / "skills" / "team-rag.yaml").write_text("id: team-rag\nname: [\n", encoding="utf-8")

    async def called(client: ClientSession) -> tuple[Any, Any]:
        return (
            await client.call_tool("show_skill", {"skill": "team-rag"}),
            await client.call_tool("show_skill", {"skill": "rag"}),
        )

    broken, fine = serve(tmp_path, called, "-d", str(team))
    assert "team-rag.yaml:" in error_text(broken)
    assert "Traceback" not in error_text(broken)
    assert not fine.is_error


# -- without the extra ---------------------------------------------------------------------


def test_without_the_extra_it_says_how_to_install_it(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "mcp", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "skillpath.assistant.server", raising=False)
    result = invoke("mcp")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"error: `skillpath mcp` needs the MCP SDK, an extra that is not installed: "
        f"{assistant.INSTALL}\n"
    )
    assert assistant.INSTALL == 'pip install "skillpath[mcp]"'


@pytest.mark.parametrize(
    ("closed", "code", "said"),
    [
        ("<&-", 2, "error: `skillpath mcp` speaks on stdin and stdout"),
        (">&-", 1, "error: standard output is closed"),
    ],
)
def test_a_closed_stdin_or_stdout_is_an_error_not_a_traceback(
    tmp_path: Path, closed: str, code: int, said: str
) -> None:
    import shlex
    import subprocess

    server = f"{shlex.quote(sys.executable)} -m skillpath mcp"
    # The error is read from stderr, sent where stdout was before stdout is closed.
    line = f"{server} <&- 2>&1" if closed == "<&-" else f"{server} 2>&1 >&-"
    run = subprocess.run(
        ["sh", "-c", line],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(tmp_path)},
        timeout=60,
    )
    assert run.returncode == code, run.stdout
    assert "Traceback" not in run.stdout
    assert run.stdout.startswith(said), run.stdout
