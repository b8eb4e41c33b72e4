"""Applying fixes: passes until stable, a check that nothing else changed, atomic writes.

The fixer knows no rules. It takes the fixes the engine placed on diagnostics (edits over the
text, made from each rule's intent by :mod:`cardlint.check.edits`), applies those that do
not collide,
lints the new text, and goes again until no fix applies (at most :data:`MAX_PASSES` passes).
After every pass the new text is parsed and compared with what the intents say it must mean:
the targeted values changed as intended and every other value exactly as before. A fix that
fails this is left out, with an ``X002`` diagnostic that says which fix and why, and every other
fix still goes in: one fix that cannot be made never blocks the rest.

>>> from cardlint.check.engine import check_text
>>> print(fix_result(check_text("intended_uses:\\n  risk_rating: high  # why\\n", "c.yaml")).text)
intended_uses:
  risk_rating: High  # why
<BLANKLINE>
"""

from __future__ import annotations

import copy
import difflib
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from cardlint.check.edits import apply_edits, key_start
from cardlint.check.engine import FileResult, check_text
from cardlint.check.place import place
from cardlint.core import codes
from cardlint.core.diagnostics import (
    Diagnostic,
    Edit,
    Finding,
    FixIntent,
    QuoteScalar,
    RemoveProperty,
    RenameKey,
    ReplaceValue,
)
from cardlint.core.pointer import join, last, parent, split
from cardlint.core.settings import DEFAULT_SETTINGS, Settings
from cardlint.core.span import FILE_START, Span
from cardlint.loading.document import Decoded, Document
from cardlint.loading.parse import parse_document

MAX_PASSES = 10
"""Fixes that enable other fixes run in later passes; this bounds the loop."""

_LINES = re.compile(r"[^\n]*\n|[^\n]+")


class FixOutcome(NamedTuple):
    """What fixing one file came to.

    ``text`` is the fixed text (the original when nothing applied or the text could not be
    written), ``applied`` the diagnostics whose fixes went in (positions as in the pass that
    applied them), ``result`` what remains to report: the findings of the final text, plus an
    ``X002`` diagnostic for each fix left out and for a text that could not be written.
    ``abandoned`` says why nothing was written, ``left_out`` holds the ``X002`` diagnostics of
    fixes left out while the others went in.
    """

    path: str
    original: str
    text: str
    applied: tuple[Diagnostic, ...]
    result: FileResult
    abandoned: str | None = None
    left_out: tuple[Diagnostic, ...] = ()

    @property
    def changed(self) -> bool:
        return self.text != self.original


def fix_result(
    result: FileResult, settings: Settings = DEFAULT_SETTINGS, *, unsafe: bool = False
) -> FixOutcome:
    """Apply the fixes of one linted file in memory (nothing is written).

    ``unsafe`` adds fixes whose applicability is ``unsafe`` to the safe ones.
    """
    document = result.document
    if document is None:
        return FixOutcome(result.path, "", "", (), result)
    if result.decoded is None:  # text handed in directly: it is written back as UTF-8
        result = result._replace(decoded=Decoded(document.text, "utf-8", b""))
    assert result.decoded is not None
    original = document.text
    text, current, applied = original, result, []
    refused: dict[tuple[str, FixIntent], tuple[Diagnostic, str]] = {}  # left out, and why
    for _ in range(MAX_PASSES):
        chosen = choose(current.diagnostics, unsafe=unsafe, refused=refused)
        if not chosen:
            break
        assert current.document is not None
        kept, dropped = sift(current.document, chosen, result.decoded, settings)
        for d, reason in dropped:
            refused[_identity(d)] = (d, reason)
        if not kept:
            continue  # fixes that waited behind a refused one get their turn
        text = apply_edits(text, _edits(kept))
        applied.extend(kept)
        current = check_text(
            text, result.path, settings, decoded=result.decoded._replace(text=text)
        )
    left_out = tuple(_left_out(current, refused, settings))
    for x002 in left_out:
        current = with_diagnostic(current, x002, settings)
    return FixOutcome(result.path, original, text, tuple(applied), current, None, left_out)


def choose(
    diagnostics: Iterable[Diagnostic],
    *,
    unsafe: bool = False,
    refused: Mapping[tuple[str, FixIntent], object] | None = None,
) -> list[Diagnostic]:
    """The fixes one pass applies: in text order, skipping any whose edits collide with, or
    whose pointers are touched by, a fix already chosen (it waits for the next pass), and any
    fix ``refused`` already."""
    candidates = sorted(
        (
            d
            for d in diagnostics
            if d.fix is not None
            and d.fix.edits
            and d.fix_intent is not None
            and (unsafe or d.fix.applicability == "safe")
            and (not refused or _identity(d) not in refused)
        ),
        key=_text_order,
    )
    chosen: list[Diagnostic] = []
    taken_edits: list[Edit] = []
    taken_pointers: set[str] = set()
    for d in candidates:
        assert d.fix is not None and d.fix_intent is not None
        pointers = _touched(d.fix_intent)
        if pointers & taken_pointers:
            continue
        if any(_collide(a, b) for a in d.fix.edits for b in taken_edits):
            continue
        chosen.append(d)
        taken_edits.extend(d.fix.edits)
        taken_pointers |= pointers
    return chosen


def _text_order(d: Diagnostic) -> tuple[int, str]:
    """Where a fix's first edit starts, then its code: the order fixes are chosen in."""
    return (d.fix.edits[0].span.start if d.fix is not None and d.fix.edits else -1, d.code)


def _edits(fixes: Iterable[Diagnostic]) -> Iterator[Edit]:
    """The edits of diagnostics that carry fixes, in order."""
    for d in fixes:
        if d.fix is not None:
            yield from d.fix.edits


def _touched(intent: FixIntent) -> set[str]:
    out: set[str] = set()
    for action in intent.actions:
        if isinstance(action, RemoveProperty) and action.span is not None:
            # One occurrence of a duplicated key: others may go in the same pass.
            out.add(f"{action.pointer} @{action.span.start}")
            continue
        out.add(action.pointer)
        if isinstance(action, RenameKey):
            out.add(join(parent(action.pointer), action.new_key))
    return out


def _collide(a: Edit, b: Edit) -> bool:
    if a.span.start == b.span.start:
        return True
    return a.span.start < b.span.end and b.span.start < a.span.end


def _identity(d: Diagnostic) -> tuple[str, FixIntent]:
    """What names one fix across passes (positions move, the intent does not)."""
    assert d.fix_intent is not None
    return (d.code, d.fix_intent)


def sift(
    before: Document,
    chosen: Sequence[Diagnostic],
    decoded: Decoded,
    settings: Settings = DEFAULT_SETTINGS,
) -> tuple[list[Diagnostic], list[tuple[Diagnostic, str]]]:
    """Split one pass's fixes into those that may go in together and those that may not,
    each with the reason (see :func:`verify`).

    All together first (the common case: one parse); when that fails, each alone, and the
    ones that pass alone together; should they still fail together, they are added one at a
    time in text order and each that breaks what came before is left out.
    """

    def check(fixes: Sequence[Diagnostic]) -> str | None:
        return verify(before, apply_edits(before.text, _edits(fixes)), fixes, decoded, settings)

    first = check(chosen)
    if first is None:
        return list(chosen), []
    if len(chosen) == 1:
        return [], [(chosen[0], first)]
    dropped: list[tuple[Diagnostic, str]] = []
    kept: list[Diagnostic] = []
    for d in chosen:
        reason = check([d])
        if reason is None:
            kept.append(d)
        else:
            dropped.append((d, reason))
    if len(kept) <= 1 or check(kept) is None:
        return kept, dropped
    together: list[Diagnostic] = []
    for d in kept:
        reason = check([*together, d])
        if reason is None:
            together.append(d)
        else:
            dropped.append((d, f"it conflicts with another fix: {reason}"))
    return together, dropped


def _left_out(
    final: FileResult,
    refused: Mapping[tuple[str, FixIntent], tuple[Diagnostic, str]],
    settings: Settings,
) -> Iterator[Diagnostic]:
    """An ``X002`` for each refused fix whose finding is still there in the final text, at
    that finding. One finding gets one ``X002``; a finding another fix made go away needs
    none."""
    taken: set[int] = set()
    for (code, intent), (before, reason) in refused.items():
        finding = _standing(final, code, intent, before, taken)
        if finding is None:
            continue
        taken.add(id(finding))
        message = f"fix for {code} abandoned because {reason}; make this change by hand"
        yield _x002(final.path, message, finding.pointer, finding.span, settings)


def _standing(
    final: FileResult, code: str, intent: FixIntent, before: Diagnostic, taken: set[int]
) -> Diagnostic | None:
    """The finding of the final text that a refused fix was for: the one offering the same
    fix, else the same code at the same pointer, else the same code and message (a rename
    around it moved it)."""
    same = [d for d in final.diagnostics if d.code == code and id(d) not in taken]
    for d in same:
        if d.fix_intent == intent:
            return d
    for d in same:
        if d.pointer == before.pointer:
            return d
    for d in same:
        if d.message == before.message:
            return d
    return None


# -- verification ---------------------------------------------------------------------------


def verify(
    before: Document,
    new_text: str,
    fixes: Sequence[Diagnostic],
    decoded: Decoded,
    settings: Settings = DEFAULT_SETTINGS,
) -> str | None:
    """Why ``new_text`` must not replace ``before``'s text, or ``None`` when it may.

    It must encode as the file did, parse, have no problem the old text did not have, and
    hold exactly the value the fixes' intents describe: targeted values changed as intended,
    every other value unchanged.
    """
    try:
        new_text.encode(decoded.encoding)
    except UnicodeEncodeError:
        return f"the fixed text cannot be encoded as {decoded.encoding.upper()}"
    # The one parse, as the engine's: a template's !Ref & co must load again after the fix.
    after = parse_document(new_text, before.format, settings.limits)
    if after.value is None and before.value is not None:
        problem = after.problems[0] if after.problems else None
        what = f": {problem.message}" if problem else ""
        return f"the fixed text would not parse{what}"
    grown = Counter(p.code for p in after.problems) - Counter(p.code for p in before.problems)
    if grown:
        code = next(iter(grown))
        problem = next(p for p in after.problems if p.code == code)
        return f"the fix would add a problem ({code}: {problem.message})"
    expected = expected_value(before, (d.fix_intent for d in fixes if d.fix_intent))
    where = first_difference(expected, after.value)
    if where is not None:
        return f"the value at {where or 'the top level'} would not be what the fix intends"
    return None


def single_fix_problem(
    result: FileResult, diagnostic: Diagnostic, settings: Settings = DEFAULT_SETTINGS
) -> str | None:
    """Why ``diagnostic``'s fix, applied alone to ``result``'s text, must not be offered (as
    :func:`verify` judges every fix ``--fix`` writes), or ``None`` when it may. A quick fix
    in an editor is held to the same rule as a fix on disk."""
    document, fix = result.document, diagnostic.fix
    if document is None or fix is None or not fix.edits or diagnostic.fix_intent is None:
        return "there is no fix to apply"
    decoded = result.decoded or Decoded(document.text, "utf-8", b"")
    new_text = apply_edits(document.text, fix.edits)
    return verify(document, new_text, [diagnostic], decoded, settings)


def expected_value(document: Document, intents: Iterable[FixIntent]) -> Any:
    """The value ``document`` must hold after the intents are carried out."""
    value = copy.deepcopy(document.value)
    actions = [a for intent in intents for a in intent.actions]
    for action in actions:
        if isinstance(action, ReplaceValue):
            value = _set(value, action.pointer, copy.deepcopy(action.value))
        elif isinstance(action, QuoteScalar) and not action.key:  # a quoted key reads the same
            value = _set(value, action.pointer, document.scalar_text(action.pointer))
    renames = [a for a in actions if isinstance(a, RenameKey)]
    for action in sorted(renames, key=lambda a: -len(split(a.pointer))):
        owner = _get(value, parent(action.pointer))
        if isinstance(owner, dict) and last(action.pointer) in owner:
            owner[action.new_key] = owner.pop(last(action.pointer))
    for action in actions:
        if not isinstance(action, RemoveProperty):
            continue
        effective = key_start(document, action.pointer)
        if action.span is None or action.span.start == effective:
            owner = _get(value, parent(action.pointer))
            if isinstance(owner, dict):
                owner.pop(last(action.pointer), None)
    return value


def _get(value: Any, pointer: str) -> Any:
    node = value
    for token in split(pointer):
        if isinstance(node, dict):
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def _set(value: Any, pointer: str, new: Any) -> Any:
    if not pointer:
        return new
    owner = _get(value, parent(pointer))
    token = last(pointer)
    if isinstance(owner, dict):
        owner[token] = new
    elif isinstance(owner, list) and token.isdigit() and int(token) < len(owner):
        owner[int(token)] = new
    return value


def first_difference(a: Any, b: Any, pointer: str = "") -> str | None:
    """The pointer of the first place where ``a`` and ``b`` differ in value or type."""
    if type(a) is not type(b):
        return pointer
    if isinstance(a, dict):
        for key in a:
            if key not in b:
                return join(pointer, key)
            found = first_difference(a[key], b[key], join(pointer, key))
            if found is not None:
                return found
        extra = next((k for k in b if k not in a), None)
        return None if extra is None else join(pointer, extra)
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            found = first_difference(x, y, f"{pointer}/{i}")
            if found is not None:
                return found
        return None if len(a) == len(b) else pointer
    if isinstance(a, float) and math.isnan(a) and math.isnan(b):
        return None
    return None if a == b else pointer


def _x002(path: str, message: str, pointer: str, span: Span, settings: Settings) -> Diagnostic:
    finding = Finding(codes.FIX_ABANDONED, pointer, message, span=span)
    return place(finding, None, path, settings)


def with_diagnostic(result: FileResult, extra: Diagnostic, settings: Settings) -> FileResult:
    """``result`` with one more diagnostic (if its code is selected), in position order."""
    if not settings.is_enabled(extra.code):
        return result
    diagnostics = tuple(sorted((*result.diagnostics, extra), key=lambda d: d.sort_key))
    return result._replace(diagnostics=diagnostics)


# -- writing --------------------------------------------------------------------------------


def encode(text: str, decoded: Decoded) -> bytes:
    """``text`` as the file's bytes: the same encoding and byte order mark it was read with."""
    return decoded.bom + text.encode(decoded.encoding)


def write_outcome(
    outcome: FixOutcome, original: FileResult, settings: Settings = DEFAULT_SETTINGS
) -> FixOutcome:
    """Write a changed outcome to its file atomically; on failure the file is untouched and
    the returned outcome reports the original findings plus an ``X002`` saying why."""
    if not outcome.changed or original.decoded is None:
        return outcome
    reason = write_atomically(
        outcome.path,
        encode(outcome.original, original.decoded),
        encode(outcome.text, original.decoded),
    )
    if reason is None:
        return outcome
    message = f"fixes not written: {reason}"
    x002 = _x002(outcome.path, message, "", FILE_START, settings)
    reported = with_diagnostic(original, x002, settings)
    return FixOutcome(outcome.path, outcome.original, outcome.original, (), reported, message)


def write_atomically(path: str, expected: bytes, data: bytes) -> str | None:
    """Replace the file at ``path`` (through a symbolic link, the file it names) with
    ``data`` if it still holds ``expected``, guarding other writers' edits
    (:func:`cardlint.core.writing.replace_checked`). Returns why it did not write, or ``None``."""
    from cardlint.core.writing import replace_checked

    return replace_checked(path, expected, data)


# -- showing --------------------------------------------------------------------------------


def unified_diff(label: str, before: str, after: str, decoded: Decoded | None = None) -> str:
    """A unified diff from ``before`` to ``after`` that ``git apply`` accepts: ``a/``/``b/``
    paths, line endings kept, ``\\ No newline at end of file`` where a line ends the file
    without one, and a UTF-8 byte order mark kept on the first line."""
    old, new = _lines(before), _lines(after)
    if decoded is not None and decoded.bom and decoded.encoding == "utf-8":
        old[:1] = ["\ufeff" + line for line in old[:1]]
        new[:1] = ["\ufeff" + line for line in new[:1]]
    label = label.replace(os.sep, "/")
    out: list[str] = []
    diff = difflib.unified_diff(old, new, git_quoted(f"a/{label}"), git_quoted(f"b/{label}"), n=3)
    for index, line in enumerate(diff):
        if index < 2 or line.startswith("@@"):  # headers; content lines start with " -+"
            out.append(line if line.endswith("\n") else line + "\n")
        elif line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


_GIT_ESCAPES = {7: "a", 8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r", 34: '"', 92: "\\"}


def git_quoted(name: str) -> str:
    """A path as git writes it in a diff header: as it is when plain, else in double quotes
    with C escapes and every byte outside printable ASCII in octal (``core.quotePath``), so
    that no name can break a header line or hide what it says, and ``git apply`` reads it back.

    >>> git_quoted("a/x\\tmodel-card.json")
    '"a/x\\\\tmodel-card.json"'
    """
    from cardlint.core.text import one_line

    if one_line(name) == name and '"' not in name and "\\" not in name:
        return name
    try:
        data = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file system produced: its code point's bytes
        data = name.encode("utf-8", "surrogatepass")
    out = []
    for byte in data:
        if byte in _GIT_ESCAPES:
            out.append("\\" + _GIT_ESCAPES[byte])
        elif byte < 0x20 or byte >= 0x7F:
            out.append(f"\\{byte:03o}")
        else:
            out.append(chr(byte))
    return '"' + "".join(out) + '"'


def _lines(text: str) -> list[str]:
    """Lines split at ``\\n`` only, as git does (a ``\\r`` stays part of its line)."""
    return _LINES.findall(text)
