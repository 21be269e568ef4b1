"""`check` as a weighted score: cues, thresholds, core signs, suppressors as content data, link
reasoning, the rules' own examples, --explain, and the measured bars on real messages."""

from __future__ import annotations

import collections
import json
from pathlib import Path

import pytest

from upayhelp.content.load import Layer, content_layers, load
from upayhelp.links import LinkData, find_links
from upayhelp.model import Channel, Cue, Keywords, RedFlag, Scoring, Text
from upayhelp.scam import assess, compile_guard, required_literals

from ..conftest import SHARED, Run

CONTENT = load(content_layers(())).content
RULES = tuple(CONTENT.redflags.values())
GUARD = compile_guard(RULES, CONTENT.scoring, tuple(CONTENT.channels.values()))
REAL = SHARED / "real-messages"


def flagged(text: str) -> list[str]:
    return [f.rule.id for f in assess(text, GUARD).findings]


def rule(
    rule_id: str,
    cues: tuple[Cue, ...],
    threshold: float | None = None,
    requires: tuple[str, ...] = (),
) -> RedFlag:
    return RedFlag(
        rule_id,
        Text.plain(rule_id),
        Text.plain("why"),
        Text.plain("what to do"),
        cues=cues,
        threshold=threshold,
        requires=requires,
    )


def words(*patterns: str) -> Keywords:
    return Keywords(zh=patterns, en=patterns)


# -- the rules' own examples ---------------------------------------------------------------------


EXAMPLES = [(r.id, "flag", text) for r in RULES for text in r.flag_examples] + [
    (r.id, "quiet", text) for r in RULES for text in r.quiet_examples
]


@pytest.mark.parametrize(("rule_id", "which", "text"), EXAMPLES)
def test_rule_examples(rule_id: str, which: str, text: str) -> None:
    """Each rule's `examples:` in the content: `flag` messages fire the rule, `quiet` messages
    fire nothing at all."""
    found = flagged(text)
    if which == "flag":
        assert rule_id in found, found
    else:
        assert found == [], found


def test_every_family_rule_has_examples_in_both_languages() -> None:
    for red_flag in RULES:
        if not red_flag.cues:
            continue
        texts = red_flag.flag_examples + red_flag.quiet_examples
        assert len(red_flag.flag_examples) >= 2, red_flag.id
        assert len(red_flag.quiet_examples) >= 2, red_flag.id
        assert any(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in texts), red_flag.id
        assert any(t.isascii() for t in texts), red_flag.id


# -- scoring -----------------------------------------------------------------------------------


def test_weights_add_up_to_the_threshold() -> None:
    probe = rule(
        "probe",
        (Cue("prize", 0.5, words(r"\bprize\b")), Cue("claim", 0.5, words(r"\bclaim\b"))),
    )
    guard = compile_guard((probe,))
    assert not assess("a prize", guard).flagged
    assert assess("a prize", guard).score == 0.5
    result = assess("claim your prize", guard)
    assert result.flagged
    (finding,) = result.findings
    assert finding.score == 1.0
    assert {hit.cue for hit in finding.cues} == {"prize", "claim"}
    assert finding.matched == ("claim", "prize")
    # each cue counts once however often it matches
    assert not assess("prize prize prize", guard).flagged


def test_a_rule_threshold_overrides_the_scoring_default() -> None:
    probe = rule("probe", (Cue("a", 0.5, words(r"\balpha\b")),), threshold=0.5)
    assert assess("alpha", compile_guard((probe,))).flagged
    strict = Scoring(threshold=2.0)
    plain = rule("plain", (Cue("a", 1.0, words(r"\balpha\b")),))
    assert not assess("alpha", compile_guard((plain,), strict)).flagged
    assert assess("alpha", compile_guard((plain,))).flagged


def test_requires_keeps_generic_cues_from_making_a_family() -> None:
    probe = rule(
        "probe",
        (Cue("won", 0.5, words(r"\bwon\b")), Cue("call", 1.0, words(r"\bcall\b"))),
        requires=("won",),
    )
    guard = compile_guard((probe,))
    result = assess("call me", guard)
    assert not result.flagged
    assert result.score == 0  # a rule without its core sign scores nothing
    assert assess("you won, call now", guard).flagged


def test_shared_cues_are_used_by_name() -> None:
    scoring = Scoring(cues=(("urgent", words(r"\burgent\b")),))
    probe = rule(
        "probe",
        (Cue("urgent", 0.5, use="urgent"), Cue("pay", 0.5, words(r"\bpay\b"))),
    )
    guard = compile_guard((probe,), scoring)
    assert assess("urgent: pay now", guard).flagged
    assert not assess("pay when you can", guard).flagged


def test_suppressors_come_from_the_content() -> None:
    probe = rule("probe", (Cue("send", 1.0, words(r"send the code")),))
    bare = compile_guard((probe,))
    assert assess("never send the code", bare).flagged  # no suppressor lists: nothing cancels
    scoring = Scoring(suppressors=(("negation", words(r"\bnever\b")),))
    guard = compile_guard((probe,), scoring)
    result = assess("never send the code", guard)
    assert not result.flagged
    (cancelled,) = result.cancelled
    assert (cancelled.rule, cancelled.cue, cancelled.text, cancelled.by) == (
        "probe",
        "send",
        "send the code",
        "negation",
    )
    assert assess("send the code", guard).flagged


def test_builtin_scoring_has_every_suppressor_and_a_threshold() -> None:
    from upayhelp.content.schema import SUPPRESSOR_NAMES

    scoring = CONTENT.scoring
    assert scoring.threshold == 1
    assert {name for name, _ in scoring.suppressors or ()} == set(SUPPRESSOR_NAMES)
    assert all(keywords.all() for _, keywords in scoring.suppressors or ())


def test_scores_are_reported_for_flagged_and_quiet_messages() -> None:
    quiet = assess("See you at the cinema at eight.", GUARD)
    assert (quiet.flagged, quiet.score, quiet.findings) == (False, 0, ())
    loud = assess("URGENT! You have won a 2000 prize. To claim call 09061234567 now.", GUARD)
    assert loud.flagged
    assert loud.score >= 1
    assert loud.score == max(f.score / f.threshold for f in loud.findings)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b(?:send|tell)\b.{0,10}?\bcode\b",
        r"(?:告诉|发给).{0,10}?验证码",
        r"(?<!we )\b(?:otp|pin)s?\b",
        r"(?:a|b)c?d+",
    ],
)
def test_required_literals_never_skip_a_real_match(pattern: str) -> None:
    """The prefilter is sound: whenever the pattern matches, one of its strings is present."""
    import re

    needs = required_literals(pattern)
    assert needs
    for text in ("please send me the code", "请把验证码告诉我 告诉我验证码", "otp pins", "ad acdd"):
        if re.search(pattern, text, re.IGNORECASE):
            assert any(literal in text for literal in needs)


# -- both kinds of digits --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "农行卡号 6228 4800 1234 5678 910 户名李娟",
        "农行卡号:xxxxxxxxxxxxxxxxxxx 户名李娟",
        "建设银行 6217001234567890123 王明",
        "建设银行 xxxx xxxx xxxx xxxx xxx 王明",
        "工行，王囡 xxxxxxxxxxxxxxxxxxx",
    ],
)
def test_account_numbers_real_or_masked(text: str) -> None:
    assert "pay-to-account" in flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "我的手机号 138 0013 8000 有事打我",
        "订单号 2026 0131 1430 已发货",
        "尾号 1234 的卡消费 50 元",
    ],
)
def test_short_numbers_are_not_account_numbers(text: str) -> None:
    assert "pay-to-account" not in flagged(text)


# -- links ---------------------------------------------------------------------------------------


DATA = LinkData(
    frozenset({"bit.ly"}),
    frozenset({"top", "xyz"}),
    (("paypal", ("paypal.com",)), ("usps", ("usps.com",))),
)


def features(text: str, named: tuple[str, ...] = (), channels: tuple[Channel, ...] = ()) -> list:
    """The links of `text` that are not official, with their features."""
    links = find_links(text, DATA, channels, named)
    return [(link.text, sorted(link.features)) for link in links if not link.official]


def test_link_features() -> None:
    assert features("Details of your order are here: http://203.0.113.7/login now please") == [
        ("http://203.0.113.7/login", ["any", "ip", "risky"])
    ]
    assert features("Tap bit.ly/3xYz to see the photos from the party") == [
        ("bit.ly/3xYz", ["any", "risky", "shortener"])
    ]
    assert features("Your parcel: usps-redelivery.top/x please pay") == [
        ("usps-redelivery.top/x", ["any", "lookalike", "risky", "unusual-tld"])
    ]
    assert features("Log in at paypal-secure.example.com/verify to restore it") == [
        ("paypal-secure.example.com/verify", ["any", "lookalike", "risky"])
    ]


def test_brand_links_and_own_domains_are_official() -> None:
    assert features("Your PayPal receipt: https://www.paypal.com/activity") == []
    assert features("Smith Dental: confirm your visit at smithdental.example/confirm") == []


def test_brand_named_but_linked_elsewhere_is_a_mismatch() -> None:
    (link,) = find_links("USPS: update your address at parcel-help.example/a", DATA, (), ("usps",))
    assert "mismatch" in link.features


def test_a_lone_link_is_marked() -> None:
    (link,) = find_links("hi https://q9z.example/k", DATA)
    assert "alone" in link.features
    (link,) = find_links("Here are the photos from our trip, have a look: q9z.example/k", DATA)
    assert "alone" not in link.features


def test_configured_official_addresses() -> None:
    channels = (
        Channel(
            "website",
            Text.plain("Website"),
            Text.plain("how"),
            Text.plain("best"),
            ("https://upay.example",),
        ),
    )
    assert features("Open https://upay.example/help to read more", channels=channels) == []
    ((text, found),) = features("Open https://upay-help.example/login now", channels=channels)
    assert text == "https://upay-help.example/login"
    assert "lookalike" in found


def test_bare_words_with_dots_are_not_links() -> None:
    assert features("See the file report.pdf, e.g. page 2, at 3 p.m. today") == []


def test_genuine_notice_linking_to_its_own_domain_and_warning_about_fraud_is_quiet() -> None:
    assert (
        flagged(
            "You have registered a new payee. Log in at examplebank.com to confirm. Beware of "
            "frauds: never share your password with anyone."
        )
        == []
    )
    assert flagged("Your PayPal payment of 20.00 was sent. Details: https://www.paypal.com") == []


def test_suspicious_links_flag() -> None:
    assert flagged("Your account is locked. Verify at paypal-verify.top/login") != []
    assert "unofficial-channel" in flagged("http://198.51.100.23/a.php")
    assert "delivery-fee-link" in flagged(
        "Your package could not be delivered due to an incomplete address: t.ly/AbC12"
    )


def test_link_in_a_warning_is_not_held_against_it() -> None:
    text = (
        "Beware of texts pretending to be from your bank saying you won a reward. "
        "Do not click the link bank-reward.top. This is a scam!"
    )
    assert flagged(text) == []


# -- the command ---------------------------------------------------------------------------------


SCAM = "URGENT! Your parcel is held at customs. Pay the 2.99 fee at post-fee.top/pay today."


def test_explain_shows_cues_weights_and_cancellations(run: Run) -> None:
    result = run("check", SCAM, "--explain")
    assert result.exit_code == 3
    out = result.stdout
    assert "How the score was reached" in out
    assert "delivery-fee-link" in out
    assert "+0.5  parcel" in out
    assert "post-fee.top/pay" in out
    quiet = run("check", "Never share your verification code with anyone.", "--explain")
    assert quiet.exit_code == 0
    assert "cancelled by negation" in quiet.stdout


def test_explain_in_chinese(run: Run) -> None:
    result = run(
        "--lang", "zh", "check", "你的包裹地址不详无法派送，请点击 kd-fix.top 补充", "--explain"
    )
    assert result.exit_code == 3
    assert "评分明细" in result.stdout
    assert "已报警" in result.stdout


def test_explain_json(run: Run) -> None:
    result = run("check", SCAM, "--explain", "--json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["flagged"] is True
    assert data["score"] >= 1
    assert {"rule", "id", "weight", "matches"} <= set(data["cues"][0])
    for cue in data["cues"]:
        for match in cue["matches"]:
            assert SCAM[match["start"] : match["end"]] == match["text"]
    assert isinstance(data["cancelled"], list)
    quiet = json.loads(run("check", "never share your code", "--explain", "--json").stdout)
    assert quiet["cancelled"]
    assert {"rule", "cue", "start", "end", "text", "by"} == set(quiet["cancelled"][0])


# -- batch mode ----------------------------------------------------------------------------------


BATCH = [
    "See you at the cinema at eight.",
    "",
    "请把收到的验证码发给我",
    "Your parcel is held: pay the customs fee at post-fee.top/pay",
    "   ",
    "妈，我晚上回家吃饭",
]


def test_each_json_lines(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "messages.txt"
    path.write_text("\n".join(BATCH) + "\n", encoding="utf-8")
    result = run("check", "--each", str(path), "--json")
    assert result.exit_code == 3
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["line"] for r in records] == list(range(1, len(BATCH) + 1))
    for record in records:
        assert set(record) == {"schema_version", "line", "flagged", "score", "findings"}
        assert record["schema_version"] == 1
    assert [r["flagged"] for r in records] == [False, False, True, True, False, False]
    assert records[2]["findings"] == ["asks-code"]
    assert records[1] == {
        "schema_version": 1,
        "line": 2,
        "flagged": False,
        "score": 0.0,
        "findings": [],
    }


def test_each_text_table_and_counts(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "messages.txt"
    path.write_text("\r\n".join(BATCH), encoding="utf-8")  # CRLF, no final newline
    result = run("check", "--each", str(path))
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert any(line.split()[:1] == ["3"] and "asks-code" in line for line in lines)
    assert any(line.split()[:1] == ["4"] and "delivery-fee-link" in line for line in lines)
    assert lines[-1].endswith("2 of 4 messages flagged (50.0%); 2 empty lines skipped")


def test_each_all_clean_exits_0(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text("hello\nsee you soon\n", encoding="utf-8")
    result = run("check", "--each", str(path))
    assert result.exit_code == 0
    assert "0 of 2 messages flagged" in result.stdout


def test_each_reads_stdin(run: Run) -> None:
    result = run("check", "--each", "-", "--json", input="hello\n请把验证码发给我\n")
    assert result.exit_code == 3
    assert [json.loads(line)["flagged"] for line in result.stdout.splitlines()] == [False, True]


def test_each_invalid_utf8_names_the_line_and_prints_nothing(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"hello\nsend me the code\nbad \xff byte\n")
    result = run("check", "--each", str(path), "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}:3:5: not valid UTF-8" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_each_missing_file_and_directory(run: Run, tmp_path: Path) -> None:
    missing = run("check", "--each", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 1
    assert "cannot read" in missing.stderr
    directory = run("check", "--each", str(tmp_path))
    assert directory.exit_code == 1
    assert "directory" in directory.stderr


def test_each_with_a_message_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "m.txt"
    path.write_text("hi\n", encoding="utf-8")
    result = run("check", "some text", "--each", str(path))
    assert result.exit_code == 2


def test_each_ten_megabytes(run: Run, tmp_path: Path) -> None:
    """A 10 MB file of reported messages (a few hundred distinct ones, as in real triage: the
    same scam reaches many people) gives one record per line, in order."""
    base = [
        f"{i}: Your parcel {i} is held, pay the fee at post-fee{i}.top/pay"
        if i % 3 == 0
        else f"{i}: see you at {i % 12 + 1} o'clock, bring the {'x' * (i % 40)} notes"
        for i in range(300)
    ]
    lines: list[str] = []
    size = 0
    while size < 10 * 1024 * 1024:
        line = base[len(lines) % len(base)]
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
    path = tmp_path / "big.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size >= 10 * 1024 * 1024
    result = run("check", "--each", str(path), "--json")
    assert result.exit_code == 3
    out = result.stdout.splitlines()
    assert len(out) == len(lines)
    first, last = json.loads(out[0]), json.loads(out[-1])
    assert (first["line"], first["flagged"]) == (1, True)
    assert last["line"] == len(lines)
    assert sum(json.loads(line)["flagged"] for line in out[:300]) == 100


# -- real messages (shared/real-messages, the development half) -----------------------------------


def _real() -> dict[tuple[str, str], list[int]]:
    counts: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0])
    for path in sorted(REAL.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            label, lang, text = line.split("\t", 2)
            hit = assess(text, GUARD).flagged
            keys = [(path.stem, label.split(":")[0]), ("lang:" + lang, label.split(":")[0])]
            if label.startswith("smishing:") and label != "smishing:advertisement":
                keys.append((path.stem, "smishing-not-ad"))
            for key in keys:
                counts[key][0] += hit
                counts[key][1] += 1
    return counts


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-messages is not beside the project")
def test_real_messages_bars() -> None:
    """Issue 14's bars on real messages people received: recall on real scams, false alarms on
    genuine text (both languages), measured on the development half."""
    counts = _real()

    def share(key: tuple[str, str]) -> float:
        flagged_, total = counts[key]
        assert total > 0, key
        return flagged_ / total

    print({f"{k[0]}/{k[1]}": f"{v[0]}/{v[1]}" for k, v in sorted(counts.items())})
    assert share(("zh-scamlike", "scamlike")) >= 0.80
    assert share(("en-mendeley-smishing", "smishing")) >= 0.75
    assert share(("en-smishtank", "smishing-not-ad")) >= 0.90
    assert share(("lang:en", "ham")) <= 0.01
    assert share(("lang:zh", "ham")) <= 0.01


# -- content format and linter ---------------------------------------------------------------------


def _lint(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "rules.yaml"
    path.write_text(body, encoding="utf-8")
    shown = str(path)
    loaded = load([*content_layers(()), Layer("checked", (shown,))], [shown])
    return [d.render() for d in loaded.diagnostics]


def test_linter_reports_scoring_problems_with_positions(tmp_path: Path) -> None:
    problems = _lint(
        tmp_path,
        """kind: redflags
scoring:
  threshold: high
  suppressors:
    negations: ['never']
  cues:
    urgent: ['(unclosed']
redflags:
  - id: probe
    title: t
    explain: e
    advice: a
    requires: [won]
    cues:
      - {id: a, weight: -1, patterns: ['x1']}
      - {id: b, weight: 0.5, patterns: ['x2'], use: urgent}
      - {weight: 0.5, link: sometimes}
  - id: other
    title: t
    explain: e
    advice: a
    cues:
      - {weight: 0.5, use: urgnet}
""",
    )
    path = tmp_path / "rules.yaml"
    expected = [
        f"{path}:3:14: error: 'threshold' must be a number, zero or more",
        f"{path}:5:5: error: unknown field 'negations' in suppressors",
        f"{path}:7:14: error: invalid pattern '(unclosed'",
        f"{path}:13:15: error: 'requires' names 'won', which is not a cue of this rule",
        f"{path}:15:25: error: 'weight' must be a number, zero or more",
        f"{path}:16:9: error: a cue needs exactly one of 'patterns', 'use', 'link' or 'feature'",
        f"{path}:17:29: error: 'link' must be one of",
        f"{path}:23:9: error: 'use' names unknown shared cue 'urgnet' (did you mean 'urgent'?)",
    ]
    for line in expected:
        assert any(p.startswith(line) for p in problems), (line, problems)
    assert len(problems) == len(expected), problems


def test_a_settings_only_file_overrides_suppressors_by_name(tmp_path: Path) -> None:
    (tmp_path / "more.yaml").write_text(
        "kind: redflags\nscoring:\n  threshold: 2\n  suppressors:\n    negation: ['\\bnah\\b']\n",
        encoding="utf-8",
    )
    content = load(content_layers((str(tmp_path),))).content
    scoring = content.scoring
    assert scoring.threshold == 2
    names = dict(scoring.suppressors or ())
    assert names["negation"].all() == (r"\bnah\b",)
    assert names["rejected"].all()  # the other lists are still the built-in ones
    assert scoring.brands == CONTENT.scoring.brands


def test_json_schema_covers_scoring_and_cues() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    from upayhelp.content.jsonschema import kind_schema

    schema = kind_schema("redflags")
    builtin = Path(__file__).resolve().parents[2] / "flows" / "redflags.yaml"
    document = yaml.safe_load(builtin.read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    bad = {
        "kind": "redflags",
        "redflags": [
            {
                "id": "x",
                "title": "t",
                "explain": "e",
                "advice": "a",
                "cues": [{"weight": "heavy", "link": "nowhere"}],
            }
        ],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    jsonschema.validate({"kind": "redflags", "scoring": {"threshold": 1.5}}, schema)


@pytest.mark.parametrize(
    "text",
    [
        "【京东】您的订单已发货，点击 https://3.cn/abcd 查看物流详情",
        "HMRC: check your tax account at https://www.gov.uk/personal-tax-account",
        "Your verification code is 482913. Do not share it with anyone.",
        "Amazon: your order has shipped. Track it: https://amzn.to/3abcd",
    ],
)
def test_genuine_notices_with_their_own_links_stay_quiet(text: str) -> None:
    assert flagged(text) == []


def test_a_brand_named_in_chinese_but_linked_elsewhere_flags() -> None:
    assert "delivery-fee-link" in flagged("【京东】您的包裹地址有误，请点击 jd-wuliu.top 修改")


def test_the_schema_and_the_engine_know_the_same_suppressors() -> None:
    from upayhelp.content.schema import SUPPRESSOR_NAMES
    from upayhelp.scam import _SUPPRESSOR_FORMS

    assert set(_SUPPRESSOR_FORMS) == set(SUPPRESSOR_NAMES)


def test_the_schema_and_the_engine_know_the_same_features() -> None:
    from upayhelp.content.schema import MESSAGE_FEATURES
    from upayhelp.scam import FEATURES

    assert set(FEATURES) == set(MESSAGE_FEATURES)


def test_words_broken_up_by_dots_with_a_link_flag() -> None:
    text = "Yo.ur bi.ll is pa.id, than.ks! a sm.all gi.ft for yo.u: qq77x.example/k"
    found = assess(text, GUARD)
    assert "unofficial-channel" in [f.rule.id for f in found.findings]
    assert any(hit.cue == "obfuscated" for hit in found.cues)
    # one missing space after a full stop is ordinary writing, not a disguise
    assert flagged("I got home late.so tired, see you tomorrow at the station") == []


def test_a_command_loads_only_the_kinds_it_uses(run: Run, tmp_path: Path) -> None:
    """A broken red-flags file in a content directory stops `check`, which uses it, but not
    `diagnose` or `contacts`, which never parse it."""
    (tmp_path / "rules.yaml").write_text("kind: redflags\nredflags: [oops: {\n", encoding="utf-8")
    walk = run("--content-dir", str(tmp_path), "diagnose", "recharge", "--answer", "network=1")
    assert walk.exit_code == 2  # pending: the next question, not a content error
    assert "rules.yaml" not in walk.stderr
    assert run("--content-dir", str(tmp_path), "contacts").exit_code == 0
    broken = run("--content-dir", str(tmp_path), "check", "hello")
    assert broken.exit_code == 1
    assert "rules.yaml:3:1: invalid YAML" in broken.stderr
    assert run("--content-dir", str(tmp_path), "flows", "validate").exit_code == 1


def test_peek_kind_reads_the_kind_line_only(tmp_path: Path) -> None:
    from upayhelp.content.load import peek_kind

    path = tmp_path / "a.yaml"
    path.write_text(
        "# rules\nkind: redflags  # the anti-scam rules\nredflags: [\n", encoding="utf-8"
    )
    assert peek_kind(str(path)) == "redflags"
    path.write_text("id: x\n", encoding="utf-8")
    assert peek_kind(str(path)) is None
    assert peek_kind(str(tmp_path / "missing.yaml")) is None


def test_review_findings_stay_fixed(run: Run, tmp_path: Path) -> None:
    """Crafted repetition stays fast; a risky link is not made official by naming it; a score
    never says 1 for a rule that did not fire; content may not use slow patterns or the
    reserved cue name; --explain does not go with --each; UTF-8 errors count characters."""
    import time

    for crafted in ("click " * 16000, "1.1.1.1 " * 12000, "点击链接" * 20000):
        start = time.perf_counter()
        assess(crafted, GUARD)
        assert time.perf_counter() - start < 5
    assert "account-alert-link" in flagged("Your UPay account is frozen, verify at upay.top/login")
    near = rule("near", (Cue("a", 0.996, words(r"\balpha\b")),))
    result = assess("alpha", compile_guard((near,)))
    assert (result.flagged, result.score) == (False, 0.99)
    zero = rule("zero", (Cue("a", 0.0, words(r"\balpha\b")),), threshold=0)
    result = assess("alpha", compile_guard((zero,)))
    assert (result.flagged, result.score) == (True, 1.0)
    from upayhelp.scam import check_pattern

    assert check_pattern("(?:a+)+b") is not None
    assert check_pattern("send.*code") is not None
    problems = _lint(
        tmp_path,
        "kind: redflags\nredflags:\n  - id: p\n    title: t\n    explain: e\n    advice: a\n"
        "    cues:\n      - {id: patterns, weight: 1, patterns: ['x1']}\n",
    )
    assert any("cannot be called 'patterns'" in p for p in problems)
    path = tmp_path / "m.txt"
    path.write_text("hi\n", encoding="utf-8")
    assert run("check", "--each", str(path), "--explain").exit_code == 2
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xe4\xb8\xad\xff\n")  # 中 then a stray byte
    result = run("check", "--each", str(bad))
    assert f"{bad}:1:2: not valid UTF-8" in result.stderr
