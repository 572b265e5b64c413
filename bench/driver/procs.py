"""Gunicorn's workers and their memory, read from /proc (Linux).

The workers are the children of the master process; their resident set (VmRSS) is sampled while
a scenario runs, and the kernel's high-water mark (VmHWM) read at the end.
"""

import os
from pathlib import Path

PROC = Path("/proc")


def parse_ppid(stat_line: str) -> int:
    """The parent pid from a /proc/<pid>/stat line.

    The second field is the command in parentheses and may itself hold spaces and parentheses,
    so the fields are counted from the last closing parenthesis: state, then ppid.
    """
    closing = stat_line.rfind(")")
    if closing < 0:
        raise ValueError("not a /proc stat line")
    fields = stat_line[closing + 1 :].split()
    return int(fields[1])


def children_of(parent_pid: int, proc_root: Path | str = PROC) -> list[int]:
    """Pids whose parent is `parent_pid`, in ascending order; vanished processes are skipped."""
    found = []
    for entry in Path(proc_root).iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = parse_ppid((entry / "stat").read_text())
        except (OSError, ValueError, IndexError):
            continue  # gone between listing and reading, or not a process
        if ppid == parent_pid:
            found.append(int(entry.name))
    return sorted(found)


def status_kb(pid: int, field: str, proc_root: Path | str = PROC) -> int | None:
    """A `kB` value of /proc/<pid>/status (VmRSS, VmHWM, ...), or None when unavailable."""
    try:
        text = (Path(proc_root) / str(pid) / "status").read_text()
    except OSError:
        return None
    return parse_status_kb(text, field)


def parse_status_kb(text: str, field: str) -> int | None:
    prefix = field + ":"
    for line in text.splitlines():
        if line.startswith(prefix):
            parts = line[len(prefix) :].split()
            if parts and parts[0].isdigit():
                return int(parts[0])
    return None


class PeakTracker:
    """Highest VmRSS seen per worker over a series of samples."""

    def __init__(self, master_pid: int, proc_root: Path | str = PROC):
        self.master_pid = master_pid
        self.proc_root = proc_root
        self.peak_kb: dict[int, int] = {}
        self.samples = 0

    def sample(self) -> None:
        for pid in children_of(self.master_pid, self.proc_root):
            rss = status_kb(pid, "VmRSS", self.proc_root)
            if rss is not None and rss > self.peak_kb.get(pid, -1):
                self.peak_kb[pid] = rss
        self.samples += 1

    def result(self) -> dict:
        return {
            "peak_rss_kb": {str(pid): kb for pid, kb in sorted(self.peak_kb.items())},
            "peak_rss_kb_max": max(self.peak_kb.values(), default=None),
            "samples": self.samples,
        }


def high_water_marks(master_pid: int, proc_root: Path | str = PROC) -> dict[str, int]:
    """VmHWM of each worker: the peak over the worker's whole life, logins and warm-up included."""
    marks = {}
    for pid in children_of(master_pid, proc_root):
        hwm = status_kb(pid, "VmHWM", proc_root)
        if hwm is not None:
            marks[str(pid)] = hwm
    return marks


def load_average() -> list[float]:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return []
