"""The exported web page in a real browser (Chromium through Playwright): every route gives the
CLI's answers, the summary is the CLI's report, nothing leaves the page, it is accessible, fits
a phone, works with the keyboard alone, and hostile content stays text.

Playwright cannot download its browsers here; the tests use the distribution's Chromium
(`apt-get install chromium`, or UPAYHELP_CHROMIUM=/path) and skip when there is none.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
import yaml
from typer.testing import CliRunner

from upayhelp.app import app
from upayhelp.content.load import content_layers, load
from upayhelp.engine import Session, routes
from upayhelp.errors import AnswerError
from upayhelp.formats import validate_value
from upayhelp.i18n import t
from upayhelp.model import FORMATS, Content, Input
from upayhelp.sanitize import clean

from ..conftest import ROOT, SHARED

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


def _chromium() -> str | None:
    given = os.environ.get("UPAYHELP_CHROMIUM")
    if given:
        return given
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium found (apt-get install chromium, or UPAYHELP_CHROMIUM)"
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts" / "web"
NOW = datetime(2026, 1, 31, 14, 30)  # the clock of both the page and the CLI's report
CONTENT = load(content_layers(())).content
LANGS = ("en", "zh")


# -- the CLI side -------------------------------------------------------------------------


class _FixedClock(datetime):
    @classmethod
    def now(cls, tz: Any = None) -> _FixedClock:  # type: ignore[override]
        return cls(NOW.year, NOW.month, NOW.day, NOW.hour, NOW.minute)


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """`upayhelp ARGS...` in-process, in a clean environment, with the report's clock fixed."""
    home = tmp_path_factory.mktemp("web-cli-home")
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    patch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    for name in ("UPAYHELP_LANG", "UPAYHELP_CONTENT_DIR", "LC_ALL", "LC_MESSAGES"):
        patch.delenv(name, raising=False)
    patch.setenv("LANG", "C.UTF-8")
    patch.setattr("upayhelp.report.datetime", _FixedClock)
    patch.setattr("upayhelp.formats.datetime", _FixedClock)  # what "yesterday" is resolved at

    def invoke(*args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(app, list(args))
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr

    yield invoke
    patch.undo()


def export(cli: Any, target: Path, *options: str) -> str:
    code, _, err = cli("export", "html", "-o", str(target), "--force", *options)
    assert code == 0, err
    return target.as_uri()


# -- the browser side -----------------------------------------------------------------------


@dataclass
class Watch:
    """What a page did that it must not: requests, console errors, dialogs, script errors."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def assert_clean(self, page_url: str) -> None:
        outside = [url for url in self.requests if url.split("#")[0] != page_url.split("#")[0]]
        assert outside == [], outside
        assert self.errors == []
        assert self.dialogs == []


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the whole session; each test group opens its own context in it."""
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@dataclass
class Site:
    url: str
    page: Any
    watch: Watch
    context: Any


def _open(browser: Any, url: str, now: datetime = NOW, **options: Any) -> Site:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, timezone_id="UTC", accept_downloads=True, **options
    )
    watch = Watch()

    # Anything but the page itself is recorded and refused.
    def guard(route: Any) -> None:
        watch.requests.append(route.request.url)
        if route.request.url.split("#")[0] == url:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    watch.attach(page)
    page.clock.set_fixed_time(now.isoformat() + "Z")
    page.goto(url)
    return Site(url, page, watch, context)


@pytest.fixture(scope="module")
def sites(
    browser: Any, cli: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Site]]:
    """The built-in content's page, opened once per language and reused by every test."""
    directory = tmp_path_factory.mktemp("web")
    opened = {
        lang: _open(browser, export(cli, directory / f"{lang}.html", "--lang", lang))
        for lang in LANGS
    }
    yield opened
    for site in opened.values():
        site.context.close()


@pytest.fixture
def en(sites: dict[str, Site]) -> Iterator[Site]:
    site = sites["en"]
    yield site
    site.watch.assert_clean(site.url)


def _home(site: Site) -> Any:
    page = site.page
    page.evaluate("location.hash = ''")
    page.wait_for_selector("[data-topics]")
    return page


WALK = """async ([flow, steps]) => {
    const find = async (selector) => {
        for (let tries = 0; tries < 2000; tries += 1) {
            const found = document.querySelector(selector);
            if (found) return found;
            await new Promise((done) => setTimeout(done, 1));
        }
        throw new Error('not shown: ' + selector);
    };
    location.hash = '';
    (await find(`[data-topics] button[data-topic="${flow}"]`)).click();
    for (const [node, kind, value, fact] of steps) {
        const step = `[data-node="${node}"]`;
        if (kind === 'question') (await find(`${step} button[data-option="${value}"]`)).click();
        else if (kind === 'advice') (await find(`${step} button[data-solved="${value}"]`)).click();
        else {
            (await find(`${step} input[data-fact="${fact}"]`)).value = value === '-' ? '' : value;
            (await find(`${step} button[data-action="next"]`)).click();
        }
    }
    const box = await find('[data-outcome]');
    return {
        outcome: box.dataset.outcome,
        result: box.dataset.result,
        channels: [...box.querySelectorAll('[data-channel]')].map((e) => e.dataset.channel),
        facts: Object.fromEntries([...box.querySelectorAll('[data-fact-name]')]
            .map((e) => [e.dataset.factName, e.querySelector('dd').textContent])),
        summary: document.querySelector('[data-summary]').value,
    };
}"""


def _click_route(
    site: Site, flow_id: str, answers: list[tuple[str, str]], content: Content = CONTENT
) -> dict[str, Any]:
    """Walk `answers` by clicking each step's button (one round trip to the browser per route);
    returns what the outcome shows."""
    flow = content.flows[flow_id]
    steps = [
        [node, flow.nodes[node].type, value, getattr(flow.nodes[node], "fact", "")]
        for node, value in answers
    ]
    return dict(site.page.evaluate(WALK, [flow_id, steps]))


# Typed facts that exercise the CLI's parsing and masking, per format.
TYPED = {
    "text": "验证码是 123456，卡号 4111 1111 1111 1111",
    "date": "２０２６年1月31日",
    "datetime": "2026/1/31 9点05",
    "amount": "¥1,280.5",
    "order-id": "A-2026/01#7",
}
# Dates as people type them, resolved against the clock (the same NOW on both sides).
TYPED_RELATIVE = {
    **TYPED,
    "text": "code 482913, 密码abc123, card 1234 5678 9012 3456",
    "date": "3天前",
    "datetime": "yesterday 9pm",
}


def _routes(cli: Any, flow_id: str, *options: str) -> list[list[tuple[str, str]]]:
    """Every route `flows paths --json` lists, plus each route with inputs once more with
    typed facts."""
    code, out, err = cli(*options, "flows", "paths", flow_id, "--json")
    assert code == 0, err
    found = [[(a["node"], a["answer"]) for a in p["answers"]] for p in json.loads(out)["paths"]]
    flow = load(content_layers(options[1::2])).content.flows[flow_id]
    typed = []
    for values in (TYPED, TYPED_RELATIVE):
        for answers in found:
            if any(isinstance(flow.nodes[node], Input) for node, _ in answers):
                typed.append(
                    [
                        (node, values[n.format] if isinstance(n := flow.nodes[node], Input) else v)
                        for node, v in answers
                    ]
                )
    return found + typed


def _assert_same_as_cli(
    cli: Any, sites: dict[str, Site], flow_id: str, report_dir: Path, *options: str
) -> int:
    """Click through every route of a flow in the page and compare with `diagnose --json` and
    `--report` (even routes in English, odd ones in Chinese); returns the number of routes."""
    content = load(content_layers(options[1::2])).content
    found = _routes(cli, flow_id, *options)
    for number, answers in enumerate(found):
        lang = LANGS[number % 2]
        shown = _click_route(sites[lang], flow_id, answers, content)
        report = report_dir / f"{flow_id}-{number}.md"
        args = [arg for node, value in answers for arg in ("--answer", f"{node}={value}")]
        code, out, err = cli(
            *options, "--lang", lang, "diagnose", flow_id, *args, "--json", "--report", str(report)
        )
        assert code == 0, err
        expected = json.loads(out)
        where = (flow_id, lang, answers)
        assert shown["outcome"] == expected["outcome"]["node"], where
        assert shown["result"] == expected["outcome"]["result"], where
        assert shown["channels"] == expected["outcome"]["channels"], where
        assert shown["facts"] == expected["facts"], where
        assert shown["summary"] == report.read_text(encoding="utf-8"), where
    for site in sites.values():
        site.watch.assert_clean(site.url)
    return len(found)


@pytest.mark.parametrize("flow_id", sorted(CONTENT.flows))
def test_every_route_gives_the_cli_answers(
    flow_id: str, sites: dict[str, Site], cli: Any, tmp_path: Path
) -> None:
    assert _assert_same_as_cli(cli, sites, flow_id, tmp_path) >= 3


THIRD_PARTY = """\
kind: flow
id: loop
title: {en: Only English here}
keywords: [loop]
start: ask
nodes:
  ask:
    type: question
    ask: {zh: 先问一个问题, en: "First: which one?"}
    help: Plain help for both.
    options:
      - {label: {zh: 甲, en: A}, next: note}
      - {label: B, next: again}
      - {label: {zh: 丙}, next: fine}
  note:
    type: input
    fact: note
    format: text
    ask: {zh: 备注？, en: "Any note?"}
    optional: true
    next: day
  day:
    type: input
    fact: day
    format: date
    ask: Which day?
    next: again
  again:
    type: advice
    text: {zh: 再试一次。, en: Try once more.}
    solved: fine
    unsolved: back
  back:
    type: question
    ask: Start from the top?
    options:
      - {label: Yes, next: ask}
      - {label: No, next: call}
  fine:
    type: outcome
    result: resolved
    text: Fine.
  call:
    type: outcome
    result: escalate
    text: {zh: 请联系客服。, en: Please call.}
    channels: [desk, email, app]
"""
DESK = """\
kind: channels
channels:
  - id: desk
    name: {zh: 服务台, en: Help desk}
    how: Ask at the desk.
    best_for: Everything.
    addresses: [help.example.org, "@example"]
"""
DIRECT = """\
kind: flow
id: direct
title: Straight to the answer
start: end
nodes:
  end: {type: outcome, result: escalate, text: Ask the desk., channels: [desk]}
"""


@pytest.fixture(scope="module")
def third_party(
    browser: Any, cli: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, dict[str, Site]]]:
    """Content the page was not written for: a loop that revisits inputs, one-language texts,
    a channel with addresses."""
    directory = tmp_path_factory.mktemp("third-party")
    content = directory / "content"
    content.mkdir()
    (content / "loop.yaml").write_text(THIRD_PARTY, encoding="utf-8")
    (content / "desk.yaml").write_text(DESK, encoding="utf-8")
    (content / "direct.yaml").write_text(DIRECT, encoding="utf-8")
    code, out, err = cli("--content-dir", str(content), "flows", "validate")
    assert code == 0, out + err
    opened = {
        lang: _open(
            browser,
            export(cli, directory / f"{lang}.html", "--lang", lang, "--content-dir", str(content)),
        )
        for lang in LANGS
    }
    yield str(content), opened
    for site in opened.values():
        site.context.close()


def test_content_it_was_not_written_for(
    third_party: tuple[str, dict[str, Site]], cli: Any, tmp_path: Path
) -> None:
    content, sites = third_party
    # A text the author wrote in one language only is marked as being in that language.
    zh = _home(sites["zh"])
    assert zh.get_attribute('button[data-topic="loop"]', "lang") == "en"
    assert zh.get_attribute('button[data-topic="refund"]', "lang") is None
    en = sites["en"].page
    en.evaluate("location.hash = '#loop'")
    en.wait_for_selector('[data-node="ask"]')
    assert en.get_attribute('button[data-option="3"]', "lang") == "zh-CN"
    assert en.get_attribute('button[data-option="1"]', "lang") is None
    assert _assert_same_as_cli(cli, sites, "loop", tmp_path, "--content-dir", content) > 10
    assert _assert_same_as_cli(cli, sites, "refund", tmp_path, "--content-dir", content) > 10
    assert _assert_same_as_cli(cli, sites, "direct", tmp_path, "--content-dir", content) == 1


def test_download_and_copy_give_the_report(en: Site, cli: Any, tmp_path: Path) -> None:
    answers = _routes(cli, "dispute")[-1]
    _click_route(en, "dispute", answers)
    page = en.page
    with page.expect_download() as info:
        page.click('button[data-action="download"]')
    download = info.value
    saved = tmp_path / "downloaded.md"
    download.save_as(saved)
    report = tmp_path / "report.md"
    args = [arg for node, value in answers for arg in ("--answer", f"{node}={value}")]
    code, _, err = cli("diagnose", "dispute", *args, "--report", str(report))
    assert code == 0, err
    assert download.suggested_filename == "upay-request-dispute.md"
    assert saved.read_bytes() == report.read_bytes()
    en.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click('button[data-action="copy"]')
    page.wait_for_selector("[data-status]:not(:empty)")
    assert page.evaluate("navigator.clipboard.readText()") == report.read_text(encoding="utf-8")


INPUTS = [
    "",
    "   ",
    "2026-01-31",
    "2026/1/31",
    "2026年1月31日",
    "２０２６－０１－３１",
    "٢٠٢٦-٠١-٣١",
    "2026-02-29",
    "2024-02-29",
    "0000-01-01",
    "2026-13-01",
    "2026-01-31 14:30",
    "2026-01-31T14:30:59",
    "2026-01-31 24:00",
    "2026-01-31 9点",
    "2026-01-31 9点5分",
    "2026-01-31\u300014：30",
    "2026-01-31 14:30 tomorrow",
    "100",
    "0",
    "0.00",
    "0.01",
    "1,280.50",
    "1,28.5",
    "¥ 99",
    "RMB 12.5",
    "12 yuan",
    "12.345",
    "-5",
    "A1234567",
    "A-1/2#3.x",
    "ab",
    "订单123",
    "x" * 500,
    "x" * 501,
    "tab\there",
    "bidi \u202e text",
    "zero\u200bwidth",
    "my code is 123456",
    "验证码：654321 请勿告诉他人",
    "密码是 hunter2",
    "password: hunter2 and pin=1234",
    "card 4111 1111 1111 1111 exp",
    "4111-1111-1111-1112",
    "１２３４５６",
    "order 1234567 and 123456",
    "amount 12.345678 and 1,234,567",
    "<script>alert(1)</script>",
    "Ünïcödé ÄÖÜ ǅ ß",
    "𝟏𝟐𝟑𝟒𝟓𝟔",
    # secrets: labels give the kind; groups of four are a card even when the checksum fails
    "code 482913",
    "the code is 4829",
    "barcode 482913x",
    "decode 1234",
    "密码abc123",
    "支付密码：888888",
    "验证码9981",
    "OTP 12ab",
    "PIN 1234",
    "Verification Code: 55x",
    "pin code",
    "this is fine",
    "1234 5678 9012 3456",
    "1234-5678-9012-3456-7",
    "1234 5678 9012",
    "4111 1111 1111 1111 exp 12/28",
    "ＰＩＮ：１２３４",
    "İpin 12",
    "paſſword: x1",
    # dates and times as people type them, in both languages (NOW is 2026-01-31 14:30)
    "today",
    "Today",
    "yesterday",
    "yesterday 9pm",
    "yesterday at 9:30 pm",
    "yesterday 12am",
    "yesterday 13pm",
    "yesterday 25:00",
    "the day before yesterday",
    "day before yesterday 8",
    "tonight 11",
    "last night 10",
    "this morning 8",
    "this afternoon",
    "this evening 7:15",
    "around 3pm yesterday",
    "about 2 p.m.",
    "now",
    "just now",
    "know",
    "3 days ago",
    "1 day ago 8am",
    "999 days ago",
    "1000 days ago",
    "9pm",
    "14:30",
    "T14:30",
    "1/31",
    "12/31",
    "2/29",
    "13/1",
    "1/31 9点",
    "昨天",
    "昨天晚上9点",
    "昨天的下午3点左右",
    "昨晚11点",
    "昨夜12点",
    "前天早上8点半",
    "大前天",
    "今天下午3点",
    "今早7点",
    "今晚",
    "中午12点",
    "中午1点",
    "凌晨12点",
    "半夜12点",
    "刚才",
    "刚刚",
    "3天前",
    "３天前",
    "10日前",
    "下午3点",
    "下午3点20分",
    "晚上9點",
    "1月31日",
    "12月31号",
    "2026年1月31日 下午3点",
    "2026-01-30 晚上9点",
    "2026.1.31",
    "2026/1/31 9点05",
    "大概下午3点",
    "明天",
    "yesterday-ish",
]


def _python_answer(node: Input, value: str, lang: str, now: datetime = NOW) -> dict[str, Any]:
    """What the engine keeps of `value` typed at `node` (and what was typed, when a date was
    resolved), or the message the CLI shows; "now" is the page's NOW."""
    from upayhelp.model import Flow, Outcome

    end = Outcome("end", "resolved", node.ask)
    flow = Flow("f", node.ask, node.id, {node.id: node, "end": end})
    session = Session(flow, now=now)
    try:
        session.provide(value or None)
    except AnswerError:
        if not value.strip():
            return {"error": t("web-needed", lang)}  # type: ignore[arg-type]
        return {"error": validate_value(node.format, value, lang, now)}
    step = session.steps[0]
    typed = step.typed if step.typed is not None else step.value
    return {
        "value": step.label(flow, lang),  # type: ignore[arg-type]
        "typed": typed,
        "masked": list(step.masked),
    }


def _one_input_per_format() -> list[tuple[str, Input, list[tuple[str, str]]]]:
    """For each input format: a flow, an input node of it, and answers that reach it."""
    found: dict[str, tuple[str, Input, list[tuple[str, str]]]] = {}
    for flow_id, flow in CONTENT.flows.items():
        for route in routes(flow):
            for index, step in enumerate(route.steps):
                node = flow.nodes[step.node]
                if isinstance(node, Input) and node.format not in found:
                    found[node.format] = (flow_id, node, route.answers(flow)[:index])
    return [found[fmt] for fmt in sorted(found)]


def _hash(flow_id: str, answers: list[tuple[str, str]]) -> str:
    """The page's address fragment for a route: #flow/1/yes/=typed%20value/-."""
    flow = CONTENT.flows[flow_id]
    typed = {
        node for node, value in answers if isinstance(flow.nodes[node], Input) and value != "-"
    }
    tokens = [f"={quote(value, safe='')}" if node in typed else value for node, value in answers]
    return "#" + "/".join([flow_id, *tokens])


SUBMIT = """async (value) => {
    const changed = () => new Promise((done) => addEventListener('hashchange', done, {once: true}));
    const field = document.querySelector('input[data-fact]');
    field.value = value;
    const before = location.hash;
    const moved = changed();
    field.form.requestSubmit();
    const error = () => document.querySelector('[data-error]').textContent;
    if (location.hash === before) return {error: error()};
    await moved;
    const hash = location.hash;
    const masked = document.querySelector('[data-masked]');
    const answers = document.querySelectorAll('.answers li .answer');
    const kept = answers[answers.length - 1].textContent;
    const back = changed();
    history.back();
    await back;
    return {hash, kept, masked: masked ? masked.dataset.masked.split(' ') : []};
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_inputs_validate_and_mask_like_the_cli(lang: str, sites: dict[str, Site]) -> None:
    """Every input format, through the page's form, against the engine and `validate_value`."""
    site = sites[lang]
    page = site.page
    formats = _one_input_per_format()
    assert {node.format for _, node, _ in formats} == set(FORMATS)
    for flow_id, node, before in formats:
        prefix = _hash(flow_id, before)
        page.evaluate(f"location.hash = {json.dumps(prefix)}")
        page.wait_for_selector(f'[data-node="{node.id}"] input[data-fact="{node.fact}"]')
        for value in INPUTS:
            shown = page.evaluate(SUBMIT, value)
            expected = _python_answer(node, value, lang)
            where = (flow_id, node.id, value)
            if "error" in expected:
                assert shown == expected, where
                continue
            assert "hash" in shown, (where, shown)
            token = shown["hash"].rsplit("/", 1)[1]
            got = None if token == "-" else unquote(token[1:], errors="strict")
            # the value kept (as the answers list shows it); the address holds what was typed
            assert {"value": shown["kept"], "typed": got, "masked": shown["masked"]} == expected, (
                where
            )
    site.watch.assert_clean(site.url)


# Another clock: a leap year's first hour, where "3 days ago" and "12/31" are last year's (and
# "2/29" is no day at all: both sides reject it).
OTHER_NOW = datetime(2028, 1, 2, 0, 30)
DATE_INPUTS = INPUTS


def test_dates_resolve_against_the_page_s_clock(browser: Any, sites: dict[str, Site]) -> None:
    """The page resolves "yesterday" against the browser's clock as the CLI does against its
    own: the same inputs at another time give the same values on both sides."""
    site = _open(browser, sites["zh"].url, now=OTHER_NOW)
    try:
        page = site.page
        for flow_id, node, before in _one_input_per_format():
            if node.format not in ("date", "datetime"):
                continue
            page.evaluate(f"location.hash = {json.dumps(_hash(flow_id, before))}")
            page.wait_for_selector(f'[data-node="{node.id}"] input[data-fact="{node.fact}"]')
            accepted = 0
            for value in DATE_INPUTS:
                shown = page.evaluate(SUBMIT, value)
                expected = _python_answer(node, value, "zh", OTHER_NOW)
                where = (node.format, value)
                if "error" in expected:
                    assert shown == expected, where
                    continue
                accepted += 1
                token = shown["hash"].rsplit("/", 1)[1]
                got = None if token == "-" else unquote(token[1:], errors="strict")
                found = {"value": shown["kept"], "typed": got, "masked": shown["masked"]}
                assert found == expected, where
            assert accepted > 50
        assert page.evaluate("new Date().getFullYear()") == OTHER_NOW.year
        site.watch.assert_clean(site.url)
    finally:
        site.context.close()


def _show(site: Site, flow_id: str, answers: list[tuple[str, str]], selector: str) -> Any:
    """Open a route by its address fragment, as a shared link does."""
    page = site.page
    page.evaluate(f"location.hash = {json.dumps(_hash(flow_id, answers))}")
    page.wait_for_selector(selector)
    return page


def _each_node(flow_id: str) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Every node of a flow once, with answers that reach it."""
    flow = CONTENT.flows[flow_id]
    seen: set[str] = set()
    for route in routes(flow):
        answers = route.answers(flow)
        for index, step in enumerate([*route.steps, None]):
            node = route.outcome if step is None else step.node
            if node not in seen:
                seen.add(node)
                yield node, answers[:index]


# One of each kind of step: the topic list, a question, an advice, an input, an outcome.
STEPS = {
    "topics": ("", [], "[data-topics]"),
    "question": ("recharge", [], '[data-node="network"]'),
    "advice": ("recharge", [("network", "2")], '[data-node="fix-network"]'),
    "scam-warning": ("dispute", [("contacted", "1")], '[data-node="red-flag"]'),
    "input": ("dispute", [], "[data-node] input[data-fact]"),
    "input-error": ("dispute", [], "[data-node] input[data-fact]"),
    "escalate": (
        "recharge",
        [("network", "1"), ("method", "1"), ("limits", "1"), ("when", "-"), ("amount", "-")],
        '[data-result="escalate"]',
    ),
    "resolved": (
        "recharge",
        [("network", "2"), ("fix-network", "yes")],
        '[data-result="resolved"]',
    ),
}


def _go_to_input(site: Site, flow_id: str) -> None:
    answers = next(
        answers
        for node, answers in _each_node(flow_id)
        if isinstance(CONTENT.flows[flow_id].nodes[node], Input)
    )
    _show(site, flow_id, answers, "[data-node] input[data-fact]")


AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_violations(lang: str, sites: dict[str, Site]) -> None:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    site = sites[lang]
    page = site.page
    for name, (flow_id, answers, selector) in STEPS.items():
        if name == "topics":
            _home(site)
        elif name.startswith("input"):
            _go_to_input(site, flow_id)
            if name == "input-error":
                page.fill("input[data-fact]", "\x01")
                page.click('button[data-action="next"]')
                page.wait_for_selector("[data-error]")
        else:
            _show(site, flow_id, answers, selector)
        results = axe_module.Axe().run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, (name, lang, results.generate_report())
    site.watch.assert_clean(site.url)


def test_no_horizontal_scroll_at_360_px(sites: dict[str, Site]) -> None:
    for lang, site in sites.items():
        page = site.page
        assert page.viewport_size == {"width": 360, "height": 740}
        _home(site)
        wide = "document.documentElement.scrollWidth > document.documentElement.clientWidth"
        assert not page.evaluate(wide), (lang, "topics")
        for flow_id in CONTENT.flows:
            for node, answers in _each_node(flow_id):
                selector = f'[data-node="{node}"], [data-outcome="{node}"]'
                _show(site, flow_id, answers, selector)
                assert not page.evaluate(wide), (lang, flow_id, node)
        site.watch.assert_clean(site.url)


def test_keyboard_alone_reaches_an_outcome(en: Site) -> None:
    """Tab and Enter only; focus lands on each new step's heading."""
    page = _home(en)
    page.keyboard.press("Tab")  # the language switch
    focused = "document.activeElement"

    def tab_to(selector: str) -> None:
        for _ in range(30):
            if page.evaluate(f"{focused}.matches({json.dumps(selector)})"):
                return
            page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {selector}")

    tab_to('button[data-topic="recharge"]')
    page.keyboard.press("Enter")
    page.wait_for_selector('[data-node="network"]')
    for node, selector in [
        ("network", 'button[data-option="1"]'),
        ("method", 'button[data-option="1"]'),
        ("limits", 'button[data-option="1"]'),
    ]:
        page.wait_for_selector(f'[data-node="{node}"]')
        assert page.evaluate(f"{focused}.id") == "step-title", node
        tab_to(f'[data-node="{node}"] {selector}')
        page.keyboard.press("Enter")
    page.wait_for_selector('[data-node="when"]')
    assert page.evaluate(f"{focused}.id") == "step-title"
    tab_to("input[data-fact]")
    page.keyboard.type("2026-01-31 14:30")
    page.keyboard.press("Enter")
    page.wait_for_selector('[data-node="amount"]')
    tab_to("input[data-fact]")
    page.keyboard.type("0")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-error]")
    assert page.evaluate(f"{focused}.matches('input[data-fact]')")
    page.keyboard.press("Control+A")
    page.keyboard.type("88")
    page.keyboard.press("Enter")
    page.wait_for_selector('[data-outcome="contact"]')
    assert page.evaluate(f"{focused}.id") == "step-title"
    live = page.text_content("#live")
    assert live is not None
    assert live.strip() == page.text_content("#step-title")


def test_back_button_fragment_and_changing_an_answer(en: Site) -> None:
    page = _home(en)
    page.click('button[data-topic="recharge"]')
    page.click('[data-node="network"] button[data-option="2"]')
    page.click('[data-node="fix-network"] button[data-solved="no"]')
    page.wait_for_selector('[data-node="method"]')
    assert page.url.endswith("#recharge/2/no")
    page.go_back()
    page.wait_for_selector('[data-node="fix-network"]')
    page.go_forward()
    page.wait_for_selector('[data-node="method"]')
    page.click('button[data-action="back"]')
    page.wait_for_selector('[data-node="fix-network"]')
    page.click('button[data-action="restart"]')
    page.wait_for_selector('[data-node="network"]')
    # A shared link opens at its step; an answer that does not fit stops the replay there.
    page.goto(en.url + "#recharge/2/no/1/1/=2026-01-31%2014%3A30/-")
    page.wait_for_selector('[data-outcome="contact"]')
    page.goto(en.url + "#recharge/2/maybe/1")
    page.wait_for_selector('[data-node="fix-network"]')
    assert page.url.endswith("#recharge/2")
    page.goto(en.url + "#recharge/1/1/1/=not%20a%20date")
    page.wait_for_selector('[data-node="when"]')
    # Change an earlier answer at the outcome: back to that question, later answers dropped.
    page.goto(en.url + "#recharge/2/no/1/1/-/-")
    page.wait_for_selector('[data-outcome="contact"]')
    page.click('[data-outcome] button[data-action="change"][data-step="1"]')
    page.wait_for_selector('[data-node="fix-network"]')
    assert page.url.endswith("#recharge/2")
    page.click('button[data-solved="yes"]')
    page.wait_for_selector('[data-outcome="done"][data-result="resolved"]')
    # Back and Forward over a masked value (which would no longer pass as an order number).
    flow_id, node, before = next(f for f in _one_input_per_format() if f[1].format == "order-id")
    _show(en, flow_id, before, f'[data-node="{node.id}"]')
    page.fill("input[data-fact]", "A123456")
    page.click('button[data-action="next"]')
    page.wait_for_selector('[data-masked="code"]')
    after = page.url
    assert after.endswith("/=A%E2%80%A2%E2%80%A2%E2%80%A2")
    page.go_back()
    page.wait_for_selector(f'[data-node="{node.id}"]')
    page.go_forward()
    page.wait_for_selector(f'[data-node]:not([data-node="{node.id}"]), [data-outcome]')
    assert page.url == after
    # Back to an input never brings an earlier value along: Next then skips it, as `-` does.
    page.goto(en.url + "#recharge/1/1/1/=2026-01-31%2014%3A30/=12")
    page.wait_for_selector('[data-outcome="contact"]')
    page.click('button[data-action="back"]')
    page.click('button[data-action="back"]')
    page.wait_for_selector('[data-node="when"]')
    assert page.input_value("input[data-fact]") == ""
    page.click('button[data-action="next"]')
    page.wait_for_selector('[data-node="amount"]')
    assert page.url.endswith("#recharge/1/1/1/-")
    page.click('button[data-action="topics"]')
    page.wait_for_selector("[data-topics]")


def test_language_switch(sites: dict[str, Site]) -> None:
    site = sites["en"]
    page = _show(site, "recharge", [], '[data-node="network"]')
    english = page.text_content("#step-title")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click('button[data-action="lang"]')
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert page.text_content("#step-title") == CONTENT.flows["recharge"].nodes["network"].ask.zh
    assert page.is_visible('.static[data-lang="zh"]')
    assert not page.is_visible('.static[data-lang="en"]')
    page.click('button[data-action="lang"]')
    assert page.text_content("#step-title") == english
    assert page.is_visible('.static[data-lang="en"]')
    site.watch.assert_clean(site.url)


@pytest.mark.parametrize("lang", LANGS)
def test_a_scam_warning_asks_what_the_cli_asks(lang: str, sites: dict[str, Site]) -> None:
    """After a scam warning the CLI asks "Have you already paid or shared a code?" (not "Did
    this solve it?"), and the summary names the answers so; an ordinary advice is unchanged."""
    from upayhelp.engine import Step, is_scam_warning

    site = sites[lang]
    flow = CONTENT.flows["dispute"]
    assert is_scam_warning(flow.nodes["red-flag"])
    page = _show(site, "dispute", [("contacted", "1")], '[data-node="red-flag"]')
    step = '[data-node="red-flag"]'
    assert page.text_content(f"{step} .kicker.warning") == t("reminder", lang)  # type: ignore[arg-type]
    assert page.text_content("#solved-q") == t("paid-q", lang)  # type: ignore[arg-type]
    assert page.text_content('button[data-solved="yes"]') == t("paid-no", lang)  # type: ignore[arg-type]
    assert page.text_content('button[data-solved="no"]') == t("paid-yes", lang)  # type: ignore[arg-type]
    page.click('button[data-solved="no"]')
    page.wait_for_selector(f'[data-node="{flow.nodes["red-flag"].unsolved}"], [data-outcome]')
    shown = page.text_content('.answers li[data-step="1"] .answer')
    assert shown == Step("red-flag", "no").label(flow, lang)  # type: ignore[arg-type]
    assert shown == t("paid", lang)  # type: ignore[arg-type]
    page = _show(site, "recharge", [("network", "2")], '[data-node="fix-network"]')
    assert not is_scam_warning(CONTENT.flows["recharge"].nodes["fix-network"])
    assert page.text_content("#solved-q") == t("solved-q", lang)  # type: ignore[arg-type]
    assert page.text_content('button[data-solved="yes"]') == t("yes-solved", lang)  # type: ignore[arg-type]
    assert page.query_selector(".kicker.warning") is None
    site.watch.assert_clean(site.url)


def test_screenshots_at_360_px(sites: dict[str, Site]) -> None:
    """A question and an outcome in each language, kept in test-artifacts/web/ to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for lang, site in sites.items():
        for name, (flow_id, answers, selector) in STEPS.items():
            if name not in ("question", "escalate"):
                continue
            page = _show(site, flow_id, answers, selector)
            page.evaluate("window.scrollTo(0, 0)")
            target = ARTIFACTS / f"{name}-{lang}.png"
            if name == "escalate":  # the whole outcome, as tall as it is
                page.locator("[data-outcome]").screenshot(path=str(target))
            else:  # what a phone shows first
                page.screenshot(path=str(target))
            assert target.stat().st_size > 5000


def test_without_scripting_faq_and_channels_still_read(
    browser: Any, cli: Any, tmp_path: Path
) -> None:
    url = export(cli, tmp_path / "page.html", "--lang", "zh")
    site = _open(browser, url, java_script_enabled=False)
    try:
        page = site.page
        text = page.inner_text("body")
        assert t("web-noscript", "zh") in text
        for entry in CONTENT.faq.values():
            assert entry.question.get("zh") in text
        for channel in CONTENT.channels.values():
            assert channel.name.get("zh") in text
        assert page.query_selector("[data-topic]") is None
        assert "How do I recover" not in text  # the other language stays hidden
        site.watch.assert_clean(url)
    finally:
        site.context.close()


def _xss_strings() -> list[str]:
    """The Big List of Naughty Strings' script-injection section (when the corpus is there)."""
    blns = SHARED / "corpora" / "naughty-strings" / "blns.txt"
    if not blns.exists():
        return []
    lines = blns.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("#\tScript Injection"))
    end = next(i for i, line in enumerate(lines) if line.startswith("#\tSQL Injection"))
    return [line for line in lines[start:end] if line and not line.startswith("#")]


PWN = "window.__pwned=1"
HOSTILE = [
    f"<script>{PWN}</script>",
    f'"><img src=x onerror="{PWN}">',
    f"javascript:{PWN}",
    f"</script><script>{PWN}</script>",
    f"<!--<script>{PWN}//-->",
    f"<svg onload={PWN}>",
    "{{script}} {{data}} {title} ${1}",
    "bidi \u202eevil\u202c and \u2066isolate\u2069",
]


def _hostile_content(directory: Path) -> list[str]:
    texts = HOSTILE + _xss_strings()
    nodes: dict[str, Any] = {}
    for number, text in enumerate(texts):
        nodes[f"q{number}"] = {
            "type": "question",
            "ask": {"zh": f"问 {number} {text}", "en": f"Q {number} {text}"},
            "help": text,
            "options": [
                {"label": f"yes {number} {text}", "next": f"a{number}"},
                {
                    "label": f"no {number}",
                    "next": f"q{number + 1}" if number + 1 < len(texts) else "in",
                },
            ],
        }
        nodes[f"a{number}"] = {"type": "advice", "text": text, "solved": "end", "unsolved": "in"}
    nodes["in"] = {
        "type": "input",
        "fact": "note",
        "format": "text",
        "ask": HOSTILE[1],
        "optional": True,
        "next": "end",
    }
    nodes["end"] = {
        "type": "outcome",
        "result": "escalate",
        "text": HOSTILE[3],
        "channels": ["hostile", "app"],
        "prepare": HOSTILE[:4],
    }
    files = {
        "hostile.yaml": {
            "kind": "flow",
            "id": "hostile",
            "title": HOSTILE[0],
            "start": "q0",
            "nodes": nodes,
        },
        "channels.yaml": {
            "kind": "channels",
            "channels": [
                {
                    "id": "hostile",
                    "name": HOSTILE[1],
                    "how": HOSTILE[4],
                    "best_for": HOSTILE[5],
                    "addresses": [HOSTILE[2], HOSTILE[0]],
                }
            ],
        },
        "faq.yaml": {
            "kind": "faq",
            "faq": [
                {
                    "id": "hostile",
                    "question": HOSTILE[0],
                    "answer": "\n".join(HOSTILE),
                    "keywords": ["hostile"],
                    "flow": "hostile",
                }
            ],
        },
        "tips.yaml": {"kind": "tips", "tips": [{"id": "hostile", "text": HOSTILE[3]}]},
    }
    for name, data in files.items():
        (directory / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return texts


def test_hostile_content_renders_as_text(browser: Any, cli: Any, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    texts = _hostile_content(content)
    code, out, err = cli("--content-dir", str(content), "flows", "validate")
    assert code == 0, out + err
    url = export(cli, tmp_path / "hostile.html", "--content-dir", str(content))
    site = _open(browser, url)
    try:
        page = site.page
        assert page.evaluate("typeof window.__pwned") == "undefined"
        static = page.inner_text("body")
        assert HOSTILE[0] in static
        assert HOSTILE[1] in static
        page.click('button[data-topic="hostile"]')
        shown = page.evaluate(
            """async (count) => {
            const seen = [];
            for (let number = 0; number < count; number += 1) {
                const step = document.querySelector(`[data-node="q${number}"]`);
                seen.push(step.innerText);
                const moved = new Promise((done) =>
                    addEventListener('hashchange', done, {once: true}));
                step.querySelector('button[data-option="2"]').click();
                await moved;
            }
            return seen;
        }""",
            len(texts),
        )
        for number, text in enumerate(texts):
            assert clean(text) in shown[number], number
        page.wait_for_selector('[data-node="in"]')
        page.fill("input[data-fact]", "<img src=x onerror=alert(1)> 验证码 123456")
        page.click('button[data-action="next"]')
        page.wait_for_selector('[data-outcome="end"]')
        outcome = page.inner_text("[data-outcome]")
        for text in (*HOSTILE[:4], "<img src=x onerror=alert(1)> 验证码 •••"):
            assert clean(text) in outcome, text
        # Nothing from the content became an element, an attribute or a link.
        counts = page.evaluate(
            """() => ({
            img: document.querySelectorAll('img, svg, iframe, a[href], [onerror], [onload]').length,
            scripts: document.scripts.length,
        })"""
        )
        assert counts == {"img": 0, "scripts": 2}
        assert page.evaluate("typeof window.__pwned") == "undefined"
        site.watch.assert_clean(url)
    finally:
        site.context.close()


def test_the_csp_blocks_what_the_page_does_not_carry(browser: Any, sites: dict[str, Site]) -> None:
    """Proof that the checks of the other tests can fail: an image and a script added from
    outside are refused by the page's own policy, and the watch records both."""
    site = _open(browser, sites["en"].url)
    try:
        site.page.evaluate(
            """() => {
            const image = document.createElement('img');
            image.src = 'https://example.org/pixel.png';
            document.body.append(image);
            const script = document.createElement('script');
            script.textContent = 'window.__pwned = 1';
            document.body.append(script);
        }"""
        )
        site.page.wait_for_timeout(100)
        assert site.page.evaluate("typeof window.__pwned") == "undefined"
        # The watch sees even an attempt the policy blocks (and the route refuses it anyway).
        assert [url for url in site.watch.requests if "example.org" in url] == [
            "https://example.org/pixel.png"
        ]
        assert len(site.watch.errors) == 2
        assert all("Content Security Policy" in error for error in site.watch.errors)
        assert all("has been blocked" in error for error in site.watch.errors)
    finally:
        site.context.close()
