"""The built-in content: faithful to the seed's steps, in order, and free of invented contacts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from upayhelp.content.load import content_layers, load
from upayhelp.engine import Route, node_prompt, routes
from upayhelp.model import Flow, Outcome, Question

from ..conftest import ROOT

CONTENT = load(content_layers(())).content

# The seed's key steps for each flow, in the seed's order (Chinese, as the seed words them).
KEY_STEPS: dict[str, list[str]] = {
    "password": [
        "登录界面",
        "忘记密码",
        "注册时的邮箱或手机号",
        "验证码",
        "验证身份",
        "重设密码",
        "复杂度高",
    ],
    "recharge": ["网络", "支付方式", "暂时无法与UPay钱包对接", "限额", "客服"],
    "dispute": [
        "发生了什么",
        "重复扣款",
        "(什么时候|时间)",
        "金额",
        "商户",
        "(凭证|证据)",
        "调查",
        "交易保障条款",
    ],
    "refund": ["商户的退款规定", "联系商户", "商户平台", "(调解|介入)", "手续费"],
    "security": ["强密码", "定期更换", "双重认证", "(陌生人发送的链接|陌生链接)", "公共"],
    "no-reply": ["垃圾邮件", "(社交媒体|热线)", "投诉", "耐心"],
}


def _texts(flow: Flow, route: Route) -> list[str]:
    texts: list[str] = []
    for step in route.steps:
        node = flow.nodes[step.node]
        texts.append(node_prompt(node).zh or "")
        if isinstance(node, Question) and isinstance(step.value, int):
            texts.append(node.options[step.value].label.zh or "")
    outcome = flow.nodes[route.outcome]
    texts.append(node_prompt(outcome).zh or "")
    return texts


def _in_order(texts: list[str], steps: list[str]) -> bool:
    joined = "\n".join(texts)
    position = 0
    for step in steps:
        match = re.compile(step).search(joined, position)
        if match is None:
            return False
        position = match.end()
    return True


@pytest.mark.parametrize("flow_id", sorted(KEY_STEPS))
def test_key_steps_appear_in_order_along_a_route(flow_id: str) -> None:
    flow = CONTENT.flows[flow_id]
    found = [r for r in routes(flow) if _in_order(_texts(flow, r), KEY_STEPS[flow_id])]
    assert found, f"no route of {flow_id} walks {KEY_STEPS[flow_id]} in order"


def test_password_dead_ends_escalate() -> None:
    flow = CONTENT.flows["password"]
    escalations = [
        r
        for r in routes(flow)
        if flow.nodes[r.outcome].result == "escalate"  # type: ignore[union-attr]
    ]
    texts = ["\n".join(_texts(flow, r)) for r in escalations]
    assert any("不能" in t or "无法" in t or "没有" in t for t in texts)
    assert any("没收到" in t or "收不到" in t or "没有收到" in t for t in texts)


def test_stolen_account_goes_straight_to_the_fastest_channels() -> None:
    flow = CONTENT.flows["security"]
    worry = next(n for n in flow.nodes.values() if isinstance(n, Question) and n.id == "worry")
    stolen = [o for o in worry.options if "盗" in (o.label.zh or "")]
    assert stolen, "a 'my account was stolen' option"
    target = flow.nodes[stolen[0].next]
    assert isinstance(target, Outcome)
    assert target.result == "escalate"
    assert target.channels[0] in ("app", "hotline")


def test_every_escalate_outcome_names_channels_and_what_to_prepare() -> None:
    for flow in CONTENT.flows.values():
        for node in flow.nodes.values():
            if isinstance(node, Outcome) and node.result == "escalate":
                assert node.channels, (flow.id, node.id)
                assert all(c in CONTENT.channels for c in node.channels)


def test_every_text_has_both_languages() -> None:
    for flow in CONTENT.flows.values():
        assert flow.title.zh
        assert flow.title.en
        for node in flow.nodes.values():
            text = node_prompt(node)
            assert text.zh, (flow.id, node.id)
            assert text.en, (flow.id, node.id)
            assert text.zh != text.en, (flow.id, node.id)


CONTACT_LIKE = [
    ("URL", re.compile(r"(?i)\b(?:https?://|www\.)\S+|\b[a-z0-9-]+\.(?:com|cn|net|org|io|app)\b")),
    ("e-mail", re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")),
    ("handle", re.compile(r"(?<![\w@])@[A-Za-z0-9_]{2,}")),
    ("phone", re.compile(r"(?<!\d)(?:\+?\d[\d\s().-]{5,}\d)(?!\d)")),
]


ISO_DATE = re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?(?![\d:])")


def _builtin_files() -> list[Path]:
    return sorted((ROOT / "flows").glob("*.yaml"))


@pytest.mark.parametrize("path", _builtin_files(), ids=lambda p: p.name)
def test_no_invented_contact_details(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.name == "redflags.yaml":
        # regular expressions describe what scammers send; only their human texts are checked
        loaded = CONTENT.redflags.values()
        text = "\n".join(
            part or ""
            for rule in loaded
            for t in (rule.title, rule.explain, rule.advice)
            for part in (t.zh, t.en)
        )
    text = ISO_DATE.sub("", text)  # a date or time (an example's resolved fact) is no contact
    for kind, pattern in CONTACT_LIKE:
        found = [m.group() for m in pattern.finditer(text)]
        assert not found, f"{path.name} holds something like a {kind}: {found}"


def test_channels_have_no_addresses() -> None:
    assert all(not channel.addresses for channel in CONTENT.channels.values())


def test_the_scan_catches_invented_details() -> None:
    samples = ["call 400-820-8888", "see www.upay.com", "mail help@upay.cn", "follow @UPayHelp"]
    for sample in samples:
        assert any(p.search(sample) for _, p in CONTACT_LIKE), sample
