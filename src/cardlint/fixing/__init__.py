"""Fixes applied to the original text and verified. The edits themselves are made where a
finding is placed (:mod:`cardlint.check.edits`). Imports check and below."""
