"""Qt calls that return nothing must not eat Python's references to None.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a C++ method that
returns void; after enough of them None's count reaches zero and the interpreter aborts with
"Fatal Python error: none_dealloc" — in the middle of a user's work. pyproject.toml keeps
that pairing out; this test catches it (or a relapse) in whatever Qt is installed.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 3000
#: Python itself moves None's count a little (frames, caches); a leak moves it by thousands.
TOLERANCE = 200


def test_void_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel("Norra Sverige i EU")
    qtbot.addWidget(label)
    for _ in range(10):  # warm up: first calls create caches that hold None
        label.update()
        label.setWindowTitle("uppvärmning")
        QCoreApplication.processEvents()
    gc.collect()
    before = sys.getrefcount(None)
    for number in range(CALLS):
        label.update()
        label.setWindowTitle(f"Nyhetsbrev {number}")
        label.setText("Planet")
        QCoreApplication.processEvents()
    gc.collect()
    after = sys.getrefcount(None)
    assert after >= before - TOLERANCE, (
        f"{before - after} references to None lost in {4 * CALLS} void Qt calls: this PySide6 "
        "leaks them and will crash the interpreter (see pyproject.toml)"
    )
