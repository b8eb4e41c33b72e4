"""A `$ref` in the schema points outside the vendored schemas.

What it does:
    cardlint never fetches schemas over the network; a user-supplied schema whose `$ref` names a
    remote or missing resource is reported once per file.

Why it matters:
    Validation that depends on the network is neither reproducible nor safe in CI.

Example (fails)::

    --schema my.json  where my.json has {"$ref": "https://example.com/card.json"}

Use instead::

    vendor the referenced schema and refer to it locally
"""

from cardlint.core.diagnostics import Severity

CODE = "S010"
NAME = "unresolvable-ref"
SEVERITY = Severity.ERROR
FIXABLE = False
