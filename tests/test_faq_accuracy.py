"""Top-1 accuracy of FAQ search on a labelled set written before tuning (tests/data)."""

from __future__ import annotations

import yaml

from upayhelp.content.load import content_layers, load
from upayhelp.search import Index, confident, faq_documents

from .conftest import DATA

CONTENT = load(content_layers(())).content
QUERIES = yaml.safe_load((DATA / "faq_queries.yaml").read_text(encoding="utf-8"))["queries"]
INDEX = Index(faq_documents(CONTENT.faq.values()))


def _best(query: str) -> str | None:
    best = confident(INDEX.search(query, limit=3))
    return best.id if best is not None else None


def test_labelled_set_is_big_and_balanced() -> None:
    labelled = [q for q in QUERIES if q["faq"] is not None]
    assert len(labelled) >= 80
    chinese = [q for q in labelled if any("\u4e00" <= ch <= "\u9fff" for ch in q["q"])]
    assert 0.35 <= len(chinese) / len(labelled) <= 0.65


def test_top1_accuracy_at_least_90_percent() -> None:
    labelled = [q for q in QUERIES if q["faq"] is not None]
    misses = [(q["q"], q["faq"], _best(q["q"])) for q in labelled if _best(q["q"]) != q["faq"]]
    accuracy = 1 - len(misses) / len(labelled)
    print(f"\nFAQ top-1 accuracy: {accuracy:.1%} ({len(labelled) - len(misses)}/{len(labelled)})")
    for miss in misses:
        print("  miss:", miss)
    assert accuracy >= 0.90


def test_off_topic_queries_find_nothing() -> None:
    off = [q["q"] for q in QUERIES if q["faq"] is None]
    wrong = [(q, _best(q)) for q in off if _best(q) is not None]
    rejected = 1 - len(wrong) / len(off)
    print(f"\nOff-topic queries answered 'nothing found': {rejected:.1%}")
    for item in wrong:
        print("  answered:", item)
    assert rejected >= 0.8
