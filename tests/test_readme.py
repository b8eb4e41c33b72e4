"""The README cannot go stale: its ``console`` examples are run and compared.

A ``console`` block whose lines start with ``$ `` is a transcript: each ``$ cardlint …`` command
is run from the repository root (where the examples it names are) and its output, standard
output then standard error, must be the lines that follow it, exactly. In every other
``console`` block, each ``cardlint`` command must name a real command and real options.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import click
import pytest

from helpers import ROOT, cardlint_command

README = ROOT / "README.md"
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)


def console_blocks() -> list[tuple[int, str]]:
    text = README.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in _BLOCK.finditer(text)]


def transcripts() -> list[tuple[str, str, str]]:
    """(where, command, expected output) for each ``$ `` command of the README."""
    found = []
    for line, block in console_blocks():
        if not block.startswith("$ "):
            continue
        for offset, part in enumerate(re.split(r"^\$ ", block, flags=re.M)[1:]):
            command, _, output = part.partition("\n")
            found.append((f"README.md:{line + 1} #{offset + 1}", command, output))
    return found


def commands() -> list[tuple[str, list[str]]]:
    """Every ``cardlint …`` invocation in the other console blocks, as words."""
    found = []
    for line, block in console_blocks():
        if block.startswith("$ "):
            continue
        lines = block.replace("\\\n", " \n").splitlines()  # a continued line ends in "\"
        for number, text in enumerate(lines, start=line + 1):
            for segment in re.split(r"&&|\|", text):
                words = shlex.split(segment, comments=True)
                if words[:1] == ["cardlint"]:
                    found.append((f"README.md:{number}", words[1:]))
    return found


def test_the_readme_has_examples_of_both_kinds():
    assert len(transcripts()) >= 2
    assert len(commands()) >= 8


@pytest.mark.parametrize(("where", "command", "expected"), transcripts(), ids=lambda v: str(v))
def test_readme_transcript(where: str, command: str, expected: str, tmp_path: Path):
    words = shlex.split(command)
    assert words[0] == "cardlint", f"{where}: only cardlint commands are run"
    proc = subprocess.run(
        [*cardlint_command(), *words[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "CARDLINT_CACHE_DIR": str(tmp_path)},
        timeout=120,
        check=False,
    )
    assert proc.stdout + proc.stderr == expected, f"{where}: `{command}` prints something else"


@pytest.mark.parametrize(("where", "words"), commands(), ids=lambda v: str(v))
def test_readme_command_uses_real_options(where: str, words: list[str]):
    from cardlint.cli.main import main

    name, *rest = words
    command = main.commands.get(name)
    assert command is not None, f"{where}: no command {name!r}"
    ctx = click.Context(command, info_name=name, parent=click.Context(main, info_name="cardlint"))
    known = {
        opt for param in command.get_params(ctx) for opt in (*param.opts, *param.secondary_opts)
    }
    for word in rest:
        if word in ("<", ">") or word.startswith((">", "<")):
            break
        option = word.strip("[]").split("=", 1)[0]
        if option.startswith("-") and option != "-":
            assert option in known, f"{where}: cardlint {name} has no option {option}"


def test_every_example_a_transcript_names_exists():
    for where, command, _ in transcripts():
        for word in shlex.split(command):
            if word.startswith("examples/"):
                assert (ROOT / word).exists(), f"{where}: {word} does not exist"


def test_schema_files_named_in_the_readme_exist():
    for path in re.findall(r"`((?:schemas|examples)/[\w./-]+)`", README.read_text("utf-8")):
        assert (ROOT / Path(path)).exists(), path
