"""The `cardlint` command line. The top front end: imports any layer, the language server too."""
