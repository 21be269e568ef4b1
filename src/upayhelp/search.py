"""Topic and FAQ matching for Chinese and English queries, pure and stdlib only.

Both sides go through one analyser: text is normalised (NFKC, case, traditional to simplified),
Chinese is cut into character unigrams and bigrams (no segmenter: the content is small) and English
into lightly stemmed words. A query is scored against each document by how much of the query's
information the document explains (IDF-weighted coverage) and by how well it matches one field as a
whole, so that scores mean the same across queries and one threshold works. Synonyms are content:
they live in the keywords of the YAML files, never here.
"""

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import TYPE_CHECKING, NamedTuple

from upayhelp.text import T2S, damerau_levenshtein

if TYPE_CHECKING:
    from upayhelp.model import FaqEntry, Flow

MATCH_THRESHOLD = 0.35
"""Below this score the best match is a guess; the CLI says that nothing matches well enough."""
MARGIN_FLOOR = 0.2
MARGIN_RATIO = 1.6
"""A match over MARGIN_FLOOR that beats the runner-up by MARGIN_RATIO is also an answer."""

# Field weights: what a document is mostly about weighs more than its long answer text.
ID_WEIGHT = 1.0
TITLE_WEIGHT = 1.0
KEYWORD_WEIGHT = 0.9
ANSWER_WEIGHT = 0.3

_MIN_SCORE = 0.05  # below this a match is noise, not even worth a "did you mean"
_MAX_ANALYSED = 400  # characters of a query looked at; longer text is a paste, not a question
_LONG_QUERY = 200  # beyond this many characters the score decays: a long text is not a topic
_UNIGRAM_CREDIT = 0.4  # one shared Chinese character is weak evidence; a shared bigram is strong
_PREFIX_CREDIT = 0.8
_TYPO_CREDIT = (0.75, 0.55)  # Damerau-Levenshtein distance 1, 2
_UNKNOWN_SHARE = 0.6  # weight of a query word no document knows, relative to the rarest known one
_IDF_FLOOR_SHARE = 0.15  # words found everywhere ("UPay", "钱包") still count a little
_COVERAGE_SHARE = 0.5  # the rest of the score is the best single-field match
_ENOUGH_INFORMATION = 0.75  # in rare-word units: one rare English word or two rare characters


# Function words: they say nothing about the topic. (A string, split once, to stay compact.)
_STOP_TEXT = """
a about after again all also am an and any are as at be been before being but by can cannot cant
could couldnt did didnt do does doesnt doing dont for from get got had has have having hello hey hi
how i id if im in into is isnt it its ive just me might must my myself need no not of on or our
ours out please should so some still than thank thanks that the their them then there these they
this those to too upon us very want was wasnt we were what whats when where which who why will with
wont would you your yours
"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())
# Question words, pronouns and particles, removed from Chinese before it is cut into n-grams.
_FILLER_TEXT = """
怎么办 怎么样 怎么 怎样 如何 为什么 为何 什么 请问 请 一下 可以 能不能 能否 是不是 应该
我们 我的 我 你们 你 您 吗 呢 吧 啊 呀 嘛 啦 哦 嗯 了 的 想 要 该 是 就 都 也 很
"""

# A unit is one position of the text that a match can explain: a Chinese character or an English
# word. It carries a key (for its IDF weight) and the features that explain it, each with the
# credit it earns: a shared bigram fully explains a character, the character alone only partly.
_Alts = tuple[tuple[str, float], ...]
_Unit = tuple[str, _Alts, bool]  # key, alternatives, is_han


class Document(NamedTuple):
    """Something to find: an id and weighted texts (title, keywords, body) to find it by."""

    id: str
    fields: tuple[tuple[str, float], ...]


class Match(NamedTuple):
    """A search hit; `score` is in [0, 1] and comparable across queries (1 = certain)."""

    id: str
    score: float


def confident(matches: Sequence[Match]) -> Match | None:
    """The best match when it is good enough to answer with, else None.

    Good enough: a score over MATCH_THRESHOLD, or, for long natural queries whose absolute
    score stays low because most of their words are chatter, a score over MARGIN_FLOOR that
    stands clearly above the runner-up (MARGIN_RATIO times its score). Pass at least the two
    best matches.
    """
    if not matches:
        return None
    top = matches[0]
    if top.score >= MATCH_THRESHOLD:
        return top
    runner_up = matches[1].score if len(matches) > 1 else 0.0
    if top.score >= MARGIN_FLOOR and top.score >= MARGIN_RATIO * runner_up:
        return top
    return None


def normalize(text: str) -> str:
    """Fold away differences a user does not mean: width, case, script, invisible characters."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(T2S)
    if not text.isprintable():
        text = "".join(_clean_char(char) for char in text)
    return " ".join(text.split())


def faq_documents(entries: "Iterable[FaqEntry]") -> list[Document]:
    """One document per FAQ entry: id, question, keywords, and the answer at a low weight."""
    documents = []
    for entry in entries:
        fields = [(entry.id, ID_WEIGHT)]
        fields += [(text, TITLE_WEIGHT) for text in entry.question.all()]
        fields += [(word, KEYWORD_WEIGHT) for word in entry.keywords.all()]
        fields += [(text, ANSWER_WEIGHT) for text in entry.answer.all()]
        documents.append(Document(entry.id, tuple(fields)))
    return documents


def flow_documents(flows: "Iterable[Flow]") -> list[Document]:
    """One document per flow: id, title and keywords, for finding a topic by any of them."""
    documents = []
    for flow in flows:
        fields = [(flow.id, ID_WEIGHT)]
        fields += [(text, TITLE_WEIGHT) for text in flow.title.all()]
        fields += [(word, KEYWORD_WEIGHT) for word in flow.keywords.all()]
        documents.append(Document(flow.id, tuple(fields)))
    return documents


class _Field:
    """One analysed text of a document (plain classes: a dataclass costs import time)."""

    __slots__ = ("doc", "features", "total", "units", "weight")

    def __init__(
        self, doc: int, weight: float, units: list[_Unit], features: frozenset[str]
    ) -> None:
        self.doc = doc
        self.weight = weight
        self.units = units
        self.features = features
        self.total = 0.0  # the summed weight of its units, set once IDF is known


class _Built:
    """The tables of an index, built on its first search."""

    __slots__ = (
        "by_initial",
        "doc_features",
        "fields",
        "id_keys",
        "idf",
        "ids",
        "postings",
        "top",
        "typos",
        "unknown",
        "words",
    )

    def __init__(
        self,
        ids: list[str],
        fields: list[_Field],
        doc_features: list[dict[str, float]],
        postings: dict[str, list[int]],
        idf: dict[str, float],
        top: float,
        words: frozenset[str],
    ) -> None:
        self.ids = ids
        self.id_keys = [_id_key(normalize(doc_id)) for doc_id in ids]
        self.fields = fields
        self.doc_features = doc_features  # feature -> weight of the best field holding it
        self.postings = postings  # feature -> fields holding it
        self.idf = idf
        self.top = top  # the IDF of a key found in exactly one document
        floor = _IDF_FLOOR_SHARE * top
        self.unknown = max(floor, _UNKNOWN_SHARE * top)  # a query unit no document knows
        self.words = words  # English stems of the content, for compounds and typos
        self.by_initial: dict[str, list[str]] = {}
        for word in sorted(words):
            self.by_initial.setdefault(word[0], []).append(word)
        self.typos: dict[str, _Alts] = {}


class Index:
    """Ranks documents against free-text queries; the tables are built on the first search."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self._documents = tuple(documents)
        self._built: _Built | None = None

    def search(self, query: str, limit: int = 3) -> list[Match]:
        """The best `limit` matches, best first; empty when nothing is relevant at all."""
        if limit <= 0 or not self._documents:
            return []
        text = normalize(query)
        if not text:
            return []
        built = self._build()
        scores = self._scores(built, text)
        key = _id_key(text)
        for number, id_key in enumerate(built.id_keys):
            if key and id_key == key:
                scores[number] = 1.0
        best: dict[str, float] = {}
        for number, score in enumerate(scores):
            doc_id = built.ids[number]
            if score >= _MIN_SCORE and score > best.get(doc_id, -1.0):
                best[doc_id] = score
        ranked = sorted(best.items(), key=lambda item: -item[1])  # stable: ties keep doc order
        return [Match(doc_id, round(min(score, 1.0), 4)) for doc_id, score in ranked[:limit]]

    def _build(self) -> _Built:
        if self._built is not None:
            return self._built
        fields: list[_Field] = []
        doc_features: list[dict[str, float]] = []
        postings: dict[str, list[int]] = {}
        df: dict[str, float] = {}
        words: set[str] = set()
        for number, document in enumerate(self._documents):
            features: dict[str, float] = {}
            keys: dict[str, float] = {}
            for text, raw_weight in document.fields:
                weight = min(max(float(raw_weight), 0.0), 1.0)
                units = _analyse(text)
                if not units or weight <= 0.0:
                    continue
                field = _Field(number, weight, units, frozenset(f for u in units for f, _ in u[1]))
                for feature in field.features:
                    postings.setdefault(feature, []).append(len(fields))
                    features[feature] = max(features.get(feature, 0.0), weight)
                for key, _, is_han in units:
                    keys[key] = max(keys.get(key, 0.0), weight)
                    if not is_han:
                        words.add(key)
                fields.append(field)
            # Squared so that a word in a long answer hardly makes a word common: only what a
            # document is about (title, keywords) tells documents apart.
            for key, weight in keys.items():
                df[key] = df.get(key, 0.0) + weight * weight
            doc_features.append(features)
        count = len(self._documents)
        top = math.log((count + 1) / 1.5)  # the IDF of a key found in exactly one document
        floor = _IDF_FLOOR_SHARE * top
        idf = {key: max(floor, math.log((count + 1) / (freq + 0.5))) for key, freq in df.items()}
        for field in fields:
            field.total = sum(idf[key] for key, _, _ in field.units)
        self._built = _Built(
            ids=[document.id for document in self._documents],
            fields=fields,
            doc_features=doc_features,
            postings=postings,
            idf=idf,
            top=top,
            words=frozenset(words),
        )
        return self._built

    def _scores(self, built: _Built, text: str) -> list[float]:
        """Each document's score: coverage of the query blended with the best one-field match."""
        scores = [0.0] * len(built.ids)
        units, present = _query_units(built, text[:_MAX_ANALYSED])
        if not units:
            return scores
        weights = [built.idf.get(key, built.unknown) for key, _, _ in units]
        total = sum(weights)
        # A query made only of words found everywhere ("UPay", "钱包") or of one Chinese character
        # carries too little information to be sure of anything, however well it is covered.
        information = sum(w * (0.5 if u[2] else 1.0) for u, w in zip(units, weights, strict=True))
        scale = min(1.0, information / (_ENOUGH_INFORMATION * built.top)) ** 1.5
        if len(text) > _LONG_QUERY:
            scale *= math.sqrt(_LONG_QUERY / len(text))
        coverage = [_explained(units, weights, features) / total for features in built.doc_features]
        best_field = [0.0] * len(built.ids)
        candidates = {number for feature in present for number in built.postings.get(feature, ())}
        for number in candidates:
            field = built.fields[number]
            recall = _explained(units, weights, field.features) / total
            field_weights = [built.idf[key] for key, _, _ in field.units]
            precision = _explained(field.units, field_weights, present) / field.total
            fit = field.weight * math.sqrt(recall * precision)
            best_field[field.doc] = max(best_field[field.doc], fit)
        for number in range(len(scores)):
            blended = (
                _COVERAGE_SHARE * coverage[number] + (1 - _COVERAGE_SHARE) * best_field[number]
            )
            scores[number] = scale * blended
        return scores


def _explained(
    units: Sequence[_Unit], weights: Sequence[float], features: frozenset[str] | dict[str, float]
) -> float:
    """The summed weight of the units that `features` explain, each by its best alternative."""
    if isinstance(features, frozenset):
        return sum(
            weight * max((credit for feature, credit in alts if feature in features), default=0.0)
            for (_, alts, _), weight in zip(units, weights, strict=True)
        )
    return sum(
        weight * max(credit * features.get(feature, 0.0) for feature, credit in alts)
        for (_, alts, _), weight in zip(units, weights, strict=True)
    )


def _query_units(built: _Built, text: str) -> tuple[list[_Unit], dict[str, float]]:
    """The units of a query, with English compounds, splits and typos resolved against the
    content's words; also how strongly each feature is present in the query."""
    units: list[_Unit] = []
    present: dict[str, float] = {}
    words: list[str] = []

    def flush() -> None:
        for stem in _english_stems(built, words):
            if stem in built.words:
                alts: _Alts = ((stem, 1.0),)
            else:
                alts = _typos(built, stem) or ((stem, 1.0),)
            key = max(alts, key=lambda alt: (built.idf.get(alt[0], 0.0), alt[0]))[0]
            units.append((key, alts, False))
            for feature, credit in alts:
                present[feature] = max(present.get(feature, 0.0), credit)
        words.clear()

    for is_han, piece in _pieces(text):
        if not is_han:
            words.append(piece)
            continue
        flush()
        for unit in _han_units(piece):
            units.append(unit)
            for feature, _ in unit[1]:
                present[feature] = 1.0
    flush()
    return units, present


def _english_stems(built: _Built, words: Sequence[str]) -> list[str]:
    """Stems of a run of words, joining ("log in" -> login) or splitting ("topup" -> top up)
    words when that is how the content spells them; stop words and numbers are dropped."""
    stems = [_stem(word) for word in words]
    known = built.words
    result: list[str] = []
    index = 0
    while index < len(words):
        word, stem = words[index], stems[index]
        if index + 1 < len(words):
            joined = _stem(word + words[index + 1])
            if joined in known and not (stem in known and stems[index + 1] in known):
                result.append(joined)
                index += 2
                continue
        index += 1
        if word in _STOP_WORDS or word.isdigit():
            continue
        result.extend(_split_compound(known, word) if stem not in known else [stem])
    return result


def _split_compound(known: frozenset[str], word: str) -> list[str]:
    """`word` as two known words ("noreply" -> reply, "topup" -> top up), else unchanged."""
    best: list[str] = [_stem(word)]
    best_rank = 0
    if len(word) < 5 or not word.isascii():
        return best
    for cut in range(2, len(word) - 1):
        parts = [_stem(word[:cut]), _stem(word[cut:])]
        good = [part in known for part in parts]
        stop = [raw in _STOP_WORDS for raw in (word[:cut], word[cut:])]
        if not all(g or s for g, s in zip(good, stop, strict=True)) or not any(good):
            continue
        rank = 2 if all(good) else 1
        if rank > best_rank:
            best = [part for part, g in zip(parts, good, strict=True) if g]
            best_rank = rank
    return best


def _typos(built: _Built, stem: str) -> _Alts:
    """Known words that `stem` is probably a misspelling or an abbreviation of, with credits."""
    cached = built.typos.get(stem)
    if cached is not None:
        return cached
    found: list[tuple[float, str]] = []
    if 4 <= len(stem) <= 24 and stem.isascii() and stem.isalpha():
        for word in built.by_initial.get(stem[0], ()):
            short, long = sorted((stem, word), key=len)
            if len(short) >= 4 and long.startswith(short):
                found.append((_PREFIX_CREDIT, word))
            elif abs(len(word) - len(stem)) <= 2:
                limit = 2 if len(short) >= 8 else 1
                distance = damerau_levenshtein(stem, word, limit)
                if distance <= limit:
                    found.append((_TYPO_CREDIT[distance - 1], word))
    best = max((credit for credit, _ in found), default=0.0)
    top = sorted((word for credit, word in found if credit == best), key=lambda w: -built.idf[w])
    result: _Alts = tuple((word, best) for word in top[:3])
    if len(built.typos) > 4096:
        built.typos.clear()
    built.typos[stem] = result
    return result


def _analyse(text: str) -> list[_Unit]:
    """The units of a document field (no typo handling: the content is spelled right)."""
    units: list[_Unit] = []
    for is_han, piece in _pieces(normalize(text)):
        if is_han:
            units.extend(_han_units(piece))
        elif piece not in _STOP_WORDS and not piece.isdigit():
            stem = _stem(piece)
            units.append((stem, ((stem, 1.0),), False))
    return units


def _han_units(run: str) -> list[_Unit]:
    """Each character of a run of Chinese, explained by its bigrams or, weakly, by itself."""
    if len(run) == 1:
        # A one-character word ("钱") fully matches the same lone word, weakly any use of it.
        return [(run, (("#" + run, 1.0), (run, _UNIGRAM_CREDIT)), True)]
    units: list[_Unit] = []
    for index, char in enumerate(run):
        alts: list[tuple[str, float]] = []
        if index > 0:
            alts.append((run[index - 1 : index + 1], 1.0))
        if index + 1 < len(run):
            alts.append((run[index : index + 2], 1.0))
        alts.append((char, _UNIGRAM_CREDIT))
        units.append((char, tuple(alts), True))
    return units


def _pieces(text: str) -> list[tuple[bool, str]]:
    """Runs of Chinese (True) and English words (False) of normalised text, fillers removed.

    Chinese is told apart with `is_han` rather than a regex class of the Han ranges: `re`
    takes ~1 ms to compile each such class, which every `faq` query would pay.
    """
    patterns = _patterns()
    text = patterns.space.sub(lambda m: _han_gap(m, text), text)
    text = patterns.filler.sub("|", patterns.apostrophe.sub("", text))
    pieces: list[tuple[bool, str]] = []
    for match in patterns.word.finditer(text):  # letters and digits of any script
        run = match.group()
        for han, chars in groupby(run, is_han):
            pieces.append((han, "".join(chars)))
    return pieces


def _han_gap(match: re.Match[str], text: str) -> str:
    """Spaces between two Chinese characters go ("充 值" is "充值"); others stay."""
    start, end = match.span()
    if start > 0 and end < len(text) and is_han(text[start - 1]) and is_han(text[end]):
        return ""
    return match.group()


def is_han(char: str) -> bool:
    """Whether `char` is a Chinese character (the CJK ideograph blocks, extensions included)."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


def _stem(word: str) -> str:
    """A light English stemmer (plurals, -ing, -ed, final e and y) so inflections meet."""
    if len(word) <= 3 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if len(word) > 3 and word[-1] == "e":
        word = word[:-1]
    if len(word) > 3 and word[-1] == "y":
        word = word[:-1] + "i"
    return word


def _id_key(text: str) -> str:
    """An id or query with everything but letters and digits dropped: "no reply" == "no-reply"."""
    return _patterns().not_word.sub("", text)


def _clean_char(char: str) -> str:
    category = unicodedata.category(char)
    if category[0] != "C":
        return char
    # Line breaks and tabs separate words; zero-width and other invisible characters join them.
    return " " if category == "Cc" else ""


class _Patterns:
    """The regular expressions, compiled on first use to keep the import cheap."""

    __slots__ = ("apostrophe", "filler", "not_word", "space", "word")

    def __init__(self) -> None:
        fillers = "|".join(sorted(_FILLER_TEXT.split(), key=len, reverse=True))
        self.space = re.compile(r"\s+")
        self.apostrophe = re.compile("['\u2018\u2019]")
        self.filler = re.compile(fillers)
        self.word = re.compile(r"[^\W_]+")
        self.not_word = re.compile(r"[\W_]+")


_compiled: list[_Patterns] = []


def _patterns() -> _Patterns:
    if not _compiled:
        _compiled.append(_Patterns())
    return _compiled[0]
