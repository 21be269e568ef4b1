"""Recognise a phone number, URL, e-mail address or handle and check it against official channels.

Pure: no printing, no I/O; the standard library, plus the `idna` package for host names that are
not plain ASCII (UTS #46, as browsers map them). `parse_contact` normalises; `verify` compares the
result with the `addresses` of the configured channels and names look-alikes, because fake
"customer service" contacts that resemble the real ones are the most common fraud against wallet
users. Nothing here ever raises on user text.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum
from typing import Literal
from urllib.parse import unquote

from upayhelp.model import Channel
from upayhelp.text import HOMOGLYPHS, damerau_levenshtein

__all__ = [
    "Contact",
    "ContactKind",
    "LookAlike",
    "Status",
    "Verdict",
    "parse_contact",
    "registrable",
    "skeleton",
    "verify",
]

Status = Literal["official", "lookalike", "unknown", "unconfigured"]

# Longer input is not a contact anyone types; refusing it keeps every step cheap.
MAX_LENGTH = 2048


class ContactKind(str, Enum):
    """What kind of contact a string is."""

    PHONE = "phone"
    URL = "url"
    EMAIL = "email"
    HANDLE = "handle"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Contact:
    """A recognised contact: phone "+8613800000000" or digits, URL host, e-mail, "@handle"."""

    raw: str
    kind: ContactKind
    normalized: str


@dataclass(frozen=True)
class LookAlike:
    """An official address (as configured) that the contact resembles, and why."""

    address: str
    channel_id: str
    reason: str


@dataclass(frozen=True)
class Verdict:
    """The outcome of `verify`: only "official" means the contact can be trusted."""

    contact: Contact
    status: Status
    channel_id: str | None
    matched: str | None
    lookalikes: tuple[LookAlike, ...]


# --------------------------------------------------------------------------------------------
# Parsing


@dataclass(frozen=True)
class _Parsed:
    """Everything the comparison needs; `Contact` shows only kind and normalised form."""

    kind: ContactKind
    normalized: str = ""
    host: str = ""  # URL host or e-mail domain, IDNA (punycode) form
    path: str = ""  # URL path, lower-cased, without the trailing slash
    userinfo: str = ""  # what precedes '@' in a URL's authority, normalised as a host if it can be
    local: str = ""  # e-mail local part, case-folded
    hidden: bool = False  # invisible characters were removed from a URL, e-mail or handle


_UNKNOWN = _Parsed(ContactKind.UNKNOWN)

# Ideographic and other full stops that IDNA treats as label separators.
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):(//)?", re.IGNORECASE)
_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_\-]*[a-z0-9_])?$")
_TLD = re.compile(r"^(?:(?=[a-z0-9]*[a-z])[a-z0-9]{2,63}|xn--[a-z0-9\-]{1,59})$")
_LOCAL = re.compile(r"^[^\s@<>()\[\],;:\"\\]{1,64}$")
_HANDLE = re.compile(r"^@([\w.\-]{1,64})$")
_PHONE_CHARS = re.compile(r"^\+?[0-9 \-.()/]+$")


def parse_contact(raw: str) -> Contact:
    """Recognise and normalise `raw`; anything unrecognisable has kind UNKNOWN (never raises)."""
    parsed = _parse(raw)
    return Contact(raw=raw, kind=parsed.kind, normalized=parsed.normalized)


def _parse(raw: str) -> _Parsed:
    if len(raw) > MAX_LENGTH:
        return _UNKNOWN
    text = unicodedata.normalize("NFKC", raw).translate(_DOTS)
    visible = "".join(char for char in text if unicodedata.category(char) != "Cf")
    hidden = visible != text
    text = visible.strip().strip("\"'").strip()
    if not text:
        return _UNKNOWN
    scheme_match = _SCHEME.match(text)
    scheme = scheme_match.group(1).lower() if scheme_match else ""
    if scheme == "tel":
        return _parse_phone(_ascii_digits(text[scheme_match.end() :] if scheme_match else text))
    if scheme == "mailto":
        address = text[scheme_match.end() :] if scheme_match else text
        return _with_hidden(_parse_email(address.split("?", 1)[0]), hidden)
    if scheme_match and scheme_match.group(2):
        return _with_hidden(_parse_url(text[scheme_match.end() :], strict=False), hidden)
    if text.startswith("@"):
        return _with_hidden(_parse_handle(text), hidden)
    angle = re.fullmatch(r"[^<>]*<([^<>]+)>", text)  # "UPay Support <help@upay.example>"
    if angle:
        return _with_hidden(_parse(angle.group(1)), hidden)
    if "@" in text and not re.search(r"[/?#\\]", text.split("@", 1)[0]):
        return _with_hidden(_parse_email(text), hidden)
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+){3}", text):
        return _parse_url(text, strict=True)  # an IPv4 address, not a phone number
    phone = _parse_phone(_ascii_digits(text))
    if phone.kind is ContactKind.PHONE:
        return phone
    return _with_hidden(_parse_url(text, strict=True), hidden)


def _ascii_digits(text: str) -> str:
    """Any script's decimal digits as ASCII, so that "١٢٣" and "１２３" read as "123".

    Only for phone numbers: in a host name "٠" is not "0" to a browser (IDNA keeps it).
    """
    return "".join(
        char
        if char.isascii() or unicodedata.category(char) != "Nd"
        else str(unicodedata.decimal(char, char))
        for char in text
    )


def _with_hidden(parsed: _Parsed, hidden: bool) -> _Parsed:
    if not hidden or parsed.kind is ContactKind.UNKNOWN:
        return parsed
    return replace(parsed, hidden=True)


def _parse_phone(text: str) -> _Parsed:
    """Phone forms ("+CC NNN-NNN-NNNN", "00CC ...", "+CC (0)AA ...") as "+CC..." or digits."""
    text = text.strip()
    # "+86 (0)10 ..." writes the domestic trunk prefix that is not dialled from abroad.
    text = re.sub(r"^(\+[0-9 ]{1,5})\(0\)", r"\1", text)
    if not _PHONE_CHARS.match(text) or text.count("(") != text.count(")"):
        return _UNKNOWN
    digits = re.sub(r"[^0-9]", "", text)
    international = text.startswith("+")
    if not international and digits.startswith("00"):
        digits, international = digits[2:], True
    if not 3 <= len(digits) <= 15:
        return _UNKNOWN
    if international:
        if len(digits) - len(_country_code(digits)) < 2:
            return _UNKNOWN
        return _Parsed(ContactKind.PHONE, "+" + digits)
    return _Parsed(ContactKind.PHONE, digits)


# E.164 country codes form a prefix code: these are the one- and two-digit ones, all others
# have three digits.
_CC_1 = frozenset({"1", "7"})
# fmt: off
_CC_2 = frozenset({
    "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47",
    "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65",
    "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
})
# fmt: on


def _country_code(digits: str) -> str:
    """The country calling code at the start of an international number's digits."""
    if digits[:1] in _CC_1:
        return digits[:1]
    if digits[:2] in _CC_2:
        return digits[:2]
    return digits[:3]


def _parse_email(text: str) -> _Parsed:
    local, at, domain = text.strip().rpartition("@")
    if not at or not _LOCAL.match(local):
        return _UNKNOWN
    host = _normalize_host(domain, strict=True)
    if host is None or _is_ip(host):
        return _UNKNOWN
    folded = local.casefold()
    return _Parsed(ContactKind.EMAIL, f"{folded}@{host}", host=host, local=folded)


def _parse_handle(text: str) -> _Parsed:
    match = _HANDLE.match(text)
    if not match or not any(char.isalnum() for char in match.group(1)):
        return _UNKNOWN
    return _Parsed(ContactKind.HANDLE, "@" + match.group(1).casefold())


def _parse_url(rest: str, *, strict: bool) -> _Parsed:
    """`rest` is what follows "scheme://" (or the whole text); `strict` wants a dotted host."""
    rest = re.sub(r"[\t\r\n]", "", rest)
    # Browsers end the authority at the first '/', '\', '?' or '#', and take the host after the
    # last "@": "https://official.example@evil.example/" goes to evil.example.
    split = re.search(r"[/\\?#]", rest)
    authority = rest[: split.start()] if split else rest
    path = rest[split.start() :] if split else ""
    userinfo, _, hostport = authority.rpartition("@")
    host_text = _strip_port(hostport)
    if host_text is None:
        return _UNKNOWN
    host = _normalize_host(host_text, strict=strict)
    if host is None:
        return _UNKNOWN
    path = re.split(r"[?#]", path.replace("\\", "/"), maxsplit=1)[0]
    path = unquote(path).casefold().rstrip("/")
    user_host = _normalize_host(userinfo.partition(":")[0], strict=False) if userinfo else None
    return _Parsed(
        ContactKind.URL,
        host,
        host=host,
        path=path,
        userinfo=user_host or userinfo.casefold(),
    )


def _strip_port(hostport: str) -> str | None:
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0 or not re.fullmatch(r"(?::[0-9]*)?", hostport[end + 1 :]):
            return None
        return hostport[: end + 1]
    host, colon, port = hostport.rpartition(":")
    if colon and (port == "" or port.isdigit()):
        return host
    return hostport if not colon else None


def _normalize_host(text: str, *, strict: bool) -> str | None:
    """Lower-case IDNA form without trailing dot or "www."; None when it cannot be a host.

    Non-ASCII and "xn--" names go through UTS #46 (nontransitional, as browsers do): "faß"
    becomes "xn--fa-hia", not "fass", because that is the domain a browser would visit.
    `strict` (no scheme given) also wants at least two labels and a plausible top-level domain,
    so that a bare word is not taken for a host.
    """
    text = unquote(text).strip().removesuffix(".")
    if not text:
        return None
    if text.startswith("[") and text.endswith("]"):
        try:
            return "[" + str(ipaddress.IPv6Address(text[1:-1])) + "]"
        except ValueError:
            return None
    try:
        return str(ipaddress.IPv4Address(text))
    except ValueError:
        pass
    labels = _host_labels(text)
    if labels is None:
        return None
    if len(labels) > 2 and labels[0] == "www":
        labels = labels[1:]
    host = ".".join(labels)
    if len(host) > 253:
        return None
    if strict and (len(labels) < 2 or not _TLD.match(labels[-1])):
        return None
    return host


def _host_labels(text: str) -> list[str] | None:
    """The labels of a host name in their ASCII (A-label) form, or None if one is invalid.

    ASCII labels keep the browsers' leniency (underscores, "--" anywhere but the ends) and are
    checked here; only names with non-ASCII or punycode labels need the `idna` package, so it
    is imported only for them.
    """
    if text.isascii() and "xn--" not in text.lower():
        labels = text.lower().split(".")
        if all(_LABEL.match(label) and len(label) <= 63 for label in labels):
            return labels
        return None
    import idna

    try:
        mapped = idna.uts46_remap(text, std3_rules=False, transitional=False)
    except (idna.IDNAError, UnicodeError, ValueError):
        return None
    labels = []
    for label in mapped.split("."):
        if label.isascii() and not label.startswith("xn--"):
            if not _LABEL.match(label) or len(label) > 63:
                return None
            labels.append(label)
            continue
        try:
            labels.append(idna.alabel(label).decode("ascii"))
        except (idna.IDNAError, UnicodeError, ValueError):
            return None
    return labels


def _is_ip(host: str) -> bool:
    return host.startswith("[") or bool(re.fullmatch(r"[0-9.]+", host))


# --------------------------------------------------------------------------------------------
# Look-alike measures


# Characters that render like a Latin letter: the shared table, plus the digits and symbols that
# stand in for letters in host names ("paypa1", "upay|").
_HOMOGLYPHS = str.maketrans({**HOMOGLYPHS, "0": "o", "1": "l", "|": "l", "$": "s"})
_MULTI_GLYPHS = (("rn", "m"), ("vv", "w"), ("cl", "d"))


def skeleton(text: str) -> str:
    """A folded form in which strings that look alike are equal ("uрay" and "upay", "rn" and "m").

    Punycode labels are decoded first so that "xn--..." hosts are compared by what they show.
    """
    labels = []
    for label in text.split("."):
        if label.startswith("xn--"):
            import idna

            with contextlib.suppress(idna.IDNAError, UnicodeError, ValueError):
                label = idna.ulabel(label)
        labels.append(label)
    folded = unicodedata.normalize("NFKD", ".".join(labels)).casefold()
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    folded = folded.translate(_HOMOGLYPHS)
    for many, one in _MULTI_GLYPHS:
        folded = folded.replace(many, one)
    return folded


def _edit_limit(text: str) -> int:
    """Two edits for names of eight characters or more, one below: "ab.cn" is too short for 2."""
    return 2 if len(text) >= 8 else 1


def _one_digit_off(a: str, b: str) -> bool:
    """Same length and one digit changed, or two adjacent digits swapped."""
    if len(a) != len(b) or a == b:
        return False
    diffs = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diffs) == 1:
        return True
    first, second = diffs[0], diffs[-1]
    return (
        len(diffs) == 2 and second == first + 1 and a[first] == b[second] and a[second] == b[first]
    )


# Second-level labels under which names are registered (example.com.cn, example.co.uk).
_SECOND_LEVEL = frozenset(
    {"ac", "co", "com", "edu", "gov", "go", "ltd", "mil", "ne", "net", "or", "org"}
)


def registrable(host: str) -> str:
    """The registered domain of `host` (an approximation of the public suffix list)."""
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _squash(text: str) -> str:
    return re.sub(r"[.\-_]", "", text)


# --------------------------------------------------------------------------------------------
# Comparison


def _phone_forms(number: str, hint: str | None) -> tuple[str | None, set[str]]:
    """(country code or None, the national numbers `number` may stand for).

    `hint` is the other side's country code, so that "8640000..." can be read as "+86 40000...".
    """
    if number.startswith("+"):
        code = _country_code(number[1:])
        national = number[1 + len(code) :]
        forms = {national}
    else:
        code, national = None, number
        forms = {national}
        if hint and national.startswith(hint) and len(national) - len(hint) >= 4:
            forms.add(national[len(hint) :])
    forms |= {form[1:] for form in forms if form.startswith("0") and len(form) > 3}
    return code, forms


def _compare_phones(contact: str, official: str) -> str | None:
    """Whether two phones are the "same", a look-alike reason, or None."""
    code_a, forms_a = _phone_forms(contact, _phone_forms(official, None)[0])
    code_b, forms_b = _phone_forms(official, code_a)
    same_country = code_a is None or code_b is None or code_a == code_b
    if forms_a & forms_b:
        return "same" if same_country else "other-country-code"
    if same_country and any(_one_digit_off(a, b) for a in forms_a for b in forms_b):
        return "digit-changed"
    if code_a and code_b and _one_digit_off(contact, official):
        return "digit-changed"  # a changed digit in the country code: "+87 ..." for "+86 ..."
    return None


def _compare_hosts(host: str, official: str) -> str | None:
    """A look-alike reason for a host that is not `official`, or None."""
    if host == official or host.endswith("." + official) or _is_ip(host) or _is_ip(official):
        return None  # equal, or a subdomain of the official domain: not a look-alike
    host_reg, official_reg = registrable(host), registrable(official)
    if host_reg == official_reg:
        # The same registered domain has the same owner, unless the official address is a page
        # on a shared platform ("upay.platform.example"): then only close imitations count.
        if skeleton(host) == skeleton(official):
            return "confusable"
        if damerau_levenshtein(host, official) <= _edit_limit(official):
            return "edit-distance"
        return None
    name, official_name = host_reg.split(".")[0], official_reg.split(".")[0]
    if skeleton(host) == skeleton(official) or skeleton(host_reg) == skeleton(official_reg):
        return "confusable"
    squashed, official_squashed = _squash(host), _squash(official)
    if len(official_squashed) >= 5 and official_squashed in squashed:
        return "contains-official-domain"
    if damerau_levenshtein(host_reg, official_reg) <= _edit_limit(official_reg):
        return "edit-distance"
    if name == official_name:
        return "other-tld"
    if skeleton(name) == skeleton(official_name):
        return "confusable"
    subdomain_labels = host[: -len(host_reg)].split(".") if host != host_reg else []
    if len(official_name) >= 3 and any(
        official_name in re.split(r"[\-_]", label) for label in subdomain_labels
    ):
        return "subdomain-trick"
    if len(official_name) >= 4 and official_name in _squash(name):
        return "contains-official-name"
    return None


def _compare_names(name: str, official: str) -> str | None:
    """A look-alike reason for a handle or mailbox name that is not `official`, or None."""
    if name == official:
        return None
    if skeleton(name) == skeleton(official):
        return "confusable"
    if damerau_levenshtein(name, official) <= _edit_limit(official):
        return "edit-distance"
    if len(_squash(official)) >= 4 and _squash(official) in _squash(name):
        return "contains-official-name"
    return None


def _compare(contact: _Parsed, official: _Parsed) -> str | None:
    """Return "same" when `contact` is `official`, else a look-alike reason or None."""
    kind = contact.kind
    if kind is ContactKind.PHONE:
        return _compare_phones(contact.normalized, official.normalized)
    if kind is ContactKind.HANDLE:
        if contact.normalized == official.normalized:
            return "hidden-characters" if contact.hidden else "same"
        return _compare_names(contact.normalized[1:], official.normalized[1:])
    if kind is ContactKind.EMAIL:
        if contact.host == official.host:
            if contact.local == official.local:
                return "hidden-characters" if contact.hidden else "same"
            return _compare_names(contact.local, official.local)
        return _compare_hosts(contact.host, official.host)
    if contact.host == official.host:
        if official.path and contact.path != official.path:
            return _compare_names(contact.path, official.path) if contact.path else None
        return "hidden-characters" if contact.hidden else "same"
    if _looks_like_host(contact.userinfo, official.host):
        return "userinfo-trick"
    reason = _compare_hosts(contact.host, official.host)
    if reason is None and official.host and official.host in contact.path:
        return "official-domain-in-path"
    return reason


def _looks_like_host(userinfo: str, official: str) -> bool:
    """Whether a URL's userinfo names the official host (or something like it) to mislead."""
    if not userinfo:
        return False
    return userinfo == official or _compare_hosts(userinfo, official) is not None


def verify(raw: str, channels: Iterable[Channel]) -> Verdict:
    """Compare `raw` with every configured official address of the same kind.

    "official" only on an exact match after normalisation; otherwise "lookalike" with the
    addresses it resembles, "unknown", or "unconfigured" when no channel has any address.
    """
    parsed = _parse(raw)
    contact = Contact(raw=raw, kind=parsed.kind, normalized=parsed.normalized)
    officials = [(channel.id, address) for channel in channels for address in channel.addresses]
    if not officials:
        return Verdict(contact, "unconfigured", None, None, ())
    if parsed.kind is ContactKind.UNKNOWN:
        return Verdict(contact, "unknown", None, None, ())
    lookalikes: list[LookAlike] = []
    for channel_id, address in officials:
        official = _parse(address)
        if official.kind is not parsed.kind:
            continue
        result = _compare(parsed, official)
        if result == "same":
            return Verdict(contact, "official", channel_id, address, ())
        if result is not None:
            lookalike = LookAlike(address=address, channel_id=channel_id, reason=result)
            if lookalike not in lookalikes:
                lookalikes.append(lookalike)
    status: Status = "lookalike" if lookalikes else "unknown"
    return Verdict(contact, status, None, None, tuple(lookalikes))
