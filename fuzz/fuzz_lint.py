"""Fuzz target: arbitrary bytes through the whole lint path, checking cardlint's invariants.

Run with atheris (coverage-guided, libFuzzer options after the script name)::

    pip install atheris
    python fuzz/fuzz_lint.py fuzz/seeds -max_total_time=300 -rss_limit_mb=2048

or without atheris, with hypothesis driving random inputs from the seeds::

    python fuzz/fuzz_lint.py --hypothesis --seconds 300

Invariants checked for every input (any violation is a crash the fuzzer reports):

- ``check_bytes`` never raises, whatever the bytes;
- every diagnostic's span lies inside the decoded text, start before end;
- no X001 (internal error: a rule crashed);
- every report format renders the result without raising.
"""

from __future__ import annotations

import io
import sys
from contextlib import suppress
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cardlint.check.engine import FileResult

SEEDS = Path(__file__).with_name("seeds")
NAMES = ("model-card.json", "model-card.yaml")


def available_formats() -> tuple[str, ...]:
    """Every report format this checkout has, or those named in ``CARDLINT_FUZZ_FORMATS``
    (comma-separated; rendering all nine formats is most of the time per input)."""
    import os

    from cardlint import report

    chosen = os.environ.get("CARDLINT_FUZZ_FORMATS")
    if chosen is not None:
        return tuple(f for f in chosen.split(",") if f)
    return tuple(getattr(report, "FORMATS", ("text", "json")))


def check_invariants(result: FileResult, formats: tuple[str, ...]) -> None:
    """Raise AssertionError when a result breaks one of the invariants above."""
    from cardlint.core import codes
    from cardlint.report import ReportOptions, write_report

    text = result.document.text if result.document is not None else None
    for d in result.diagnostics:
        assert d.code != codes.INTERNAL_ERROR, d.message
        span = d.span
        assert 1 <= span.line <= span.end_line, span
        assert span.start <= span.end, span
        if text is not None:
            assert 0 <= span.start <= len(text), (span, len(text))
            assert span.end <= len(text), (span, len(text))
    for fmt in formats:
        out = io.StringIO()
        write_report(fmt, [result], out, ReportOptions())
        out.getvalue().encode("utf-8")  # what a UTF-8 stream would do with it


def one_input(data: bytes, formats: tuple[str, ...]) -> None:
    """Lint ``data`` (its first byte picks JSON or YAML) and check the invariants."""
    from cardlint.check.engine import check_bytes

    if not data:
        return
    name = NAMES[data[0] & 1]
    result = check_bytes(data[1:], name)
    check_invariants(result, formats)


def run_atheris(argv: list[str]) -> None:
    import atheris

    # Coverage guidance over cardlint's own code only: instrumenting everything (the standard
    # library, jsonschema) made each input about three times slower for little gain.
    with atheris.instrument_imports(include=["cardlint"]):
        import cardlint.check.engine
        import cardlint.report.json
        import cardlint.report.text  # noqa: F401

        formats = available_formats()
        for fmt in formats:
            with suppress(ImportError):  # "full" is the text reporter with snippets
                import_module(f"cardlint.report.{fmt.replace('-', '_')}")
    atheris.Setup(argv, lambda data: one_input(data, formats))
    atheris.Fuzz()


def run_hypothesis(seconds: float) -> None:
    """Random inputs for ``seconds``: mutated seeds and raw bytes (no coverage guidance)."""
    import time

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    formats = available_formats()
    seeds = [p.read_bytes() for p in sorted(SEEDS.iterdir()) if p.is_file()]
    deadline = time.monotonic() + seconds
    count = 0

    @st.composite
    def mutated(draw: st.DrawFn) -> bytes:
        base = bytearray(draw(st.sampled_from(seeds)) if seeds else b"{}")
        for _ in range(draw(st.integers(0, 8))):
            pos = draw(st.integers(0, len(base)))
            choice = draw(st.integers(0, 2))
            if choice == 0 and base:
                del base[min(pos, len(base) - 1)]
            elif choice == 1:
                base[pos:pos] = draw(st.binary(min_size=1, max_size=8))
            else:
                base[pos:pos] = draw(st.sampled_from(TOKENS))
        return bytes(base)

    @settings(
        max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(st.integers(0, 1), st.one_of(mutated(), st.binary(max_size=256)))
    def target(kind: int, data: bytes) -> None:
        nonlocal count
        count += 1
        one_input(bytes([kind]) + data, formats)

    while time.monotonic() < deadline:  # batches of 500; a failure raises with the input
        target()
    print(f"hypothesis fuzzing: {count} inputs in {seconds:.0f} s, no invariant broken")


TOKENS = [
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b":",
    b'"',
    b"\\u",
    b"\\ud800",
    b"\\u0000",
    b"&a ",
    b"*a",
    b"<<: ",
    b"!!python/object ",
    b"!foo ",
    b"---\n",
    b"- ",
    b"\t",
    b"\n  ",
    b"1e999",
    b"NaN",
    b"9" * 5000,
    b".inf",
    b"\xff",
    b"\x00",
    b"\xef\xbb\xbf",
    b"? ",
    b"|\n",
    b"#",
    b"//",
]


if __name__ == "__main__":
    if "--hypothesis" in sys.argv:
        secs = float(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 60
        run_hypothesis(secs)
    else:
        run_atheris(sys.argv)
