"""One text through everything: parse, pick the cards, schema and rules, place the findings
as diagnostics with their fixes written as text edits (``edits``), suppressions. Imports core,
loading, schema and rules."""
