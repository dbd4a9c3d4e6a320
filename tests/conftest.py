"""Test set-up shared by every test: Qt offscreen, the sample at hand."""

from __future__ import annotations

import os
import tempfile

# Before any Qt import: tests run on machines without a screen, and as root in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
# The same language on every machine, whatever the developer's own: English messages and Qt's
# neutral C locale, as in CI. A test about Swedish asks for it (set_ui_language, monkeypatch).
os.environ.pop("LANGUAGE", None)
os.environ.pop("LC_ALL", None)
os.environ.pop("LC_MESSAGES", None)
os.environ["LANG"] = "C.UTF-8"


# Caches (processed images, compiled templates) go to a folder of the test run, never the user's.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="newsletter-composer-tests-")

import pytest

from composer.model import Bundle
from composer.sample import load_sample


@pytest.fixture
def sample() -> Bundle:
    """A fresh copy of the bundled sample newsletter."""
    return load_sample()
