"""The anti-scam engine behind `upayhelp check`: normalise a message, then find red flags in it.

Pure: no printing, no I/O. Rules (`model.RedFlag`) come from content files; their patterns are
regular expressions matched against the *normalised* text (see `normalize`), and every match is
mapped back to offsets in the original text so that the CLI can highlight it.

A match is ignored when it is a warning rather than a request:
- a negation cue (请勿, 不会, never, don't, will not...) or a warning cue (谨防, beware, anyone
  who...) stands before it in the same sentence, within `NEGATION_WINDOW` characters, or inside it,
  unless that cue is conditional ("if you don't...", 否则), negates worry ("don't panic", 别担心),
  or a turn such as "just", "but", 只需, 但 comes between the cue and the match;
- the sentence goes on to call it a scam ("... is a scam", 都是诈骗);
- one of the rule's `unless` patterns matches the sentence;
- the sentence reports an impersonation or a call (冒充, 自称, pretending to be, "a caller", "I got
  a call") and the message turns it down or warns against it (挂了, 举报, 不要相信, hung up,
  "never asks", "it's a scam"). A user's account of what a caller is asking, with no refusal,
  stays flagged: that is a scam in progress.
Normalisation also undoes common disguises: spelled-out letters (`v-e-r-i-f-y c.o.d.e`) and
leetspeak inside Latin words (`0TP`, `c0de`, `p@ss`), but not quantities (`5min`) or ids.
A pattern that itself spells out a negative instruction ("don't hang up", 不要告诉家人) contains
the inline comment `(?#no-negation)` to opt out of the negation check.
"""

import bisect
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from upayhelp.i18n import t
from upayhelp.lang import Lang
from upayhelp.links import LinkData, LinkInfo, find_links, named_brands
from upayhelp.model import Channel, Keywords, RedFlag, Scoring
from upayhelp.text import HOMOGLYPHS, T2S

__all__ = [
    "NEGATION_WINDOW",
    "NO_NEGATION",
    "Assessment",
    "Cancelled",
    "CueHit",
    "Finding",
    "Guard",
    "Normalized",
    "assess",
    "check_pattern",
    "compile_guard",
    "compile_pattern",
    "normalize",
    "scan",
]

NEGATION_WINDOW = 100
NO_NEGATION = "(?#no-negation)"

# -- character folding ------------------------------------------------------------------------

_SENTENCE_END = frozenset(".!?;。！？；\n\r\u2028\u2029")


def _fold_once(ch: str) -> str:
    """One round of compatibility folding for a single character."""
    text = unicodedata.normalize("NFKC", ch).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if unicodedata.category(c) not in ("Mn", "Me"))
    text = unicodedata.normalize("NFKC", text)
    return "".join(HOMOGLYPHS.get(c, c) for c in text).translate(T2S)


@lru_cache(maxsize=4096)
def _fold(ch: str) -> str:
    """The folded form of one character; each output character is its own fixed point, which
    makes `normalize` idempotent. Characters that do not settle are dropped."""
    text = ch
    for _ in range(4):
        folded = "".join(_fold_once(c) for c in text)
        if folded == text:
            return "".join(c for c in text if not _invisible(c))
        text = folded
    return ""


def _invisible(ch: str) -> bool:
    """Zero-width, format and control characters (whitespace controls are separators instead)."""
    cat = unicodedata.category(ch)
    if cat == "Cc":
        return not ch.isspace()
    return cat in ("Cf", "Cs", "Co", "Cn") and not ch.isspace()


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3FFFF
        or 0xF900 <= code <= 0xFAFF
        or code == 0x3007
    )


# -- normalisation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Normalized:
    """A message folded for matching, with the way back to the original.

    `offsets[i]` is the index in the original text of the character that produced `text[i]`
    (an inserted space points at the character after it). `sentences` holds the index in `text`
    where each sentence starts, beginning with 0.
    """

    text: str
    offsets: tuple[int, ...]
    sentences: tuple[int, ...]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of normalised characters `[start, end)`, spaces trimmed."""
        while start < end and self.text[start] == " ":
            start += 1
        while end > start and self.text[end - 1] == " ":
            end -= 1
        if start >= end:
            return (0, 0)
        return self.offsets[start], self.offsets[end - 1] + 1

    def sentence(self, index: int) -> tuple[int, int]:
        """The `[start, end)` bounds in `text` of the sentence holding character `index`."""
        number = bisect.bisect_right(self.sentences, index) - 1
        start = self.sentences[max(number, 0)]
        end = self.sentences[number + 1] if number + 1 < len(self.sentences) else len(self.text)
        return start, end


@dataclass
class _Token:
    kind: str  # "han" | "word"
    chars: list[tuple[str, int]]
    gap: list[tuple[str, int]]  # separator characters before this token
    joined: bool = False  # glued to the previous token (spelled-out letters)


def normalize(text: str) -> Normalized:
    """Fold `text` for matching: NFKC and casefold, look-alike letters to Latin, traditional to
    simplified Chinese, no separators between Chinese characters, spelled-out letters joined
    (`v-e-r-i-f-y` → `verify`), every other run of spaces and punctuation one space."""
    folded: list[tuple[str, int]] = []
    for index, ch in enumerate(text):
        if ch.isascii() and (ch.isalnum() or ch == " "):
            folded.append((ch.lower(), index))
            continue
        folded.extend((c, index) for c in _fold(ch))
    _fold_symbols(folded)

    tokens: list[_Token] = []
    gap: list[tuple[str, int]] = []
    for ch, index in folded:
        if _is_han(ch):
            tokens.append(_Token("han", [(ch, index)], gap))
            gap = []
        elif ch.isalnum():
            if tokens and tokens[-1].kind == "word" and not gap:
                tokens[-1].chars.append((ch, index))
            else:
                tokens.append(_Token("word", [(ch, index)], gap))
                gap = []
        else:
            gap.append((ch, index))

    _join_spelled_out(tokens)
    words: list[list[_Token]] = []
    for token in tokens:
        if token.kind != "word":
            continue
        if token.joined and words:
            words[-1].append(token)
        else:
            words.append([token])
    for word in words:
        chars = [pair for token in word for pair in token.chars]
        _fold_leet(chars)
        position = 0
        for token in word:
            token.chars = chars[position : position + len(token.chars)]
            position += len(token.chars)

    out: list[str] = []
    offsets: list[int] = []
    sentences: list[int] = [0]
    for position, token in enumerate(tokens):
        if position > 0:
            previous = tokens[position - 1]
            if not token.joined and not (previous.kind == "han" and token.kind == "han"):
                out.append(" ")
                offsets.append(token.gap[0][1] if token.gap else token.chars[0][1])
            if not token.joined and any(ch in _SENTENCE_END for ch, _ in token.gap):
                sentences.append(len(out))
        for ch, index in token.chars:
            out.append(ch)
            offsets.append(index)
    return Normalized("".join(out), tuple(offsets), tuple(sentences), len(text))


def _join_spelled_out(tokens: list[_Token]) -> None:
    """Mark runs of three or more one-character words (`c.o.d.e`, `1 2 3 4`) to be glued.

    A run spelled with punctuation and split by spaces (`v-e-r-i-f-y c.o.d.e`) becomes one word
    per space-separated part when every part has three or more letters."""
    run: list[int] = []
    for position, token in enumerate([*tokens, None]):
        single = token is not None and token.kind == "word" and len(token.chars) == 1
        if single:
            run.append(position)
            continue
        if len(run) >= 3:
            for part in _spelled_parts(tokens, run):
                for later in part[1:]:
                    tokens[later].joined = True
        run = []


def _spelled_parts(tokens: list[_Token], run: list[int]) -> list[list[int]]:
    """`run` split at its space-only gaps when it also has punctuation gaps, else `[run]`."""
    spaced = [all(ch.isspace() for ch, _ in tokens[later].gap) for later in run[1:]]
    if all(spaced) or not any(spaced):
        return [run]
    parts: list[list[int]] = [[run[0]]]
    for later, space in zip(run[1:], spaced, strict=True):
        if space:
            parts.append([later])
        else:
            parts[-1].append(later)
    return parts if all(len(part) >= 3 for part in parts) else [run]


# Digits and symbols that stand in for letters inside Latin words ("0TP", "c0de", "p@ss", "pa$$").
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
# A number followed by a unit is a quantity, not a disguised word ("5min", "24h", "3pm").
_UNIT = re.compile(
    r"\d+(?:s|m|h|d|w|y|k|g|x|am|pm|st|nd|rd|th|hr|hrs|min|mins|sec|secs|day|days|mo|yr|yrs"
    r"|kg|km|gb|mb|usd|rmb|cny|yuan)"
)


def _ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _fold_symbols(folded: list[tuple[str, int]]) -> None:
    """`@` and `$` between Latin letters become the letters they imitate (`p@ss`, `pa$$word`);
    an `@` after a longer name is an e-mail address and stays a separator."""
    for position in range(1, len(folded) - 1):
        ch = folded[position][0]
        if ch not in "@$":
            continue
        left, right = position - 1, position + 1
        while ch == "$" and left > 0 and folded[left][0] == "$":
            left -= 1
        while ch == "$" and right < len(folded) - 1 and folded[right][0] == "$":
            right += 1
        if not (_ascii_letter(folded[left][0]) and _ascii_letter(folded[right][0])):
            continue
        if ch == "@":
            start = left
            while start > 0 and _ascii_letter(folded[start - 1][0]):
                start -= 1
            if left - start + 1 > 3:
                continue
        folded[position] = (_LEET[ch], folded[position][1])


def _fold_leet(chars: list[tuple[str, int]]) -> None:
    """Digits used as letters inside a Latin word (`0tp`, `c0de`, `passw0rd`) become letters.

    Only a word with two or more letters qualifies; a digit is folded when letters stand on
    both sides of its run of at most two digits, or when it is the single leading digit of a
    word that is not a quantity (`5min`)."""
    text = "".join(ch for ch, _ in chars)
    if sum(_ascii_letter(ch) for ch in text) < 2 or not any(ch.isdigit() for ch in text):
        return
    folded = list(text)
    position = 0
    while position < len(text):
        if not text[position].isdigit():
            position += 1
            continue
        end = position
        while end < len(text) and text[end].isdigit():
            end += 1
        inside = position > 0 and end < len(text) and end - position <= 2
        inside = inside and _ascii_letter(text[position - 1]) and _ascii_letter(text[end])
        if inside and all(ch in _LEET for ch in text[position:end]):
            for digit in range(position, end):
                folded[digit] = _LEET[text[digit]]
        position = end
    word = "".join(folded)
    if word[0] in _LEET and word[1:].isalpha() and not _UNIT.fullmatch(word):
        folded[0] = _LEET[word[0]]
    for position, ch in enumerate(folded):
        chars[position] = (ch, chars[position][1])


# -- suppressors ------------------------------------------------------------------------------

# The word lists are content (`scoring.suppressors` in the red-flags file); this table says how
# each is used: the code around a list is grammar, the list is vocabulary.
_SUPPRESSOR_FORMS: dict[str, str] = {
    "negation": "(?:{})",
    # A cue right after one of these is a condition or a threat, not a warning: "if you don't".
    "conditional": (
        "(?:{})(?: ?(?:you|您|你|u|this|that|it|they|(?:the|your|my|this|that) [a-z]{{1,15}}))?"
        " ?(?:do|did|are|will)? ?$"
    ),
    # A cue followed by one of these negates a feeling or hanging up, not the request.
    "soothe": " ?(?:you )?(?:need to |have to )?(?:{})",
    # A turn between the cue and the match starts a new instruction: "don't worry, just...".
    "breaker": "(?:{})",
    "called-scam": "^.{{0,40}}?(?:{})",
    "reported": "(?:{})",
    "rejected": "(?:{})",
    "complied": "(?:{})",
    "warning-context": "(?:{})",
    "own-question": "(?:{})",
    "other-party": "(?:{})",
    "direct": "(?:{})",
    "fraud-warning": "(?:{})",
}
_NEVER = re.compile(r"(?!x)x")


@dataclass(frozen=True)
class _Suppressors:
    """The compiled suppressor lists; an absent list never matches."""

    negation: re.Pattern[str]
    conditional: re.Pattern[str]
    soothe: re.Pattern[str]
    breaker: re.Pattern[str]
    called_scam: re.Pattern[str]
    reported: re.Pattern[str]
    rejected: re.Pattern[str]
    complied: re.Pattern[str]
    warning_context: re.Pattern[str]
    own_question: re.Pattern[str]
    other_party: re.Pattern[str]
    direct: re.Pattern[str]
    fraud_warning: re.Pattern[str]

    @classmethod
    def of(cls, lists: tuple[tuple[str, Keywords], ...]) -> "_Suppressors":
        given = dict(lists)
        compiled: dict[str, re.Pattern[str]] = {}
        for name, form in _SUPPRESSOR_FORMS.items():
            words = given.get(name, Keywords()).all()
            key = name.replace("-", "_")
            compiled[key] = compile_pattern(form.format("|".join(words))) if words else _NEVER
        return cls(**compiled)


# Between a cue and a match, a clause that starts a new instruction (，把钱转到...) or the end of
# a parenthetical aside ("(we never store it)") ends the cue's reach.
_CLAUSE_PUNCT = frozenset(",，、:：")
_CLOSE_PAREN = frozenset(")）】]」』")
_NEW_INSTRUCTION = re.compile(r"(?:把|将|再|然后|并且?|马上|赶紧|立即|先|接着)")
# A cue inside a reported order ("让她不要告诉任何人") reaches only to the end of its clause.
_REPORTED_ORDER = re.compile(r"(?:让|叫|要求|要)(?:她|他|我|我们|您|你|他们)$")


@dataclass(frozen=True)
class _Message:
    """A message being scanned: the original text, its normalised form and what holds for the
    whole message (computed once per scan)."""

    original: str
    norm: Normalized
    sup: _Suppressors
    rejected: bool  # the message turns a call down or warns not to go along
    context: bool  # the message is news or an anti-fraud notice
    warning: bool  # the whole message is a warning: a notice, or a report that is turned down
    alone: bool  # nobody but the writer appears in the message
    cautions: bool  # the sender warns about fraud, as genuine notices do
    memo: dict[tuple[int, int, tuple[re.Pattern[str], ...]], bool]  # see `_unless`

    @classmethod
    def of(cls, original: str, sup: _Suppressors) -> "_Message":
        norm = normalize(original)
        text = norm.text
        rejected = sup.rejected.search(text) is not None and not sup.complied.search(text)
        context = sup.warning_context.search(text) is not None
        reported = sup.reported.search(text) is not None
        alone = sup.other_party.search(text) is None
        warning = context or (reported and rejected)
        cautions = sup.fraud_warning.search(text) is not None
        return cls(original, norm, sup, rejected, context, warning, alone, cautions, {})

    def index(self, original_offset: int) -> int:
        """The first normalised index at or after `original_offset` in the original text."""
        return bisect.bisect_left(self.norm.offsets, original_offset)

    def own_question(self, start: int) -> bool:
        """Whether `start` sits in the user's own how-to question with nobody else involved."""
        if not self.alone:
            return False
        sentence_start, sentence_end = self.norm.sentence(start)
        text = self.norm.text[sentence_start:sentence_end]
        return self.sup.own_question.match(text) is not None

    def reported_warning(self, start: int, end: int) -> str | None:
        """Which suppressor makes the match part of a warning about impersonators or a report
        of a turned-down call ("a caller claiming to be UPay asked me to... I hung up"), or of
        a sentence of a warning message that asks nothing of the reader; None if none does. A
        user's account of what a caller is asking, with no refusal anywhere, stays flagged:
        that is a scam in progress."""
        norm = self.norm
        sentence_start, sentence_end = norm.sentence(start)
        sentence_end = max(sentence_end, end)
        if (self.rejected or self.context) and self.sup.reported.search(
            norm.text, sentence_start, sentence_end
        ):
            return "rejected" if self.rejected else "warning-context"
        if not self.warning:
            return None
        if self.sup.direct.search(norm.text[sentence_start:sentence_end]) is None:
            return "warning-context" if self.context else "rejected"
        return None

    def negated(self, start: int, end: int, sentence_start: int) -> bool:
        """Whether a negation or warning cue before or inside `[start, end)` makes it a
        warning."""
        text = self.norm.text
        sup = self.sup
        for cue in sup.negation.finditer(text, _window(text, start, sentence_start), end):
            before = text[max(sentence_start, cue.start() - 24) : cue.start()]
            if sup.conditional.search(before):
                continue
            if sup.soothe.match(text, cue.end()):
                continue
            if cue.end() < start and sup.breaker.search(text, cue.end(), start):
                continue
            if cue.end() < start and _cut_off(self, cue.start(), cue.end(), start):
                continue
            return True
        return False

    def _unless(self, start: int, end: int, unless: tuple[re.Pattern[str], ...]) -> bool:
        """Whether an `unless` pattern matches the sentence `[start, end)` (remembered: a long
        sentence with many matches is searched once per rule, not once per match)."""
        key = (start, end, unless)
        found = self.memo.get(key)
        if found is None:
            sentence = self.norm.text[start:end]
            found = self.memo[key] = any(p.search(sentence) for p in unless)
        return found

    def suppressed_by(
        self,
        start: int,
        end: int,
        unless: tuple[re.Pattern[str], ...],
        check: bool,
    ) -> str | None:
        """The name of what makes the match at `[start, end)` harmless, or None."""
        norm = self.norm
        sentence_start, sentence_end = norm.sentence(start)
        sentence_end = max(sentence_end, end)
        if check and self.negated(start, end, sentence_start):
            return "negation"
        if check and self.sup.called_scam.match(norm.text[end:sentence_end]):
            return "called-scam"
        reported = self.reported_warning(start, end)
        if reported is not None:
            return reported
        if self.own_question(start):
            return "own-question"
        if unless and self._unless(sentence_start, sentence_end, unless):
            return "unless"
        return None


def _cut_off(message: _Message, cue_start: int, cue_end: int, start: int) -> bool:
    """Whether the original text between a cue and a match leaves the cue's clause."""
    norm, original = message.norm, message.original
    reported = _REPORTED_ORDER.search(norm.text, max(0, cue_start - 4), cue_start) is not None
    for position in range(cue_end, min(start, len(norm.offsets))):
        low = norm.offsets[position - 1] + 1 if position > 0 else 0
        between = original[low : norm.offsets[position]]
        if any(ch in _CLOSE_PAREN for ch in between):
            return True
        if any(ch in _CLAUSE_PUNCT for ch in between) and (
            reported or _NEW_INSTRUCTION.match(norm.text, position)
        ):
            return True
    return False


def _window(text: str, start: int, sentence_start: int) -> int:
    """Where the negation look-back starts: `NEGATION_WINDOW` characters, or half as much again
    when the text before the match has no Chinese (English needs more characters per word)."""
    window = max(sentence_start, start - NEGATION_WINDOW)
    if not any(_is_han(ch) for ch in text[window:start]):
        window = max(sentence_start, start - NEGATION_WINDOW * 3 // 2)
    return window


# -- rules and scoring ------------------------------------------------------------------------

DEFAULT_THRESHOLD = 1.0
# Matches of one pattern, and links, looked at in one message: a cue fires on the first that no
# suppressor cancels, and a crafted message repeating a word 10,000 times must not make the work
# grow with the square of its length.
MAX_MATCHES = 32
MAX_LINKS = 32
NO_SCORING = Scoring()  # no suppressors, no shared cues, no link data
PATTERNS_CUE = "patterns"  # the cue id of a rule's own `patterns`, each enough on its own


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a rule pattern the way `scan` uses it; raises `re.error` when it is invalid."""
    return _regex(pattern.translate(T2S))


def check_pattern(pattern: str, lang: Lang = "en") -> str | None:
    """Why `pattern` cannot be used, in `lang` (for the loader's messages; a pattern that does
    not compile gets Python's own words), or None when it is fine."""
    try:
        compiled = compile_pattern(pattern)
    except re.error as exc:
        return str(exc)
    except (RecursionError, OverflowError) as exc:  # absurdly nested or sized patterns
        return type(exc).__name__
    if compiled.search("") is not None:
        return t("pattern-empty-match", lang)
    if ".*" in pattern or ".+" in pattern:
        return t("pattern-unbounded", lang)
    if _NESTED.search(pattern):
        return t("pattern-nested", lang)
    return None


_NESTED = re.compile(r"\)[*+]|[*+]\)[*+?{]")  # (a+)+, (?:x*)*: catastrophic backtracking


@dataclass(frozen=True)
class CueHit:
    """A cue that fired: its rule, its weight and what it matched in the original text."""

    rule: str
    cue: str
    weight: float
    spans: tuple[tuple[int, int], ...]
    matched: tuple[str, ...]


@dataclass(frozen=True)
class Cancelled:
    """A cue match that a suppressor cancelled, for --explain."""

    rule: str
    cue: str
    span: tuple[int, int]
    text: str
    by: str


@dataclass(frozen=True)
class Finding:
    """One rule that fired: where in the original text, what was matched, and its score."""

    rule: RedFlag
    spans: tuple[tuple[int, int], ...]
    matched: tuple[str, ...]
    score: float = 0.0
    threshold: float = DEFAULT_THRESHOLD
    cues: tuple[CueHit, ...] = ()


@dataclass(frozen=True)
class Assessment:
    """Everything `check` found in one message."""

    findings: tuple[Finding, ...]
    score: float  # the highest rule score as a share of its threshold; >= 1 means flagged
    cues: tuple[CueHit, ...]  # every cue that fired, in rules that fired or not
    cancelled: tuple[Cancelled, ...]
    links: tuple[LinkInfo, ...]

    @property
    def flagged(self) -> bool:
        return bool(self.findings)


@dataclass(frozen=True)
class _Cue:
    id: str
    weight: float
    patterns: "tuple[_Pattern, ...]"
    unless: tuple[re.Pattern[str], ...]
    link: str = ""
    needs: frozenset[str] | None = None  # every pattern's strings: none present, no match
    feature: str = ""

    @classmethod
    def of(
        cls, cue_id: str, weight: float, keywords: Keywords, unless: tuple[re.Pattern[str], ...]
    ) -> "_Cue":
        patterns = _patterns(keywords)
        needs = None
        if patterns and all(p.needs is not None for p in patterns):
            needs = frozenset().union(*(p.needs for p in patterns if p.needs is not None))
        return cls(cue_id, weight, patterns, unless, "", needs)


@dataclass(frozen=True)
class _Rule:
    rule: RedFlag
    threshold: float
    cues: tuple[_Cue, ...]
    requires: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Guard:
    """Rules, suppressors and link knowledge compiled once for many messages."""

    rules: tuple[_Rule, ...]
    sup: _Suppressors
    links: LinkData
    channels: tuple[Channel, ...]
    uses_links: bool  # some cue looks at links
    literals: tuple[str, ...]  # every pattern's required strings (see `required_literals`)


class _Pattern(NamedTuple):
    source: str  # as `compile_pattern` reads it (traditional Chinese made simplified)
    check: bool  # apply the negation check
    # The strings one of which every match contains (None: unknown); a message holding none
    # of them cannot match, so the expression is not even compiled.
    needs: frozenset[str] | None


@lru_cache(maxsize=2048)
def _regex(source: str) -> re.Pattern[str]:
    """A pattern compiled when a message first needs it (most never are, in one `check`)."""
    return re.compile(source, re.IGNORECASE)


def _patterns(keywords: Keywords) -> tuple[_Pattern, ...]:
    """Every pattern of both languages: a message may mix them, and the `zh` lists hold
    English words that Chinese messages use (telegram, app, code)."""
    out: list[_Pattern] = []
    for pattern in keywords.all():
        source = pattern.translate(T2S)
        needs = required_literals(source)
        out.append(_Pattern(source, NO_NEGATION not in pattern, frozenset(needs or ()) or None))
    return tuple(out)


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of `pattern` contains, or None when the
    pattern has no such set (a prefilter: `check` runs about 400 patterns on each message, and
    most of them cannot match most messages)."""
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse as parser
    try:
        tree = parser.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError):
        return None
    found = _required(tree, parser)
    if not found or any(not literal.strip() for literal in found):
        return None
    if any(not ch.isascii() and ch.lower() != ch.upper() for lit in found for ch in lit):
        return None  # a cased letter beyond ASCII: casefolding may match what lower() misses
    return tuple(sorted(found))


def _required(items: Any, parser: Any) -> frozenset[str] | None:
    consts = parser  # the opcodes are re-exported by the parser module
    candidates: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is consts.LITERAL:
            run += chr(av).lower()
            continue
        if run:
            candidates.append(frozenset({run}))
            run = ""
        found: frozenset[str] | None = None
        if op is consts.SUBPATTERN:
            found = _required(av[-1], parser)
        elif op is getattr(consts, "ATOMIC_GROUP", None):
            found = _required(av, parser)
        elif op is consts.BRANCH:
            parts = [_required(branch, parser) for branch in av[1]]
            if all(part for part in parts):
                found = frozenset().union(*parts)  # type: ignore[arg-type]
        elif op in _REPEATS(consts) and av[0] >= 1:
            found = _required(av[2], parser)
        elif op in (consts.AT, consts.ASSERT, consts.ASSERT_NOT):
            continue  # zero width: the run goes on across \b and look-arounds
        if found:
            candidates.append(found)
    if run:
        candidates.append(frozenset({run}))
    if not candidates:
        return None
    # the most selective: its shortest string as long as possible, then the fewest strings
    return max(candidates, key=lambda c: (min(len(x) for x in c), -len(c)))


def _REPEATS(consts: Any) -> tuple[Any, ...]:
    names = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    return tuple(getattr(consts, name) for name in names if hasattr(consts, name))


@lru_cache(maxsize=16)
def compile_guard(
    rules: tuple[RedFlag, ...], scoring: Scoring = NO_SCORING, channels: tuple[Channel, ...] = ()
) -> Guard:
    """Compile `rules` with the suppressors, shared cues and link data of `scoring`."""
    shared = dict(scoring.cues or ())
    default = scoring.threshold if scoring.threshold is not None else DEFAULT_THRESHOLD
    compiled: list[_Rule] = []
    for rule in rules:
        threshold = rule.threshold if rule.threshold is not None else default
        unless = tuple(compile_pattern(p) for p in rule.unless.all())
        cues: list[_Cue] = []
        if rule.patterns.all():
            cues.append(_Cue.of(PATTERNS_CUE, threshold, rule.patterns, unless))
        for cue in rule.cues:
            own_unless = unless + tuple(compile_pattern(p) for p in cue.unless.all())
            if cue.link or cue.feature:
                cues.append(_Cue(cue.id, cue.weight, (), own_unless, cue.link, None, cue.feature))
                continue
            keywords = shared.get(cue.use, Keywords()) if cue.use else cue.patterns
            cues.append(_Cue.of(cue.id, cue.weight, keywords, own_unless))
        compiled.append(_Rule(rule, threshold, tuple(cues), frozenset(rule.requires)))
    links = LinkData(
        frozenset(scoring.shorteners or ()),
        frozenset(scoring.unusual_tlds or ()),
        tuple(scoring.brands or ()),
        frozenset(scoring.trusted or ()),
    )
    uses_links = any(cue.link or cue.feature for rule in compiled for cue in rule.cues)
    suppressors = _Suppressors.of(scoring.suppressors or ())
    literals = {
        literal
        for rule in compiled
        for cue in rule.cues
        for pattern in cue.patterns
        for literal in pattern.needs or ()
    }
    return Guard(tuple(compiled), suppressors, links, channels, uses_links, tuple(sorted(literals)))


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


# Words broken up by dots to slip past filters ("paymen.t", "Y.our", "sur.prise"): a short piece
# on one side of the dot, letters on both, not an abbreviation and not part of a link.
_BROKEN_WORD = re.compile(r"(?<![A-Za-z0-9./@])([A-Za-z]{1,12})\.([a-z]{1,12})(?=[\s,!?:;'\"]|$)")
_ABBREVIATIONS = frozenset({"e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "n.b", "p.s"})
OBFUSCATED_MINIMUM = 3  # broken words in a message before it counts as disguised


def _obfuscated(text: str, links: Sequence[LinkInfo]) -> list[tuple[int, int]]:
    """The spans of words broken up by dots, when there are enough of them to be a disguise."""
    found: list[tuple[int, int]] = []
    inside = [(link.start, link.end) for link in links]
    for match in _BROKEN_WORD.finditer(text):
        left, right = match.group(1), match.group(2)
        if f"{left.lower()}.{right}" in _ABBREVIATIONS or min(len(left), len(right)) > 2:
            continue
        if any(start <= match.start() < end for start, end in inside):
            continue
        found.append(match.span())
        if len(found) >= MAX_MATCHES:
            break
    return found if len(found) >= OBFUSCATED_MINIMUM else []


# Message features that `feature:` cues name (content/schema.MESSAGE_FEATURES).
FEATURES: dict[str, Callable[[str, Sequence[LinkInfo]], list[tuple[int, int]]]] = {
    "obfuscated": _obfuscated,
}


def _link_cancelled(
    message: _Message, link: LinkInfo, unless: tuple[re.Pattern[str], ...]
) -> str | None:
    """What cancels a link cue: the sender warns about fraud (genuine notices do), the link
    sits in a warning or a report that was turned down, or in the user's own question. A
    negation does not: a link is not a request in itself
    ("could not be delivered ... check x.example" is still a link), and a warning not to
    click it is a warning message."""
    if message.cautions:
        return "fraud-warning"
    size = len(message.norm.text)
    start = message.index(link.start)
    if start >= size:
        return None
    end = min(max(start + 1, message.index(link.end)), size)
    return message.suppressed_by(start, end, unless, False)


def assess(text: str, guard: Guard) -> Assessment:
    """Score `text` against every rule of `guard`: each rule adds up the weights of its cues
    that fired (each cue once) and fires at its threshold."""
    message = _Message.of(text, guard.sup)
    norm = message.norm
    links = (
        find_links(
            text, guard.links, guard.channels, named_brands(norm.text, guard.links), MAX_LINKS
        )
        if guard.uses_links
        else []
    )
    present = {literal for literal in guard.literals if literal in norm.text}
    matches: dict[str, list[tuple[int, int]]] = {}  # shared cues run once
    features: dict[str, list[tuple[int, int]]] = {}
    findings: list[Finding] = []
    fired: list[CueHit] = []
    cancelled: list[Cancelled] = []
    best = 0.0
    for item in guard.rules:
        hits: list[CueHit] = []
        for cue in item.cues:
            spans: list[tuple[int, int]] = []
            if cue.link:
                for link in links:
                    if cue.link not in link.features:
                        continue
                    by = _link_cancelled(message, link, cue.unless)
                    if by is not None:
                        cancelled.append(
                            Cancelled(item.rule.id, cue.id, (link.start, link.end), link.text, by)
                        )
                        continue
                    spans.append((link.start, link.end))
            if cue.feature:
                if cue.feature not in features:
                    features[cue.feature] = FEATURES[cue.feature](text, links)
                found_spans = features[cue.feature]
                if found_spans and (message.warning or message.cautions):
                    by = "warning-context" if message.warning else "fraud-warning"
                    start, end = found_spans[0]
                    cancelled.append(
                        Cancelled(item.rule.id, cue.id, (start, end), text[start:end], by)
                    )
                else:
                    spans.extend(found_spans)
            if cue.needs is not None and cue.needs.isdisjoint(present):
                continue
            for source, check, needs in cue.patterns:
                if needs is not None and needs.isdisjoint(present):
                    continue
                found = matches.get(source)
                if found is None:
                    found = matches[source] = []
                    for match in _regex(source).finditer(norm.text):
                        if match.end() > match.start():
                            found.append(match.span())
                            if len(found) >= MAX_MATCHES:  # enough to judge; bounds the work
                                break
                for start, end in found:
                    span = norm.span(start, end)
                    by = message.suppressed_by(start, end, cue.unless, check)
                    if by is not None:
                        if span[1] > span[0]:
                            cancelled.append(
                                Cancelled(item.rule.id, cue.id, span, text[span[0] : span[1]], by)
                            )
                        continue
                    if span[1] > span[0]:
                        spans.append(span)
            if spans:
                merged = _merge(spans)
                hits.append(
                    CueHit(
                        item.rule.id,
                        cue.id,
                        cue.weight,
                        merged,
                        tuple(text[s:e] for s, e in merged),
                    )
                )
        if not hits:
            continue
        fired.extend(hits)
        score = round(sum(hit.weight for hit in hits), 6)
        core = not item.requires or any(hit.cue in item.requires for hit in hits)
        fires = score >= item.threshold and core
        if core:  # a rule without its core sign scores nothing
            share = score / item.threshold if item.threshold > 0 else 1.0
            # never round up to 1 for a rule that did not fire, nor below 1 for one that did
            share = math.floor(share * 100) / 100
            best = max(best, max(share, 1.0) if fires else min(share, 0.99))
        if fires:
            merged = _merge([span for hit in hits for span in hit.spans])
            findings.append(
                Finding(
                    item.rule,
                    merged,
                    tuple(text[s:e] for s, e in merged),
                    score,
                    item.threshold,
                    tuple(hits),
                )
            )
    return Assessment(tuple(findings), best, tuple(fired), tuple(cancelled), tuple(links))


def scan(
    text: str,
    rules: Sequence[RedFlag],
    scoring: Scoring = NO_SCORING,
    channels: Sequence[Channel] = (),
) -> list[Finding]:
    """The red flags in `text`: one Finding per rule that fired, in rule order."""
    return list(assess(text, compile_guard(tuple(rules), scoring, tuple(channels))).findings)
