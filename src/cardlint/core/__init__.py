"""The ground floor: values and helpers every layer uses (spans, pointers, codes, findings,
settings and limits, text helpers, the version, vendored resources, the time limit, atomic
writes). Imports nothing from cardlint above it."""
