"""Every command's --help speaks the user's language: PATH, DATE, NAME, an example, no child's name."""

from __future__ import annotations

import re

import pytest
import typer

from cpptool.cli import app

# Typer's own type labels and usage braces, which mean nothing to most users.
TYPER_LABELS = re.compile(r"<(bool|str|int|path|float|list\[[^\]]*\])>|\{[a-z_]+\}")


def _commands() -> list[tuple[str, ...]]:
    """Every command path, e.g. ('check',), ('dates', 'add')."""
    root = typer.main.get_command(app)
    out = []

    def walk(command, path: tuple[str, ...]) -> None:
        if hasattr(command, "commands"):  # a group (Typer may bring its own copy of Click)
            for name, sub in command.commands.items():
                walk(sub, path + (name,))
        else:
            out.append(path)

    walk(root, ())
    return sorted(out)


COMMANDS = _commands()


def test_the_walk_finds_the_commands():
    assert ("check",) in COMMANDS and ("dates", "add") in COMMANDS and ("schema",) in COMMANDS


def _help(cli, *path: str) -> str:
    code, out, err = cli(*path, "--help")
    assert code == 0, err
    return out


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_names_values_in_words_and_shows_an_example(cli, path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    text = _help(cli, *path)
    labels = TYPER_LABELS.findall(text)
    assert not labels, f"cpptool {' '.join(path)} --help shows Typer labels: {labels}"
    assert re.search(r"Examples?:", text), f"cpptool {' '.join(path)} --help has no example"
    example = text[re.search(r"Examples?:", text).end():]
    assert f"cpptool {' '.join(path)}" in example, f"the example does not show cpptool {' '.join(path)}"
    for name in ("riley", "casey", "alex", "jo fictional"):
        assert name not in text.lower(), f"cpptool {' '.join(path)} --help names a child ({name})"


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_value_taking_option_has_a_metavar(path):
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    for param in command.params:
        if getattr(param, "is_flag", False) or param.name in ("help", "install_completion", "show_completion"):
            continue
        assert param.metavar, f"cpptool {' '.join(path)}: {param.name} has no metavar"


def test_root_help_version_and_completion(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    text = _help(cli)
    assert "--install-completion" in text and "--show-completion" in text
    assert "-V" in text
    for flag in ("-V", "--version"):
        code, out, _ = cli(flag)
        assert code == 0 and out.startswith("cpptool ")


def test_show_completion_prints_a_script(cli, monkeypatch):
    import shellingham

    # Typer finds the shell by walking up the process tree, which holds none when the tests run
    # detached (from cron, say): the shell is given here, and what is tested is the script.
    monkeypatch.setattr(shellingham, "detect_shell", lambda *a, **k: ("bash", "/bin/bash"))
    code, out, err = cli("--show-completion", "bash")
    assert code == 0, err
    assert "_CPPTOOL_COMPLETE" in out or "complete" in out
