"""Links in a message and what about them points to a scam; used by `upayhelp.scam`.

Pure: no I/O. What counts as a shortener, an unusual top-level domain or a brand's own domain
is data from the `scoring.links` section of the red-flags content; the configured official
addresses come from the channels, compared with `upayhelp.verify`'s look-alike logic.

A link's properties (`LinkInfo.features`):
- `shortener`: the host is a URL shortener, so the real destination is hidden;
- `ip`: the host is a raw IP address;
- `unusual-tld`: the top-level domain is one that genuine senders seldom use;
- `lookalike`: the host imitates a configured official address, or carries a brand's name
  without being one of that brand's domains (`paypal-secure.example`, `citi-alerts.example`);
- `alone`: the message is little more than the link (three words or fewer besides it);
- `mismatch`: the message names a known brand but links somewhere that is not the brand's;
- `any`: every link that is not official.
A link to a configured official address, to a trusted registry (government domains), to the
own domain of a known brand, or to a site the message names in its own words (`_own_domain`) is
`official` and has no feature at all: a genuine notice that links to its sender's site stays
quiet. (A brand's own domain counts as official whether or not the message names it:
what matters is where the link goes.)
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from upayhelp.model import Channel
from upayhelp.verify import parse_contact, registrable, skeleton, verify

__all__ = ["LinkData", "LinkInfo", "find_links"]

# Generic top-level domains that a bare `name.tld` (no scheme, no www) may end with, with the
# country codes below. Keeps "file.pdf" and "e.g." from reading as links.
_GENERIC_TLDS = frozenset({
    "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "mobi", "app",
    "dev", "io", "tv", "cc", "xyz", "top", "club", "online", "site", "live", "click", "link",
    "shop", "store", "tech", "space", "website", "icu", "buzz", "fun", "vip", "win", "bid",
    "loan", "work", "cyou", "rest", "sbs", "cfd", "bond", "monster", "lol", "quest", "best",
    "today", "world", "life", "email", "support", "help", "services", "center", "cloud", "page",
    "one", "network", "digital", "agency", "money", "finance", "bank", "pay", "cash", "credit",
    "loans", "tax", "gift", "delivery", "express", "post", "parcel", "asia", "global", "group",
    "solutions", "systems", "zone", "host", "press", "news", "blog", "wang", "ren", "xin",
    "example", "test",
})  # fmt: skip
# Country-code top-level domains (ISO 3166 codes in use as domains).
_COUNTRY_TLDS = frozenset({
    "ac", "ad", "ae", "af", "ag", "ai", "al", "am", "ao", "aq", "ar", "as", "at", "au", "aw",
    "ax", "az", "ba", "bb", "bd", "be", "bf", "bg", "bh", "bi", "bj", "bm", "bn", "bo", "br",
    "bs", "bt", "bw", "by", "bz", "ca", "cc", "cd", "cf", "cg", "ch", "ci", "ck", "cl", "cm",
    "cn", "co", "cr", "cu", "cv", "cw", "cx", "cy", "cz", "de", "dj", "dk", "dm", "do", "dz",
    "ec", "ee", "eg", "er", "es", "et", "eu", "fi", "fj", "fk", "fm", "fo", "fr", "ga", "gb",
    "gd", "ge", "gf", "gg", "gh", "gi", "gl", "gm", "gn", "gp", "gq", "gr", "gs", "gt", "gu",
    "gw", "gy", "hk", "hm", "hn", "hr", "ht", "hu", "id", "ie", "il", "im", "in", "io", "iq",
    "ir", "is", "it", "je", "jm", "jo", "jp", "ke", "kg", "kh", "ki", "km", "kn", "kp", "kr",
    "kw", "ky", "kz", "la", "lb", "lc", "li", "lk", "lr", "ls", "lt", "lu", "lv", "ly", "ma",
    "mc", "md", "me", "mg", "mh", "mk", "ml", "mm", "mn", "mo", "mp", "mq", "mr", "ms", "mt",
    "mu", "mv", "mw", "mx", "my", "mz", "na", "nc", "ne", "nf", "ng", "ni", "nl", "no", "np",
    "nr", "nu", "nz", "om", "pa", "pe", "pf", "pg", "ph", "pk", "pl", "pm", "pn", "pr", "ps",
    "pt", "pw", "py", "qa", "re", "ro", "rs", "ru", "rw", "sa", "sb", "sc", "sd", "se", "sg",
    "sh", "si", "sk", "sl", "sm", "sn", "so", "sr", "ss", "st", "su", "sv", "sx", "sy", "sz",
    "tc", "td", "tf", "tg", "th", "tj", "tk", "tl", "tm", "tn", "to", "tr", "tt", "tv", "tw",
    "tz", "ua", "ug", "uk", "us", "uy", "uz", "va", "vc", "ve", "vg", "vi", "vn", "vu", "wf",
    "ws", "ye", "yt", "za", "zm", "zw",
})  # fmt: skip
# Top-level domains that are no ordinary word: a bare `name.com` is a link even without a path.
_PLAIN_TLDS = frozenset({
    "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "mobi", "io", "cc", "xyz",
    "top", "icu", "buzz", "vip", "cyou", "sbs", "cfd", "wang", "xin",
})  # fmt: skip
_TRAILING = ".,;:!?)]}>'\"，。；：！？）】」』、…"
_URL = re.compile(
    r"(?:https?|hxxps?)://[^\s<>\"'，。；！？（）【】「」]+"
    r"|(?<![a-z0-9_@.\-])www\.[^\s<>\"'，。；！？（）【】「」]+"
    r"|(?<![a-z0-9_@.\-/])(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})"
    r"(?![a-z0-9_\-@])(?::\d{1,5})?(?:/[^\s<>\"'，。；！？（）【】「」]*)?"
    r"|(?<![a-z0-9_.])\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?:/[^\s<>\"'，。；！？（）【】「」]*)?",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"[\-_.0-9]+")


@dataclass(frozen=True)
class LinkData:
    """What `check` knows about links (the `scoring.links` content section)."""

    shorteners: frozenset[str] = frozenset()
    unusual_tlds: frozenset[str] = frozenset()
    brands: tuple[tuple[str, tuple[str, ...]], ...] = ()
    trusted: frozenset[str] = frozenset()  # government domains and the like: never suspect


@dataclass(frozen=True)
class LinkInfo:
    """One link found in a message: where it is, its host and its properties."""

    start: int
    end: int
    text: str
    host: str
    official: bool
    features: frozenset[str]
    brand: str = ""  # the brand the host imitates, for --explain


def _under(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _brand_in(host: str, brand: str) -> bool:
    """Whether `host` (without its top-level domain) carries `brand`: anywhere when the brand
    has six or more letters, else as a whole word between dashes, dots or digits."""
    labels = skeleton(host).split(".")[:-1]
    name = skeleton(brand).replace(" ", "")
    if len(name) >= 6:
        return any(name in label.replace("-", "") for label in labels)
    return any(name in _SPLIT.split(label) for label in labels)


@lru_cache(maxsize=512)
def _brand_word(brand: str) -> re.Pattern[str]:
    """A brand named as a word in normalised text, spaces allowed between its letters when it is
    long enough to be spelled as several words ("wells fargo", "bank of america")."""
    letters = [re.escape(ch) for ch in brand]
    body = " ?".join(letters) if len(brand) >= 6 else "".join(letters)
    return re.compile(rf"(?<![a-z0-9]){body}(?![a-z0-9])")


def named_brands(normalized: str, data: LinkData) -> tuple[str, ...]:
    """The known brands that a normalised message names."""
    return tuple(
        brand
        for brand, _ in data.brands
        if not (brand.isascii() and len(brand) < 4)  # "ups", "boa": ordinary words too
        and _brand_word(brand).search(normalized)
    )


def find_links(
    text: str,
    data: LinkData,
    channels: Sequence[Channel] = (),
    named: Sequence[str] = (),
    limit: int = 10_000,
) -> list[LinkInfo]:
    """The links in `text` (the first `limit`) with their properties, in order. `named` are
    the brands the message names (`named_brands`): a link to none of their domains is a
    `mismatch`."""
    found: list[tuple[int, int, str, str]] = []  # start, end, text, host
    for match in _URL.finditer(text):
        raw = match.group(0)
        bare = match.group(1)
        tld = bare.casefold() if bare is not None else ""
        if tld and tld not in _PLAIN_TLDS:
            # a country code or a word ends many a sentence typed without a space ("bed.it",
            # "the shop.me", "a good life.you"): such a bare name is a link only with a path
            # or a deeper name
            known = tld in _GENERIC_TLDS or tld in _COUNTRY_TLDS or tld in data.unusual_tlds
            if not known or not ("/" in raw or raw.count(".") >= 2):
                continue
        raw = raw.rstrip(_TRAILING)
        if not raw:
            continue
        target = raw if "://" in raw else "http://" + raw
        target = re.sub(r"^hxxp", "http", target, flags=re.IGNORECASE)
        contact = parse_contact(target)
        if contact.kind.value == "url" and contact.normalized:
            found.append((match.start(), match.start() + len(raw), raw, contact.normalized))
            if len(found) >= limit:
                break
    words = _words_besides(text, [(start, end) for start, end, _, _ in found])
    squashed = _NOT_LETTER.sub("", words.casefold())
    links: list[LinkInfo] = []
    for start, end, raw, host in found:
        link = _describe(start, end, raw, host, data, channels)
        # the message's own name for its site makes a plain link its sender's; never one that
        # imitates a brand, hides where it goes or uses a domain genuine senders avoid
        if "risky" not in link.features and not link.official and _own_domain(host, squashed):
            link = replace(link, official=True, features=frozenset())
        if named and not link.official:
            link = replace(
                link, features=link.features | {"mismatch"}, brand=link.brand or named[0]
            )
        links.append(link)
    if links and _word_count(words) <= 3:
        links = [
            link if link.official else replace(link, features=link.features | {"alone"})
            for link in links
        ]
    return links


def _words_besides(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` without the spans of its links."""
    rest: list[str] = []
    last = 0
    for start, end in spans:
        rest.append(text[last:start])
        last = end
    rest.append(text[last:])
    return " ".join(rest)


_NOT_LETTER = re.compile(r"[^a-z0-9]+")


def _own_domain(host: str, squashed: str) -> bool:
    """Whether the message names the link's site in its own words ("Smith Dental ... visit
    smithdental.example"): the link goes where its sender says it is from. The name of the
    registered domain (four or more letters) must appear in `squashed` (the message without its
    links, lower case, spaces and punctuation removed)."""
    if "." not in host or _ip(host):
        return False
    name = _NOT_LETTER.sub("", registrable(host).split(".")[0].casefold())
    if len(name) < 4:
        return False
    return name in squashed


_WORD = re.compile(r"[^\W\d_]{2,}")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _word_count(text: str) -> int:
    """Words in `text`: runs of two or more letters, Chinese counted as two characters a word."""
    han = len(_HAN.findall(text))
    return len(_WORD.findall(_HAN.sub(" ", text))) + han // 2


def _describe(
    start: int,
    end: int,
    raw: str,
    host: str,
    data: LinkData,
    channels: Sequence[Channel],
) -> LinkInfo:
    features: set[str] = set()
    if any(address for channel in channels for address in channel.addresses):
        verdict = verify(raw, channels)
        if verdict.status == "official":
            return LinkInfo(start, end, raw, host, True, frozenset())
        if verdict.status == "lookalike":
            features.add("lookalike")
    if any(_under(host, domain) for domain in data.trusted):
        return LinkInfo(start, end, raw, host, True, frozenset())
    brand_hit = ""
    for brand, domains in data.brands:
        if any(_under(host, domain) for domain in domains):
            return LinkInfo(start, end, raw, host, True, frozenset())
        if _brand_in(host, brand):
            features.add("lookalike")
            brand_hit = brand_hit or brand
    if _ip(host):
        features.add("ip")
    elif any(_under(host, s) for s in data.shorteners):
        features.add("shortener")
    tld = host.rsplit(".", 1)[-1]
    if tld in data.unusual_tlds:
        features.add("unusual-tld")
    if features & {"shortener", "ip", "unusual-tld", "lookalike"}:
        features.add("risky")
    features.add("any")
    return LinkInfo(start, end, raw, host, False, frozenset(features), brand_hit)
