"""`upayhelp.verify`: recognising contacts, normalising them and naming look-alikes.

All addresses here are invented, on reserved example domains and with fake numbers: they exist
only in these tests, never in the shipped content.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upayhelp.model import Channel, Text
from upayhelp.text import damerau_levenshtein
from upayhelp.verify import (
    Contact,
    ContactKind,
    LookAlike,
    parse_contact,
    skeleton,
    verify,
)

from .conftest import Run

_T = Text("测试", "test")
WEBSITE = "https://www.upay.example/"
EMAIL = "support@upay.example"
HANDLE = "@upay_official"
PROFILE = "https://social.example/upay"
HOTLINE = "+86 400 000 0000"
LANDLINE = "010-8000-0000"

CHANNELS = (
    Channel("website", _T, _T, _T, (WEBSITE,)),
    Channel("email", _T, _T, _T, (EMAIL,)),
    Channel("social", _T, _T, _T, (HANDLE, PROFILE)),
    Channel("hotline", _T, _T, _T, (HOTLINE, LANDLINE)),
    Channel("app", _T, _T, _T),
)


def _channel(*addresses: str) -> tuple[Channel, ...]:
    return (Channel("only", _T, _T, _T, addresses),)


@pytest.mark.parametrize(
    ("raw", "kind", "normalized"),
    [
        # phones: separators, country-code forms, full-width digits, the trunk prefix
        ("+86 400 000 0000", ContactKind.PHONE, "+864000000000"),
        ("+86-400-000-0000", ContactKind.PHONE, "+864000000000"),
        ("+86.400.000.0000", ContactKind.PHONE, "+864000000000"),
        ("0086 400 000 0000", ContactKind.PHONE, "+864000000000"),
        ("＋８６ ４００ ０００ ００００", ContactKind.PHONE, "+864000000000"),
        ("+86 (0)10 8000 0000", ContactKind.PHONE, "+861080000000"),
        ("(010) 8000-0000", ContactKind.PHONE, "01080000000"),
        ("tel:+86-400-000-0000", ContactKind.PHONE, "+864000000000"),
        ("864000000000", ContactKind.PHONE, "864000000000"),
        # URLs: scheme, case, trailing dot, www., port, path, IDN, ideographic full stop
        ("upay.example", ContactKind.URL, "upay.example"),
        ("HTTPS://WWW.UPAY.EXAMPLE./Help?x=1#top", ContactKind.URL, "upay.example"),
        ("http://upay.example:8080", ContactKind.URL, "upay.example"),
        ("www.upay.example/login", ContactKind.URL, "upay.example"),
        ("ｕｐａｙ。example", ContactKind.URL, "upay.example"),
        ("https://优付.example/", ContactKind.URL, "xn--bnqwf.example"),
        ("uрay.example", ContactKind.URL, "xn--uay-0ed.example"),
        ("https://upay.example@evil.example/", ContactKind.URL, "evil.example"),
        ("https://user:secret@upay.example", ContactKind.URL, "upay.example"),
        ("http://192.168.0.1/", ContactKind.URL, "192.168.0.1"),
        ("http://[::1]:80/", ContactKind.URL, "[::1]"),
        # e-mail: case, mailto:, a display name, a trailing dot in the domain
        ("Support@UPAY.Example.", ContactKind.EMAIL, "support@upay.example"),
        ("mailto:support@upay.example?subject=help", ContactKind.EMAIL, "support@upay.example"),
        ("UPay <support@upay.example>", ContactKind.EMAIL, "support@upay.example"),
        # handles
        ("@UPay_Official", ContactKind.HANDLE, "@upay_official"),
        ("  @upay.official  ", ContactKind.HANDLE, "@upay.official"),
        # not contacts
        ("", ContactKind.UNKNOWN, ""),
        ("   ", ContactKind.UNKNOWN, ""),
        ("@", ContactKind.UNKNOWN, ""),
        ("hello world", ContactKind.UNKNOWN, ""),
        ("upay", ContactKind.UNKNOWN, ""),
        ("12", ContactKind.UNKNOWN, ""),
        ("+86 400 000 0000 0000 0000", ContactKind.UNKNOWN, ""),
        ("https://", ContactKind.UNKNOWN, ""),
        ("a..b.example", ContactKind.UNKNOWN, ""),
        ("x" * 5000, ContactKind.UNKNOWN, ""),
    ],
)
def test_parse_contact_recognises_and_normalises(
    raw: str, kind: ContactKind, normalized: str
) -> None:
    assert parse_contact(raw) == Contact(raw=raw, kind=kind, normalized=normalized)


@pytest.mark.parametrize(
    ("raw", "channel_id", "matched"),
    [
        ("+86 400 000 0000", "hotline", HOTLINE),
        ("+86-400-000-0000", "hotline", HOTLINE),
        ("0086 4000000000", "hotline", HOTLINE),
        ("86 400 000 0000", "hotline", HOTLINE),
        ("400-000-0000", "hotline", HOTLINE),
        ("(400) 000.0000", "hotline", HOTLINE),
        ("＋８６ ４００ ０００ ００００", "hotline", HOTLINE),
        ("tel:+864000000000", "hotline", HOTLINE),
        ("+86 10 8000 0000", "hotline", LANDLINE),
        ("+86 (0)10 8000 0000", "hotline", LANDLINE),
        ("01080000000", "hotline", LANDLINE),
        ("upay.example", "website", WEBSITE),
        ("UPAY.EXAMPLE", "website", WEBSITE),
        ("upay.example.", "website", WEBSITE),
        ("www.upay.example", "website", WEBSITE),
        ("http://www.upay.example:8443/login?next=/", "website", WEBSITE),
        ("ｕｐａｙ。ｅｘａｍｐｌｅ", "website", WEBSITE),
        ("https://social.example/UPay/", "social", PROFILE),
        ("https://upay@upay.example/", "website", WEBSITE),
        ("SUPPORT@upay.example", "email", EMAIL),
        ("mailto:support@UPAY.EXAMPLE.", "email", EMAIL),
        ("@UPAY_OFFICIAL", "social", HANDLE),
    ],
)
def test_official_addresses_match_in_any_written_form(
    raw: str, channel_id: str, matched: str
) -> None:
    verdict = verify(raw, CHANNELS)
    assert (verdict.status, verdict.channel_id, verdict.matched) == (
        "official",
        channel_id,
        matched,
    )
    assert verdict.lookalikes == ()


@pytest.mark.parametrize(
    ("official", "raw"),
    [
        ("HTTP://WWW.UPAY.EXAMPLE.", "upay.example"),
        ("https://xn--bnqwf.example", "优付.example"),
        ("优付.example", "https://XN--BNQWF.example/"),
        ("0086-400-000-0000", "+86 4000000000"),
        ("86 400 000 0000", "+864000000000"),
        ("(010) 8000 0000", "+86 10 8000 0000"),
        ("Support@UPay.Example", "support@upay.example"),
        ("@UPay_Official", "@upay_official"),
    ],
)
def test_official_addresses_are_normalised_too(official: str, raw: str) -> None:
    assert verify(raw, _channel(official)).status == "official"


@pytest.mark.parametrize(
    ("raw", "address", "reason"),
    [
        # hosts
        ("https://upay.example@evil.example/", WEBSITE, "userinfo-trick"),
        ("https://upay.example.:pw@evil.example/login", WEBSITE, "userinfo-trick"),
        ("https://upay@evil.example/", WEBSITE, "userinfo-trick"),
        ("upay.example.evil.net", WEBSITE, "contains-official-domain"),
        ("https://login.upay.example.evil.net/", WEBSITE, "contains-official-domain"),
        ("upay-example.net", WEBSITE, "contains-official-domain"),
        ("upayexample.com", WEBSITE, "contains-official-domain"),
        ("upay.evil.net", WEBSITE, "subdomain-trick"),
        ("secure-upay.evil.net", WEBSITE, "subdomain-trick"),
        ("upay.com", WEBSITE, "other-tld"),
        ("www.upay.com.cn", WEBSITE, "other-tld"),
        ("upaay.example", WEBSITE, "edit-distance"),
        ("upya.example", WEBSITE, "edit-distance"),
        ("upay.exampel", WEBSITE, "edit-distance"),
        ("uupaay.example", WEBSITE, "edit-distance"),
        ("uрay.example", WEBSITE, "confusable"),  # Cyrillic р
        ("υpay.example", WEBSITE, "confusable"),  # Greek υ
        ("xn--uay-0ed.example", WEBSITE, "confusable"),  # punycode of the Cyrillic one
        ("https://üpay.example", WEBSITE, "confusable"),
        ("upay.exarnple", WEBSITE, "confusable"),  # rn for m
        ("upay.examp1e", WEBSITE, "confusable"),  # 1 for l
        ("upay.ex4mple.com", WEBSITE, "subdomain-trick"),
        ("upay-help.com", WEBSITE, "contains-official-name"),
        ("evil.example/upay.example/login", WEBSITE, "official-domain-in-path"),
        ("up\u200bay.example", WEBSITE, "hidden-characters"),
        ("https://social.example/upay_cs", PROFILE, "contains-official-name"),
        ("https://social.example/upey", PROFILE, "edit-distance"),
        # e-mail: the domain, or the mailbox on the official domain
        ("support@upay-example.net", EMAIL, "contains-official-domain"),
        ("help@uрay.example", EMAIL, "confusable"),
        ("support@upay.com", EMAIL, "other-tld"),
        ("support@upaay.example", EMAIL, "edit-distance"),
        ("supp0rt@upay.example", EMAIL, "confusable"),
        ("suport@upay.example", EMAIL, "edit-distance"),
        # handles
        ("@upay_officia1", HANDLE, "confusable"),
        ("@uрay_official", HANDLE, "confusable"),
        ("@upay_offical", HANDLE, "edit-distance"),
        ("@upay-official", HANDLE, "edit-distance"),
        ("@upay_official_cs", HANDLE, "contains-official-name"),
        ("@upay_off\u200dicial", HANDLE, "hidden-characters"),
        # phones: one digit changed, two adjacent swapped, another country code
        ("+86 400 000 0001", HOTLINE, "digit-changed"),
        ("400-000-0010", HOTLINE, "digit-changed"),
        ("+86 400 000 0100", HOTLINE, "digit-changed"),
        ("+86 040 000 0000", HOTLINE, "digit-changed"),
        ("864000000009", HOTLINE, "digit-changed"),
        ("+87 400 000 0000", HOTLINE, "digit-changed"),
        ("+1 400 000 0000", HOTLINE, "other-country-code"),
        ("010-8000-0001", LANDLINE, "digit-changed"),
    ],
)
def test_lookalikes_are_named(raw: str, address: str, reason: str) -> None:
    verdict = verify(raw, CHANNELS)
    assert verdict.status == "lookalike"
    assert verdict.channel_id is None
    assert verdict.matched is None
    channel_id = next(c.id for c in CHANNELS if address in c.addresses)
    assert LookAlike(address=address, channel_id=channel_id, reason=reason) in verdict.lookalikes


@pytest.mark.parametrize(
    "raw",
    [
        "pay.upay.example",  # a real subdomain, but not a configured address
        "https://social.example/someone-else",
        "unrelated.example",
        "help@upay.example",  # another mailbox on the official domain
        "someone@unrelated.example",
        "@someone_else",
        "+86 400 123 4567",
        "+86 400 000 00000",
        "192.168.0.1",
    ],
)
def test_unrelated_contacts_are_unknown(raw: str) -> None:
    verdict = verify(raw, CHANNELS)
    assert (verdict.status, verdict.channel_id, verdict.lookalikes) == ("unknown", None, ())


@pytest.mark.parametrize(
    ("raw", "official"),
    [
        ("upay.example", "support@upay.example"),
        ("support@upay.example", "https://upay.example"),
        ("@upay", "upay.example"),
        ("4000000000", "@upay_official"),
    ],
)
def test_a_contact_of_another_kind_never_matches(raw: str, official: str) -> None:
    assert verify(raw, _channel(official)).status == "unknown"


def test_unparseable_contact_is_unknown() -> None:
    verdict = verify("call me maybe", CHANNELS)
    assert verdict.contact.kind is ContactKind.UNKNOWN
    assert verdict.status == "unknown"


@pytest.mark.parametrize("raw", ["upay.example", "+86 400 000 0000", "nonsense text", ""])
def test_without_addresses_nothing_can_be_confirmed(raw: str) -> None:
    channels = (Channel("website", _T, _T, _T), Channel("hotline", _T, _T, _T))
    verdict = verify(raw, channels)
    assert (verdict.status, verdict.channel_id, verdict.lookalikes) == ("unconfigured", None, ())
    assert verify(raw, ()).status == "unconfigured"


def test_the_first_channel_with_a_matching_address_wins() -> None:
    channels = (
        Channel("first", _T, _T, _T, ("upay.example",)),
        Channel("second", _T, _T, _T, ("www.upay.example",)),
    )
    assert verify("https://upay.example/", channels).channel_id == "first"


@pytest.mark.parametrize(
    ("official", "raw", "status", "reasons"),
    [
        ("help.upay.example", "upay.example", "unknown", ()),
        ("help.upay.example", "pay.upay.example", "unknown", ()),
        ("help.upay.example", "he1p.upay.example", "lookalike", ("confusable",)),
        ("help.upay.example", "hlep.upay.example", "lookalike", ("edit-distance",)),
        ("upay.example", "he1p.upay.example", "unknown", ()),
    ],
)
def test_hosts_under_the_official_registered_domain(
    official: str, raw: str, status: str, reasons: tuple[str, ...]
) -> None:
    verdict = verify(raw, _channel(official))
    assert verdict.status == status
    assert tuple(lookalike.reason for lookalike in verdict.lookalikes) == reasons


def test_broken_official_addresses_are_ignored() -> None:
    channels = _channel("not an address", "upay.example")
    assert verify("upay.example", channels).status == "official"
    assert verify("upay.example", _channel("not an address")).status == "unknown"


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("upay", "upay", 0),
        ("upay", "upya", 1),
        ("upay", "uppay", 1),
        ("upay", "upy", 1),
        ("upay", "ypau", 2),
        ("upay", "okay", 2),
        ("upay", "something", 3),
    ],
)
def test_damerau_levenshtein(a: str, b: str, distance: int) -> None:
    assert damerau_levenshtein(a, b) == distance
    assert damerau_levenshtein(b, a) == distance


@pytest.mark.parametrize(
    ("a", "b"),
    [("uрay", "upay"), ("ΡΑy", "pay"), ("rn", "m"), ("paypa1", "paypal"), ("xn--uay-0ed", "upay")],
)
def test_skeleton_folds_confusables(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=80)
# Pieces of contacts glued at random reach the corners of the parser that plain text rarely hits.
PIECES = st.one_of(
    st.sampled_from("+0864@.-()/:\\?#%[] р。１\u200b\udcff"),
    st.sampled_from(("xn--", "www.", "https://", "mailto:", "tel:", "upay", "example")),
)
contact_like = st.lists(PIECES, max_size=20).map("".join)


@settings(max_examples=300)
@given(st.one_of(any_text, contact_like))
def test_parse_and_verify_never_raise(raw: str) -> None:
    contact = parse_contact(raw)
    assert contact.raw == raw
    assert (contact.kind is ContactKind.UNKNOWN) == (contact.normalized == "")
    verdict = verify(raw, CHANNELS)
    assert verdict.contact == contact
    assert (verdict.status == "official") == (verdict.channel_id is not None)
    verify(raw, ())
    verify(raw, _channel(raw))


@given(
    st.sampled_from([WEBSITE, EMAIL, HANDLE, PROFILE, HOTLINE, LANDLINE]),
    st.sampled_from([str.upper, str.lower, str.strip, lambda s: f"  {s}  "]),
)
def test_every_official_address_verifies_as_itself(
    address: str, change: Callable[[str], str]
) -> None:
    verdict = verify(change(address), CHANNELS)
    assert verdict.status == "official"
    assert verdict.matched == address


# -- IDNA: what a browser would visit (UTS #46, nontransitional) -------------------------------

IDN_OFFICIAL = "https://fass.example/"
IDN_CHANNELS = _channel(IDN_OFFICIAL, "https://xn--bnqwf.example/")


@pytest.mark.parametrize(
    ("raw", "normalized", "status"),
    [
        # ß is its own letter: browsers go to xn--fa-hia.example, not to fass.example
        ("https://faß.example", "xn--fa-hia.example", "lookalike"),
        ("faß.example", "xn--fa-hia.example", "lookalike"),
        ("FAß.EXAMPLE", "xn--fa-hia.example", "lookalike"),
        ("https://xn--fa-hia.example/", "xn--fa-hia.example", "lookalike"),
        ("XN--FA-HIA.example", "xn--fa-hia.example", "lookalike"),
        ("faẞ.example", "xn--fa-hia.example", "lookalike"),  # capital sharp s maps to ß
        # the official name in any case, width, with any full stop, one trailing dot
        ("https://FASS.example", "fass.example", "official"),
        ("ｆａｓｓ．ｅｘａｍｐｌｅ", "fass.example", "official"),
        ("fass。example", "fass.example", "official"),
        ("fass．example", "fass.example", "official"),
        ("fass｡example", "fass.example", "official"),
        ("https://fass.example./", "fass.example", "official"),
        ("https://www.fass.example/", "fass.example", "official"),
        # a Unicode official address matches its punycode and the other way round
        ("https://优付.example", "xn--bnqwf.example", "official"),
        ("https://XN--BNQWF.EXAMPLE", "xn--bnqwf.example", "official"),
        ("优付。example", "xn--bnqwf.example", "official"),
        # ſ (long s) is mapped to "s" by UTS #46: the browser visits fass.example itself
        ("https://faſs.example", "fass.example", "official"),
    ],
)
def test_idna_hosts_as_browsers_see_them(raw: str, normalized: str, status: str) -> None:
    contact = parse_contact(raw)
    assert contact.normalized == normalized
    verdict = verify(raw, IDN_CHANNELS)
    assert verdict.status == status
    if status == "lookalike":
        assert [la.address for la in verdict.lookalikes] == [IDN_OFFICIAL]


@pytest.mark.parametrize(
    "raw",
    [
        "https://fass.example../",  # two trailing dots: an empty label
        "https://fa..ss.example/",
        "https://xn--zz.example/",  # not valid punycode
        "https://xn--ab.example/",  # decodes to control characters
        "https://-fass.example/",  # a label may not start or end with '-'
        "https://fass-.example/",
        "https://fa\u0000ss.example/",
        "https://fa ss.example/",
        "https://fa*ss.example/",
        "https://ÿ\u0301\u0301\u0301" + "a" * 70 + ".example/",  # label over 63 octets
        "https://a\u0300.example\u3002\u3002",
        "https://\u0660\u0041.example/",  # Arabic-Indic digit then Latin: bidi rule
        "https://" + "a." * 130 + "example/",  # name over 253 octets
    ],
)
def test_invalid_idna_hosts_are_never_official(raw: str) -> None:
    contact = parse_contact(raw)
    assert contact.kind is ContactKind.UNKNOWN
    verdict = verify(raw, _channel(raw, IDN_OFFICIAL))
    assert verdict.status == "unknown"


def test_punycode_of_a_lookalike_is_named_by_what_it_shows() -> None:
    assert skeleton("xn--fa-hia.example") == skeleton("fass.example")
    verdict = verify("https://xn--fa-hia.example", IDN_CHANNELS)
    assert [(la.address, la.reason) for la in verdict.lookalikes] == [(IDN_OFFICIAL, "confusable")]


@pytest.mark.parametrize(
    ("raw", "code", "official"),
    [
        ("https://fass.example", 0, True),
        ("https://faß.example", 3, False),
        ("https://xn--fa-hia.example", 3, False),
        ("https://xn--zz.example", 3, False),
        ("fass。example", 0, True),
    ],
)
def test_verify_command_on_idna_hosts(
    run: Run, tmp_path: Path, raw: str, code: int, official: bool
) -> None:
    (tmp_path / "channels.yaml").write_text(
        "kind: channels\nchannels:\n  - id: website\n    name: Website\n    how: Open it.\n"
        f"    best_for: Everything\n    addresses: ['{IDN_OFFICIAL}']\n",
        encoding="utf-8",
    )
    result = run("--content-dir", str(tmp_path), "verify", raw, "--json")
    assert result.exit_code == code, result.stderr
    assert json.loads(result.stdout)["official"] is official
    text = run("--content-dir", str(tmp_path), "--lang", "zh", "verify", raw)
    assert text.exit_code == code
    assert "Traceback" not in text.stdout + text.stderr


def test_digits_of_other_scripts_are_not_ascii_in_host_names() -> None:
    """Arabic-Indic digits read as ASCII in a phone number, but a browser keeps them in a host."""
    assert verify("+86 ٤٠٠ ٠٠٠ ٠٠٠٠", _channel(HOTLINE)).status == "official"
    verdict = verify("https://upay٠.example", _channel("https://upay0.example"))
    assert verdict.status == "unknown"


def test_the_idna_package_is_imported_only_for_international_names() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from upayhelp.verify import parse_contact\n"
        "parse_contact('https://WWW.UPay.example./x'); parse_contact('+86 400 000 0000')\n"
        "assert 'idna' not in sys.modules\n"
        "assert parse_contact('faß.example').normalized == 'xn--fa-hia.example'\n"
        "assert 'idna' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_idna_in_email_domains() -> None:
    channels = _channel("support@fass.example")
    assert verify("Support@FASS。example", channels).status == "official"
    verdict = verify("support@faß.example", channels)
    assert verdict.contact.normalized == "support@xn--fa-hia.example"
    assert verdict.status == "lookalike"
