"""Finding gunicorn's workers (children of the master) and their memory in /proc."""

import os
import subprocess
import sys

import pytest

from bench.driver import procs


def _process(root, pid, ppid, comm="gunicorn", rss_kb=None, hwm_kb=None):
    directory = root / str(pid)
    directory.mkdir(exist_ok=True)
    (directory / "stat").write_text(f"{pid} ({comm}) S {ppid} {pid} {pid} 0 -1 4194560 1234\n")
    lines = [f"Name:\t{comm}", "State:\tS (sleeping)", f"PPid:\t{ppid}"]
    if hwm_kb is not None:
        lines.append(f"VmHWM:\t{hwm_kb:>8} kB")
    if rss_kb is not None:
        lines.append(f"VmRSS:\t{rss_kb:>8} kB")
    (directory / "status").write_text("\n".join(lines) + "\n")


@pytest.fixture
def proc_root(tmp_path):
    _process(tmp_path, 1, 0, comm="init")
    _process(tmp_path, 100, 1, comm="gunicorn: master [wsgi:app]")
    # A command name with spaces and parentheses: fields are counted from the last ")".
    _process(tmp_path, 101, 100, comm="gunicorn: worker (x) ) 7", rss_kb=90_000, hwm_kb=95_000)
    _process(tmp_path, 102, 100, comm="gunicorn: worker", rss_kb=80_000, hwm_kb=200_000)
    _process(tmp_path, 200, 1, comm="redis-server", rss_kb=5_000)
    _process(tmp_path, 201, 200, comm="child of another", rss_kb=1_000)
    (tmp_path / "self").mkdir()  # not a pid
    (tmp_path / "300").mkdir()  # a process that vanished: no stat file
    return tmp_path


def test_parent_pid_is_read_after_the_command_name():
    assert procs.parse_ppid("101 (gunicorn: worker (x) ) 7) S 100 101 101 0") == 100
    with pytest.raises(ValueError):
        procs.parse_ppid("garbage")


def test_workers_are_the_masters_children_only(proc_root):
    assert procs.children_of(100, proc_root) == [101, 102]
    assert procs.children_of(200, proc_root) == [201]
    assert procs.children_of(999, proc_root) == []


def test_status_values_in_kb(proc_root):
    assert procs.status_kb(101, "VmRSS", proc_root) == 90_000
    assert procs.status_kb(102, "VmHWM", proc_root) == 200_000
    assert procs.status_kb(1, "VmRSS", proc_root) is None  # kernel threads have none
    assert procs.status_kb(300, "VmRSS", proc_root) is None
    assert procs.parse_status_kb("VmRSSX:\t5 kB\nVmRSS:\t7 kB\n", "VmRSS") == 7


def test_peak_tracker_keeps_each_workers_highest_sample(proc_root):
    tracker = procs.PeakTracker(100, proc_root)
    tracker.sample()
    _process(proc_root, 101, 100, rss_kb=120_000, hwm_kb=120_000)
    _process(proc_root, 102, 100, rss_kb=70_000, hwm_kb=200_000)
    tracker.sample()
    _process(proc_root, 101, 100, rss_kb=100_000, hwm_kb=120_000)
    tracker.sample()
    result = tracker.result()
    assert result["peak_rss_kb"] == {"101": 120_000, "102": 80_000}
    assert result["peak_rss_kb_max"] == 120_000
    assert result["samples"] == 3
    assert procs.high_water_marks(100, proc_root) == {"101": 120_000, "102": 200_000}


def test_an_empty_tracker_has_no_peak(proc_root):
    result = procs.PeakTracker(999, proc_root).result()
    assert result == {"peak_rss_kb": {}, "peak_rss_kb_max": None, "samples": 0}


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")
def test_real_children_of_this_process_are_found():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in procs.children_of(os.getpid())
        assert procs.status_kb(child.pid, "VmRSS") > 0
    finally:
        child.kill()
        child.wait()
