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

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from upayhelp.model import RedFlag

__all__ = [
    "NEGATION_WINDOW",
    "NO_NEGATION",
    "Finding",
    "Normalized",
    "check_pattern",
    "compile_pattern",
    "normalize",
    "scan",
]

NEGATION_WINDOW = 100
NO_NEGATION = "(?#no-negation)"

# -- character folding ------------------------------------------------------------------------

# Look-alike letters from other scripts, after casefolding, to the Latin letter they imitate.
_HOMOGLYPHS = {
    # Cyrillic
    "а": "a", "в": "b", "г": "r", "д": "d", "е": "e", "ё": "e", "з": "3", "и": "u", "й": "u",
    "к": "k", "л": "n", "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "ь": "b", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "һ": "h", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ӏ": "l", "ү": "y", "ո": "n", "ս": "u", "օ": "o",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u",
    "ν": "v", "ο": "o", "ρ": "p", "σ": "o", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c",
    "ϳ": "j", "ϱ": "p", "ϵ": "e",
    # Latin look-alikes
    "ı": "i", "ɩ": "i", "ɡ": "g", "ɑ": "a", "ʋ": "u", "ȷ": "j", "ĸ": "k", "ſ": "s",
}  # fmt: skip

# Traditional → simplified, for the characters the built-in patterns use (pairs: trad, simp).
_T2S_PAIRS = (
    "驗验證证碼码帳账賬账戶户轉转匯汇滙汇凍冻結结賠赔償偿貸贷螢萤遠远製制載载裝装軟软體体"
    "會会議议視视頻频號号銀银餘余額额資资錢钱幣币禮礼購购點点擊击鏈链連连網网綫线線线騙骗"
    "詐诈險险將将給给發发請请輸输讀读報报訴诉說说對对話话電电務务員员專专門门處处罰罚費费"
    "繳缴納纳違违規规錄录記记徵征響响註注銷销關关閉闭開开聯联繫系係系機机構构實实時时間间"
    "內内鐘钟馬马緊紧盡尽產产業业優优補补貼贴領领獎奖勵励認认審审備备這这個个們们麼么為为"
    "與与讓让幫帮過过還还來来從从後后則则無无須须絕绝決决別别樣样嗎吗經经儲储頭头虛虚擬拟"
    "貨货區区塊块寶宝財财賣卖買买單单訂订運运遞递丟丢壞坏問问題题應应該该嚴严護护邊边傳传"
    "啟启動动權权協协導导誘诱鎖锁隨随熱热諮咨詢询尋寻頁页簡简訊讯謝谢紅红萬万億亿夠够擔担"
    "憂忧慮虑態态確确際际統统計计層层級级腦脑顯显現现選选擇择聲声稱称稅税價价賺赚衝冲縮缩"
    "減减憑凭據据盜盗竊窃劃划撥拨檢检喚唤調调紀纪職职訟讼託托兌兑換换蘋苹壓压務务獲获權权"
    "設设置置掃扫維维數数達达戲戏碟碟質质圖图標标準准隻只裡里於于態态處处氣气歲岁談谈謊谎"
    "貼贴鬆松黨党懷怀疑疑罪罪嫌嫌涉涉捕捕拘拘獄狱搶抢奪夺損损虧亏債债務务臨临輔辅復复壽寿"
    "醫医療疗險险贈赠獎奖瑪玛麗丽濟济總总負负責责籌筹隊队陸陆軍军飛飞艙舱遲迟違违鍵键寫写"
    "錯错誤误當当嗎吗剛刚親亲戚戚鄰邻舉举際际屆届幾几廣广歐欧書书長长車车東东門门們们島岛"
)
_T2S = {_T2S_PAIRS[i]: _T2S_PAIRS[i + 1] for i in range(0, len(_T2S_PAIRS), 2)}
_T2S = {k: v for k, v in _T2S.items() if k != v}
_T2S_TABLE = str.maketrans(_T2S)

_SENTENCE_END = frozenset(".!?;。！？；\n\r\u2028\u2029")


def _fold_once(ch: str) -> str:
    """One round of compatibility folding for a single character."""
    text = unicodedata.normalize("NFKC", ch).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if unicodedata.category(c) not in ("Mn", "Me"))
    text = unicodedata.normalize("NFKC", text)
    return "".join(_HOMOGLYPHS.get(c, c) for c in text).translate(_T2S_TABLE)


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


# -- rules ------------------------------------------------------------------------------------

_NEGATION = re.compile(
    r"不要|请勿|切勿|勿|绝不|决不|绝对不|不会|不得|不可|不能|不应|不该|严禁|禁止|从不|从未|从来不"
    r"|不需要|不需|无需|无须|不用|不收|免收|谨防|警惕|提防|当心|小心|防范|拒绝|千万别"
    r"|没有所谓|所谓的?|不存在|有没有(?:那种|这种|什么)|并无|任何人|凡是|无论谁|无论是谁|不管谁|不管是谁|不论谁|如果有人|若有人|如有人|一旦有人|任何自称|谁要|谁让"
    r"|(?<![特识区级类个告分鉴辨性差])别(?![人的处家号名])"
    r"|\bnever\b|\bnor\b|\bno one\b|\bnobody\b|\bcannot\b"
    r"|\b(?:do|does|did|will|would|should|must|can|could|may|is|are|was|need) not\b"
    r"|\b(?:don|doesn|didn|won|wouldn|shouldn|mustn|can|couldn|isn|aren|wasn)t\b"
    r"|\b(?:don|doesn|didn|won|wouldn|shouldn|mustn|can|couldn|isn|aren|wasn) t\b"
    r"|\bno (?:genuine |legitimate |legit |real |official )?(?:bank|company|organi[sz]ation|police"
    r"|agency|business|one|body|upay|staff|employee|government|support)s?\b"
    r"|\bbeware\b|\bavoid\b|\brefuse\b|\bwatch out\b|\bbe careful\b"
    r"|(?<!final )(?<!last )\bwarning\b"
    r"|\bno (?:need|fees?|charges?|costs?|payments?)\b|\bfree of charge\b"
    r"|\bwithout (?:any )?fees?\b"
    r"|\b(?:anyone|anybody|someone|somebody|whoever|people) (?:who|that|asking|claiming|calling)\b"
    r"|\bif (?:anyone|anybody|someone|somebody|a caller|they|a stranger)\b"
)
# A cue right after one of these is a condition or a threat, not a warning: "if you don't...".
_CONDITIONAL = re.compile(
    r"(?:如果|若|要是|假如|否则|不然|如|\bif\b|\bunless\b|\botherwise\b|\bor else\b|\bor\b)"
    r"(?: ?(?:you|您|你|u|this|that|it|they|(?:the|your|my|this|that) [a-z]{1,15}))?"
    r" ?(?:do|did|are|will)? ?$"
)
# A cue followed by one of these negates a feeling or hanging up, not the request.
_SOOTHE = re.compile(
    r" ?(?:you )?(?:need to |have to )?(?:担心|着急|急|紧张|害怕|怕|慌|挂|顾虑|多想|犹豫|见怪"
    r"|worry|panic|be afraid|be scared|be alarmed|be nervous|be worried|fret|hang up|stress|rush"
    r"|会(?:影响|扣|有)|affect|harm|cost)"
)
# A turn between the cue and the match starts a new instruction: "don't worry, just read me...".
_BREAKER = re.compile(
    r"只需|只要|然后|但是|但|否则|除非|所以|因此|现在|麻烦|(?<![申邀])请(?![勿求])"
    r"|\bjust\b|\bsimply\b|\bonly need|\bthen\b|\bbut\b|\bunless\b|\botherwise\b|\bso\b"
    r"|\bplease\b|\bnow\b|\binstead\b|\bhowever\b"
)
_CALLED_SCAM = re.compile(
    r"^.{0,40}?(?:是诈骗|都是诈骗|是骗子|都是骗子|是骗局|都是骗局|就是骗|属于诈骗|是假冒"
    r"|\b(?:is|are|it s|that s|always) (?:a |an |always |likely |definitely )?"
    r"(?:scams?|scammers?|frauds?|fraudsters?|fake|criminals?|phishing)\b)"
)

# A third party warning about impersonators, or a user's report of a call they already turned
# down: a cue of impersonation or of a reported call in the sentence of the match...
_REPORTED = re.compile(
    r"(?:冒充|假冒|假扮|伪装成|冒用|自称|说(?:自己|他|她)是)(?!您|你|本人|用户)|接到.{0,30}?(?:电话|来电|短信)"
    r"|(?:有(?:个|一个)?人|谁)(?:打电话|打来|来电|发短信)|有人(?:让|叫|要求|问)|被要求|被骗|受害人|事主"
    r"|(?:电话|来电|打来|短信).{0,4}?说是"
    r"|收到(?:了)?(?:一条|一个|一封|条|个|封)?.{0,12}?(?:短信|信息|消息|邮件|电话|来电)"
    r"|\bpretend(?:s|ed|ing)? to be\b|\bimpersonat(?:e|es|ed|ing|ors?)\b|\bposing as\b"
    r"|(?:骗子|不法分子|诈骗分子|犯罪分子|犯罪团伙|诈骗团伙)(?:会|可能|常|往往|通常|经常|假装|谎称|以|称|冒充)"
    r"|\b(?:scammers?|criminals?|fraudsters?|crooks|con artists?|callers)"
    r" (?:may|might|will|often|could|can|sometimes|usually|typically"
    r"|pretend|claim|say|ask|call|tell)\b"
    r"|\bthey (?:then |also |often |usually |may |will )?"
    r"(?:fake|pressure|claim|pretend|demand|urge|offer|ask|tell|promise|request|try)\b"
    r"|\b(?:the )?(?:person|people|caller|account|number|someone) (?:who|that) (?:contacted|called"
    r"|messaged|texted|rang|approached) (?:you|me)\b"
    r"|\bclaim(?:s|ed|ing)? to be\b|\bfake (?:upay |bank )?(?:support|agents?|callers?|staff"
    r"|texts?|messages?|calls?|couriers?|refunds?|customer service|客服)"
    r"|\b(?:got|had|received|get|getting) (?:a |an )?(?:weird |strange |suspicious |unexpected )?"
    r"(?:call|text|message)\b|\ba caller\b"
    r"|\b(?:saw|seen|read) (?:a |this |that )?(?:post|story|article|report|warning)\b"
    r"|\b(?:heard|read) about\b|\b(?:criminals|scammers|fraudsters|crooks) are\b"
)
# ...and, anywhere in the message, the call turned down or a warning not to go along with it.
_REJECTED = re.compile(
    r"(?<!不要)(?<!不能)(?<![别勿不])挂(?:掉|断|了|机)"
    r"|举报|拉黑|删(?:了|掉|除了)|不要相信(?!任何|其他|银行|家人|警察|亲友)"
    r"|别信|不要理会?|不用理会?|不予理会|不要上当|不要照做"
    r"|(?:直接|已经|已|马上|立刻|赶紧|然后|就|及时|立即)报警|成功拦截|识破"
    r"|(?:她|他|我|我们)(?:没|没有)(?:加|理|给|转|扫|点|下载|告诉)"
    r"|(?:不会|绝不会|从不|从来不)(?:主动)?(?:向|跟|找)?(?:您|你|用户)?(?:要求|索要|打电话|致电|让您|让你)"
    r"|是诈骗|是骗局|是骗子"
    r"|\bthanks? (?:you )?for reporting\b|\byou did the right thing\b"
    r"|(?<!don t )(?<!do not )(?<!never )(?<!not )(?<!not to )(?<!should i )(?<!do i )"
    r"\bhang up\b|\bhung up\b|\bi reported\b"
    r"|\breported (?:it|them|him|her|the (?:call|number|message|text))\b"
    r"|\bblocked (?:it|them|him|her|the (?:number|sender|caller))\b|\bignore (?:it|them|the)\b"
    r"|\b(?:don t|do not|never) (?:act on|believe|trust|respond to|reply to|engage"
    r"|do (?:this|that|it))\b"
    r"|\b(?:will|would|ll) never (?:ask|call|text|request|send)\b|\bnever (?:asks?|calls?)\b"
    r"|\b(?:is|are|it s|that s) (?:a |an )?(?:known |common )?(?:scam|trick|fraud|con)\b"
    r"|\breport (?:it|them|this|him|her|the (?:call|number|message)) to\b|\bdon t bother\b"
    r"|\bno (?:genuine |legitimate |real |honest )?\w{2,20} (?:will|would|should)"
    r" (?:ever|do (?:this|that))\b"
)

# ...unless the victim had already gone along with part of it ("他已经念了一半", "she already
# read them two digits"): the call was cut short too late, and that account still needs the alarm.
_COMPLIED = re.compile(
    r"已经(?:念|报|读|告诉|给|转|发|输|填|下载|安装|共享|付|打开)|(?:念|报|读|说|转|输)了一半"
    r"|\balready (?:read|gave|given|told|sent|paid|transferred|installed|shared|typed|entered)\b"
)

# A message that is itself news or an anti-fraud notice (本报讯, 警方提醒, "police warning").
_WARNING_CONTEXT = re.compile(
    r"本报讯|本报记者|记者.{0,8}?(?:获悉|了解到|采访)|据.{0,10}?(?:报道|通报|介绍)"
    r"|反诈(?:宣传|提醒|提示|预警|中心提醒|中心提示)|防骗(?:提醒|提示)|(?:警方|民警|公安|网警)(?:提醒|提示|通报|预警)"
    r"|安全提醒|风险提示|防诈提醒|(?:看|刷)(?:到|了)?(?:的)?新闻|新闻(?:说|里|上)|\bscam alert\b"
    r"|\b(?:saw|read) (?:it |this |that )?(?:in|on) the news\b"
    r"|\b(?:police|fraud|scam|anti ?fraud|community|neighbourhood|neighborhood)"
    r" (?:warning|alert|advice|notice)\b"
    r"|\bscam (?:awareness|warning)\b|\b(?:news|press) (?:report|release)\b|^ ?(?:news|breaking)\b"
    # someone else's loss told in the past tense: a story, not a request
    r"|(?:市民|居民|男子|女子|大爷|大妈|阿姨|老人|老太|事主|受害人|学生|小伙)[^您你]{0,20}?"
    r"(?:被骗|损失|上当)"
    r"|\b(?:man|woman|resident|pensioner|victim|customer|student|couple|retiree|graduate"
    r"|\d+ year old)\b"
    r".{0,40}?\b(?:lost|was (?:scammed|conned|tricked|defrauded)|fell victim)\b"
    # a headline, bulletin or notice to a community, and third-person accounts of how a scam runs
    r"|^ ?(?:新闻|快讯|案例|警情|通报|提示)|(?:案例|警情|案情)通报|涉案金额"
    r"|被骗(?:了)?(?:\d|[一二三四五六七八九十几])"
    r"|(?:社区|学校|小区|物业|街道|居委会|银行|单位)(?:通知|提醒|公告|提示)"
    r"|\b(?:local|breaking) news\b|\b(?:scams?|fraud) (?:are|is) on the rise\b"
    r"|\bin a (?:growing|new|common|recent|rising|popular) (?:\w{1,15} )?scam\b"
    r"|\bvictims (?:are|were|have been|get|got)\b|\blost (?:about |nearly |over |almost )?\d"
    r"|\b(?:the )?(?:ftc|fbi|police|regulator) (?:says?|said|warns?|warned)\b"
)
# A user's own how-to question ("我怎么把余额转到自己的卡?", "how do I share my screen?"): it
# names the step a scam asks for, but nobody is asking it of the user.
_OWN_QUESTION = re.compile(
    r"^ ?(?:请问 ?)?(?:(?:我|我们|本人)(?:想|要|想要|能|可以|应该|该|需要)?.{0,24}?)?"
    r"(?:怎么|怎样|如何|在哪|哪里|去哪)"
    r"|^ ?(?:请问 ?)?(?:我|我们)(?:刚|刚才|的)?.{0,20}?(?:是多少|是什么)"
    r"|^ ?(?:hi |hello )?(?:how (?:do|can|should|would) (?:i|we)|where (?:do|can|should) (?:i|we)"
    r"|(?:can|could|may|do|should|will|must) (?:i|we)|does it|is there|how to"
    r"|is it (?:safe|possible|ok|okay) to|what (?:happens|should i))\b"
)
# ...as long as no one else is in the message: a question about what a caller wants is a scam in
# progress.
_OTHER_PARTY = re.compile(
    r"您|你|对方|客服|专员|他|她|有人|别人|骗子|来电|电话|打来|冒充|自称|假冒"
    r"|\b(?:you|your|u|ur|he|she|they|them|him|her|someone|somebody|caller|agent|support|staff"
    r"|guy|man|woman|scammer|call|called|calls|calling|rang|pretend\w{0,3}|claim\w{0,3}"
    r"|impersonat\w{0,4})\b"
    # someone else acting on the user's account or device: "so UPay can fix it", 让客服帮我处理
    r"|\bso (?:that )?(?:\w{1,12} ){0,2}(?:can|could|will) "
    r"(?:fix|check|see|access|help|verify|unlock)\b"
    r"|\bfor (?:\w{1,12} )?(?:to (?:fix|check|see|access|help|verify|unlock))\b"
    r"|让.{0,8}(?:帮我|帮忙|处理|远程|看到|核实|解冻)|以便.{0,8}(?:处理|远程|核实|解冻)"
)


def _own_question(message: _Message, start: int) -> bool:
    """Whether the match sits in the user's own how-to question with nobody else involved."""
    if not message.alone:
        return False
    norm = message.norm
    sentence_start, sentence_end = norm.sentence(start)
    return _OWN_QUESTION.match(norm.text[sentence_start:sentence_end]) is not None


# A sentence that speaks to the reader or asks something of them: still a request, even inside a
# message that also warns about scams ("scammers pretend to be us... now read me the code").
_DIRECT = re.compile(
    r"您|你|请(?!勿)|麻烦|我们?(?:帮|给|为|把|来|这边|会|将|马上)|给我|发我|告诉我|跟我|加我"
    r"|\b(?:you|your|u|ur|please|pls|me|us|i ll|we ll|let me|i can|i need|we need)\b"
    r"|^ ?(?:install|download|send|share|click|tap|call|move|transfer|pay|buy|reply|open|add|scan"
    r"|enter|type|read|tell|give|confirm|join|contact|visit|log|withdraw|put|take)\b"
    r"|^ ?(?:下载|安装|点击|打开|添加|加|扫|转|汇|回复|输入|填写|提供|告诉|发送|联系|拨打|把|将)"
)


@dataclass(frozen=True)
class _Message:
    """A message being scanned: the original text, its normalised form and what holds for the
    whole message (computed once per scan)."""

    original: str
    norm: Normalized
    rejected: bool  # the message turns a call down or warns not to go along (_REJECTED)
    context: bool  # the message is news or an anti-fraud notice (_WARNING_CONTEXT)
    warning: bool  # the whole message is a warning: a notice, or a report that is turned down
    alone: bool  # nobody but the writer appears in the message (no _OTHER_PARTY)

    @classmethod
    def of(cls, original: str) -> _Message:
        norm = normalize(original)
        rejected = _REJECTED.search(norm.text) is not None and not _COMPLIED.search(norm.text)
        context = _WARNING_CONTEXT.search(norm.text) is not None
        reported = _REPORTED.search(norm.text) is not None
        alone = _OTHER_PARTY.search(norm.text) is None
        return cls(original, norm, rejected, context, context or (reported and rejected), alone)


def _reported_warning(message: _Message, start: int, end: int) -> bool:
    """Whether the match sits in a warning about impersonators or in a report of a turned-down
    call ("a caller claiming to be UPay asked me to... I hung up"), or in a sentence of a warning
    message that asks nothing of the reader. A user's account of what a caller is asking, with no
    refusal anywhere, stays flagged: that is a scam in progress."""
    norm = message.norm
    sentence_start, sentence_end = norm.sentence(start)
    sentence_end = max(sentence_end, end)
    if (message.rejected or message.context) and _REPORTED.search(
        norm.text, sentence_start, sentence_end
    ):
        return True
    if not message.warning:
        return False
    return _DIRECT.search(norm.text[sentence_start:sentence_end]) is None


@dataclass(frozen=True)
class Finding:
    """One rule that matched: where in the original text, and what was matched."""

    rule: RedFlag
    spans: tuple[tuple[int, int], ...]
    matched: tuple[str, ...]


@dataclass(frozen=True)
class _Compiled:
    rule: RedFlag
    patterns: tuple[tuple[re.Pattern[str], bool], ...]  # (pattern, check negation)
    unless: tuple[re.Pattern[str], ...]


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a rule pattern the way `scan` uses it; raises `re.error` when it is invalid."""
    return re.compile(pattern.translate(_T2S_TABLE), re.IGNORECASE)


def check_pattern(pattern: str) -> str | None:
    """Why `pattern` cannot be used (for the loader's messages), or None when it is fine."""
    try:
        compiled = compile_pattern(pattern)
    except re.error as exc:
        return str(exc)
    except (RecursionError, OverflowError) as exc:  # absurdly nested or sized patterns
        return type(exc).__name__
    if compiled.search("") is not None:
        return "matches the empty string"
    return None


@lru_cache(maxsize=16)
def _compile(rules: tuple[RedFlag, ...]) -> tuple[_Compiled, ...]:
    compiled: list[_Compiled] = []
    for rule in rules:
        patterns = tuple((compile_pattern(p), NO_NEGATION not in p) for p in rule.patterns.all())
        unless = tuple(compile_pattern(p) for p in rule.unless.all())
        compiled.append(_Compiled(rule, patterns, unless))
    return tuple(compiled)


# Between a cue and a match, a clause that starts a new instruction (，把钱转到...) or the end of
# a parenthetical aside ("(we never store it)") ends the cue's reach.
_CLAUSE_PUNCT = frozenset(",，、:：")
_CLOSE_PAREN = frozenset(")）】]」』")
_NEW_INSTRUCTION = re.compile(r"(?:把|将|再|然后|并且?|马上|赶紧|立即|先|接着)")
# A cue inside a reported order ("让她不要告诉任何人") reaches only to the end of its clause.
_REPORTED_ORDER = re.compile(r"(?:让|叫|要求|要)(?:她|他|我|我们|您|你|他们)$")


def _cut_off(original: str, norm: Normalized, cue_start: int, cue_end: int, start: int) -> bool:
    """Whether the original text between a cue and a match leaves the cue's clause."""
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


def _negated(original: str, norm: Normalized, start: int, end: int, sentence_start: int) -> bool:
    """Whether a negation or warning cue before or inside `[start, end)` makes it a warning."""
    text = norm.text
    for cue in _NEGATION.finditer(text, _window(text, start, sentence_start), end):
        before = text[max(sentence_start, cue.start() - 24) : cue.start()]
        if _CONDITIONAL.search(before):
            continue
        if _SOOTHE.match(text, cue.end()):
            continue
        if cue.end() < start and _BREAKER.search(text, cue.end(), start):
            continue
        if cue.end() < start and _cut_off(original, norm, cue.start(), cue.end(), start):
            continue
        return True
    return False


def _harmless(message: _Message, start: int, end: int, item: _Compiled, check: bool) -> bool:
    norm = message.norm
    sentence_start, sentence_end = norm.sentence(start)
    sentence_end = max(sentence_end, end)
    if check and _negated(message.original, norm, start, end, sentence_start):
        return True
    if check and _CALLED_SCAM.match(norm.text[end:sentence_end]):
        return True
    if _reported_warning(message, start, end) or _own_question(message, start):
        return True
    sentence = norm.text[sentence_start:sentence_end]
    return any(p.search(sentence) for p in item.unless)


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def scan(text: str, rules: Sequence[RedFlag]) -> list[Finding]:
    """The red flags in `text`: one Finding per rule that matched, in rule order."""
    message = _Message.of(text)
    norm = message.norm
    findings: list[Finding] = []
    for item in _compile(tuple(rules)):
        spans: list[tuple[int, int]] = []
        for pattern, check in item.patterns:
            for match in pattern.finditer(norm.text):
                if match.end() <= match.start():
                    continue
                if _harmless(message, match.start(), match.end(), item, check):
                    continue
                span = norm.span(match.start(), match.end())
                if span[1] > span[0]:
                    spans.append(span)
        if spans:
            merged = _merge(spans)
            findings.append(Finding(item.rule, merged, tuple(text[s:e] for s, e in merged)))
    return findings
