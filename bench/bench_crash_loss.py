"""How many seconds of typing a kill -9 loses: type every 100 ms, kill at a random moment, restore.

Run as ``.venv/bin/python bench/bench_crash_loss.py [--trials 10] [--longest 5000]``. Each
trial starts the real program offscreen (``tests/gui/typing_program.py``: the windows as
``newsletter-composer`` opens them, autosave on) in a data folder of its own, lets it type a
character into the subject every 100 ms, kills it with SIGKILL at a random moment between 5
and 45 seconds into the typing, then restores its journal and counts the characters that
did not survive. ``--longest`` sets autosave's longest wait while typing goes on (the
window's default is 5000 ms); the naive figure, without autosave, is every second typed.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from composer.recovery import find_orphans  # noqa: E402
from composer.sample import load_sample  # noqa: E402

PROGRAM = ROOT / "tests" / "gui" / "typing_program.py"
INTERVAL_MS = 100


def trial(seed: int, longest: int) -> tuple[float, float]:
    """One kill: (seconds of typing before it, seconds of that typing the restore lacks)."""
    rng = random.Random(seed)
    kill_after = rng.uniform(5, 45)
    text = "".join(rng.choice(string.ascii_lowercase) for _ in range(600))
    with tempfile.TemporaryDirectory(prefix="crash-loss-") as name:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        for kind in ("CONFIG", "DATA", "CACHE"):
            env[f"XDG_{kind}_HOME"] = str(Path(name) / kind.lower())
        command = [sys.executable, str(PROGRAM), "--text", text, "--interval", str(INTERVAL_MS)]
        if longest:
            command += ["--longest", str(longest)]
        typed = 0
        started = threading.Event()
        folder: list[Path] = []
        with subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
        ) as program:
            assert program.stdout is not None
            stdout = program.stdout

            def read() -> None:
                nonlocal typed
                for line in stdout:
                    if line.startswith("folder "):
                        folder.append(Path(line.removeprefix("folder ").strip()))
                    elif line.startswith("typed "):
                        typed = int(line.split()[1])
                        started.set()

            reader = threading.Thread(target=read)
            reader.start()
            if not started.wait(60):
                program.kill()
                raise RuntimeError("the program did not start typing")
            time.sleep(kill_after)
            program.send_signal(signal.SIGKILL)
            program.wait()
            reader.join()
        orphans = find_orphans(folder[0])
        subject = load_sample().newsletter.settings.subject
        kept = 0
        if orphans:
            [orphan] = orphans
            restored = orphan.restore().bundle.newsletter.settings.subject
            kept = len(restored) - len(subject)
            assert restored == subject + text[:kept], "the journal holds what was typed"
            orphan.discard()
        lost = typed - kept
        return typed * INTERVAL_MS / 1000, lost * INTERVAL_MS / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--longest", type=int, default=0, help="autosave's longest wait, ms")
    parser.add_argument("--seed", type=int, default=2012)
    args = parser.parse_args()
    label = f"{args.longest} ms" if args.longest else "the window's default"
    print(f"longest wait while typing: {label}; a character every {INTERVAL_MS} ms")
    lost = []
    typed = []
    for number in range(args.trials):
        seconds_typed, seconds_lost = trial(args.seed + number, args.longest)
        typed.append(seconds_typed)
        lost.append(seconds_lost)
        print(f"  trial {number + 1:2d}: typed {seconds_typed:5.1f} s, lost {seconds_lost:4.1f} s")
    print(
        f"lost after kill -9: median {statistics.median(lost):.1f} s, max {max(lost):.1f} s "
        f"(naive, no autosave: median {statistics.median(typed):.1f} s, everything typed)"
    )


if __name__ == "__main__":
    main()
