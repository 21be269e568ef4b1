"""`verify` through the CLI: official addresses in every written form, look-alikes, unknown
and unconfigured contacts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import Run

OPERATOR_CHANNELS = """\
kind: channels
channels:
  - id: website
    name: {zh: 官方网站, en: Official website}
    how: {zh: 打开官网。, en: Open the website.}
    best_for: {zh: 一切, en: Everything}
    addresses: ["https://www.upay.example/help", "support@upay.example"]
  - id: hotline
    name: {zh: 热线, en: Hotline}
    how: {zh: 拨打热线。, en: Call the hotline.}
    best_for: {zh: 紧急情况, en: Emergencies}
    addresses: ["+86 400 000 1234"]
  - id: social
    name: {zh: 社交媒体, en: Social media}
    how: {zh: 关注官方账号。, en: Follow the official account.}
    best_for: {zh: 快速回复, en: Quick replies}
    addresses: ["@upay_official"]
"""


@pytest.fixture
def operator(tmp_path: Path) -> Path:
    directory = tmp_path / "operator"
    directory.mkdir()
    (directory / "channels.yaml").write_text(OPERATOR_CHANNELS, encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("contact", "channel"),
    [
        ("https://www.upay.example/help", "website"),
        ("UPAY.EXAMPLE./help", "website"),
        ("http://upay.example/help", "website"),
        ("Support@UPay.Example", "website"),
        ("+86 400 000 1234", "hotline"),
        ("0086-400-000-1234", "hotline"),
        ("(400) 000 1234", "hotline"),
        ("".join(chr(ord(c) + 0xFEE0) for c in "4000001234"), "hotline"),  # full-width
        ("@UPay_Official", "social"),
    ],
)
def test_verify_official_in_every_written_form(
    run: Run, operator: Path, contact: str, channel: str
) -> None:
    result = run("--content-dir", str(operator), "verify", contact, "--json")
    assert result.exit_code == 0, result.stdout
    data = json.loads(result.stdout)
    assert data["status"] == "official"
    assert data["channel"] == channel


@pytest.mark.parametrize(
    ("contact", "reason"),
    [
        ("https://upay.example.evil.net/help", None),
        ("https://upay-example.net", None),
        ("https://upqy.example/help", "edit-distance"),
        ("https://uрay.example/help", "confusable"),  # Cyrillic р
        ("https://upay.example@evil.example/", "userinfo-trick"),
        ("+86 400 000 1243", "digit-changed"),
        ("+86 400 000 1235", "digit-changed"),
        ("support@upay-example.com", None),
        ("@upay_offcial", "edit-distance"),
    ],
)
def test_verify_lookalikes(run: Run, operator: Path, contact: str, reason: str | None) -> None:
    result = run("--content-dir", str(operator), "verify", contact, "--json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["status"] == "lookalike"
    assert data["lookalikes"]
    if reason is not None:
        assert reason in {la["reason"] for la in data["lookalikes"]}
    text = run("--content-dir", str(operator), "verify", contact)
    assert "NOT an official channel" in text.stdout


def test_verify_unrelated_contact(run: Run, operator: Path) -> None:
    result = run("--content-dir", str(operator), "verify", "https://weather.example.org", "--json")
    assert result.exit_code == 3
    assert json.loads(result.stdout)["status"] == "unknown"


def test_verify_without_configured_addresses(run: Run) -> None:
    result = run("verify", "+86 400 123 4567")
    assert result.exit_code == 3
    assert "cannot confirm" in result.stdout
    assert "inside the UPay app" in result.stdout
    data = json.loads(run("verify", "https://upay.example", "--json").stdout)
    assert data["status"] == "unconfigured"


# -- the red-flag question inside the flows --------------------------------------------------
