"""One text through everything: parse, pick the cards, schema and rules, place the findings
as diagnostics, suppressions. Imports core, loading, schema and rules."""
