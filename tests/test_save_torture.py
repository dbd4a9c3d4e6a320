"""Ten rounds of the kill -9 torture (bench/bench_save_torture.py runs a hundred and more)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="kill -9 is POSIX")
def test_a_save_killed_at_any_moment_leaves_files_that_open_and_no_leftovers(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_save_torture.py"),
            "--rounds",
            "10",
            "--pictures-mb",
            "4",
            "--max-delay",
            "0.8",
            "--folder",
            str(tmp_path),
            "--json",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    counts = json.loads(result.stdout)
    assert counts["rounds"] == 10
    assert counts["failures"] == []
    assert counts["file_opened"] == 10
    assert counts["backup_opened"] == counts["backup_existed"] == 10
    assert counts["temporaries_at_end"] == 0
    assert counts["stale_locks_taken_over"] == 10
    leftovers = [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp" or "lock" in p.name]
    assert leftovers == []
