"""The language the core speaks: the environment's, the window's choice, or a block's own."""

from __future__ import annotations

import concurrent.futures
import contextvars
import threading
from collections.abc import Iterator

import pytest

from composer.i18n import set_ui_language, speaking, ui_language, ui_message, ui_number


@pytest.fixture
def window_in_english() -> Iterator[None]:
    """The window chose English, as a user may; the environment decides again afterwards."""
    set_ui_language("en")
    yield
    set_ui_language(None)


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LANGUAGE": "sv:en", "LANG": "en_GB.UTF-8"}, "sv"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "sv_SE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_ui_language_follows_the_environment(environ: dict[str, str], language: str) -> None:
    assert ui_language(environ) == language


def test_a_speaking_block_translates_the_cores_messages_and_ends_with_the_block() -> None:
    with speaking("sv"):
        assert ui_language() == "sv"
        assert ui_message("Article") == "Artikel"
        assert ui_number(11.44, 1) == "11,4"
        with speaking("en"):
            assert ui_message("Article") == "Article"
        assert ui_message("Article") == "Artikel"
    assert ui_message("Article") == "Article"


def test_a_speaking_block_ends_even_when_its_work_fails() -> None:
    with pytest.raises(KeyError), speaking("sv"):
        raise KeyError("a rule failed")
    assert ui_language() == "en"


def test_a_speaking_block_wins_over_the_windows_choice(
    monkeypatch: pytest.MonkeyPatch, window_in_english: None
) -> None:
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    assert ui_language() == "en"
    with speaking("sv"):
        assert ui_language() == "sv"
    assert ui_language() == "en"


def test_only_languages_the_program_speaks_can_be_spoken() -> None:
    with pytest.raises(ValueError, match="de"), speaking("de"):
        pass
    assert ui_language() == "en"


def test_the_windows_choice_holds_in_its_worker_threads() -> None:
    set_ui_language("sv")
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            assert pool.submit(ui_message, "Article").result() == "Artikel"
    finally:
        set_ui_language(None)


def test_a_speaking_block_stays_in_its_thread() -> None:
    # Two threads speak at once, each its own language: neither hears the other's.
    both_speaking = threading.Barrier(2)
    heard: dict[str, str] = {}

    def speak(language: str) -> None:
        with speaking(language):
            both_speaking.wait(timeout=10)
            heard[language] = ui_message("Article")
            both_speaking.wait(timeout=10)

    threads = [threading.Thread(target=speak, args=(language,)) for language in ("sv", "en")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert heard == {"sv": "Artikel", "en": "Article"}
    with speaking("sv"), concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        # A new thread starts with an empty context: it follows the window, not the block...
        assert pool.submit(ui_message, "Article").result() == "Article"
        # ...unless the block's context is handed to it.
        context = contextvars.copy_context()
        assert pool.submit(context.run, ui_message, "Article").result() == "Artikel"
