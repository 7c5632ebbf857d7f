"""The prevention rules-as-data hold together: every entry cites known sources with a status and a
review date, nothing UNVERIFIED is encoded, the msgid module is current, and the validated
instruments keep their published French wording in the French catalog."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

from domain.campaigns import _entries
from domain.prevention import rules
from domain.prevention_rules import STATUSES

ROOT = Path(__file__).resolve().parents[3]
ASSETS = ROOT / "assets" / "prevention"
DATA_FILES = sorted(p for p in ASSETS.glob("*.json") if p.name != "sources.json")


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def test_every_cited_source_exists_and_every_status_is_known_and_verified():
    known = {source["id"] for source in load(ASSETS / "sources.json")["sources"]}
    for path in DATA_FILES:
        for entry in walk(load(path)):
            assert set(entry.get("sources", [])) <= known, (path.name, entry.get("id"))
            if "status" in entry:
                assert entry["status"] in STATUSES and entry["status"] != "UNVERIFIED", (
                    path.name,
                    entry.get("id"),
                )


def test_every_data_file_has_a_review_date_after_its_reading():
    for path in DATA_FILES:
        data = load(path)
        assert data["reviewed_on"] < data["review_by"], path.name


def test_every_card_and_campaign_entry_states_its_sources():
    assert all(rule.card.provenance.sources for rule in rules())
    assert all(entry.provenance.sources for entry in _entries())


def test_the_msgid_module_is_current_with_the_data():
    spec = importlib.util.spec_from_file_location("build_msgids", ASSETS / "build_msgids.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0, "run .venv/bin/python assets/prevention/build_msgids.py"


def published_pairs() -> Iterator[tuple[str, str]]:
    for test in load(ASSETS / "selftests.json")["tests"]:
        if "intro" in test:
            yield test["intro"], test["intro_published_fr"]
        for entry in walk(test):
            if "published_fr" in entry:
                yield entry.get("question") or entry["label"], entry["published_fr"]


def test_validated_instruments_keep_their_published_french_wording_in_the_catalog():
    with (ROOT / "locales" / "fr" / "LC_MESSAGES" / "carnet.po").open("rb") as f:
        french = {m.id: m.string for m in read_po(f) if m.id}
    pairs = list(published_pairs())
    assert len(pairs) >= 30
    for msgid, published in pairs:
        assert french.get(msgid) == published, msgid


def test_one_english_msgid_never_stands_for_two_published_french_wordings():
    seen: dict[str, str] = {}
    for msgid, published in published_pairs():
        assert seen.setdefault(msgid, published) == published, msgid
