"""Fixes as edits over the original text, applied and verified. Imports check and below."""
