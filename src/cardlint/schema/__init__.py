"""The vendored schemas: validation and the translation of its errors into findings, the
strict corrections, the compiled fast path, export. Imports core and loading."""
