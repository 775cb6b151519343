"""Where the profile and progress live: platformdirs' choice, named without importing it on
Linux (a start-up cost) and exactly as platformdirs names it."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from skillpath.plan import store

ENVIRONMENTS = [
    {"HOME": "/home/ada"},
    {"HOME": "/home/ada/"},
    {"HOME": "/"},
    {"HOME": "/home/ada", "XDG_CONFIG_HOME": "/srv/config"},
    {"HOME": "/home/ada", "XDG_CONFIG_HOME": "/srv/config/"},
    {"HOME": "/home/ada", "XDG_CONFIG_HOME": ""},
    {"HOME": "/home/ada", "XDG_CONFIG_HOME": "relative/config"},
    {"HOME": "/home/ada", "XDG_CONFIG_HOME": "  "},
]


@pytest.mark.skipif(sys.platform != "linux", reason="the shortcut is Linux's")
@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_the_state_folder_is_the_one_platformdirs_names(
    environment: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(store.HOME_VARIABLE)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    expected = Path(platformdirs.user_config_dir("skillpath", appauthor=False))
    assert store.home() == expected


@pytest.mark.skipif(sys.platform != "linux", reason="the shortcut is Linux's")
def test_only_absolute_folders_are_named_without_platformdirs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", "/home/ada")
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    assert store.linux_config_folder() is None  # platformdirs' releases differ here
    monkeypatch.setenv("XDG_CONFIG_HOME", "/srv/config")
    assert store.linux_config_folder() == Path("/srv/config/skillpath")


def test_skillpath_home_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(store.HOME_VARIABLE, str(tmp_path))
    assert store.home() == tmp_path
