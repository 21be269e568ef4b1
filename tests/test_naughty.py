"""Every string of the Big List of Naughty Strings as a FAQ query, a `check` text, an input
answer and a content text: no traceback, documented exit codes, and nothing from it reaching the
terminal as a control sequence or as Rich markup."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import typer.main
import typer.testing
import yaml
from typer.testing import CliRunner

from upayhelp.app import app
from upayhelp.content.load import content_layers, load
from upayhelp.engine import routes

from .conftest import SHARED

BLNS = SHARED / "corpora" / "naughty-strings" / "blns.txt"
STRINGS = (
    [
        line
        for line in BLNS.read_text(encoding="utf-8", errors="surrogateescape").split("\n")
        if line and not line.startswith("#")
    ]
    if BLNS.exists()
    else []
)
pytestmark = pytest.mark.skipif(not STRINGS, reason="shared/corpora/naughty-strings is missing")

COMMAND = typer.main.get_command(app)
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout + result.stderr


def _assert_inert(output: str) -> None:
    assert "Traceback" not in output
    assert "\x1b" not in output
    for char in output:
        if char in "\n":
            continue
        assert unicodedata.category(char) not in ("Cc", "Cs"), repr(char)
        assert char not in BIDI, repr(char)


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    home = tmp_path_factory.mktemp("naughty-home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("UPAYHELP_CONTENT_DIR", raising=False)
    # Build the Click command once: thousands of invocations follow.
    monkeypatch.setattr(typer.testing, "_get_command", lambda _app: COMMAND)


def test_corpus_is_loaded() -> None:
    assert len(STRINGS) > 400


def test_faq_queries() -> None:
    for text in STRINGS:
        code, output = _invoke("faq", "--json", "--", text)
        assert code in (0, 1, 2), (text, output)
        _assert_inert(output)
        if code in (0, 1):
            json.loads(output.split("\nupayhelp: error:")[0])


def test_faq_queries_plain_text() -> None:
    for text in STRINGS[::3]:
        code, output = _invoke("faq", "--", text)
        assert code in (0, 1, 2), (text, output)
        _assert_inert(output)


def test_check_texts() -> None:
    for text in STRINGS:
        code, output = _invoke("check", "--", text)
        assert code in (0, 2, 3), (text, output)
        _assert_inert(output)
        if "[" in text and "]" in text and code == 3:
            assert text.strip() in output or "[" in output


CONTENT = load(content_layers(())).content
DISPUTE = CONTENT.flows["dispute"]
TEXT_ROUTE = next(
    r
    for r in routes(DISPUTE)
    if any(getattr(DISPUTE.nodes[s.node], "format", "") == "text" for s in r.steps)
)


def test_input_answers() -> None:
    answers = TEXT_ROUTE.answers(DISPUTE)
    text_node = next(
        node for node, _ in answers if getattr(DISPUTE.nodes[node], "format", "") == "text"
    )
    for text in STRINGS:
        args = ["diagnose", "dispute", "--json"]
        for node, value in answers:
            args += ["--answer", f"{node}={text if node == text_node else value}"]
        code, output = _invoke(*args)
        assert code in (0, 2), (text, output)
        _assert_inert(output)
        if code == 0:
            facts = json.loads(output)["facts"]
            assert all("\x1b" not in value for value in facts.values())


def test_content_texts(tmp_path: Path) -> None:
    """All the strings as a flow's title, labels and advice, through validate, show and a walk."""
    nodes: dict[str, object] = {}
    for number, text in enumerate(STRINGS):
        nodes[f"q{number}"] = {
            "type": "question",
            "ask": {"zh": f"问题 {number}: {text}", "en": f"Question {number}: {text}"},
            "options": [
                {"label": {"zh": f"是 {text}", "en": f"yes {text}"}, "next": f"a{number}"},
                {"label": {"zh": f"否 {number}", "en": f"no {number}"}, "next": "end"},
            ],
        }
        nodes[f"a{number}"] = {
            "type": "advice",
            "text": {"zh": text or "空", "en": text or "empty"},
            "solved": "end",
            "unsolved": f"q{number + 1}" if number + 1 < len(STRINGS) else "end",
        }
    nodes["end"] = {
        "type": "outcome",
        "result": "escalate",
        "text": STRINGS[-1] or "end",
        "channels": ["app"],
    }
    flow = {
        "kind": "flow",
        "id": "naughty",
        "title": {"zh": STRINGS[5], "en": STRINGS[6]},
        "start": "q0",
        "nodes": nodes,
    }
    directory = tmp_path / "content"
    directory.mkdir()
    (directory / "naughty.yaml").write_text(
        yaml.safe_dump(flow, allow_unicode=True), encoding="utf-8", errors="surrogateescape"
    )
    code, output = _invoke("--content-dir", str(directory), "flows", "validate")
    assert code in (0, 1), output
    _assert_inert(output)
    if code == 1:
        assert re.search(r"naughty\.yaml:\d+:\d+: error: ", output), output
        return
    for command in (["flows", "show", "naughty"], ["flows", "graph", "naughty"]):
        code, output = _invoke("--content-dir", str(directory), *command)
        assert code == 0, output
        _assert_inert(output)
    walk = ["diagnose", "naughty"]
    for number in range(0, len(STRINGS), 50):
        walk += ["--answer", f"q{number}=1", "--answer", f"a{number}=yes"]
        code, output = _invoke("--content-dir", str(directory), *walk[:2], *walk[-4:])
        assert code == 0, output
        _assert_inert(output)
