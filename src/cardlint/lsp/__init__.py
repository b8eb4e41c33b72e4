"""The language server (the `lsp` extra). A front end: imports any layer below."""
