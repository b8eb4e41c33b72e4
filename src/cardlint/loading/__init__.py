"""Bytes to a Document: decoding, the position-keeping JSON and YAML parsers with their
guards, CloudFormation tags, cards embedded in templates and API documents. Imports core."""
