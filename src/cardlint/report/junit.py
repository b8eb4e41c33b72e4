"""``--format junit``: JUnit XML for CI test reports (GitLab, Jenkins, Azure Pipelines).

One ``<testcase>`` per file checked, named by its path; one ``<failure>`` per diagnostic that
fails the run (``--fail-on``, errors by default). Other diagnostics go to the testcase's
``<system-out>`` so that nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TextIO
from xml.etree import ElementTree as ET

from cardlint.check.result import FileResult
from cardlint.core.text import safe_text
from cardlint.report import ReportOptions
from cardlint.report.concise import concise_line
from cardlint.report.paths import relative_path

# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` made safe for XML 1.0: lone surrogates and forbidden characters spelled out."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", safe_text(text))


def junit_tree(results: Sequence[FileResult], options: ReportOptions) -> ET.Element:
    suites = ET.Element("testsuites", name="cardlint")
    suite = ET.SubElement(suites, "testsuite", name="cardlint")
    failures = 0
    for result in results:
        name = xml_text(relative_path(result.path))
        case = ET.SubElement(suite, "testcase", name=name, classname=name, file=name)
        others = []
        for d in result.diagnostics:
            line = xml_text(concise_line(d))
            if d.severity.rank >= options.fail_on.rank:
                failures += 1
                failure = ET.SubElement(
                    case, "failure", message=xml_text(f"{d.code} {d.message}"), type=d.code
                )
                failure.text = line
            else:
                others.append(line)
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(others)
    for element in (suites, suite):
        element.set("tests", str(len(results)))
        element.set("failures", str(failures))
        element.set("errors", "0")
    return suites


def write_junit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    tree = junit_tree(results, options)
    ET.indent(tree)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(tree, encoding="unicode") + "\n")
