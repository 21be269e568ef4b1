"""Tests of the anti-scam engine (normalisation, negation, span mapping) and of each built-in rule.

Every example message here was written for these tests from public anti-fraud guidance; none is
taken from the labelled evaluation set.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upayhelp.content.load import content_layers, load
from upayhelp.model import Keywords, RedFlag, Scoring, Text
from upayhelp.scam import Finding, check_pattern, compile_pattern, normalize
from upayhelp.scam import scan as _scan

BUILTIN = load(content_layers(())).content
SCORING: Scoring = BUILTIN.scoring


def scan(text: str, rules: Any) -> list[Finding]:
    """`scan` with the built-in suppressors and link data, as `upayhelp check` runs it."""
    return _scan(text, rules, SCORING)


REDFLAGS = Path(__file__).resolve().parent.parent / "flows" / "redflags.yaml"
LEET_SOURCES = "013457@$"  # digits and symbols that stand in for letters inside Latin words


RULES = tuple(BUILTIN.redflags.values())


def ids(message: str) -> list[str]:
    return [finding.rule.id for finding in scan(message, RULES)]


def rule(rule_id: str, patterns: tuple[str, ...], unless: tuple[str, ...] = ()) -> RedFlag:
    return RedFlag(
        rule_id,
        Text.plain(rule_id),
        Text.plain("why"),
        Text.plain("what to do"),
        Keywords(zh=patterns, en=patterns),
        Keywords(zh=unless, en=unless),
    )


# -- normalize ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＵＰａｙ　客服", "upay 客服"),  # full width to half width, casefold
        ("請把驗證碼告訴我", "请把验证码告诉我"),  # traditional to simplified
        ("验 证-码", "验证码"),  # separators between Chinese characters go
        ("v-e-r-i-f-y", "verify"),  # spelled-out letters join
        ("c.o.d.e", "code"),
        ("1 2 3 4 5 6", "123456"),
        ("раypаl", "paypal"),  # Cyrillic р and а
        ("ѕhаrе ѕсrееn", "share screen"),
        ("zero\u200bwidth\u200d", "zerowidth"),
        ("  hello,   world!!  ", "hello world"),
        ("下载TeamViewer软件", "下载 teamviewer 软件"),  # a space between Chinese and Latin
        ("don't", "don t"),
        ("ＣＶＶ：１２３", "cvv 123"),
        ("Ａ\x07B", "ab"),  # control character dropped
        ("v-e-r-i-f-y c.o.d.e", "verify code"),  # spelled-out words split at spaces
        ("a b-c", "abc"),  # ...but only when every part is three letters or more
        ("0TP", "otp"),  # leetspeak inside Latin words
        ("c0de p@ss pa$$word passw0rd", "code pass password password"),
        ("5mins 24h 3pm upay888 2fa", "5mins 24h 3pm upay888 2fa"),  # quantities and ids stay
        ("billing@upay-help", "billing upay help"),  # an e-mail address is not "billingaupay"
        ("$30", "30"),
    ],
)
def test_normalize_examples(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


def test_normalize_offsets_point_at_the_source_characters() -> None:
    raw = "請 把 驗-證-碼 告訴我"
    norm = normalize(raw)
    assert norm.text == "请把验证码告诉我"
    assert [raw[i] for i in norm.offsets] == list("請把驗證碼告訴我")


def test_normalize_span_maps_back_to_the_original() -> None:
    raw = "Please read me the c.o.d.e now"
    norm = normalize(raw)
    start = norm.text.index("code")
    assert raw[slice(*norm.span(start, start + 4))] == "c.o.d.e"


def test_normalize_sentences() -> None:
    norm = normalize("不要担心。把验证码告诉我")
    assert norm.text == "不要担心把验证码告诉我"
    assert norm.sentence(0) == (0, 4)
    assert norm.sentence(5) == (4, len(norm.text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_normalize_is_idempotent(raw: str) -> None:
    once = normalize(raw).text
    assert normalize(once).text == once


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_every_normalised_character_comes_from_the_original(raw: str) -> None:
    norm = normalize(raw)
    assert len(norm.offsets) == len(norm.text)
    assert list(norm.offsets) == sorted(norm.offsets)
    assert all(0 <= offset < len(raw) for offset in norm.offsets)
    for char, offset in zip(norm.text, norm.offsets, strict=True):
        if char != " ":
            sources = raw[offset] + normalize(raw[offset]).text
            leet = any(c in LEET_SOURCES for c in sources) and char.isascii() and char.isalpha()
            assert leet or char in normalize(raw[offset]).text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["验证码", "code", " ", "-", "。", "請", "ｃ", "a", "\u200b", "Ｘ", "1"]),
        max_size=20,
    )
)
def test_spans_map_to_original_substrings(parts: list[str]) -> None:
    raw = "".join(parts)
    probe = rule("probe", (r"验证码|code|c|1",))
    for finding in scan(raw, [probe]):
        for (start, end), matched in zip(finding.spans, finding.matched, strict=True):
            assert 0 <= start < end <= len(raw)
            assert raw[start:end] == matched
        assert list(finding.spans) == sorted(finding.spans)


# -- the engine ------------------------------------------------------------------------------


def test_scan_reports_original_spans_merged_and_in_rule_order() -> None:
    first = rule("first", ("验证码", "告诉我"))
    second = rule("second", ("账户",))
    text = "您的帳戶異常，請把驗證碼告訴我"
    findings = scan(text, [first, second])
    assert [f.rule.id for f in findings] == ["first", "second"]
    assert findings[0].matched == ("驗證碼告訴我",)
    assert findings[1].matched == ("帳戶",)


def test_negation_before_the_match_makes_it_a_warning() -> None:
    probe = rule("probe", (r"(?:告诉|share).{0,8}?(?:验证码|code)",))
    assert scan("请勿告诉任何人验证码", [probe]) == []
    assert scan("Never share your code", [probe]) == []
    assert scan("We won't ever share the code", [probe]) == []
    assert len(scan("告诉我验证码", [probe])) == 1


@pytest.mark.parametrize(
    "message",
    [
        "别担心，把验证码告诉我",  # negates worry, not the request
        "Don't worry, just share the code",
        "If you don't share the code your account closes",  # a condition, not a warning
        "不要挂电话，然后告诉我验证码",  # a turn after the cue
    ],
)
def test_negation_that_does_not_apply(message: str) -> None:
    probe = rule("probe", (r"(?:告诉|share).{0,8}?(?:验证码|code)|验证码.{0,4}?告诉",))
    assert len(scan(message, [probe])) == 1


def test_negation_does_not_cross_sentences() -> None:
    probe = rule("probe", (r"告诉我.{0,4}?验证码",))
    assert len(scan("我们不会扣费。现在告诉我验证码", [probe])) == 1


def test_called_a_scam_after_the_match() -> None:
    probe = rule("probe", (r"索要验证码|asks? for your code",))
    assert scan("任何索要验证码的都是诈骗", [probe]) == []
    assert scan("Anyone who asks for your code is a scammer", [probe]) == []


@pytest.mark.parametrize(
    "message",
    [
        # third-party warnings about impersonators, with a warning verb somewhere in the message
        "朋友圈看到：有骗子冒充平台客服让人开共享屏幕，大家千万别信。",
        "Neighbourhood notice: people pretending to be from the bank ask residents to move money "
        "to a holding account. If you get such a call, hang up.",
        # a user's report of a call they already turned down
        "昨天有人打电话说要帮我注销校园贷，我没理，直接挂了。",
        "I got a call from someone claiming to be UPay asking me to install AnyDesk. I hung up.",
    ],
)
def test_reported_warnings_are_not_requests(message: str) -> None:
    assert ids(message) == []


@pytest.mark.parametrize(
    "message",
    [
        # a user's account of what a caller is asking, with no refusal: a scam in progress
        "A guy called saying he was from UPay and asked me for the code from the text. Is that ok?",
        "刚才有个自称客服的人打电话，让我把短信里的数字念给他。",
        # impersonation of the *user* is a scare tactic, not a warning
        "有人冒充您的身份申请了贷款，为保护资金，马上把余额转到安全账户。",
        # "don't hang up" is no refusal
        "Fraudsters may have your details. Don't hang up, and move your money to a safe account.",
    ],
)
def test_reports_of_a_scam_in_progress_are_flagged(message: str) -> None:
    assert ids(message) != []


def test_no_negation_marker_keeps_negative_instructions() -> None:
    probe = rule("probe", ("(?#no-negation)不要告诉家人",))
    assert len(scan("这件事不要告诉家人", [probe])) == 1


def test_unless_pattern_in_the_sentence() -> None:
    probe = rule("probe", ("退款",), unless=("原路退回",))
    assert scan("退款将原路退回", [probe]) == []
    assert len(scan("退款请联系专员。原路退回不了", [probe])) == 1


def test_compile_pattern_and_check_pattern() -> None:
    assert compile_pattern("驗證碼").search("验证码")
    assert check_pattern("(unclosed") is not None
    assert check_pattern("a?") == "matches the empty string"
    assert check_pattern(r"\bcode\b") is None


def test_finding_is_frozen() -> None:
    finding = scan("验证码", [rule("probe", ("验证码",))])[0]
    assert isinstance(finding, Finding)
    with pytest.raises(AttributeError):
        finding.spans = ()  # type: ignore[misc]


# -- the built-in rules ----------------------------------------------------------------------


def _rule_keywords(red_flag: RedFlag) -> list[Keywords]:
    """Every pattern list of a rule: its own patterns and unless, and each cue's."""
    lists = [red_flag.patterns, red_flag.unless]
    for cue in red_flag.cues:
        lists += [cue.patterns, cue.unless]
    return lists


def _all_patterns() -> list[tuple[str, str]]:
    """(where, pattern) for every built-in pattern: rules, cues, shared cues and suppressors."""
    out = [(r.id, p) for r in RULES for k in _rule_keywords(r) for p in k.all()]
    for name, keywords in (SCORING.cues or ()) + (SCORING.suppressors or ()):
        out += [(name, p) for p in keywords.all()]
    return out


def test_every_builtin_pattern_is_valid_and_bounded() -> None:
    nested = re.compile(r"\)[*+]|[*+]\)[*+?{]")
    for where, pattern in _all_patterns():
        assert check_pattern(pattern) is None, (where, pattern)
        assert not nested.search(pattern), (where, pattern)
        assert ".*" not in pattern, (where, pattern)
        assert ".+" not in pattern, (where, pattern)


def test_builtin_rules_have_both_languages() -> None:
    for red_flag in RULES:
        for text in (red_flag.title, red_flag.explain, red_flag.advice):
            assert text.zh, red_flag.id
            assert text.en, red_flag.id
        lists = _rule_keywords(red_flag)
        shared = dict(SCORING.cues or ())
        lists += [shared[cue.use] for cue in red_flag.cues if cue.use]
        assert any(k.zh for k in lists), red_flag.id
        assert any(k.en for k in lists), red_flag.id


CASES: dict[str, dict[str, list[str]]] = {
    "asks-code": {
        "zh+": [
            "麻烦把刚收到的验证码报给我核对一下",
            "请问您手机上收到的六位数字是多少",
            "驗證碼發給我",
        ],
        "en+": [
            "Could you read me the six digits we just texted you?",
            "Please share the verification code so I can cancel the order",
            "What's the code you just received?",
        ],
        "zh-": [
            "您的验证码为 482913，5 分钟内有效，请勿泄露给他人",
            "UPay 不会以任何理由索要验证码",
        ],
        "en-": [
            "Your UPay code is 482913. Never share it with anyone.",
            "We will never call, text or email you to ask for a code.",
        ],
    },
    "asks-secret": {
        "zh+": ["请提供一下您的支付密码，我帮您验证", "把卡号和卡背面的三位数告诉我"],
        "en+": [
            "Please confirm your PIN so we can verify you",
            "Tell me the CVV on the back of your card",
        ],
        "zh-": ["请定期在 App 中修改登录密码", "请不要将支付密码告诉任何人"],
        "en-": ["You can reset your password in the UPay app", "UPay will never ask for your PIN."],
    },
    "safe-account": {
        "zh+": ["请把卡里的钱全部转到这个安全账户", "您需要将资金转入监管账户进行核查"],
        "en+": [
            "To protect your money, transfer your balance to a secure account we set up",
            "Move all your funds into this holding account today",
        ],
        "zh-": ["退款已原路退回到您的账户", "公安机关没有所谓的安全账户，切勿转账"],
        "en-": [
            "Your refund was sent back to your original payment method",
            "No bank will ever ask you to move money to a safe account",
        ],
    },
    "remote-access": {
        "zh+": ["请下载腾讯会议，开启屏幕共享，我一步步教您", "您先安装这个软件，我远程协助您退款"],
        "en+": [
            "Please install AnyDesk so our agent can fix it",
            "Join the Zoom call and share your screen with me",
        ],
        "zh-": ["UPay 客服不会要求您共享屏幕", "请勿安装陌生人发来的软件"],
        "en-": [
            "Never share your screen with someone who calls you",
            "Update the UPay app from your phone's app store",
        ],
    },
    "pay-to-unlock": {
        "zh+": ["解冻账户需要先缴纳 2000 元保证金", "退款需要支付 50 元手续费才能到账"],
        "en+": [
            "To release your refund you must pay a processing fee first",
            "An unfreeze fee of $30 is required",
        ],
        "zh-": ["退款不收取任何手续费", "您的账户已解冻，可以正常使用"],
        "en-": ["Refunds are free of charge", "Your account has been unfrozen and is ready to use"],
    },
    "loan-to-prove": {
        "zh+": ["您需要在借呗贷款来证明还款能力", "为了不影响征信，需要注销您的校园贷账户"],
        "en+": [
            "Take out a small loan to prove your creditworthiness",
            "You must cancel your student loan account today",
        ],
        "zh-": ["如需查询征信，请前往中国人民银行征信中心", "您的充值已成功"],
        "en-": ["UPay never asks you to take out a loan", "Your top-up of 100 yuan succeeded"],
    },
    "urgency-threat": {
        "zh+": [
            "您涉嫌洗钱，请配合公安调查",
            "请在 30 分钟内处理，否则账户将被冻结",
            "这件事不要告诉家人",
        ],
        "en+": [
            "Your account will be suspended within 30 minutes",
            "Pay now or you will be arrested",
            "Stay on the line and don't tell your bank",
        ],
        "zh-": ["如遇诈骗请立即拨打 110 报警", "我们会在 2 个工作日内回复您"],
        "en-": [
            "The code expires in 10 minutes",
            "If you lost money, report it to the police",
        ],
    },
    "unsolicited-refund": {
        "zh+": ["您的快递丢失了，我们给您三倍赔偿", "之前多转了 500 元给您，请退还"],
        "en+": [
            "Your parcel was damaged, so we will send you a double refund",
            "Claim your refund now by replying to this message",
        ],
        "zh-": ["您的退款已原路退回，无需任何操作", "退款申请已受理"],
        "en-": [
            "Your refund went back to your original payment method",
            "Your refund request was received",
        ],
    },
    "unofficial-channel": {
        "zh+": ["请添加客服微信 upay888 处理", "点击链接完成退款认证", "我在百度搜到的客服电话"],
        "en+": [
            "Add our agent on WhatsApp to continue",
            "Log in at upay-secure.com to keep your wallet",
            "Tap the link below to verify",
        ],
        "zh-": ["请勿点击短信中的陌生链接", "请在 UPay App 内联系客服"],
        "en-": [
            "Open the UPay app and tap Help to reach support",
            "Do not call numbers from search results",
        ],
    },
    "fake-subscription": {
        "zh+": [
            "您误开通了百万保障，不关闭每月扣费 800 元",
            "您的直播会员即将续费，请联系我们取消",
        ],
        "en+": [
            "You were accidentally enrolled in a premium membership",
            "You will be charged every month unless you cancel with us",
        ],
        "zh-": ["您的订单已支付成功", "感谢您使用 UPay"],
        "en-": ["Thanks for using UPay", "Your payment to the coffee shop succeeded"],
    },
    "gift-card-crypto": {
        "zh+": ["请去买两张京东卡，把卡密发给我", "用 USDT 转到这个钱包地址"],
        "en+": [
            "Buy Google Play gift cards and send me the numbers",
            "Send the fee in bitcoin to this wallet address",
        ],
        "zh-": ["UPay 不会要求用礼品卡或虚拟货币付款", "余额不足，请充值"],
        "en-": [
            "UPay never asks for payment in gift cards or crypto",
            "Your balance is low; top up in the app",
        ],
    },
}


CASES["coached-story"] = {
    "zh+": [
        "如果柜员问你取钱干什么，你就说是给老家父母的生活费",
        "转账用途写成货款就行，别跟银行说是退款",
    ],
    "en+": [
        "If the teller asks, just say it's a gift for your nephew",
        "Tell the bank it's for a kitchen renovation, nothing else",
    ],
    "zh-": ["银行柜员询问用途时，请如实告知", "转账前请核实对方身份"],
    "en-": [
        "If your bank asks why you are paying someone, tell them the truth",
        "Tell your bank straight away if you think you were scammed",
    ],
}
CASES["task-rebate"] = {
    "zh+": [
        "招聘网络兼职：给短视频点赞就有佣金，日结工资",
        "第一单垫付 50 元，完成后本金加佣金一起返还",
    ],
    "en+": [
        "Earn $300 a day doing simple product boosting tasks, commission paid daily",
        "Top up 100 USDT to unlock the next set of tasks and withdraw your earnings",
    ],
    "zh-": ["凡是刷单返利都是诈骗，千万不要参与", "您的订单已发货"],
    "en-": [
        "Never pay anyone to get paid: task jobs that ask for a deposit are scams",
        "Your task list for the UPay survey has been saved",
    ],
}
CASES["courier-pickup"] = {
    "zh+": [
        "稍后会有同事上门取走您的银行卡做检测",
        "请把银行卡和密码装进信封，交给来取件的工作人员",
    ],
    "en+": [
        "An officer will come round to collect your debit card this evening",
        "Withdraw the cash and hand it over to our courier at your door",
    ],
    "zh-": ["您的包裹已由快递员上门取件", "银行和警方不会派人上门收取银行卡"],
    "en-": [
        "The courier will collect cash on delivery for your order",
        "Police will never send a courier to collect your card",
    ],
}

# Messages per category of scam that the first rules missed, written for these tests.
CATEGORY_POSITIVES = [
    ("asks-code", "您马上会收到一条带数字的短信，收到后念给我听一下"),
    ("asks-code", "请把短信里的四位数字回复给本号码"),
    ("asks-code", "麻烦提供一下收到的 yan zheng ma"),
    ("asks-code", "A text is on its way; once it arrives, tell me the digits in it"),
    ("asks-code", "Kindly respond with the security code we texted you"),
    ("asks-code", "pls send the 0TP u got"),
    ("asks-code", "To verify you, text back the c0de from your phone"),
    ("asks-secret", "您等会儿在页面上把平时支付用的六位数字输进去"),
    ("asks-secret", "请把卡的正反面拍照发过来，背面的小数字要清楚"),
    ("asks-secret", "Please reply with your login email and password"),
    ("asks-secret", "Type the number you use to approve payments on your keypad"),
    ("safe-account", "请先把余额转到给您开设的临时过渡账户"),
    ("safe-account", "Send the money to the account I'll text you"),
    ("safe-account", "Move everything into the new account they opened for you"),
    ("safe-account", "Transfer it to our compliance account for review"),
    ("remote-access", "I'll send a meeting link, then I can see your screen"),
    ("remote-access", "请打开屏幕录制，我这边能同步看到"),
    ("remote-access", "Download our remote support tool and turn on accessibility permissions"),
    ("urgency-threat", "如不今天处理，将影响您子女上学和出行"),
    ("urgency-threat", "您的逾期记录已上报，请尽快处理"),
    ("urgency-threat", "Your credit score will be damaged unless you act today"),
    ("urgency-threat", "Update your details within 24h to avoid permanent account closure"),
    ("unofficial-channel", "我发个二维码给您，扫一下按提示填写"),
    ("unofficial-channel", "Scan this QR code to receive the refund"),
    ("unofficial-channel", "If you did not authorise this, call us on 555 0100 200"),
    ("unofficial-channel", "Log in at upay-wallet-help.example today"),
    ("fake-subscription", "If you did not authorise this renewal, call our billing desk now"),
    ("fake-subscription", "We can switch that off for you right now while you wait"),
    ("fake-subscription", "我帮您关闭这个会员扣费，您按我说的操作"),
    ("unsolicited-refund", "We refunded you $500 instead of $50, please send back the difference"),
    ("unsolicited-refund", "系统多退了您 300 元，请把多出的钱转回给我们"),
    ("loan-to-prove", "To prove you can repay, take out a quick loan and forward it to us"),
    ("loan-to-prove", "Your student credit line must be closed, otherwise it goes to collections"),
    ("loan-to-prove", "Draw down the pre-approved credit and move it to the account I give you"),
    ("gift-card-crypto", "Connect your wallet and approve the transaction to claim your bonus"),
    ("gift-card-crypto", "请连接您的钱包领取空投补偿"),
    ("courier-pickup", "Put your card and PIN in an envelope for safe keeping"),
    ("pay-to-unlock", "To unlock your payout, pay the first insurance instalment first"),
]

# Genuine messages close to those categories.
CATEGORY_NEGATIVES = [
    "截图里如有银行卡号，请先打码再发给我们",
    "Feel free to blur your card number before sending the screenshot",
    "【某银行】本期账单已出，最后还款日前请按时还款，逾期将影响个人信用",
    "Your account unlocks automatically in 30 minutes",
    "Reminder: your free trial ends soon; manage the plan in the app",
    "Could you tell us the order number and when it happened?",
    "We'll refund the difference to your original payment method",
    "Your refund of $20 has gone back to your UPay balance",
    "退款 58 元已原路退回至您的银行卡",
    "Scam alert: criminals may ask you to buy gift cards or move money. Never do this.",
]


# Cue families: a request verb and an object of the rule's family, in either order, phrased in
# ways no single fixed phrase covers. Written for these tests.
FAMILY_POSITIVES = [
    ("asks-code", "稍后会有一串数字发到您手机上，到时候直接念给我就行"),
    ("asks-code", "请将手机上收到的4位数字告知来电的专员"),
    ("asks-code", "Hi, it's support: please forward the code that just arrived, it's urgent"),
    ("asks-code", "A notification just popped up on your phone, can you tell me what it says?"),
    ("asks-secret", "在这个页面输入您的交易密码就能完成核验"),
    ("asks-secret", "您把收款卡的信息填好提交，钱马上到"),
    ("asks-secret", "Could you key in the four numbers you use to sign payments?"),
    ("safe-account", "建议先把资金挪到我们为您临时开设的托管户头里"),
    ("safe-account", "请把余额划进指定的核查专户"),
    ("remote-access", "等下同事会跟您开个视频，您把镜头对准电脑屏幕就好"),
    ("remote-access", "请到设置里找到无障碍，把我们的服务开关打开"),
    ("remote-access", "Our engineer will connect to your phone for a minute, just accept the box"),
    ("remote-access", "Stay logged into your bank app while I follow along on my end"),
    ("pay-to-unlock", "退款到账前需要先交 5% 的服务费"),
    ("pay-to-unlock", "您的资金需缴纳审核费 199 元以完成认证"),
    ("loan-to-prove", "您的借款额度要做一次激活测试，点一下提现就行"),
    ("loan-to-prove", "我们可以帮您消除逾期记录"),
    ("loan-to-prove", "We can wipe the default from your credit record for you"),
    ("urgency-threat", "不处理的话就会限制您的账户收款"),
    ("urgency-threat", "名额有限，超时视为放弃"),
    ("unsolicited-refund", "您买的电饭煲被抽检出质量问题，平台给您补偿 300 元"),
    ("unsolicited-refund", "Good news: your wallet is due a small rebate. Reply YES to arrange it"),
    (
        "unsolicited-refund",
        "We're compensating customers after the outage; I just need to confirm your card details",
    ),
    ("unofficial-channel", "麻烦加一下我们售后的同事，我把名片推给您"),
    ("unofficial-channel", "我把退款页面发给您，按提示操作"),
    ("gift-card-crypto", "The release fee can be paid via Steam gift card"),
    ("coached-story", "他们叫我妈别跟银行说取钱干什么"),
    ("coached-story", "The caller told her not to tell the bank staff what the cash was for"),
    ("courier-pickup", "Seal your card in an envelope along with your PIN for our driver"),
    ("courier-pickup", "We are sending someone round to your house this evening for the card"),
    ("asks-secret", "审核需要，请把您的银行卡拍个照传给我"),
    ("asks-secret", "Send a photo of your debit card so I can match the account"),
    ("unofficial-channel", "您扫一下这个收款码，钱就退回来了"),
    ("unofficial-channel", "Open the page we just sent and follow the steps"),
    ("remote-access", "您登录手机银行，我们这边实时帮您查看"),
    ("remote-access", "After it installs, grant it the permissions it requests"),
    ("pay-to-unlock", "A small duty must be paid first to release your parcel refund"),
    ("gift-card-crypto", "We accept payment of the fine in gift cards"),
    ("fake-subscription", "A yearly fee of $120 was taken. If that was not you, call us back"),
    ("unsolicited-refund", "Reply 1 to receive the rebate owed on your wallet"),
]

# Warnings, news stories and notices that describe a scam, and genuine messages close to the
# families above.
FAMILY_NEGATIVES = [
    "本报讯 一名市民接到冒充客服的电话，被要求把存款转到“安全账户”，银行及时报警拦截。",
    "反诈提醒：接到“快递丢失、双倍赔偿”的电话，请先在购物平台订单页核实。",
    "Police warning: callers are pretending to be from banks and asking people to buy gift "
    "cards. No genuine company will ever ask for this.",
    "News: a retiree lost $6,000 after a caller talked him into moving savings to a 'safe "
    "account'.",
    "Office notice: screen-sharing tools may only be set up by IT staff. If someone claiming to "
    "be from a bank asks you to install one, report it to us.",
    "UPay will never ask you to swap your balance for crypto, buy vouchers, or send anything to a "
    "'secure wallet' for safekeeping.",
    "请在 UPay App 内输入支付密码完成付款",
    "Your top-up of 50 yuan was successful.",
    "密码输入错误次数过多，请 30 分钟后再试",
    "Your new card will arrive in a sealed envelope.",
    "温馨提示：如有人让您下载会议软件或开启屏幕共享，请直接挂断。",
    "我收到一封邮件说要给我退款，要我点链接，我没点，已经删了。",
]


@pytest.mark.parametrize(("rule_id", "message"), FAMILY_POSITIVES)
def test_family_flags(rule_id: str, message: str) -> None:
    assert rule_id in ids(message)


@pytest.mark.parametrize("message", FAMILY_NEGATIVES)
def test_family_genuine_is_clean(message: str) -> None:
    assert ids(message) == []


def test_negation_stops_at_a_new_clause_or_an_aside() -> None:
    probe = rule("probe", ("转到.{0,6}?账户", "链接"))
    # a reported order of secrecy does not turn the next instruction into a warning
    assert scan("对方让她不要告诉任何人，把钱转到清查账户", [probe])
    # an aside in brackets does not negate what follows it
    assert scan("请输入密码（我们不会保存）：点这个链接", [probe])
    # a plain warning still is one
    assert scan("不要把钱转到陌生账户", [probe]) == []


def test_warning_message_keeps_direct_requests() -> None:
    message = (
        "Scammers may pretend to be from UPay, so never trust strangers. "
        "Now please read me the verification code so I can protect you."
    )
    assert "asks-code" in ids(message)


@pytest.mark.parametrize(("rule_id", "message"), CATEGORY_POSITIVES)
def test_category_flags(rule_id: str, message: str) -> None:
    assert rule_id in ids(message)


@pytest.mark.parametrize("message", CATEGORY_NEGATIVES)
def test_category_genuine_is_clean(message: str) -> None:
    assert ids(message) == []


def _cases(sign: str) -> list[tuple[str, str]]:
    return [
        (rule_id, message)
        for rule_id, groups in CASES.items()
        for lang in ("zh", "en")
        for message in groups[lang + sign]
    ]


def test_every_rule_has_cases() -> None:
    """Every rule is tested: by the cases here, or by the examples it carries in the content
    (run by test_check_scoring.py), two or more each way."""
    with_examples = {
        r.id for r in RULES if len(r.flag_examples) >= 2 and len(r.quiet_examples) >= 2
    }
    assert set(CASES) | with_examples == {red_flag.id for red_flag in RULES}
    for groups in CASES.values():
        assert all(len(groups[key]) >= 2 for key in ("zh+", "en+", "zh-", "en-"))


@pytest.mark.parametrize(("rule_id", "message"), _cases("+"))
def test_rule_flags(rule_id: str, message: str) -> None:
    assert rule_id in ids(message)


@pytest.mark.parametrize(("rule_id", "message"), _cases("-"))
def test_rule_stays_quiet(rule_id: str, message: str) -> None:
    assert rule_id not in ids(message)


@pytest.mark.parametrize(
    "message",
    [
        "UPay 客服绝不会以任何理由索要您的验证码、密码，也不会要求转账到安全账户。",
        "UPay will never ask for your password, PIN or verification code, "
        "or ask you to move money or share your screen.",
        "任何人索要验证码都是诈骗。",
        "If someone asks you to install AnyDesk, hang up.",
        "Your payment of 30 yuan to Coffee Shop was successful.",
        "如需帮助，请打开 UPay App，进入“我的-客服”联系我们。",
    ],
)
def test_genuine_messages_are_clean(message: str) -> None:
    assert ids(message) == []


def test_highlight_matches_original_text() -> None:
    message = "請把 驗-證-碼 告訴我"
    (finding,) = [f for f in scan(message, RULES) if f.rule.id == "asks-code"]
    for (start, end), matched in zip(finding.spans, finding.matched, strict=True):
        assert message[start:end] == matched
    assert "驗-證-碼" in "".join(finding.matched)


def test_long_adversarial_input_is_fast() -> None:
    message = ("验证码 code " * 2000) + "a" * 5000
    scan(message, RULES)  # would hang with catastrophic backtracking


def test_long_message_is_scanned_quickly() -> None:
    import time

    message = ("请把验证码告诉我，不要告诉家人。Please send me the code, never share it. " * 200)[
        :10_000
    ]
    scan(message, RULES)  # warm the caches
    started = time.perf_counter()
    scan(message, RULES)
    assert time.perf_counter() - started < 0.5


# -- structures added after the eval set: each case is written here, not taken from a data set --

STRUCTURE_POSITIVES = [
    # a code described by where it comes from, then relayed to the caller
    ("asks-code", "等会儿系统给您发一个核对号，您收到以后转告给我就行。"),
    ("asks-code", "请把手机上刚弹出的那串数字报一下，我这边登记。"),
    ("asks-code", "Could you tell me the reference that just appeared on your phone?"),
    ("asks-code", "We've sent something to your mobile, so just read it out for us."),
    # card details described by position, photos of either side of the card
    ("asks-secret", "Send me a snap of the back of your card so I can match it."),
    ("asks-secret", "Read me the digits across the front of your card, please."),
    # moving everything across or "somewhere safe"
    (
        "safe-account",
        "Best to shift your savings somewhere safer tonight; my colleague has a spot.",
    ),
    # screen sharing without a determiner, a camera pointed at another screen
    ("remote-access", "Open the call and press share screen when it pops up."),
    ("remote-access", "把手机镜头对准电脑屏幕，我一步步教您填。"),
    ("remote-access", "Hold your phone camera up to the computer screen for me."),
    ("remote-access", "Just leave your phone unlocked on the table and I'll handle it."),
    # an agent who offers to cancel for you
    ("fake-subscription", "这个保险每月都会扣钱，我这边马上帮您关掉。"),
    # cash first, collector second
    ("courier-pickup", "把存款取成现金包好，晚上会有同事上门来拿。"),
    ("courier-pickup", "Take out the money in cash; a colleague will come by to collect it."),
    # borrow and pass it on; the "borrow" button as a step
    (
        "loan-to-prove",
        "Withdraw the available credit and transfer it back to us to close the line.",
    ),
    ("loan-to-prove", "Tap the loan button for a minute, it reverses by itself."),
    # deadlines and threats with the condition on the problem, not on "you"
    ("urgency-threat", "If the balance isn't cleared by tonight the wallet will be frozen."),
    ("urgency-threat", "Never talk about this case with your family, it's classified."),
    ("urgency-threat", "你全程一直别挂，过了今天就来不及了。"),
    ("unofficial-channel", "Message my personal cell instead, the office line is down."),
    ("coached-story", "The teller will probably ask what it's for; just say it's a present."),
]

STRUCTURE_NEGATIVES = [
    # notices and news bulletins told in the third person
    "新闻：警方破获一起冒充客服诈骗案，犯罪团伙称受害人的会员需要取消，涉案金额达百万元。",
    "【物业通知】近期有骗子冒充快递员上门取卡取现金，请业主们注意。",
    "Local news: a pensioner lost 4,000 after a caller asked him to read out the code he got.",
    "Refund scams are on the rise: callers claim you were charged twice and ask you to install "
    "a screen sharing app. They then pressure you to send the difference back.",
    # the renewal notice that sends you to the app, the bank's own number on the card
    "【UPay】您的会员即将续费，如需取消，可在 App 设置中自行关闭。",
    "If anything looks wrong, call the number on the back of your card.",
    "Remote sessions can only be started by you from the help page.",
    "You can move your balance to your own bank account under Wallet > Withdraw.",
    # a call turned down, with the code never given
    "有人自称客服让我报验证码，我没告诉他，直接挂了。",
]

COMPLIED_REPORTS = [
    # the call was cut short, but only after part of the request was met
    "有人自称UPay客服让我妈把短信里的数字报给他，她已经报了两位，我让她挂了。",
    "A caller pretending to be UPay asked dad to read out the code he received; he already read "
    "it before he hung up.",
]


@pytest.mark.parametrize(("rule_id", "message"), STRUCTURE_POSITIVES)
def test_structure_flags(rule_id: str, message: str) -> None:
    assert rule_id in ids(message)


@pytest.mark.parametrize("message", STRUCTURE_NEGATIVES)
def test_structure_genuine_is_clean(message: str) -> None:
    assert ids(message) == []


@pytest.mark.parametrize("message", COMPLIED_REPORTS)
def test_turned_down_too_late_is_still_flagged(message: str) -> None:
    assert ids(message)


# -- structures added after the final set: word order, mixed language, own questions ----------

WIDENED_POSITIVES = [
    # digits read out in any word order
    ("asks-code", "验证码收到了吗？那串数字读一下给我。"),
    ("asks-code", "您把短信里的六位数念给我听。"),
    ("asks-code", "麻烦核实一下您刚收到的那串数字是多少。"),
    ("asks-code", "Just read us whatever comes through on your phone."),
    ("asks-code", "Tell me exactly what the text says."),
    # code and request in two languages
    ("asks-code", "please tell me the 验证码 on your phone"),
    ("asks-code", "把你手机上刚收到的 OTP 发我一下"),
    # approving a prompt "to cancel" a payment
    ("asks-code", "Accept the request we're about to push to your app and the charge is blocked."),
    ("asks-code", "手机上会弹出提示，点确认就能撤销这笔转账。"),
    # an installer sent by the caller, then permissions
    ("remote-access", "请安装我们给您的安装包，安装后按提示授权。"),
    ("remote-access", "He wants her to share her screen with him."),
    # money sent back to a company account, or to a new wallet
    ("safe-account", "系统多打了钱，请退回到我们公司的对公账户。"),
    ("safe-account", "Please move your remaining balance to the new wallet I'm setting up."),
    ("safe-account", "Open an account at another bank and transfer everything there today."),
    # fees "required" to unlock, fee words in either language
    ("pay-to-unlock", "A guarantee deposit is required to release your withdrawal."),
    ("pay-to-unlock", "退款要先 pay 一笔 service fee 才能到账。"),
    ("pay-to-unlock", "Unpaid shipping charges: pay now or your parcel goes back."),
    # a private account offered as the better channel; pay at an unknown site
    ("unofficial-channel", "这是我的个人微信，有事直接找我。"),
    ("delivery-fee-link", "Pay the balance at post-redelivery.top to reschedule."),
    # the payment code as a screenshot
    ("asks-secret", "把付款码截个图发我。"),
    ("asks-secret", "Send me a screenshot of your payment QR code."),
    # read-out completions and "what is the code you got"
    ("asks-code", "卡上收到的码您直接报过来就行。"),
    ("asks-code", "你刚收到的那个 code 是多少？"),
    ("asks-code", "Please read all those digits back to me slowly."),
    ("asks-code", "Could you forward me the text you just received?"),
    ("asks-code", "I only need the number that came through a moment ago."),
    # English words inside Chinese requests
    ("remote-access", "您 share 一下 screen，我帮您看看。"),
    ("remote-access", "先 download 一下我们的 app 再说。"),
    ("safe-account", "把余额 transfer 到这个新账户里。"),
    ("safe-account", "我们为您开了一个新钱包，余额转过去就能保住。"),
    ("urgency-threat", "您的 wallet 马上会被 frozen，请尽快处理。"),
    # fees before a release, in other words
    ("pay-to-unlock", "You just need to settle a small charge before the payout is released."),
    ("pay-to-unlock", "Reactivation requires a one-off payment of 30 dollars."),
    ("asks-code", "核对身份，请把您收到的四位数念一下。"),
    ("asks-code", "Got the code? Say it out loud for the recording."),
    ("asks-code", "Tell me the numbers in the text we just sent."),
    ("loan-to-prove", "您进入花呗看一下额度，我们这边要核实。"),
]

WIDENED_NEGATIVES = [
    # the user's own how-to questions
    "我怎么把余额转到自己的银行卡？",
    "我想取消视频会员的自动扣费，在哪里操作？",
    "How do I share my screen with my own laptop for a presentation?",
    "Where can I find the 6-digit code UPay sent me when I log in on a new phone?",
    "Do I need to pay a fee to unfreeze my account?",
    "我刚收到的验证码是多少来着？找不到短信了。",
    "Is there a fee to withdraw to my own bank card?",
    # warnings within the family, a self-service notice, nouns joined by "or"
    "不管谁打电话说自己是客服，只要问手机上的数字，都是骗子，直接挂掉。",
    "我妈说有人让她读一下短信里的数字，她没理，直接挂了。",
    "【UPay】您有一笔会员自动扣费，如需取消，可在「我的-自动扣费」中自行关闭。",
    "A real bank or police officer will never ask you to share a passcode.",
    "Your bill is due on 31 March. Pay through your online account or UPay bill pay.",
]


@pytest.mark.parametrize(("rule_id", "message"), WIDENED_POSITIVES)
def test_widened_families_flag(rule_id: str, message: str) -> None:
    assert rule_id in ids(message)


@pytest.mark.parametrize("message", WIDENED_NEGATIVES)
def test_widened_genuine_is_clean(message: str) -> None:
    assert ids(message) == []


@pytest.mark.parametrize(
    "message",
    [
        "A man from UPay called. How do I share my screen with him?",
        "I got a call from support. How do I share my screen?",
        "对方说是客服，我怎么把余额转到他说的安全账户？",
    ],
)
def test_own_question_with_a_caller_is_still_flagged(message: str) -> None:
    assert ids(message)


def test_own_question_about_a_remote_tool_for_someone_else_is_flagged() -> None:
    rules = RULES
    flagged = scan("How do I install AnyDesk so UPay can fix my account?", rules)
    assert any(f.rule.id == "remote-access" for f in flagged)
    assert scan("我怎么下载向日葵，让客服帮我处理退款", rules)
    assert not scan("我怎么把余额转到自己的银行卡？", rules)
