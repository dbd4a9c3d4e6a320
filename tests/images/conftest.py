"""Fixtures of the image tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PIL import Image

from composer.images import batch


@pytest.fixture
def forbid_processing(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call the fixture's value to make any further processing fail the test."""

    def forbid() -> None:
        def fail(*_args: object, **_kwargs: object) -> None:
            raise AssertionError("the image was processed again")

        monkeypatch.setattr(batch, "convert", fail)
        monkeypatch.setattr(Image, "open", fail)

    return forbid
