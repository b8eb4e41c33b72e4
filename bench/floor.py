"""The parse-only floor: read and parse every card in a directory, nothing else.

json.loads for ``.json``, libyaml's ``CSafeLoader`` for ``.yaml`` -- the least any Python linter
must do. ``python bench/floor.py DIR``
"""

from __future__ import annotations

import json
import os
import sys

import yaml


def main(directory: str) -> int:
    loader = yaml.CSafeLoader
    count = 0
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8")
        if name.endswith(".json"):
            json.loads(text)
        else:
            yaml.load(text, Loader=loader)  # CSafeLoader: the safe loader
        count += 1
    return 0 if count else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
