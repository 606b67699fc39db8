"""The endpoint's attack suite, counted: for each file of attacks, the cases tried and how many held.

Runs the security tests (the attacks SECURITY.md promises to withstand, against a
real ``rivalgraph serve`` over 127.0.0.1: SERVICE/LOAD smuggling, files named as
graphs, nesting and operator chains, huge bodies and URLs, slow senders and
readers, floods, spoofed forwarding headers, runaway memory, markup in the data,
a hostile endpoint in a link, a build while serving) with pytest, reads its JUnit
XML, and writes the ``attack_suite`` block of bench/RESULTS.md: per file, the
cases tried, held (passed), failed and skipped, and the seconds they took.

Usage: ``python -m bench.attack_suite``
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import date
from pathlib import Path

from bench.sections import replace_section

HERE = Path(__file__).resolve().parent
SUITE = {
    "test_serve_guard.py": "SERVICE and LOAD in every spelling (each shown to reach a local server first)",
    "test_serve_attacks.py": "files as graphs, nesting, operator chains, huge URLs and bodies, traversal",
    "test_serve_xss.py": "a hostile SPARQL server: markup in results, a link naming it, autocompletion",
    "test_serve_limits.py": "runaways, floods, shares, spoofed X-Forwarded-For, row cap, memory per query",
    "test_serve_slowclients.py": "slow senders (headers, body, keep-alive) and a client that stops reading",
    "test_serve_connections.py": "connection caps, per address and in all",
    "test_serve_builds.py": "a build published while serving",
    "test_serve_update.py": "updates only with the token; LOAD refused even then",
    "test_serve_server.py": "isolated workers, settings, access logs that fail",
    "test_fuzz_endpoint.py": "random and mutated requests (hypothesis)",
}


def main(argv: list[str] | None = None) -> int:
    report = Path(tempfile.mkdtemp(prefix="attack-suite-")) / "junit.xml"
    files = [str(HERE.parent / "tests" / name) for name in SUITE]
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", f"--junitxml={report}",
                    *files], cwd=HERE.parent, check=False)  # fmt: skip
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for case in ET.parse(report).getroot().iter("testcase"):
        name = (case.get("classname") or "").split(".")[1] + ".py" if "." in (case.get("classname") or "") \
            else case.get("file", "")  # fmt: skip
        tally = counts[name]
        tally["tried"] += 1
        tally["seconds"] += float(case.get("time") or 0)
        if case.find("skipped") is not None:
            tally["skipped"] += 1
        elif case.find("failure") is not None or case.find("error") is not None:
            tally["failed"] += 1
        else:
            tally["held"] += 1
    lines = ["## The endpoint's attack suite (bench/attack_suite.py)", "",
             f"{date.today()}, {platform.machine()}, {os.cpu_count()} cores, Python "
             f"{platform.python_version()}. Cases tried and held (passed) per file of attacks, each "
             "against a real `rivalgraph serve` on 127.0.0.1 (or pyoxigraph directly, to show an "
             "attack works where the guard is missing).", "",
             "| attacks | file | tried | held | failed | skipped | seconds |",
             "|---|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    total: dict[str, float] = defaultdict(float)
    for name, what in SUITE.items():
        tally = counts.get(name, {})
        for key in ("tried", "held", "failed", "skipped", "seconds"):
            total[key] += tally.get(key, 0)
        tried, held = int(tally.get("tried", 0)), int(tally.get("held", 0))
        lines.append(f"| {what} | `tests/{name}` | {tried} | {held} | {int(tally.get('failed', 0))} | "
                     f"{int(tally.get('skipped', 0))} | {tally.get('seconds', 0):.0f} |")  # fmt: skip
    lines.append(f"| **all** | | {int(total['tried'])} | {int(total['held'])} | {int(total['failed'])} | "
                 f"{int(total['skipped'])} | {total['seconds']:.0f} |")  # fmt: skip
    replace_section("attack_suite", "\n".join(lines))
    print("\n".join(lines))
    return 0 if not total["failed"] else 1


if __name__ == "__main__":
    sys.exit(main())
