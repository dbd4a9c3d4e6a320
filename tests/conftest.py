"""Test set-up shared by every test: Qt offscreen, the sample at hand."""

from __future__ import annotations

import os
from collections.abc import Iterator

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

import pytest

from composer.model import Bundle
from composer.sample import load_sample


@pytest.fixture(scope="session", autouse=True)
def cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Caches (processed images, compiled templates) go to the test run's folder, never the user's.

    So does the user's data (the word list). The folders are pytest's own, removed with its
    other old runs.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
        yield


@pytest.fixture
def sample() -> Bundle:
    """A fresh copy of the bundled sample newsletter."""
    return load_sample()
