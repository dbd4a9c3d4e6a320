"""Tests of the memory budget: decodes are admitted by what they cost, never beyond it."""

from __future__ import annotations

import concurrent.futures
import io
import threading
from collections.abc import Callable

import pytest
from pictures import encode, noisy
from PIL import Image

from composer.images import (
    MEMORY_BUDGET,
    MemoryBudget,
    OutputSpec,
    convert,
    pipeline,
    process_many,
)
from composer.images.memory import conversion_cost, draft_scale


def wait_for(condition: Callable[[], bool]) -> None:
    """Until ``condition()`` holds (no time is asserted: the test only needs the order)."""
    event = threading.Event()
    while not condition():
        event.wait(0.001)


def hold(
    budget: MemoryBudget, cost: int
) -> tuple[threading.Event, threading.Event, threading.Thread]:
    """A thread that reserves ``cost``; returns (admitted, release, thread)."""
    admitted, release = threading.Event(), threading.Event()

    def run() -> None:
        with budget.reserved(cost):
            admitted.set()
            release.wait()

    thread = threading.Thread(target=run)
    thread.start()
    return admitted, release, thread


def test_a_request_waits_until_the_memory_it_needs_is_free() -> None:
    budget = MemoryBudget(100)
    first_in, first_out, first = hold(budget, 60)
    first_in.wait()
    second_in, second_out, second = hold(budget, 60)
    wait_for(lambda: budget.waiting == 1)

    assert not second_in.is_set()
    assert budget.held == 60
    first_out.set()
    second_in.wait()
    assert budget.held == 60
    second_out.set()
    first.join()
    second.join()
    assert budget.held == 0
    assert budget.peak == 60


def test_small_requests_share_the_budget() -> None:
    budget = MemoryBudget(100)
    holders = [hold(budget, 30) for _ in range(3)]
    for admitted, _release, _thread in holders:
        admitted.wait()

    assert budget.held == 90
    for _admitted, release, thread in holders:
        release.set()
        thread.join()
    assert budget.peak == 90


def test_requests_are_admitted_in_order_so_a_large_one_is_not_starved() -> None:
    budget = MemoryBudget(100)
    first_in, first_out, first = hold(budget, 50)
    first_in.wait()
    large_in, large_out, large = hold(budget, 100)
    wait_for(lambda: budget.waiting == 1)
    small_in, small_out, small = hold(budget, 10)  # would fit now, but the large one was first
    wait_for(lambda: budget.waiting == 2)

    assert not small_in.is_set()
    first_out.set()
    large_in.wait()
    assert not small_in.is_set()
    large_out.set()
    small_in.wait()
    small_out.set()
    for thread in (first, large, small):
        thread.join()
    assert budget.peak == 100


def test_a_request_larger_than_the_budget_runs_alone() -> None:
    budget = MemoryBudget(100)
    with budget.reserved(500):
        assert budget.held == 100
    assert budget.held == 0


def test_nothing_to_hold_never_waits() -> None:
    budget = MemoryBudget(100)
    first_in, first_out, first = hold(budget, 100)
    first_in.wait()

    with budget.reserved(0):
        assert budget.held == 100
    first_out.set()
    first.join()


def test_the_memory_is_given_back_when_the_work_fails() -> None:
    budget = MemoryBudget(100)
    with pytest.raises(ValueError, match="decoder"), budget.reserved(80):
        raise ValueError("a decoder failed")

    assert budget.held == 0


@pytest.fixture
def small_budget(monkeypatch: pytest.MonkeyPatch) -> tuple[MemoryBudget, list[int]]:
    """A budget of 100 in which every picture costs 40: two at most at once.

    Returns the budget and the number of pictures decoding at each decode's start.
    """
    budget = MemoryBudget(100)
    monkeypatch.setattr(pipeline, "BUDGET", budget)
    monkeypatch.setattr(pipeline, "conversion_cost", lambda *_args: 40)
    decoding: list[int] = []
    active = [0]
    lock = threading.Lock()
    decode = pipeline._decode

    def counting_decode(*args: object) -> int:
        with lock:
            active[0] += 1
            decoding.append(active[0])
        try:
            return decode(*args)  # type: ignore[arg-type]
        finally:
            with lock:
                active[0] -= 1

    monkeypatch.setattr(pipeline, "_decode", counting_decode)
    return budget, decoding


def test_however_many_workers_ask_the_budget_admits_only_what_fits(
    small_budget: tuple[MemoryBudget, list[int]],
) -> None:
    budget, decoding = small_budget
    items = [(encode(noisy(120, 80, n), "PNG"), 60, f"photo{n}.png") for n in range(12)]

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        results = process_many(items, executor=pool)

    assert [result.width for result in results] == [60] * 12
    assert len(decoding) == 12
    assert max(decoding) <= 2
    assert budget.peak <= 80
    assert budget.held == 0


def test_convert_holds_its_cost_until_its_result_is_encoded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    budget = MemoryBudget(MEMORY_BUDGET)
    monkeypatch.setattr(pipeline, "BUDGET", budget)
    held_while_encoding: list[int] = []
    encode_result = pipeline._encode

    def spying_encode(*args: object) -> object:
        held_while_encoding.append(budget.held)
        return encode_result(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_encode", spying_encode)
    data = encode(noisy(300, 200), "PNG")

    convert(data, OutputSpec(100))

    expected = conversion_cost("PNG", (300, 200), "RGB", False, (100, 67))
    assert held_while_encoding == [expected]
    assert budget.held == 0


# --- the cost model -------------------------------------------------------------------------


def test_a_jpeg_costs_what_its_reduced_decoding_takes() -> None:
    # A 24-megapixel photo for a 1200-pixel slot is decoded at a quarter: 1500 × 1000.
    photo = conversion_cost("JPEG", (6000, 4000), "RGB", False, (1200, 800))
    same_as_png = conversion_cost("PNG", (6000, 4000), "RGB", False, (1200, 800))

    assert photo < 30_000_000 < 100_000_000 < same_as_png


def test_transparency_and_webp_cost_more() -> None:
    size, target = (4000, 3000), (1200, 900)
    opaque = conversion_cost("PNG", size, "P", False, target)
    transparent = conversion_cost("PNG", size, "P", True, target)
    webp = conversion_cost("WEBP", size, "RGB", False, target)

    assert opaque < transparent < webp


def test_only_decoding_costs_least() -> None:
    assert conversion_cost("JPEG", (6000, 4000), "RGB", False, None) < 20_000_000
    assert conversion_cost("PNG", (6000, 4000), "RGB", False, None) < conversion_cost(
        "PNG", (6000, 4000), "RGB", False, (1200, 800)
    )


@pytest.mark.parametrize(
    ("size", "target"),
    [
        ((2400, 1600), (1200, 800)),
        ((2400, 1600), (1, 1)),
        ((999, 700), (200, 140)),
        ((64, 48), (64, 48)),
    ],
)
def test_the_model_shrinks_a_jpeg_as_pillow_does(
    size: tuple[int, int], target: tuple[int, int]
) -> None:
    with Image.open(io.BytesIO(encode(noisy(*size), "JPEG"))) as image:
        image.draft("RGB", target)
        scale = draft_scale(size, target)

        assert image.size == (-(-size[0] // scale), -(-size[1] // scale))
