"""`contacts`: the JSON shape, a topic's channels in order, configured addresses, errors."""

from __future__ import annotations

import json
from pathlib import Path

from ..conftest import Run


def test_contacts_json(run: Run) -> None:
    data = json.loads(run("contacts", "--json").stdout)
    assert data["schema_version"] == 1
    assert data["topic"] is None
    assert [c["id"] for c in data["channels"]] == [
        "website",
        "app",
        "social",
        "email",
        "hotline",
        "complaint",
    ]
    for channel in data["channels"]:
        assert set(channel) == {"id", "name", "how", "best_for", "addresses"}
        assert channel["addresses"] == []
    assert "search result" in data["warning"]


def test_contacts_for_a_topic_in_order(run: Run) -> None:
    data = json.loads(run("contacts", "--topic", "no reply", "--json").stdout)
    assert data["topic"] == "no-reply"
    assert data["channels"]
    assert len({c["id"] for c in data["channels"]}) == len(data["channels"])


def test_contacts_show_configured_addresses(run: Run, tmp_path: Path) -> None:
    (tmp_path / "channels.yaml").write_text(
        "kind: channels\nchannels:\n"
        "  - id: website\n    name: Website\n    how: Open it\n    best_for: Everything\n"
        "    addresses: ['https://help.example.org']\n",
        encoding="utf-8",
    )
    result = run("--content-dir", str(tmp_path), "contacts")
    assert "https://help.example.org" in result.stdout
    data = json.loads(run("--content-dir", str(tmp_path), "contacts", "--json").stdout)
    assert data["channels"][0]["addresses"] == ["https://help.example.org"]


def test_contacts_unknown_topic(run: Run) -> None:
    result = run("contacts", "--topic", "weather forecast")
    assert result.exit_code == 1
    assert "no topic matches" in result.stderr
