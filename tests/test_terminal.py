"""cardlint on a real terminal: the installed command in a pseudo-terminal and in tmux.

What a person sees: colours as real SGR sequences around escaped text, the caret under the
right characters after tabs, wide East Asian characters, emoji and combining marks, no colour
when asked or when piped, and a hostile card's escape sequences shown as text.
"""

from __future__ import annotations

import fcntl
import os
import pty
import shutil
import struct
import subprocess
import termios
import time
import uuid
from pathlib import Path

import pytest

from helpers import cardlint_command, run_cli

BAD = "intended_uses:\n  risk_rating: high\n"
SGR = "\x1b["
# A JSON card whose S002 ("high") sits after tabs, CJK characters, an emoji and a combining
# mark, each of which takes a different number of terminal cells than characters.
WIDE_PREFIX = '{"intended_uses": {\t"explanations_for_risk_rating": "漢字🙂e\u0301",\t'
WIDE = WIDE_PREFIX + '"risk_rating": "high"}}\n'
# Cells on screen of the characters above that are not one cell wide (Unicode's East Asian
# Width "W" for the CJK characters and the emoji, 0 for the combining acute accent).
CELLS = {"漢": 2, "字": 2, "🙂": 2, "\u0301": 0}
# A card whose own text carries terminal escape sequences: clear screen, set window title, bell.
HOSTILE = 'model_overview:\n  model_description: "x\x1b[2J\x1b]0;pwned\x07y"\n'


def run_pty(*args: str, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run the installed cardlint with stdout and stderr on a pseudo-terminal (200 columns);
    returns the exit code and everything written, with the terminal's CRLF made LF."""
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    environ.update({"TERM": "xterm-256color", "COLUMNS": "200", **(env or {})})
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    proc = subprocess.Popen(
        [*cardlint_command(), *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        cwd=cwd,
        env=environ,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    code = proc.wait(timeout=120)
    return code, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def strip_sgr(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def screen_column(text: str) -> int:
    """0-based terminal column after ``text`` (widths from CELLS, else one cell)."""
    return sum(CELLS.get(ch, 1) for ch in text)


def expand_tabs(line: str) -> str:
    """Tabs as spaces up to the next multiple of 4 cells."""
    out, column = [], 0
    for ch in line:
        if ch == "\t":
            out.append(" " * (4 - column % 4))
            column += 4 - column % 4
        else:
            out.append(ch)
            column += CELLS.get(ch, 1)
    return "".join(out)


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    (tmp_path / "model-card.yaml").write_text(BAD)
    return tmp_path


def test_terminal_gets_real_colours_around_plain_text(bad):
    code, out = run_pty("check", "model-card.yaml", cwd=bad)
    assert code == 1
    assert "\\x1b" not in out
    assert out.splitlines() == [
        '\x1b[1mmodel-card.yaml:2:16:\x1b[0m \x1b[1;31mS002\x1b[0m risk_rating "high" is not '
        'one of High, Medium, Low, Unknown (did you mean "High"?)',
        "\x1b[1;34m    2 |\x1b[0m   risk_rating: high",
        "\x1b[1;34m      |\x1b[0m \x1b[31m               ^^^^\x1b[0m",
        "Found 1 error, 0 warnings in 1 file (1 file checked).",
    ]


def test_warnings_are_yellow_and_tagged(tmp_path):
    (tmp_path / "model-card.yaml").write_text(
        "model_overview:\n  model_description: TODO\n"  # G003 placeholder text: a warning
    )
    schema = ("--schema", "model-card")
    code, out = run_pty("check", *schema, "--no-show-source", "model-card.yaml", cwd=tmp_path)
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith(
        "\x1b[1mmodel-card.yaml:2:22:\x1b[0m \x1b[1;33mG003\x1b[0m [warning] "
    ), first


def test_full_format_is_coloured_on_a_terminal(bad):
    _, text = run_pty("check", "model-card.yaml", cwd=bad)
    _, full = run_pty("check", "--format", "full", "model-card.yaml", cwd=bad)
    assert full == text


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--no-color",), {}), ((), {"NO_COLOR": "1"}), ((), {"TERM": "dumb"})],
    ids=["--no-color", "NO_COLOR", "TERM=dumb"],
)
def test_no_colour_when_asked_on_a_terminal(bad, args, env):
    code, out = run_pty("check", *args, "model-card.yaml", cwd=bad, env=env)
    assert code == 1
    assert SGR not in out
    assert out.splitlines()[1:3] == ["    2 |   risk_rating: high", "      |                ^^^^"]


def test_empty_no_color_does_not_turn_colours_off(bad):
    # no-color.org: "when present and not an empty string".
    _, out = run_pty("check", "model-card.yaml", cwd=bad, env={"NO_COLOR": ""})
    assert "\x1b[1;31mS002\x1b[0m" in out


@pytest.mark.parametrize("fmt", ["text", "full"])
def test_no_colour_when_piped_or_written_to_a_file(bad, fmt):
    piped = run_cli("check", "--format", fmt, "model-card.yaml", cwd=bad, env={"NO_COLOR": ""})
    assert piped.returncode == 1
    assert SGR not in piped.stdout
    code, out = run_pty("check", "--format", fmt, "-o", "report.txt", "model-card.yaml", cwd=bad)
    assert (code, out) == (1, "")
    assert SGR not in (bad / "report.txt").read_text()


def test_show_source_defaults_and_both_flags(bad):
    headline = (
        'model-card.yaml:2:16: S002 risk_rating "high" is not one of High, Medium, Low, '
        'Unknown (did you mean "High"?)'
    )
    snippet = ["    2 |   risk_rating: high", "      |                ^^^^"]
    summary = "Found 1 error, 0 warnings in 1 file (1 file checked)."

    def piped(*args: str) -> list[str]:
        return run_cli("check", *args, "model-card.yaml", cwd=bad).stdout.splitlines()

    assert piped() == [headline, summary]
    assert piped("--show-source") == [headline, *snippet, summary]
    assert piped("--format", "full") == [headline, *snippet, summary]
    assert piped("--format", "full", "--no-show-source") == [headline, summary]
    _, out = run_pty("check", "--no-color", "--no-show-source", "model-card.yaml", cwd=bad)
    assert out.splitlines() == [headline, summary]


def test_caret_is_under_the_defect_after_tabs_wide_characters_and_emoji(tmp_path):
    (tmp_path / "w-model-card.json").write_text(WIDE, encoding="utf-8")
    code, out = run_pty("check", "--no-color", "w-model-card.json", cwd=tmp_path)
    assert code == 1
    head, source, caret, _ = out.splitlines()
    assert head.startswith("w-model-card.json:1:77: S002 ")
    # Tabs become spaces up to the next multiple of 4 cells, counted from the line's start.
    shown = expand_tabs(WIDE.rstrip("\n"))
    assert shown.count("\t") == 0 and shown != WIDE.rstrip("\n")
    assert source == "    1 | " + shown
    assert caret == "      | " + " " * screen_column(shown[: shown.index('"high"')]) + "^" * 6


def test_hostile_card_text_is_escaped_and_only_cardlint_colours_are_raw(tmp_path):
    (tmp_path / "h-model-card.yaml").write_text(HOSTILE, encoding="utf-8")
    code, out = run_pty("check", "h-model-card.yaml", cwd=tmp_path)
    assert code == 1
    # The card's sequences appear as text; the only raw ESCs left are cardlint's own SGRs.
    assert strip_sgr(out).count("\x1b") == 0
    assert "\x07" not in out
    assert strip_sgr(out).splitlines()[1:3] == [
        '    2 |   model_description: "x\\x1b[2J\\x1b]0;pwned\\x07y"',
        "      |                        ^^^^",
    ]


# ---- the screen itself, through tmux --------------------------------------------------------


class Tmux:
    """One private tmux server (its own socket) with one 200x50 window."""

    def __init__(self, cwd: Path) -> None:
        self.socket = f"cardlint-test-{uuid.uuid4().hex[:12]}"
        self.cwd = cwd

    def tmux(self, *args: str) -> str:
        proc = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        return proc.stdout

    def run(self, *args: str) -> tuple[str, str]:
        """Run cardlint in the window; returns the screen as text and with its colours."""
        command = " ".join(subprocess.list2cmdline([a]) for a in (*cardlint_command(), *args))
        self.tmux(
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            "200",
            "-y",
            "50",
            "-c",
            str(self.cwd),
            f"env -u NO_COLOR {command}; echo __END__; sleep 600",
        )
        for _ in range(600):  # up to a minute for a busy machine
            if "__END__" in self.tmux("capture-pane", "-p", "-t", "main"):
                break
            time.sleep(0.1)
        return (
            self.tmux("capture-pane", "-p", "-t", "main"),
            self.tmux("capture-pane", "-p", "-e", "-t", "main"),
        )

    def cells(self, text: str) -> int:
        """How many cells tmux itself advances its cursor for ``text`` (one line)."""
        probe = self.cwd / "probe.txt"
        probe.write_text(text, encoding="utf-8")
        self.tmux(
            "new-session",
            *("-d", "-s", "probe", "-x", "200", "-y", "5", "-c", str(self.cwd)),
            "cat probe.txt; sleep 600",
        )
        for _ in range(600):
            x = self.tmux("display-message", "-p", "-t", "probe", "#{cursor_x}").strip()
            if x != "0" or not text:
                return int(x)
            time.sleep(0.1)
        raise AssertionError("tmux never showed the probe text")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)


@pytest.fixture
def tmux(tmp_path: Path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (.ci/run installs it)")
    server = Tmux(tmp_path)
    yield server
    server.close()


def test_screen_shows_colours_and_aligned_carets(tmux, tmp_path):
    (tmp_path / "w-model-card.json").write_text(WIDE, encoding="utf-8")
    screen, coloured = tmux.run("check", "w-model-card.json")
    rows = screen.splitlines()
    source = next(r for r in rows if r.startswith("    1 | "))
    caret = rows[rows.index(source) + 1]
    # Where tmux puts "high" (its own idea of cells), and where the caret starts.
    assert caret.index("^") == tmux.cells(source[: source.index('"high"')])
    assert caret.index("^") == screen_column(source[: source.index('"high"')])
    assert caret.rstrip().endswith(" ^^^^^^") and caret.count("^") == 6
    assert "\\x1b" not in screen
    # tmux saw colour attributes (it re-emits them as SGR on capture -e), not literal text.
    assert "S002" in coloured and "\x1b[" in coloured.split("S002")[0].splitlines()[-1]


def test_screen_of_a_hostile_card_is_not_rewritten(tmux, tmp_path):
    (tmp_path / "h-model-card.yaml").write_text(HOSTILE, encoding="utf-8")
    screen, _ = tmux.run("check", "h-model-card.yaml")
    rows = [r for r in screen.splitlines() if r.strip()]
    # Nothing cleared the screen: the headline is still there, and the sequences read as text.
    assert rows[0] == "h-model-card.yaml:2:24: P001 character U+001B is not allowed in YAML"
    assert rows[1] == '    2 |   model_description: "x\\x1b[2J\\x1b]0;pwned\\x07y"'
    assert rows[2] == "      |                        ^^^^"
    assert "pwned" not in tmux.tmux("display-message", "-p", "#{pane_title}")
