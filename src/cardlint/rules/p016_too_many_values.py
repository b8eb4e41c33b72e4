"""The document holds more than 200,000 values, far more than any model card can.

What it does:
    Counts the values of a JSON text (on the text, strings skipped) or the nodes of a YAML
    event stream before anything is built from them, and stops at the value that crosses
    200,000: the finding is placed there and nothing else in the file is checked.

Why it matters:
    SageMaker accepts a card of at most 100,000 characters (see V001), which holds at most
    50,000 values; 200,000 leaves room for CloudFormation templates that carry several cards.
    Beyond that a file is generated data, and building millions of values (2.6 million empty
    objects in 10 MB, each with its YAML node and position marks) would take gigabytes of
    memory before the first rule ran. The limit keeps any file under the size cap within a
    few hundred megabytes.

Example (fails)::

    {"evaluation_details": [{}, {}, {}, … 2.6 million more]}

Use instead::

    a real model card (a few hundred values); keep raw evaluation data in S3 and link to it
"""

from cardlint.core.diagnostics import Severity

CODE = "P016"
NAME = "too-many-values"
SEVERITY = Severity.ERROR
FIXABLE = False
