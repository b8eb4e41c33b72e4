"""``cardlint rules``, ``cardlint explain CODE`` and ``cardlint schema``: what cardlint checks
against, from the rule registry and the vendored schemas."""

from __future__ import annotations

import click

from cardlint.cli.common import fail


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def rules_command(output_format: str) -> None:
    """List every rule: code, name, default severity, fixable, summary."""
    import json

    from cardlint.rules import REGISTRY

    if output_format == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "fixable": r.fixable,
                "default_enabled": r.default_enabled,
                "summary": r.summary,
            }
            for r in REGISTRY.values()
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    for r in REGISTRY.values():
        fix = "fix" if r.fixable else "   "
        opt_in = "" if r.default_enabled else "(opt-in) "
        click.echo(f"{r.code}  {r.name:<28} {r.severity.value:<8} {fix}  {opt_in}{r.summary}")


@click.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print the documentation of a rule."""
    from cardlint.rules import REGISTRY

    rule = REGISTRY.get(code.upper())
    if rule is None:
        fail(f"unknown rule code {code!r}; `cardlint rules` lists them")
    fix = "yes" if rule.fixable else "no"
    opt_in = "" if rule.default_enabled else "; opt-in: not selected by default"
    click.echo(
        f"{rule.code} {rule.name} (default severity: {rule.severity.value}; fix: {fix}{opt_in})\n"
    )
    click.echo(rule.doc)


@click.command("schema")
@click.argument("name", default="model-package", metavar="[model-package|model-card]")
@click.option(
    "--strict",
    is_flag=True,
    help="The corrected schema editors use: real limits, anchored lengths, metric shape by type.",
)
def schema_command(name: str, strict: bool) -> None:
    """Print a vendored JSON Schema (for editors' completion and live checks)."""
    import json

    from cardlint.core.resources import SCHEMA_FILES
    from cardlint.schema.export import exported_schema

    if name not in SCHEMA_FILES:
        fail(f"unknown schema {name!r}; choose one of {', '.join(SCHEMA_FILES)}")
    if strict:  # the rules' corrections; the published schema needs no rule loaded
        from cardlint.rules import STRICT_PATCHES

        schema = exported_schema(name, STRICT_PATCHES)
    else:
        schema = exported_schema(name)
    click.echo(json.dumps(schema, indent=2, ensure_ascii=False))
