"""The HTTP benchmark's own readings, so a figure it prints cannot silently read zero."""

from __future__ import annotations

import os
import subprocess
import sys

from evals.bench_http import Run, cpu_seconds, table


def test_cpu_seconds_counts_the_cpu_time_a_process_has_used() -> None:
    busy = subprocess.Popen([sys.executable, "-c", "import sys, time\nend = time.process_time() + 0.5\n"
                             "while time.process_time() < end: pass\nprint(flush=True)\nsys.stdin.read()"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        busy.stdout.readline()  # it has used half a second of CPU and now waits
        assert 0.45 <= cpu_seconds([busy.pid]) < 5
    finally:
        busy.communicate(b"")


def test_cpu_seconds_adds_up_several_processes_and_skips_one_that_is_gone() -> None:
    mine = cpu_seconds([os.getpid()])
    assert mine > 0
    assert cpu_seconds([os.getpid(), os.getpid()]) >= 2 * mine
    assert cpu_seconds([2 ** 22 + 1]) == 0  # above the kernel's largest pid


def test_the_table_names_a_run_of_one_repeated_question_as_such() -> None:
    rows = table([Run(workers=1, clients=32, duration_s=20, questions="one"),
                  Run(workers=1, clients=32, duration_s=20, questions="repeating")]).splitlines()
    assert "| one, repeated |" in rows[2] and "| golden, repeating |" in rows[3]
