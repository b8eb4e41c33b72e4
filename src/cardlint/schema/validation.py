"""Schema validation, offline, and the translation of jsonschema errors into findings.

One defect, one finding: ``anyOf`` over the metric shapes is resolved by the item's ``type``;
``additionalProperties`` becomes one finding per unknown key; messages are plain words with
shortened values. Only the vendored resources are in the ``referencing`` registry; any other
``$ref`` is reported, never fetched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from cardlint.core import codes
from cardlint.core.diagnostics import (
    SIBLING_CAP,
    Finding,
    FixIntent,
    QuoteScalar,
    RenameKey,
    ReplaceValue,
    Target,
    cap_siblings,
)
from cardlint.core.pointer import from_path, join, split
from cardlint.core.resources import SCHEMA_FILES, STANDALONE_NEAREST, STANDALONE_ONLY
from cardlint.core.text import (
    describe,
    json_type,
    normalise_name,
    or_list,
    shorten,
    suggest,
    with_article,
)
from cardlint.schema.compiled import ValidityCheck, compile_check
from cardlint.schema.strict import Patch, annotation, strict_schema
from cardlint.schema.walk import typed_branch

if TYPE_CHECKING:  # python-jsonschema is imported only when a card has a schema defect
    from jsonschema import ValidationError
    from referencing import Resource

METRIC_TYPES = ("number", "string", "boolean", "linear_graph", "bar_chart", "matrix")
_YAML_SCALAR_TYPES = ("boolean", "number", "null", "date")
_PATTERN_HINTS = {
    # The SageMaker API's patterns in the model-card schema, said in words.
    "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$": (
        "use letters, digits and hyphens only, starting and ending with a letter or digit, "
        "at most 63 characters"
    ),
    "^arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:model-package/\\S{1,2048}$": (
        "write the model package's ARN, arn:aws:sagemaker:REGION:ACCOUNT:model-package/NAME/VERSION"
    ),
}
_UNANCHORED_LENGTH = re.compile(r"\.\{\d+,\d+\}")


class SchemaError(Exception):
    """A schema the user named cannot be used (unreadable, not JSON, not a schema)."""


def _refuse(uri: str) -> Resource[Any]:
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(uri)


def _reference_validator(name: str, document: dict[str, Any], *, check: bool = True) -> Any:
    """python-jsonschema's validator for ``document``: the reference for every finding."""
    from jsonschema import Draft202012Validator
    from jsonschema.validators import validator_for
    from referencing import Registry

    cls_ = _with_capped_items(validator_for(document, default=Draft202012Validator))
    if check:
        try:
            cls_.check_schema(document)
        except Exception as exc:  # jsonschema.SchemaError and friends
            # jsonschema's str() adds the whole metaschema path over several lines.
            reason = getattr(exc, "message", None) or str(exc).splitlines()[0]
            raise SchemaError(f"{name}: not a valid JSON Schema: {reason}") from None
    # referencing declares Registry through a dataclass_transform decorator of its own, and
    # mypy reads its field ``_retrieve`` without the attrs alias ``retrieve`` that attrs honours.
    registry: Registry[Any] = Registry(retrieve=_refuse)  # type: ignore[call-arg]
    return cls_(document, registry=registry)


def _with_capped_items(cls_: Any) -> Any:
    """``cls_`` whose ``items`` keyword stops descending into items of a JSON type that has
    failed ``SIBLING_CAP`` times with nothing but a type error: a 10 MB array of numbers where
    objects belong is millions of items, and one error object each took gigabytes. The items
    skipped are counted in one ``cardlint_more_items`` error on the array."""
    from jsonschema import ValidationError
    from jsonschema.validators import extend

    original = cls_.VALIDATORS.get("items")
    if original is None:
        return cls_

    def items(validator: Any, items: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if (
            not isinstance(instance, list)
            or len(instance) <= SIBLING_CAP
            or not isinstance(items, dict)
            or "prefixItems" in schema
        ):
            yield from original(validator, items, instance, schema)
            return
        only_type: dict[str, int] = {}  # JSON type -> items of it that failed on type alone
        expected: dict[str, Any] = {}
        skipped: dict[str, int] = {}
        for index, item in enumerate(instance):
            kind = json_type(item)
            if only_type.get(kind, 0) >= SIBLING_CAP:
                skipped[kind] = skipped.get(kind, 0) + 1
                continue
            errors = list(validator.descend(item, items, path=index))
            if len(errors) == 1 and errors[0].validator == "type" and len(errors[0].path) == 1:
                only_type[kind] = only_type.get(kind, 0) + 1
                expected[kind] = errors[0].validator_value
            else:  # this type can pass, or fails in other ways: every item is looked at
                only_type[kind] = -len(instance)
            yield from errors
        for kind, count in skipped.items():
            yield ValidationError(
                f"{count} more items of type {kind}",
                validator="cardlint_more_items",
                validator_value=(count, expected[kind], kind),
                instance=instance,
                schema=items,
            )

    return extend(cls_, {"items": items})


class _OnFirstUse:
    """Stands in for the reference validator of a vendored schema and builds it on first use,
    so that a run whose cards are all valid never imports python-jsonschema (~80 ms)."""

    __slots__ = ("_built", "_document", "_name")

    def __init__(self, name: str, document: dict[str, Any]) -> None:
        self._name, self._document, self._built = name, document, None

    def __getattr__(self, attribute: str) -> Any:
        if self._built is None:
            self._built = _reference_validator(self._name, self._document, check=False)
        return getattr(self._built, attribute)


class CardSchema(NamedTuple):
    """A schema ready to validate cards: its name, the raw document, the reference validator
    (python-jsonschema) and, when one can be trusted, a compiled validity check."""

    name: str
    document: dict[str, Any]
    validator: Any
    fast_check: ValidityCheck | None = None

    @classmethod
    def from_document(
        cls, name: str, document: dict[str, Any], *, vendored: bool = False
    ) -> CardSchema:
        """``vendored`` schemas are known valid (tests/test_perf_compiled.py checks them), so
        their meta-schema check and reference validator wait until a card needs them."""
        if vendored:
            validator: Any = _OnFirstUse(name, document)
        else:
            validator = _reference_validator(name, document)
        return cls(name, document, validator, compile_check(document))

    def is_valid(self, card: Any) -> bool:
        """``True`` only when the compiled check proves ``card`` has no schema defect, so that
        :meth:`findings` would return nothing; ``False`` means "ask :meth:`findings`"."""
        return self.fast_check is not None and self.fast_check(card)

    def findings(
        self,
        card: Any,
        scalar_text: Callable[[str], str | None],
        *,
        yaml: bool = False,
        hosted: bool = False,
    ) -> list[Finding]:
        """Every schema defect of ``card``, one finding each.

        ``scalar_text`` gives a scalar as written (for YAML type traps and number fixes);
        ``hosted``: the card's host (an API document, a template) decides its schema, so no
        message suggests another.
        """
        from referencing.exceptions import Unresolvable

        try:
            mapper = _ErrorMapper(scalar_text, yaml=yaml, validator=self.validator, hosted=hosted)
            return list(mapper.map_all(self.validator.iter_errors(card)))
        except Unresolvable as exc:
            ref = getattr(exc, "ref", str(exc))
            return [
                Finding(
                    codes.UNRESOLVABLE_REF,
                    "",
                    f"$ref {shorten(str(ref))} cannot be resolved offline "
                    "(cardlint never fetches schemas)",
                    target="container",
                )
            ]


def load_schema(spec: str, patches: Sequence[Patch] | None = None) -> CardSchema:
    """A vendored schema by name (``model-package``) or a schema file by path.

    A vendored schema is validated with the strict copy that ``patches`` make (the rules'
    corrections, :data:`cardlint.rules.STRICT_PATCHES`; the schema layer imports no rule), so
    they must be given for one; a schema file is used as written.
    """
    if spec in SCHEMA_FILES:
        if patches is None:
            raise TypeError(f"load_schema({spec!r}) needs the strict patches of the rules")
        return _vendored(spec, tuple(patches))
    path = Path(spec)
    try:
        # The engine asks once per card: build a schema file once per content (the stat
        # changes when the file does).
        info = path.stat()
        stamp = (str(path.resolve()), info.st_size, info.st_mtime_ns)
        cached = _FILES.get(stamp)
        if cached is not None:
            return cached
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise SchemaError(f"cannot read schema {spec}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise SchemaError(f"cannot read schema {spec}: not UTF-8") from None
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            document = yaml.safe_load(text)
        else:
            document = json.loads(text)
    except Exception as exc:
        raise SchemaError(f"cannot parse schema {spec}: {str(exc).splitlines()[0]}") from None
    if not isinstance(document, dict):
        raise SchemaError(f"schema {spec} must be a JSON object")
    built = _FILES[stamp] = CardSchema.from_document(str(path), document)
    return built


_CACHE: dict[tuple[str, tuple[Patch, ...]], CardSchema] = {}
_FILES: dict[tuple[str, int, int], CardSchema] = {}


def _vendored(name: str, patches: tuple[Patch, ...]) -> CardSchema:
    cached = _CACHE.get((name, patches))
    if cached is None:
        # Validate with the corrected copy: the L codes come from its annotated keywords.
        document = strict_schema(name, patches)
        cached = _CACHE[name, patches] = CardSchema.from_document(name, document, vendored=True)
    return cached


def _property_name(pointer: str) -> str:
    """How a message names the node at ``pointer``: ``value[0]``, ``evaluation_details[2]``."""
    tokens = split(pointer)
    indexes = ""
    while tokens and tokens[-1].isdigit():
        indexes = f"[{tokens.pop()}]{indexes}"
    return f"{tokens[-1] if tokens else 'card'}{indexes}"


class _Failed(NamedTuple):
    """One jsonschema error as a keyword handler reads it.

    python-jsonschema sets all of these on every error a validator reports (its stubs allow
    them unset, for errors built by hand): the failing ``instance`` and the keyword's
    ``validator_value`` are JSON values of any kind, ``schema`` is the schema object that holds
    the keyword, ``context`` the errors of each branch of an ``anyOf``/``oneOf``.
    """

    validator: str
    validator_value: Any
    instance: Any
    schema: Mapping[str, Any]
    message: str
    context: list[ValidationError]

    @classmethod
    def of(cls, error: ValidationError) -> _Failed:
        schema = error.schema if isinstance(error.schema, Mapping) else {}  # `false`: no keyword
        return cls(
            str(error.validator),
            error.validator_value,
            error.instance,
            schema,
            error.message,
            error.context,
        )


class _ErrorMapper:
    def __init__(
        self,
        scalar_text: Callable[[str], str | None],
        *,
        yaml: bool,
        validator: Any = None,
        hosted: bool = False,
    ) -> None:
        self.scalar_text = scalar_text
        self.yaml = yaml
        self.validator = validator
        self.hosted = hosted

    def map_all(self, errors: Any) -> Iterator[Finding]:
        # Capped before duplicates are looked for: the set of what was seen stays small even
        # when millions of items fail alike.
        seen: set[tuple[str, str, str]] = set()
        for finding in cap_siblings(f for error in errors for f in self.map(error)):
            key = (finding.code, finding.pointer, finding.message)
            if key not in seen:
                seen.add(key)
                yield finding

    def map(self, error: ValidationError) -> Iterator[Finding]:
        pointer = from_path(error.absolute_path)
        handler = _HANDLERS.get(str(error.validator), _ErrorMapper._on_other_keyword)
        found = handler(self, _Failed.of(error), pointer)
        corrected = annotation(error.schema, str(error.validator))
        if corrected is None:
            yield from found
            return
        # A keyword the strict schema corrected: the published schema would have passed this,
        # so say so under the rule's own code. YAML traps keep their code (their fix differs).
        code, why = corrected
        for finding in found:
            if finding.code.startswith("S"):
                finding = finding._replace(code=code, message=f"{finding.message}; {why}")
            yield finding

    # -- keyword handlers (listed in _HANDLERS) -------------------------------------------

    def _on_other_keyword(self, error: _Failed, pointer: str) -> Iterator[Finding]:
        """Any keyword without a handler of its own (``const``, ``minimum``, ``oneOf``...):
        S009 with jsonschema's message in plain words."""
        yield Finding(codes.CONSTRAINT, pointer, _plain(error.message))

    def _on_type(self, error: _Failed, pointer: str) -> Iterator[Finding]:
        expected = error.validator_value
        wanted = [expected] if isinstance(expected, str) else list(expected)
        value = error.instance
        got = json_type(value)
        name = _property_name(pointer)
        if value is None:
            # `key:`, `~`, `null`: a missing value, not a YAML trap; never quote it into the card.
            yield self._no_value(pointer, wanted)
            return
        written = self.scalar_text(pointer)
        if (
            self.yaml
            and "string" in wanted
            and got in _YAML_SCALAR_TYPES
            and _plain_scalar(written)
        ):
            yield Finding(
                codes.YAML_IMPLICIT_TYPE,
                pointer,
                f"{name} is written {written}, which YAML 1.1 reads as {_reading(value)}; "
                f'quote it ("{written}") to keep the string',
                fix=FixIntent("safe", f'Quote {written} as "{written}"', (QuoteScalar(pointer),)),
            )
            return
        fix = None
        if wanted == ["string"] and got == "number" and written is not None:
            fix = FixIntent(
                "safe", f"Write {written} as a string", (ReplaceValue(pointer, written),)
            )
        elif wanted == ["number"] and isinstance(value, str):
            number = _as_number(value)
            if number is not None:
                fix = FixIntent(
                    "safe", f"Write {shorten(value)} as a number", (ReplaceValue(pointer, number),)
                )
        elif wanted == ["boolean"] and isinstance(value, str) and value in ("true", "false"):
            fix = FixIntent(
                "safe", f"Write {value} as a boolean", (ReplaceValue(pointer, value == "true"),)
            )
        article = or_list(with_article(t) for t in wanted)
        yield Finding(
            codes.TYPE,
            pointer,
            f"{name} must be {article}, not {describe(value)}",
            fix=fix,
        )

    def _no_value(self, pointer: str, wanted: list[str]) -> Finding:
        """``key:`` with nothing after it, ``~`` or ``null`` where a value belongs."""
        how = "YAML reads it as null" if self.yaml else "null"
        tokens = split(pointer)
        item = bool(tokens) and tokens[-1].isdigit()
        remove = "the item" if item else "the key"
        # Nothing written after the colon: point at the key, there is no value to point at.
        blank = self.yaml and not item and not self.scalar_text(pointer)
        target: Target = "key" if blank else "value"
        name = _property_name(pointer)
        if name == "value":  # a metric's or hyper-parameter's value: the key must stay
            message = f"value is missing ({how}); write the value"
        else:
            message = f"{name} has no value ({how}); {_write(wanted)} or remove {remove}"
        return Finding(codes.TYPE, pointer, message, target=target)

    def _on_cardlint_more_items(self, error: _Failed, pointer: str) -> Iterator[Finding]:
        count, expected, got = error.validator_value
        wanted = [expected] if isinstance(expected, str) else list(expected)
        article = or_list(with_article(t) for t in wanted)
        yield Finding(
            codes.TYPE,
            pointer,
            f"{count:,} more items of {_property_name(pointer)} must be {article}, not "
            f"{with_article(got)} (only the first {SIBLING_CAP} are reported)",
        )

    def _on_enum(self, error: _Failed, pointer: str) -> Iterator[Finding]:
        allowed = [a for a in error.validator_value if isinstance(a, str)]
        value = error.instance
        name = _property_name(pointer)
        hint, fix = _replacement(value, allowed, pointer)
        message = f"{name} {shorten(value)} is not one of {', '.join(allowed)}{hint}"
        yield Finding(codes.ENUM, pointer, message, fix=fix)

    def _on_required(self, error: _Failed, pointer: str) -> Iterator[Finding]:
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        where = _property_name(pointer) if pointer else "the card"
        yield Finding(
            codes.REQUIRED,
            pointer,
            f'{where} is missing the required property "{missing}"',
            target="container",
        )

    def _on_additionalProperties(self, error: _Failed, pointer: str) -> Iterator[Finding]:
        if error.validator_value is not False or not isinstance(error.instance, dict):
            yield Finding(codes.CONSTRAINT, pointer, _plain(error.message))
            return
        props = list(error.schema.get("properties", {}))
        patterns = error.schema.get("patternProperties", {})
        where = _property_name(pointer) if pointer else "the card"
        for key in error.instance:
            if key in props or any(re.search(p, key) for p in patterns):
                continue
            standalone = key in STANDALONE_ONLY.get(pointer, ())
            match, certain = suggest(key, props)
            if match is None:
                match = _shared_words(key, props)
            if standalone:
                yield _standalone_only(key, pointer, where, props, match, hosted=self.hosted)
                continue
            hint = f' (did you mean "{match}"?)' if match else ""
            allowed = ", ".join(props) if props else "none"
            fix = None
            if match is not None:
                misfit = self._misfit(error.schema["properties"][match], error.instance[key])
                if misfit is not None:  # renaming would only trade this error for another
                    hint = f' (did you mean "{match}"? It takes {misfit})'
                elif match not in error.instance:
                    fix = FixIntent(
                        "safe" if certain else "unsafe",
                        f'Rename "{key}" to "{match}"',
                        (RenameKey(join(pointer, key), match),),
                    )
            yield Finding(
                codes.UNKNOWN_PROPERTY,
                join(pointer, key),
                f"unknown property {shorten(key)} in {where}{hint}; allowed: {allowed}",
                target="key",
                fix=fix,
            )

    def _misfit(self, schema: Any, value: Any) -> str | None:
        """What ``schema`` takes (``an object, not an array``) when ``value`` is of a kind it
        rejects, else ``None``: a value that is merely too long or has defects inside still
        belongs under the key, and its own findings follow the rename."""
        if self.validator is None or not isinstance(schema, (dict, bool)):
            return None
        try:
            errors = list(self.validator.evolve(schema=schema).iter_errors(value))
        except Exception:  # a schema file we cannot follow here: say nothing rather than guess
            return None
        wanted = next((_wanted_types(e) for e in errors if not e.absolute_path), None)
        if not wanted:
            return None
        return f"{or_list(with_article(t) for t in wanted)}, not {with_article(json_type(value))}"

    def _on_maxLength(self, error: _Failed, pointer: str) -> Iterator[Finding]:
        value = error.instance
        limit = error.validator_value
        fix = None
        if isinstance(value, str) and isinstance(limit, int) and limit > 1:
            cut = truncate(value, limit)
            fix = FixIntent(
                "unsafe",
                f"Cut {_property_name(pointer)} to {len(cut)} characters at a word boundary "
                "(the rest is lost)",
                (ReplaceValue(pointer, cut),),
            )
        yield Finding(
            codes.MAX_LENGTH,
            pointer,
            f"{_property_name(pointer)} is {len(value)} characters long; "
            f"at most {limit} are allowed",
            fix=fix,
        )

    def _on_minLength(self, error: _Failed, pointer: str) -> Iterator[Finding]:
        yield Finding(
            codes.MAX_LENGTH,
            pointer,
            f"{_property_name(pointer)} is {len(error.instance)} characters long; "
            f"at least {error.validator_value} "
            f"{'is' if error.validator_value == 1 else 'are'} required",
        )

    def _on_pattern(self, error: _Failed, pointer: str) -> Iterator[Finding]:
        name, value, pattern = _property_name(pointer), error.instance, error.validator_value
        if isinstance(value, str) and _UNANCHORED_LENGTH.fullmatch(str(pattern)):
            # ".{1,63}" only asks for one character that is not a line break.
            what = "is empty" if not value else "holds only line breaks"
            message = f"{name} {what}; write at least one character"
        else:
            message = f"{name} {shorten(value)} does not match the pattern {pattern}"
            hint = _PATTERN_HINTS.get(str(pattern))
            if hint is not None:
                message += f"; {hint}"
        yield Finding(codes.PATTERN, pointer, message)

    def _on_maxItems(self, error: _Failed, pointer: str) -> Iterator[Finding]:
        yield Finding(
            codes.ARRAY_LENGTH,
            pointer,
            f"{_property_name(pointer)} has {len(error.instance)} items; "
            f"at most {error.validator_value} are allowed",
        )

    def _on_minItems(self, error: _Failed, pointer: str) -> Iterator[Finding]:
        count = len(error.instance)
        yield Finding(
            codes.ARRAY_LENGTH,
            pointer,
            f"{_property_name(pointer)} has {count} item{'s' if count != 1 else ''}; "
            f"at least {error.validator_value} {'is' if error.validator_value == 1 else 'are'} "
            "required",
        )

    def _on_anyOf(self, error: _Failed, pointer: str) -> Iterator[Finding]:
        branches = error.validator_value
        if _is_metric_union(branches):
            yield from self._metric(error, pointer, branches)
            return
        if len(branches) == 1:
            for sub in error.context or ():
                yield from self.map(sub)
            return
        by_branch: dict[str | int, list[ValidationError]] = {}
        for sub in error.context or ():
            by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
        # A branch whose own type check failed is the wrong shape; report the one that fits.
        right_type = [
            errs
            for errs in by_branch.values()
            if not any(e.validator == "type" and not e.relative_path for e in errs)
        ]
        if len(right_type) == 1:
            for sub in right_type[0]:
                yield from self.map(sub)
            return
        kinds = [b.get("type", "?") for b in branches if isinstance(b, dict)]
        if error.instance is None:
            yield self._no_value(pointer, [k for k in kinds if isinstance(k, str)])
            return
        yield Finding(
            codes.TYPE,
            pointer,
            f"{_property_name(pointer)} must be {or_list(with_article(k) for k in kinds)}, "
            f"not {describe(error.instance)}",
        )

    def _metric(
        self, error: _Failed, pointer: str, branches: list[dict[str, Any]]
    ) -> Iterator[Finding]:
        item = error.instance
        if not isinstance(item, dict):
            yield Finding(
                codes.TYPE,
                pointer,
                f"a metric must be an object, not {describe(item)}",
            )
            return
        valid = ", ".join(METRIC_TYPES)
        if "type" not in item:
            yield Finding(
                codes.METRIC_TYPE,
                pointer,
                f"metric has no type; the type picks its shape: one of {valid}",
                target="container",
            )
            return
        mtype = item["type"]
        # The branch whose `type` enum lists the metric's type, as the walker picks it for the
        # rules and hover (model-package's "#/definitions/…", model-card's "#/$defs/…").
        root = self.validator.schema if self.validator is not None else {}
        index = typed_branch(root, branches, item)
        if index is None:
            hint, fix = _replacement(mtype, METRIC_TYPES, join(pointer, "type"))
            message = f"metric type {shorten(mtype)} is not one of {valid}{hint}"
            yield Finding(codes.METRIC_TYPE, join(pointer, "type"), message, fix=fix)
            return
        value_pointer = join(pointer, "value")
        misshapen = _misshapen(mtype, item.get("value"))
        if misshapen is not None:  # one finding for the shape, not one per item
            yield Finding(codes.TYPE, value_pointer, misshapen)
        for sub in error.context or ():
            if sub.relative_schema_path and sub.relative_schema_path[0] == index:
                for finding in self.map(sub):
                    if misshapen is None or not finding.pointer.startswith(value_pointer + "/"):
                        yield finding


def _replacement(value: Any, allowed: Sequence[str], pointer: str) -> tuple[str, FixIntent | None]:
    """For a string close to one of ``allowed``: the message's ``(did you mean "X"?)`` and the
    safe fix that writes X at ``pointer``; else ``("", None)``."""
    match = suggest(value, allowed)[0] if isinstance(value, str) else None
    if match is None:
        return "", None
    fix = FixIntent(
        "safe", f'Replace {shorten(value)} with "{match}"', (ReplaceValue(pointer, match),)
    )
    return f' (did you mean "{match}"?)', fix


_Handler = Callable[[_ErrorMapper, _Failed, str], Iterator[Finding]]

_HANDLERS: Mapping[str, _Handler] = MappingProxyType(
    {
        "type": _ErrorMapper._on_type,
        "enum": _ErrorMapper._on_enum,
        "required": _ErrorMapper._on_required,
        "additionalProperties": _ErrorMapper._on_additionalProperties,
        "maxLength": _ErrorMapper._on_maxLength,
        "minLength": _ErrorMapper._on_minLength,
        "pattern": _ErrorMapper._on_pattern,
        "maxItems": _ErrorMapper._on_maxItems,
        "minItems": _ErrorMapper._on_minItems,
        "anyOf": _ErrorMapper._on_anyOf,
        # Not a JSON Schema keyword: the capped ``items`` of _with_capped_items counts there
        # the items it skipped.
        "cardlint_more_items": _ErrorMapper._on_cardlint_more_items,
    }
)
"""The handler of each JSON Schema keyword whose errors get their own words and code; the
errors of any other keyword go to :meth:`_ErrorMapper._on_other_keyword` (S009)."""


def _misshapen(mtype: str, value: Any) -> str | None:
    """The message for a chart value nested one level wrong as a whole, else ``None``: a flat
    list for a linear_graph or a matrix, a list of lists for a bar_chart."""
    if not isinstance(value, list) or not value:
        return None
    nested = [isinstance(v, list) for v in value]
    count = len(value)
    if mtype in ("linear_graph", "matrix") and not any(nested):
        what = "number" if all(_is_number(v) for v in value) else "item"
        flat = f"a flat list of {count} {what}{'s' if count != 1 else ''}"
        if mtype == "linear_graph":
            return f"value must be a list of [x, y] pairs such as [[0, 0.5], [1, 0.9]], not {flat}"
        return (
            f"value must be a list of rows such as [[1, 2], [3, 4]], not {flat}; "
            f"a matrix of one row is written {shorten([value])}"
        )
    if mtype == "bar_chart" and all(nested):
        return (
            f"value must be a flat list of numbers, one per bar, not a list of {count} "
            f"array{'s' if count != 1 else ''}; a list of [x, y] pairs is a linear_graph"
        )
    return None


def truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, ending in ``…``.

    >>> truncate("Reduce chargebacks without blocking good customers.", 30)
    'Reduce chargebacks without…'
    """
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:  # a word boundary not too far back; else cut inside the word
        head = head[:space]
    return head.rstrip(" ,;:-") + "…"


def _write(wanted: list[str]) -> str:
    """What to write where a value is missing: ``write the text``, ``write the list``."""
    if len(wanted) != 1:
        return "write the value"
    return {
        "string": "write the text",
        "number": "write the number",
        "integer": "write the number",
        "boolean": "write true or false",
        "array": "write the list",
        "object": "fill it in",
    }.get(wanted[0], "write the value")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _standalone_only(
    key: str, pointer: str, where: str, allowed: list[str], match: str | None, *, hosted: bool
) -> Finding:
    """S004 for a property only standalone model cards have, in a model-package card: what is
    allowed there and the nearest, and how to check the card as a standalone one (the setting an
    editor user can change, and the flag) unless its host decides that it is none. No fix:
    renaming would change what the card says."""
    nearest = STANDALONE_NEAREST.get(key) or match
    hint = f' (did you mean "{nearest}"?)' if nearest in allowed else ""
    if hosted:
        advice = f"only standalone model cards have {shorten(key)}, not a model package's card"
    else:
        advice = (
            f"only standalone model cards have {shorten(key)}: check one with schema = "
            '"model-card" in the configuration or --schema model-card'
        )
    return Finding(
        codes.UNKNOWN_PROPERTY,
        join(pointer, key),
        f"unknown property {shorten(key)} in {where}{hint}; allowed: {', '.join(allowed)}; "
        + advice,
        target="key",
    )


def _wanted_types(error: ValidationError) -> list[str]:
    """The JSON types a value must have when ``error`` says it has another (``type``, or an
    ``anyOf``/``oneOf`` all of whose branches reject its type), else ``[]``: a wrong kind of
    value, not a value of the right kind with defects (an enum's case, a length)."""
    failed = _Failed.of(error)
    if failed.validator == "type":
        expected = failed.validator_value
        return [expected] if isinstance(expected, str) else list(expected)
    if failed.validator in ("anyOf", "oneOf") and failed.context:
        by_branch: dict[str | int, list[ValidationError]] = {}
        for sub in failed.context:
            by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
        wanted: list[str] = []
        for subs in by_branch.values():
            typed = next((_wanted_types(e) for e in subs if not e.relative_path), [])
            if not typed:
                return []  # a branch that takes this kind of value
            wanted.extend(t for t in typed if t not in wanted)
        return wanted if len(by_branch) == len(failed.validator_value) else []
    return []


def _shared_words(key: str, choices: list[str]) -> str | None:
    """The one choice that starts with the same two or more words as ``key``
    (``factors_affecting_performance`` → ``factors_affecting_model_efficiency``), else ``None``.
    """
    words = normalise_name(key).split("_")
    best, found = 1, []
    for choice in choices:
        other = normalise_name(choice).split("_")
        same = _common_prefix(words, other)
        if same > best:
            best, found = same, [choice]
        elif same == best and same > 1:
            found.append(choice)
    return found[0] if len(found) == 1 else None


def _common_prefix(first: list[str], second: list[str]) -> int:
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


def _is_metric_union(branches: Any) -> bool:
    return (
        isinstance(branches, list)
        and len(branches) > 1
        and all(
            isinstance(b, dict) and str(b.get("$ref", "")).endswith("_metric") for b in branches
        )
    )


def _plain_scalar(written: str | None) -> bool:
    return written is not None and not written.startswith(('"', "'"))


def _reading(value: Any) -> str:
    kind = json_type(value)
    if kind == "null":
        return "null"
    if kind == "date":
        return "a date"
    return f"{with_article(kind)} {shorten(value)}"


def _as_number(text: str) -> int | float | None:
    try:
        number = json.loads(text.strip())
    except ValueError:
        return None
    if isinstance(number, bool) or not isinstance(number, int | float):
        return None
    return number


def _plain(message: str) -> str:
    return message if len(message) <= 200 else message[:197] + "…"
