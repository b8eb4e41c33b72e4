"""Where the cards are inside a document, and how their findings are placed in the file.

A file is one of:

- a card: its whole value (the common case);
- a SageMaker API document: a ``describe_model_package`` response or a ``CreateModelPackage`` /
  ``UpdateModelPackage`` request (``ModelCard.ModelCardContent``, a JSON *string*, checked
  against the model-package schema, and ``ModelCard.ModelCardStatus``), or a
  ``DescribeModelCard`` / ``CreateModelCard`` / ``UpdateModelCard`` document (``Content``, a JSON
  string, checked against the model-card schema);
- a CloudFormation template (JSON or YAML): ``AWS::SageMaker::ModelPackage``
  ``Properties.ModelCard.ModelCardContent`` (a JSON string, often a YAML block scalar) and
  ``AWS::SageMaker::ModelCard`` ``Properties.Content`` (a PascalCase object, checked with the
  same rules through a key mapping; pointers stay PascalCase). Values that are intrinsic
  functions (``{"Ref": ...}``, ``{"Fn::Sub": ...}``, ``!GetAtt ...``) are never flagged.

Files are recognised by content, not by name. Every :class:`CardSlot` knows how to show the card
to the checks (value, format, scalar text) and how to put their findings back into the file
(pointer and span in the outer text).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from typing import Any, NamedTuple

from cardlint.core import codes
from cardlint.core.diagnostics import (
    Action,
    Finding,
    FixIntent,
    QuoteScalar,
    RemoveProperty,
    RenameKey,
    ReplaceValue,
)
from cardlint.core.pointer import escape, join, split
from cardlint.core.resources import STANDALONE_ONLY
from cardlint.core.settings import Limits
from cardlint.core.text import a_type, shorten, suggest
from cardlint.loading.document import Document, Format, YamlScalarNote
from cardlint.loading.parse import parse_document

MODEL_CARD_STATUSES = ("Draft", "PendingReview", "Approved", "Archived")
CONTENT_MAX_LENGTH = 100_000
"""The API's limit on the ``Content`` / ``ModelCardContent`` string."""


_MODEL_PACKAGE_KEYS = frozenset(
    {
        "ModelPackageArn",
        "ModelPackageName",
        "ModelPackageGroupName",
        "ModelPackageVersion",
        "ModelPackageStatus",
        "ModelApprovalStatus",
        "InferenceSpecification",
        "ModelPackageDescription",
    }
)
_MODEL_CARD_KEYS = frozenset(
    {"ModelCardName", "ModelCardArn", "ModelCardStatus", "ModelCardVersion"}
)
# Objects whose keys are the user's own, never property names to map.
_FREE_KEYS = frozenset({"CustomDetails", "Metadata"})
_INTRINSIC = re.compile(r"^(?:Ref|Condition|Fn::[A-Za-z0-9]+)$")


class CardSlot(NamedTuple):
    """A card inside a document and how to place what the checks say about it.

    ``value`` is the card as checked (snake_case); ``root`` the pointer, in the file, of the
    card or of the string holding it; ``schema`` the schema the host implies (``None``: the
    whole file, settings or auto-detection decide); ``problems`` findings about the host,
    already placed (status, a content string that is not a card).
    """

    value: dict[str, Any]
    root: str = ""
    schema: str | None = None
    problems: tuple[Finding, ...] = ()
    inner: Document | None = None
    host: Any = None  # embedded.StringHost
    written: Mapping[str, str] | None = None
    intrinsics: tuple[str, ...] = ()
    check: bool = True
    """False for a slot that only carries host problems (no card to check)."""

    @property
    def embedded(self) -> bool:
        """True for a card parsed from a JSON string inside the file."""
        return self.inner is not None

    def card_format(self, document: Document) -> Format:
        return "json" if self.inner is not None else document.format

    def scalar_text(self, document: Document) -> Callable[[str], str | None]:
        """How a scalar of the card is written (for YAML type traps and number fixes)."""
        if self.inner is not None:
            return self.inner.scalar_text
        if self.written is None:
            return document.scalar_text
        return lambda pointer: document.scalar_text(self.outer_pointer(pointer))

    def yaml_notes(self, document: Document) -> tuple[YamlScalarNote, ...]:
        if self.inner is not None:
            return ()
        if self.written is None:
            return document.yaml_notes
        back = {outer: card for card, outer in self.written.items()}
        return tuple(
            note._replace(pointer=back[note.pointer])
            for note in document.yaml_notes
            if note.pointer in back
        )

    def outer_pointer(self, pointer: str) -> str:
        """The pointer, in the file, of the node the card pointer ``pointer`` names."""
        if self.inner is not None:
            return self.root + pointer
        if self.written is None:
            return pointer
        rest: list[str] = []
        probe = pointer
        while probe not in self.written and probe:
            cut = probe.rfind("/")
            rest.insert(0, probe[cut + 1 :])
            probe = probe[:cut]
        base = self.written.get(probe, self.root)
        return base + "".join(f"/{_pascal_token(token)}" for token in rest)

    def place(self, findings: Iterable[Finding], document: Document) -> Iterator[Finding]:
        """The findings of the checks on this card, as findings about the file."""
        if self.inner is None and self.written is None:
            yield from findings
            return
        for finding in findings:
            if any(_within(finding.pointer, p) for p in self.intrinsics):
                continue  # CloudFormation resolves these at deploy time: nothing to check
            if self.inner is not None:
                yield self._place_embedded(finding, document)
            else:
                yield self._place_pascal(finding)

    def _place_embedded(self, finding: Finding, document: Document) -> Finding:
        assert self.inner is not None
        inner_span = finding.span or self.inner.locate(finding.pointer, finding.target)
        span = self.host.span(inner_span, document.lines)
        # No fix: an edit inside the string must be re-escaped for its host, which the fixer
        # (working on values at pointers of the outer file) cannot express.
        return finding._replace(pointer=self.outer_pointer(finding.pointer), span=span, fix=None)

    def _place_pascal(self, finding: Finding) -> Finding:
        fix = finding.fix
        if fix is not None:
            fix = FixIntent(
                fix.applicability,
                _pascal_message(fix.message),
                tuple(self._outer_action(a) for a in fix.actions),
            )
        return finding._replace(
            pointer=self.outer_pointer(finding.pointer),
            message=_pascal_message(finding.message),
            fix=fix,
        )

    def _outer_action(self, action: Action) -> Action:
        pointer = self.outer_pointer(action.pointer)
        if isinstance(action, RenameKey):
            return RenameKey(pointer, _pascal_token(action.new_key))
        if isinstance(action, ReplaceValue):
            return ReplaceValue(pointer, action.value)
        if isinstance(action, QuoteScalar):
            return QuoteScalar(pointer, action.key)
        assert isinstance(action, RemoveProperty)
        return RemoveProperty(pointer, action.span)


def _within(pointer: str, ancestor: str) -> bool:
    return pointer == ancestor or pointer.startswith(ancestor + "/")


# -- finding the cards -----------------------------------------------------------------------


def find_cards(document: Document, limits: Limits | None = None) -> list[CardSlot]:
    """The cards a parsed document holds: the whole value, or those inside an API document or
    a CloudFormation template."""
    value = document.value
    if not isinstance(value, dict):
        return []
    chosen = limits or Limits()
    if is_template(value):
        return list(_template_cards(document, value, chosen))
    model_card = value.get("ModelCard")
    if isinstance(model_card, dict) and (
        "ModelCardContent" in model_card or _MODEL_PACKAGE_KEYS & value.keys()
    ):
        return list(_model_package_cards(document, model_card, "/ModelCard", chosen))
    if isinstance(value.get("Content"), str) and _MODEL_CARD_KEYS & value.keys():
        return list(_model_card_document(document, value, "", chosen))
    return [CardSlot(value)]


def is_template(value: Mapping[str, Any]) -> bool:
    """A CloudFormation template: ``Resources`` whose entries have an ``AWS::`` ``Type``."""
    resources = value.get("Resources")
    if not isinstance(resources, dict):
        return False
    return "AWSTemplateFormatVersion" in value or any(
        isinstance(r, dict) and str(r.get("Type", "")).startswith("AWS::")
        for r in resources.values()
    )


def _template_cards(
    document: Document, value: dict[str, Any], limits: Limits
) -> Iterator[CardSlot]:
    for name, resource in value["Resources"].items():
        if not isinstance(resource, dict) or not isinstance(resource.get("Properties"), dict):
            continue
        where = f"/Resources/{escape(name)}/Properties"
        props = resource["Properties"]
        kind = resource.get("Type")
        if kind == "AWS::SageMaker::ModelPackage" and isinstance(props.get("ModelCard"), dict):
            yield from _model_package_cards(
                document, props["ModelCard"], f"{where}/ModelCard", limits
            )
        elif kind == "AWS::SageMaker::ModelCard":
            yield from _status(document, props, where)
            content = props.get("Content")
            if isinstance(content, dict) and not _is_intrinsic(content):
                yield _pascal_slot(content, f"{where}/Content")


def _model_package_cards(
    document: Document, model_card: dict[str, Any], where: str, limits: Limits
) -> Iterator[CardSlot]:
    yield from _status(document, model_card, where)
    yield from _content_string(
        document, model_card, f"{where}/ModelCardContent", "model-package", limits
    )


def _model_card_document(
    document: Document, value: dict[str, Any], where: str, limits: Limits
) -> Iterator[CardSlot]:
    yield from _status(document, value, where)
    yield from _content_string(document, value, f"{where}/Content", "model-card", limits)


def _status(document: Document, holder: dict[str, Any], where: str) -> Iterator[CardSlot]:
    """``ModelCardStatus`` checked against the four statuses (a slot with problems only)."""
    if "ModelCardStatus" not in holder:
        return
    status = holder["ModelCardStatus"]
    pointer = f"{where}/ModelCardStatus"
    if _is_intrinsic(status) or status in MODEL_CARD_STATUSES:
        return
    allowed = ", ".join(MODEL_CARD_STATUSES)
    if not isinstance(status, str):
        finding = Finding(
            codes.TYPE, pointer, f"ModelCardStatus must be a string, one of {allowed}"
        )
    else:
        message = f"ModelCardStatus {shorten(status)} is not one of {allowed}"
        match, _certain = suggest(status, list(MODEL_CARD_STATUSES))
        fix = None
        if match is not None:
            message += f' (did you mean "{match}"?)'
            fix = FixIntent(
                "safe", f'Replace {shorten(status)} with "{match}"', (ReplaceValue(pointer, match),)
            )
        finding = Finding(codes.ENUM, pointer, message, fix=fix)
    yield CardSlot({}, pointer, problems=(finding,), check=False)


def _content_string(
    document: Document, holder: dict[str, Any], pointer: str, schema: str, limits: Limits
) -> Iterator[CardSlot]:
    name = pointer.rsplit("/", 1)[1]
    if name not in holder:
        return
    content = holder[name]
    if _is_intrinsic(content):
        return
    if not isinstance(content, str):
        kind = "an object" if isinstance(content, dict) else shorten(content)
        yield CardSlot(
            {},
            pointer,
            check=False,
            problems=(
                Finding(
                    codes.TYPE,
                    pointer,
                    f"{name} must be a JSON string holding the card, not {kind}",
                ),
            ),
        )
        return
    if len(content) > CONTENT_MAX_LENGTH:
        yield CardSlot(
            {},
            pointer,
            check=False,
            problems=(
                Finding(
                    codes.MAX_LENGTH,
                    pointer,
                    f"{name} is {len(content):,} characters long; at most "
                    f"{CONTENT_MAX_LENGTH:,} are allowed",
                ),
            ),
        )
    from cardlint.loading.embedded import string_host

    span = document.locate(pointer)
    host = string_host(document.text, span.start, span.end, content)
    inner = parse_document(content, "json", limits)
    problems = tuple(
        p._replace(
            pointer=pointer + p.pointer,
            span=host.span(p.span or inner.locate(p.pointer, p.target), document.lines),
            fix=None,
        )
        for p in inner.problems
    )
    if inner.value is None and not problems:
        problems = (
            Finding(codes.NOT_AN_OBJECT, pointer, f"{name} is empty: it must hold a JSON object"),
        )
    elif inner.value is not None and not isinstance(inner.value, dict):
        problems = (
            Finding(
                codes.NOT_AN_OBJECT,
                pointer,
                f"{name} must hold a JSON object, not {a_type(inner.value)}",
            ),
        )
    if not isinstance(inner.value, dict):
        yield CardSlot({}, pointer, problems=problems, check=False)
        return
    yield CardSlot(inner.value, pointer, schema, problems, inner=inner, host=host)


# -- PascalCase content (CloudFormation AWS::SageMaker::ModelCard) ----------------------------


def _is_intrinsic(value: Any) -> bool:
    """``{"Ref": ...}``, ``{"Fn::Sub": ...}``, ``{"Condition": ...}`` (also from ``!Ref``)."""
    return isinstance(value, dict) and len(value) == 1 and bool(_INTRINSIC.match(next(iter(value))))


def _pascal_slot(content: dict[str, Any], root: str) -> CardSlot:
    names = _snake_names()
    written: dict[str, str] = {"": root}
    intrinsics: list[str] = []

    def convert(node: Any, card: str, outer: str, free: bool) -> Any:
        if _is_intrinsic(node):
            intrinsics.append(card)
            return node
        if isinstance(node, dict):
            out: dict[str, Any] = {}
            for key, child in node.items():
                name: str = key if free or key not in names else names[key]
                card_child, outer_child = join(card, name), join(outer, key)
                written[card_child] = outer_child
                out[name] = convert(child, card_child, outer_child, key in _FREE_KEYS)
            return out
        if isinstance(node, list):
            items = []
            for i, child in enumerate(node):
                written[f"{card}/{i}"] = f"{outer}/{i}"
                items.append(convert(child, f"{card}/{i}", f"{outer}/{i}", False))
            return items
        return node

    value = convert(content, "", root, False)
    return CardSlot(value, root, "model-card", written=written, intrinsics=tuple(intrinsics))


@cache
def _snake_names() -> dict[str, str]:
    """PascalCase → snake_case for every property name of the model-card schema."""
    from cardlint.core.resources import load_vendored

    found: dict[str, str] = {}
    stack: list[Any] = [load_vendored("model-card")]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key in (
                node.get("properties", {}) if isinstance(node.get("properties"), dict) else {}
            ):
                found[_pascal_token(key)] = key
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _pascal_token(token: str) -> str:
    """``x_axis_name`` → ``XAxisName``; array indexes and other tokens stay as they are."""
    if not re.fullmatch(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", token):
        return token
    return "".join(part.capitalize() for part in token.split("_"))


_SNAKE_WORD = re.compile(r'"([a-z][a-z0-9]*(?:_[a-z0-9]+)*)"|\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b')


def _pascal_message(message: str) -> str:
    """Name properties as the template writes them: quoted names and multi-word snake names."""
    known = set(_snake_names().values())

    def swap(match: re.Match[str]) -> str:
        word = match.group(1) or match.group(2)
        if word not in known:
            return match.group(0)
        pascal = _pascal_token(word)
        return f'"{pascal}"' if match.group(1) else pascal

    return _SNAKE_WORD.sub(swap, message)


# -- schema choice -----------------------------------------------------------------------------


def standalone_fields(card: Mapping[str, Any]) -> list[str]:
    """The fields of ``card`` that only standalone model cards have (pointers)."""
    found: list[str] = []
    for holder, names in STANDALONE_ONLY.items():
        node: Any = card
        for token in split(holder):
            node = node.get(token) if isinstance(node, dict) else None
        if isinstance(node, dict):
            found.extend(join(holder, name) for name in node if name in names)
    return found


def choose_schema(requested: str, slot: CardSlot) -> str:
    """The schema a card is checked against (see :func:`schema_choice`)."""
    return schema_choice(requested, slot)[0]


def schema_choice(requested: str, slot: CardSlot) -> tuple[str, tuple[str, ...]]:
    """The schema a card is checked against, and the fields that decided it: the pointers, in
    the file, of the standalone-only fields that made ``auto`` pick ``model-card`` (``()`` when
    the schema was named or the host implied it).

    ``auto``: what the host implies (a model package's ``ModelCardContent`` is a model-package
    card, a model card's ``Content`` a standalone one); for a card file, ``model-card`` when it
    has at least two fields only standalone model cards have, else ``model-package``. One such
    field alone may be either (real standalone cards often carry just one), so the engine makes
    its S004 a warning rather than an error; a named schema makes it certain.
    """
    if requested != "auto":
        return requested, ()
    if slot.schema is not None:
        return slot.schema, ()
    fields = standalone_fields(slot.value)
    if len(fields) < 2:
        return "model-package", ()
    return "model-card", tuple(slot.outer_pointer(f) for f in fields)
