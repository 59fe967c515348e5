"""What some findings say, where the fixtures (which compare lines and codes) cannot tell.

Each case is a message a reviewer would have rejected before: a delivery guarantee the design
never stated, a shared store whose users go unnamed, an access whose origin is not said.
"""

from __future__ import annotations

from pathlib import Path

from designlint import config
from designlint.linter import lint_text

RULES = Path(__file__).parent / "rules"


def messages(fixture: str, code: str) -> dict[int, str]:
    path = RULES / fixture
    findings = lint_text(
        path.read_text(encoding="utf-8"), str(path), config.Settings(select=(code,))
    )
    return {f.span.line: f.message for f in findings}


def test_dl604_says_delivery_is_not_stated_instead_of_assuming_it() -> None:
    got = messages("async_/DL604_delivery_not_stated.yaml", "DL604")
    assert "delivery is not stated" in got[11] and "at-least-once queue" not in got[11]
    assert "at-least-once queue `stated`" in got[15]


def test_dl401_names_the_users_of_a_store_with_no_owner() -> None:
    got = messages("services/DL401_unowned.yaml", "DL401")
    assert got[10] == "datastore `sql-db` has no owner and is used by `write-api`, `read-api`"
    assert "`loader`, `reporter`" in got[14]


def test_dl402_says_which_flow_or_fanout_reaches_the_store() -> None:
    got = messages("services/DL402_flows_and_fanout.yaml", "DL402")
    assert got[20].startswith("fan-out `direct` has `fanout-worker` write `timeline-cache`")
    assert got[34].startswith("flow `read-timeline` goes from service `timeline-service`")


def test_dl204_names_the_object_store_on_the_read_path() -> None:
    got = messages("capacity/DL204_bandwidth.yaml", "DL204")
    assert "`photo-store` serves large objects" in got[4] and "backup-store" not in got[4]


def test_dl103_names_the_kinds_it_counted() -> None:
    got = messages("requirements/DL103_kinds.yaml", "DL103")
    assert "1 kind of requirement (throughput)" in got[5]
    assert "neither latency nor availability" in got[5]


def test_dl204_names_a_cdn_serving_video_and_not_one_serving_static_assets() -> None:
    got = messages("capacity/DL204_bandwidth_cdn.yaml", "DL204")
    assert "`video-cdn` serves large objects" in got[5] and "assets-cdn" not in got[5]
    assert "bandwidth" not in messages("capacity/DL204_static_assets.yaml", "DL204")[5]


def test_dl204_asks_a_crawler_for_storage_and_not_for_users_or_reads() -> None:
    got = messages("capacity/DL204_crawler.yaml", "DL204")
    assert "storage growth" in got[5]
    findings = lint_text(
        (RULES / "capacity/DL204_crawler.yaml").read_text(encoding="utf-8"),
        "crawler.yaml",
        config.Settings(select=("DL204",)),
    )
    assert [f.message for f in findings] == [got[5]]


def test_dl407_names_only_what_is_missing_behind_a_rate_limiting_service() -> None:
    got = messages("services/DL407_service_limits.yaml", "DL407")
    assert got[10].endswith("with no authentication on the way")


def test_dl207_says_range_or_order_of_magnitude_rather_than_no_number() -> None:
    ranges = messages("capacity/DL207_ranges.yaml", "DL207")
    assert ranges[12].startswith("`keys` is stated as a range (`1M-2M`)")
    orders = messages("capacity/DL207_magnitudes.yaml", "DL207")
    assert orders[15].startswith("`keys` is stated as an order of magnitude (`hundreds of")


def test_dl208_names_the_chain_and_the_value_from_its_root() -> None:
    got = messages("capacity/DL208.yaml", "DL208")
    assert "`samples` -> `stored_samples` -> `replicated_samples`" in got[9]
    assert "recomputed from `samples` it is 2,000/s: 15% off" in got[9]
    assert "`raw_bytes` -> `compressed_bytes`" in got[23]


def test_dl103_counts_a_limit_per_thing_as_a_number() -> None:
    got = messages("requirements/DL103_per_thing.yaml", "DL103")
    assert "2 kinds of requirement (throughput, other)" in got[5], got


def test_a_design_that_answers_no_request_is_asked_no_latency_and_no_consistency() -> None:
    path = RULES / "requirements/DL104_no_requests.yaml"
    text = path.read_text(encoding="utf-8")
    found = lint_text(text, str(path), config.Settings(select=("DL104",)))
    assert [f.message.split(":")[0] for f in found] == ["no availability requirement"]
    assert messages("requirements/DL104_no_requests.yaml", "DL107") == {}
