"""CPU time a process has used, in total and by kind of thread (from /proc), so that a benchmark
on a shared machine can say how much work the server did, not only how long it took.

A JVM names its threads: the JIT compilers (`C1 CompilerThre`, `C2 CompilerThre`), the garbage
collector (`GC Thread#0`, `G1 ...`), Neo4j's Bolt workers (`neo4j.BoltWorker...`) and so on.
Threads are grouped by their name without digits.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

TICKS_PER_S = os.sysconf("SC_CLK_TCK")
_DIGITS = re.compile(r"[#\d-]+$")


def _cpu_seconds(stat_file: Path) -> float:
    text = stat_file.read_text()
    fields = text[text.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / TICKS_PER_S  # utime, stime


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far, 0 once it is gone."""
    try:
        return _cpu_seconds(Path(f"/proc/{pid}/stat"))
    except (OSError, ValueError, IndexError):
        return 0.0


def thread_group(name: str) -> str:
    """A thread's kind, from its name: JIT compiler, GC, Bolt worker, or its name less digits."""
    if "Compiler" in name:
        return "JIT compiler"
    if name.startswith(("GC ", "G1 ", "VM Periodic", "VM Thread")) or "GC" in name[:4]:
        return "GC and VM"
    if "Bolt" in name:
        return "Bolt workers (queries, commit)"
    return _DIGITS.sub("", name).strip() or name


@dataclass
class CpuSample:
    total: float = 0.0
    by_group: Counter[str] = field(default_factory=Counter)

    def __sub__(self, earlier: CpuSample) -> CpuSample:
        by_group = Counter(self.by_group)
        by_group.subtract(earlier.by_group)
        return CpuSample(self.total - earlier.total, by_group)


def sample(pid: int) -> CpuSample:
    """The process's CPU seconds so far, and those of its live threads by group (threads that
    ended count in the total only)."""
    proc = Path(f"/proc/{pid}")
    result = CpuSample(_cpu_seconds(proc / "stat"))
    for task in (proc / "task").iterdir():
        try:
            name = (task / "comm").read_text().strip()
            result.by_group[thread_group(name)] += _cpu_seconds(task / "stat")
        except (FileNotFoundError, ProcessLookupError):
            continue
    return result


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])
