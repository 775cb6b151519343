"""Tab completion: skill ids, role and level names from the data, through the shell protocol."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from skillpath.cli import app as cli
from skillpath.cli import completion, options
from skillpath.errors import SkillpathError


def complete(line: str) -> list[str]:
    """What bash would offer for the last word of ``line``."""
    words = line.split(" ")
    env = {
        "_SKILLPATH_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
    }
    result = CliRunner().invoke(cli.app, [], env=env, prog_name="skillpath")
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("skillpath show de", ["deep-learning"]),
        (
            "skillpath show r",
            ["rag", "recommender-systems-ranking", "responsible-ai", "rl-post-training"],
        ),
        ("skillpath show rag --role llm", ["llm-engineer", "llm", "llme"]),
        ("skillpath next --role ds --level s", ["senior", "sr"]),
        ("skillpath next --role ds --level mid inf", ["inference-optimization"]),
    ],
)
def test_completion_offers_names_from_the_data(line: str, offered: list[str]) -> None:
    assert complete(line) == offered


def test_completion_is_silent_when_the_data_is_broken(data_dir) -> None:
    (data_dir / "framework.yaml").write_text("levels: [\n", encoding="utf-8")
    no_options = SimpleNamespace(params={})
    assert options.complete_level(no_options, "s") == []  # type: ignore[arg-type]
    assert options.complete_role(no_options, "") == []  # type: ignore[arg-type]


def test_done_completes_the_numbers_and_ids_of_the_checklist_in_effect(invoke) -> None:
    invoke("profile", "set", "--role", "llm", "--level", "mid")
    assert complete("skillpath done rag:") == ["rag:1", "rag:2", "rag:3", "rag:4"]
    assert complete("skillpath skip --level senior rag:") == ["rag:1", "rag:2", "rag:3", "rag:4"]
    assert "b5677e35" in complete("skillpath start b5")
    assert complete("skillpath undo rag#") == [
        "rag#1",
        "rag#2",
        "rag#3",
        "rag#4",
    ]  # bash splits at ":"


SCRIPT_MARKS = {
    "bash": "complete -o default -F _skillpath_completion skillpath",
    "zsh": "#compdef skillpath",
    "fish": "complete --command skillpath",
    "powershell": "Register-ArgumentCompleter -Native -CommandName skillpath",
}


@pytest.mark.parametrize("shell", list(SCRIPT_MARKS))
@pytest.mark.parametrize("spelling", ["--show-completion {}", "--show-completion={}"])
def test_show_completion_prints_the_script_of_the_shell_named(shell: str, spelling: str) -> None:
    args = spelling.format(shell).split(" ")
    result = CliRunner().invoke(cli.app, args, prog_name="skillpath")
    assert result.exit_code == 0, result.stderr
    assert SCRIPT_MARKS[shell] in result.stdout
    others = [mark for name, mark in SCRIPT_MARKS.items() if name != shell]
    assert not any(mark in result.stdout for mark in others)


def test_show_completion_alone_uses_the_shell_it_runs_under(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(completion, "detected_shell", lambda: "fish")
    result = CliRunner().invoke(cli.app, ["--show-completion"], prog_name="skillpath")
    assert result.exit_code == 0
    assert SCRIPT_MARKS["fish"] in result.stdout


def test_an_unknown_or_undetected_shell_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(completion, "detected_shell", lambda: "")
    for args in (["--show-completion", "tcsh"], ["--install-completion"]):
        result = CliRunner().invoke(cli.app, args, prog_name="skillpath")
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.startswith("error: tab completion:")
        assert "zsh" in result.stderr


@pytest.mark.parametrize(
    ("shell", "script", "rc_file"),
    [
        ("zsh", ".zfunc/_skillpath", ".zshrc"),
        ("fish", ".config/fish/completions/skillpath.fish", None),
        ("bash", ".bash_completions/skillpath.sh", ".bashrc"),
    ],
)
def test_install_completion_installs_for_the_shell_named(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shell: str,
    script: str,
    rc_file: str | None,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(completion, "detected_shell", lambda: "bash")  # the shell named wins
    result = CliRunner().invoke(cli.app, ["--install-completion", shell], prog_name="skillpath")
    assert result.exit_code == 0, result.stderr
    assert f"{shell} completion installed in" in result.stdout
    assert SCRIPT_MARKS[shell] in (tmp_path / script).read_text(encoding="utf-8")
    written = {path.relative_to(tmp_path).parts[0] for path in tmp_path.rglob("*")}
    expected = {Path(script).parts[0]} | ({rc_file} if rc_file else set())
    assert written == expected


@pytest.mark.parametrize(
    ("shell", "env"),
    [
        ("zsh", {}),
        ("fish", {"_TYPER_COMPLETE_FISH_ACTION": "get-args"}),
    ],
)
def test_zsh_and_fish_get_names_in_their_own_protocol(shell: str, env: dict[str, str]) -> None:
    """What the installed zsh and fish scripts ask for at a tab press, and what they get."""
    env = {
        **env,
        "_SKILLPATH_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": "skillpath show de",
    }
    result = CliRunner().invoke(cli.app, [], env=env, prog_name="skillpath")
    assert result.exit_code == 0, result.stderr
    assert "deep-learning" in result.stdout
    assert "rag" not in result.stdout


# -- the data folders given on the line -----------------------------------------------------


def shell_protocol(shell: str, line: str) -> dict[str, str]:
    """The environment each shell's installed script sets at a tab press after ``line``."""
    env = {"_SKILLPATH_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        return {**env, "COMP_WORDS": line, "COMP_CWORD": str(len(line.split(" ")) - 1)}
    if shell == "powershell":
        word = line.rpartition(" ")[2]
        return {
            **env,
            "_TYPER_COMPLETE_ARGS": line,
            "_TYPER_COMPLETE_WORD_TO_COMPLETE": word,
        }
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    return {**env, "_TYPER_COMPLETE_ARGS": line}


def offered(shell: str, line: str) -> list[str]:
    result = CliRunner().invoke(cli.app, [], env=shell_protocol(shell, line), prog_name="skillpath")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "Traceback" not in result.stdout
    # Each shell has its own layout of values and help; the ids are what matter here.
    return list(dict.fromkeys(re.findall(r"team-[a-z0-9-]+", result.stdout)))


SHELLS = ["bash", "zsh", "fish", "powershell"]


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("spelling", ["-d {}", "--data-dir {}", "--data-dir={}"])
def test_completion_reads_the_data_folder_given_on_the_line(
    team: Path, shell: str, spelling: str
) -> None:
    given = spelling.format(team)
    found = offered(shell, f"skillpath show {given} team-r")
    assert found == ["team-rag"]


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_reads_every_data_folder_given(team: Path, tmp_path: Path, shell: str) -> None:
    other = tmp_path / "other"
    (other / "skills").mkdir(parents=True)
    text = (team / "skills" / "team-rag.yaml").read_text(encoding="utf-8")
    (other / "skills" / "team-rag2.yaml").write_text(
        text.replace("id: team-rag\n", "id: team-rag2\n", 1), encoding="utf-8"
    )
    found = offered(shell, f"skillpath show -d {team} --data-dir={other} team-r")
    assert found == ["team-rag", "team-rag2"]


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("trouble", ["missing", "a file", "broken framework", "broken skill"])
def test_completion_with_a_bad_folder_on_the_line_completes_nothing_and_says_nothing(
    tmp_path: Path, shell: str, trouble: str
) -> None:
    folder = tmp_path / "career"
    if trouble == "a file":
        folder.write_text("not a folder\n", encoding="utf-8")
    elif trouble == "broken framework":
        folder.mkdir()
        (folder / "framework.yaml").write_text("levels: [\n", encoding="utf-8")
    elif trouble == "broken skill":
        (folder / "skills").mkdir(parents=True)
        (folder / "skills" / "team-x.yaml").write_text("id: [\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli.app,
        [],
        env=shell_protocol(shell, f"skillpath show -d {folder} "),
        prog_name="skillpath",
    )
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "Traceback" not in result.stdout
    assert "deep-learning" not in result.stdout


def test_completion_never_warns_on_the_line_being_typed(invoke, tmp_path: Path, team: Path) -> None:
    """A kept folder that is gone warns on every command, but not while the user types."""
    kept = tmp_path / "kept"
    kept.mkdir()
    invoke("profile", "set", "--role", "llm", "--level", "mid", "--data-dir", str(kept))
    kept.rmdir()
    result = CliRunner().invoke(
        cli.app, [], env=shell_protocol("bash", "skillpath show de"), prog_name="skillpath"
    )
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.split() == ["deep-learning"]


# -- installing: the user's start-up file is appended to, never rewritten --------------------


def install_for(shell: str) -> Any:
    return CliRunner().invoke(cli.app, ["--install-completion", shell], prog_name="skillpath")


def test_install_keeps_the_start_up_file_and_adds_its_line_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    rc = tmp_path / ".zshrc"
    mine = b"export EDITOR=vi\r\nalias ll='ls -l'"  # no newline at the end, and a CR
    rc.write_bytes(mine)
    first, second = install_for("zsh"), install_for("zsh")
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert f"added a line that loads it to {rc}" in first.stdout
    assert f"{rc} loads it already" in second.stdout
    line = b"fpath+=~/.zfunc; autoload -Uz compinit; compinit\n"
    assert rc.read_bytes() == mine + b"\n" + line


def test_install_writes_through_a_linked_start_up_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dotfiles kept in a checkout are links to it: the file they name gets the line."""
    monkeypatch.setenv("HOME", str(tmp_path))
    kept = tmp_path / "dotfiles" / "bashrc"
    kept.parent.mkdir()
    kept.write_text("set -o vi\n", encoding="utf-8")
    (tmp_path / ".bashrc").symlink_to(kept)
    assert install_for("bash").exit_code == 0
    assert (tmp_path / ".bashrc").is_symlink()
    script = tmp_path / ".bash_completions" / "skillpath.sh"
    assert kept.read_text(encoding="utf-8") == f"set -o vi\nsource '{script}'\n"


@pytest.mark.parametrize("trouble", ["a folder", "a pipe", "too large"])
def test_a_start_up_file_that_cannot_take_the_line_stops_the_install_before_any_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trouble: str
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    rc = tmp_path / ".bashrc"
    if trouble == "a folder":
        rc.mkdir()
    elif trouble == "a pipe":
        os.mkfifo(rc)  # nobody writes to it: a read would wait for ever
    else:
        with rc.open("wb") as big:
            big.truncate(completion.RC_LIMIT + 1)
    result = install_for("bash")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {rc}: ")
    assert "Traceback" not in result.stderr
    if trouble == "too large":  # named as what it is, not as a data file
        assert result.stderr.endswith("; shell start-up files are limited to 16 MiB\n")
    assert not (tmp_path / ".bash_completions").exists()


def test_help_lists_each_completion_option_once_and_with_its_shell() -> None:
    result = CliRunner().invoke(cli.app, ["--help"], prog_name="skillpath")
    assert result.exit_code == 0
    for option in completion.OPTIONS:
        assert result.stdout.count(option) == 1
        assert f"{option} [SHELL]" in result.stdout


def test_a_completion_variable_set_before_show_is_given_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The script is asked of the command through the completion variable, then the
    variable is as it was."""
    monkeypatch.delenv(completion.COMPLETE_VAR, raising=False)
    result = CliRunner().invoke(cli.app, ["--show-completion", "bash"], prog_name="skillpath")
    assert result.exit_code == 0
    assert completion.COMPLETE_VAR not in os.environ
    assert result.stdout.endswith("skillpath\n")


def test_the_zsh_script_completes_at_the_first_tab_when_autoloaded() -> None:
    result = CliRunner().invoke(cli.app, ["--show-completion", "zsh"], prog_name="skillpath")
    assert result.stdout.endswith(completion.ZSH_FIRST_TAB)
    bash = CliRunner().invoke(cli.app, ["--show-completion", "bash"], prog_name="skillpath")
    assert "loadautofunc" not in bash.stdout


@pytest.mark.parametrize("home", ["", "relative-home", "missing"])
def test_a_home_that_is_not_a_folder_is_refused_before_any_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / home) if home == "missing" else home)
    result = install_for("bash")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: tab completion: HOME is ")
    assert list(tmp_path.iterdir()) == []


def test_a_quote_in_the_home_path_keeps_the_start_up_line_one_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "it's $(touch PWNED) x"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    assert install_for("bash").exit_code == 0
    script = home / ".bash_completions" / "skillpath.sh"
    line = (home / ".bashrc").read_text(encoding="utf-8").strip()
    assert shlex.split(line) == ["source", str(script)]
    sourced = subprocess.run(
        ["bash", "--norc", "-c", f"source {shlex.quote(str(home / '.bashrc'))} && complete -p"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert sourced.returncode == 0, sourced.stderr
    assert "_skillpath_completion skillpath" in sourced.stdout
    assert not (tmp_path / "PWNED").exists()


def test_zsh_and_fish_installs_follow_zdotdir_and_xdg_config_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, zdot, config = tmp_path / "home", tmp_path / "zdot", tmp_path / "config"
    for folder in (home, zdot):
        folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("ZDOTDIR", str(zdot))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    assert install_for("zsh").exit_code == 0
    assert install_for("fish").exit_code == 0
    assert (zdot / ".zshrc").read_text(encoding="utf-8").startswith("fpath+=~/.zfunc")
    assert not (home / ".zshrc").exists()
    assert (config / "fish" / "completions" / "skillpath.fish").is_file()


def test_powershell_that_is_not_installed_is_told_with_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))  # no pwsh anywhere on it
    result = install_for("pwsh")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: tab completion: pwsh is not installed here, so it cannot name its profile\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("option", completion.OPTIONS)
@pytest.mark.parametrize("help_option", ["--help", "-h"])
def test_a_completion_option_before_help_is_a_usage_error_that_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str, help_option: str
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(completion, "detected_shell", lambda: "bash")
    result = CliRunner().invoke(cli.app, [option, help_option], prog_name="skillpath")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"the shell {help_option!r} is not one skillpath completes for" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_script_that_cannot_be_made_is_an_error_not_an_empty_script() -> None:
    """Should a shell's class be missing (Typer's registration changed), Click's answer to
    the instruction is an exit code and no script: told, never installed empty."""
    group = typer.main.get_command(cli.app)
    ctx = group.make_context("skillpath", [], resilient_parsing=True)
    with pytest.raises(SkillpathError, match="no script could be made for tcsh"):
        completion.script_of(ctx, "tcsh")
    assert completion.COMPLETE_VAR not in os.environ
