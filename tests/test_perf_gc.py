"""The command line tunes the garbage collector for checking; the Python API leaves it alone."""

from __future__ import annotations

import gc
import subprocess
import sys

from cardlint.core.settings import Settings
from cardlint.running.parallel import check_files
from helpers import EXAMPLES

CARD = str(EXAMPLES / "good" / "sdk-model-package-model-card.json")


def test_the_library_leaves_the_collector_alone() -> None:
    before = (gc.get_threshold(), gc.get_freeze_count())
    [result] = list(check_files([(CARD, Settings())]))
    assert not isinstance(result, OSError) and result.diagnostics == ()
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_the_command_line_freezes_its_imports_and_collects_less_often() -> None:
    code = (
        "import gc; from cardlint.running.parallel import check_files; "
        "from cardlint.core.settings import "
        f"Settings; list(check_files([({CARD!r}, Settings())], own_process=True)); "
        "print(gc.get_threshold(), gc.get_freeze_count() > 10_000, "
        "'cardlint.check.engine' in __import__('sys').modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.split() == ["(10000,", "10,", "10)", "True", "True"]
