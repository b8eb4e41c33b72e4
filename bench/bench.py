"""Benchmark cardlint against check-jsonschema and the parse-only floor.

Generates N realistic model-package cards (about 10 KB, half JSON half YAML, a configurable
share with one defect each, fixed seed), then times whole processes, alternating the tools
round by round, and prints the median, the spread and the ratios the performance targets are
stated in. Peak RSS is read from ``wait4``, so it is the measured process's own.

    python bench/bench.py                      # 1,000 cards, every scenario but memory
    python bench/bench.py -n 50 --rounds 1     # what CI runs, to keep the script working
    python bench/bench.py --scenario memory    # 10,000 cards, peak RSS
    python bench/bench.py --scenario render    # `cardlint render` from a cold start

check-jsonschema is looked up on PATH (``pip install check-jsonschema==0.39.0``) or given with
``--check-jsonschema``; without it its rows are skipped, not faked.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCHEMA = ROOT / "schemas" / "model-package-card.schema.json"
SCENARIOS = ("batch", "cold", "jobs", "cache", "memory", "render")
DEFAULT_SCENARIOS = ("batch", "cold", "jobs", "cache", "render")
RENDER_CARD = ROOT / "examples" / "render" / "fraud-model-card.yaml"

sys.path.insert(0, str(HERE))
from cards import write_cards  # noqa: E402 - the generator lives beside this script


@dataclass
class Timing:
    """Every run of one command: wall seconds and peak RSS (KiB)."""

    label: str
    seconds: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run_once(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """Run ``command`` with output discarded; return (wall seconds, peak RSS KiB, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, close_fds=True
    )
    assert proc.stderr is not None
    error_text = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: {command[0]} exited {proc.returncode}: {error_text.decode()[-2000:]}")
    return elapsed, usage.ru_maxrss, proc.returncode


def cpu_seconds(command: list[str]) -> float:
    """User plus system CPU seconds of one run of ``command`` (output discarded)."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime


def alternate(
    commands: dict[str, list[str]], rounds: int, before_each: dict[str, object] | None = None
) -> dict[str, Timing]:
    """Time each command ``rounds`` times, interleaved (A B C, B C A, ...), so that load from
    other processes on the machine falls on every tool alike."""
    timings = {label: Timing(label) for label in commands}
    labels = list(commands)
    for r in range(rounds):
        order = labels[r % len(labels) :] + labels[: r % len(labels)]
        for label in order:
            hook = (before_each or {}).get(label)
            if callable(hook):
                hook()
            seconds, rss, _ = run_once(commands[label])
            timings[label].seconds.append(seconds)
            timings[label].rss_kib.append(rss)
    return timings


def table(title: str, timings: dict[str, Timing], base: str | None = None) -> None:
    print(f"\n## {title}")
    print(
        f"{'what':<34} {'median s':>9} {'min s':>8} {'max s':>8} {'peak RSS':>9}"
        + (f" {'vs ' + base:>16}" if base else "")
    )
    for t in timings.values():
        ratio = ""
        if base and base in timings:
            ratio = f" {t.median / timings[base].median:>15.2f}×"
        print(
            f"{t.label:<34} {t.median:>9.3f} {min(t.seconds):>8.3f} {max(t.seconds):>8.3f} "
            f"{max(t.rss_kib) / 1024:>7.0f}MB{ratio}"
        )


@dataclass
class Bench:
    """What every scenario needs: where to work, what to run, how often."""

    work: Path
    count: int
    invalid: float
    seed: int
    rounds: int
    cardlint: list[str]
    check_jsonschema: str | None
    memory_count: int
    cold_rounds: int = 15
    results: list[tuple[str, str, bool | None]] = field(default_factory=list)

    def cards(self, name: str, count: int) -> Path:
        directory = self.work / name
        if not directory.exists():
            write_cards(directory, count, self.invalid, self.seed)
        return directory

    def cjs(self, files: list[str]) -> list[str] | None:
        if self.check_jsonschema is None:
            return None
        return [self.check_jsonschema, "--schemafile", str(SCHEMA), *files]

    def target(self, name: str, figure: str, met: bool | None) -> None:
        self.results.append((name, figure, met))

    # -- scenarios ---------------------------------------------------------------------

    def batch(self) -> None:
        directory = self.cards("batch", self.count)
        files = sorted(str(p) for p in directory.iterdir())
        ours_label = "cardlint (--no-cache --jobs 1)"
        commands = {
            ours_label: [*self.cardlint, "--no-cache", "--jobs", "1", str(directory)],
            "parse-only floor": [sys.executable, str(HERE / "floor.py"), str(directory)],
        }
        cjs = self.cjs(files)
        if cjs:
            commands["check-jsonschema"] = cjs
        timings = alternate(commands, self.rounds)
        share = f"{self.invalid:.0%} invalid"
        table(f"{self.count} cards, one process ({share})", timings, "parse-only floor")
        ours = timings[ours_label].median
        floor = timings["parse-only floor"].median
        self.target("batch: cardlint / floor <= 1.8", f"{ours / floor:.2f}×", ours / floor <= 1.8)
        if "check-jsonschema" in timings:
            speedup = timings["check-jsonschema"].median / ours
            self.target(
                "batch: check-jsonschema / cardlint >= 10", f"{speedup:.1f}×", speedup >= 10
            )

    def cold(self) -> None:
        directory = self.cards("batch", self.count)
        card = str(sorted(directory.iterdir())[0])
        cache_dir = str(self.work / "cold-cache")
        commands = {
            "cardlint, one card (--no-cache)": [*self.cardlint, "--no-cache", card],
            "cardlint, one card (cache on)": [*self.cardlint, "--cache-dir", cache_dir, card],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        cjs = self.cjs([card])
        if cjs:
            commands["check-jsonschema, one card"] = cjs
        timings = alternate(commands, self.cold_rounds)
        base = "check-jsonschema, one card" if cjs else None
        table("one card, cold process", timings, base)
        if base:
            ratio = timings["cardlint, one card (--no-cache)"].median / timings[base].median
            self.target("cold: cardlint / check-jsonschema <= 0.4", f"{ratio:.2f}×", ratio <= 0.4)

    def jobs(self) -> None:
        directory = self.cards("jobs", self.count * 2)
        commands = {
            f"--jobs {n}": [*self.cardlint, "--no-cache", "--jobs", str(n), str(directory)]
            for n in (1, 2)
        }
        timings = alternate(commands, self.rounds)
        table(f"{self.count * 2} cards, worker processes", timings, "--jobs 1")
        speedup = timings["--jobs 1"].median / timings["--jobs 2"].median
        self.target("jobs: --jobs 1 / --jobs 2 >= 1.6", f"{speedup:.2f}×", speedup >= 1.6)

    def cache(self) -> None:
        """Per round: an empty cache, a first run, a re-run, then a re-run after touching every
        file (its stat data changed, its bytes not: each file is read and hashed again).

        Stat data are trusted only once a file's times are older than the cache's racy window
        (2 s), so each round starts by waiting until they are, as in a repository whose cards
        were not written in the last two seconds.
        """
        directory = self.cards("batch", self.count)
        files = sorted(directory.iterdir())
        cache_dir = self.work / "cache"
        command = [*self.cardlint, "--jobs", "1", "--cache-dir", str(cache_dir), str(directory)]
        first, again = Timing("first run (empty cache)"), Timing("re-run (unchanged files)")
        touched = Timing("re-run, every file touched")
        for _ in range(self.rounds):
            settle(files)
            shutil.rmtree(cache_dir, ignore_errors=True)
            for timing in (first, again, touched):
                if timing is touched:
                    for path in files:
                        os.utime(path)
                seconds, rss, _ = run_once(command)
                timing.seconds.append(seconds)
                timing.rss_kib.append(rss)
        timings = {t.label: t for t in (first, again, touched)}
        table(f"{self.count} cards, cache on", timings, first.label)
        speedup = first.median / again.median
        self.target("cache: first / re-run >= 20", f"{speedup:.1f}×", speedup >= 20)

    def memory(self) -> None:
        directory = self.cards("memory", self.memory_count)
        commands = {
            "cardlint --jobs 1": [*self.cardlint, "--no-cache", "--jobs", "1", str(directory)],
            "cardlint (default jobs)": [*self.cardlint, "--no-cache", str(directory)],
        }
        timings = alternate(commands, 1)
        table(f"{self.memory_count} cards, peak memory", timings)
        peak = max(max(t.rss_kib) for t in timings.values()) / 1024
        name = f"memory: peak RSS <= 150 MB ({self.memory_count} cards)"
        self.target(name, f"{peak:.0f} MB", peak <= 150)

    def render(self) -> None:
        """`cardlint render` of the example card (three charts, three findings) from a cold
        start, next to `cardlint check` of the same card; then one bar chart drawn by the
        chart libraries the issue suggested, where installed (their rows say why cardlint
        draws its own SVG: start-up, size, and whether two runs give the same bytes)."""
        if importlib.util.find_spec("jinja2") is None:
            print("\n## render: skipped (pip install 'cardlint[render]')")
            return
        head = self.cardlint[:-2]  # without "check --quiet"
        card, out = str(RENDER_CARD), str(self.work / "page.html")
        commands = {
            "cardlint render (HTML)": [*head, "render", card, "-o", out],
            "cardlint render --format markdown": [*head, "render", card, "--format", "markdown"],
            "cardlint check (same card)": [*head, "check", "--no-cache", "--quiet", card],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        script = str(HERE / "render_libraries.py")
        libraries = [name for name in ("matplotlib", "pygal") if importlib.util.find_spec(name)]
        for name in libraries:
            commands[f"{name}: one bar chart"] = [sys.executable, script, name]
        timings = alternate(commands, self.cold_rounds)
        table("render one card, cold process", timings, "cardlint check (same card)")
        # CPU seconds (user + system) of the same commands: what a run costs, apart from
        # waiting for a core on a busy machine.
        print(f"\n{'CPU seconds, median of ' + str(self.cold_rounds):<34} {'user+sys':>9}")
        cpu: dict[str, float] = {}
        for label, command in commands.items():
            cpu[label] = statistics.median(cpu_seconds(command) for _ in range(self.cold_rounds))
            print(f"{label:<34} {cpu[label]:>9.3f}")
        page = Path(out).read_bytes()
        print(f"\npage: {len(page):,} bytes for 3 charts, 3 findings")
        for name in libraries:
            runs = [
                subprocess.run([sys.executable, script, name], capture_output=True).stdout
                for _ in range(2)
            ]
            same = "same bytes" if runs[0] == runs[1] else "DIFFERENT bytes"
            style = runs[0].count(b'style="')
            print(
                f"{name}: {len(runs[0]):,} bytes for one bar chart, {same} on two runs, "
                f"{style} style attributes (refused by a strict CSP)"
            )
        seconds = timings["cardlint render (HTML)"].median
        self.target("render: one card, cold <= 0.5 s", f"{seconds:.3f} s", seconds <= 0.5)
        used = cpu["cardlint render (HTML)"]
        self.target("render: one card, CPU <= 0.5 s", f"{used:.3f} s", used <= 0.5)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("-n", "--count", type=int, default=1000, help="cards per batch (default 1000)")
    add("--invalid", type=float, default=0.0, help="share of invalid cards, 0..1 (default 0)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument(
        "--cold-rounds", type=int, default=15, help="timed runs per command for 'cold'"
    )
    parser.add_argument("--rounds", type=int, default=5, help="timed runs per command (median)")
    parser.add_argument(
        "--scenario",
        action="append",
        choices=SCENARIOS,
        help=f"repeatable; default {', '.join(DEFAULT_SCENARIOS)}",
    )
    parser.add_argument("--memory-count", type=int, default=10_000, help="cards for 'memory'")
    parser.add_argument(
        "--check-jsonschema",
        default=shutil.which("check-jsonschema"),
        help="the check-jsonschema executable (default: from PATH)",
    )
    parser.add_argument(
        "--cardlint",
        help="the cardlint executable (default: the one installed next to this Python)",
    )
    parser.add_argument("--work", type=Path, help="keep generated cards here (default: a temp dir)")
    return parser.parse_args(argv)


def settle(files: list[Path], window: float = 2.0) -> None:
    """Wait until every file was last written (or had its metadata changed) over ``window``
    seconds ago."""
    newest = max(max(p.stat().st_mtime, p.stat().st_ctime) for p in files)
    time.sleep(max(0.0, newest + window + 0.05 - time.time()))


def cardlint_command(executable: str | None) -> list[str]:
    if executable:
        return [executable, "check", "--quiet"]
    script = Path(sys.executable).with_name("cardlint")
    head = [str(script)] if script.exists() else [sys.executable, "-m", "cardlint"]
    return [*head, "check", "--quiet"]


def compile_bytecode() -> None:
    """Compile cardlint's modules as ``pip install`` does. An editable install under
    PYTHONDONTWRITEBYTECODE would otherwise compile every module on every start, which no
    installed user pays and check-jsonschema (installed from a wheel) does not pay either."""
    import compileall

    import cardlint

    compileall.compile_dir(str(Path(cardlint.__file__).parent), quiet=1)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    compile_bytecode()
    work = args.work or Path(tempfile.mkdtemp(prefix="cardlint-bench-"))
    bench = Bench(
        work=work,
        count=args.count,
        invalid=args.invalid,
        seed=args.seed,
        rounds=args.rounds,
        cardlint=cardlint_command(args.cardlint),
        check_jsonschema=args.check_jsonschema,
        memory_count=args.memory_count,
        cold_rounds=args.cold_rounds,
    )
    print(
        f"# cardlint bench: {args.count} cards, {args.invalid:.0%} invalid, seed {args.seed}, "
        f"{args.rounds} rounds, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )
    if bench.check_jsonschema is None:
        print(
            "# check-jsonschema not found: its rows are skipped "
            "(pip install check-jsonschema==0.39.0)"
        )
    try:
        for scenario in args.scenario or DEFAULT_SCENARIOS:
            getattr(bench, scenario)()
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print("\n## targets")
    for name, figure, met in bench.results:
        verdict = {True: "met", False: "NOT met", None: "-"}[met]
        print(f"{name:<50} {figure:>9}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
