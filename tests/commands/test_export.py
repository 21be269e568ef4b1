"""`upayhelp export html` without a browser: the file, its safety properties, and the table and
rules it carries."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import stat
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from upayhelp import formats, secrets
from upayhelp.content.load import content_layers, load
from upayhelp.model import Advice, Input, Outcome, Question, successors
from upayhelp.web.rules import UntranslatableRegex, js_regex, rules

from ..conftest import Run

CONTENT = load(content_layers(())).content


class _Page(HTMLParser):
    """The parts of the page the tests look at."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._open: tuple[str, dict[str, str | None]] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is None:
            self.text.append(data)
        elif self._open[0] == "script":
            self.scripts.append((self._open[1], data))
        else:
            self.styles.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _data(html: str) -> dict[str, Any]:
    page = _parse(html)
    block = next(text for attrs, text in page.scripts if attrs.get("id") == "upayhelp-data")
    data: dict[str, Any] = json.loads(block)
    return data


def _sha(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


@pytest.fixture
def page_en(run: Run, tmp_path: Path) -> str:
    target = tmp_path / "upayhelp.html"
    result = run("export", "html", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote the web page to {target}\n"
    return target.read_text(encoding="utf-8")


def test_one_private_file_small_and_deterministic(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("export", "html").exit_code == 0
    first = tmp_path / "upayhelp.html"  # the default name
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert first.stat().st_size < 200 * 1024
    assert run("export", "html", "-o", "again.html").exit_code == 0
    assert (tmp_path / "again.html").read_bytes() == first.read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_languages_and_stdout(run: Run) -> None:
    zh = run("--lang", "zh", "export", "html", "-o", "-")
    assert zh.exit_code == 0
    assert '<html lang="zh-CN">' in zh.stdout
    assert _data(zh.stdout)["lang"] == "zh"
    en = run("export", "html", "-o", "-", "--lang", "en")
    assert '<html lang="en">' in en.stdout
    assert zh.stdout != en.stdout


def test_never_overwrites_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("mine", encoding="utf-8")
    result = run("export", "html", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == (
        f"upayhelp: error: page {target} already exists (use --force to overwrite it)\n"
    )
    assert target.read_text(encoding="utf-8") == "mine"
    assert run("export", "html", "-o", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing/page.html", "directory {parent} does not exist"),
        (".", "it is a directory"),
    ],
)
def test_unwritable_output_is_a_one_line_error(
    run: Run, tmp_path: Path, name: str, message: str
) -> None:
    target = tmp_path / name
    result = run("export", "html", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert message.format(parent=target.parent) in result.stderr
    assert "Traceback" not in result.stderr


def test_csp_allows_only_the_inline_script_and_style(page_en: str) -> None:
    page = _parse(page_en)
    csp = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    code = [text for attrs, text in page.scripts if "type" not in attrs]
    assert len(code) == 1
    assert directives["script-src"] == _sha(code[0])
    assert len(page.styles) == 1
    assert directives["style-src"] == _sha(page.styles[0])


def test_no_external_reference_of_any_kind(page_en: str) -> None:
    page = _parse(page_en)
    for tag, attrs in page.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed", "base", "form") or (
            tag == "form" and "action" not in attrs
        )
        assert not {"src", "href", "srcset", "action", "style"} & set(attrs), (tag, attrs)
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", page_en, re.IGNORECASE)
    assert "@import" not in page_en
    assert "url(" not in page_en


def test_faq_and_channels_are_static_html(page_en: str) -> None:
    page = _parse(page_en)
    text = "".join(page.text)
    for entry in CONTENT.faq.values():
        assert entry.question.get("en") in text
        assert entry.question.get("zh") in text
    for channel in CONTENT.channels.values():
        assert channel.name.get("en") in text
    noscript = re.search(r"<noscript>(.*?)</noscript>", page_en, re.DOTALL)
    assert noscript is not None
    assert "needs JavaScript" in noscript.group(1)


def test_the_table_is_the_engine_s(page_en: str) -> None:
    data = _data(page_en)
    assert data["topics"] == ["password", "recharge", "dispute", "refund", "security", "no-reply"]
    for flow_id, flow in CONTENT.flows.items():
        table = data["flows"][flow_id]
        assert table["start"] == flow.start
        assert list(table["nodes"]) == list(flow.nodes)
        for node_id, node in flow.nodes.items():
            entry = table["nodes"][node_id]
            assert entry["type"] == node.type
            if isinstance(node, Question):
                targets = [option["next"] for option in entry["options"]]
                labels = [option["label"] for option in entry["options"]]
                assert labels == [
                    o.label.en if o.label.en == o.label.zh else {"zh": o.label.zh, "en": o.label.en}
                    for o in node.options
                ]
            elif isinstance(node, Advice):
                targets = [entry["solved"], entry["unsolved"]]
            elif isinstance(node, Input):
                targets = [entry["next"]]
                assert (entry["fact"], entry["format"]) == (node.fact, node.format)
                assert entry["optional"] is node.optional
            else:
                assert isinstance(node, Outcome)
                targets = []
                assert entry["result"] == node.result
                assert entry["channels"] == list(node.channels)
            assert tuple(targets) == successors(node)


def test_content_dir_is_honoured(run: Run, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "tips.yaml").write_text(
        "kind: tips\ntips:\n  - id: extra\n    text: {zh: 多一条, en: One more tip}\n",
        encoding="utf-8",
    )
    result = run("export", "html", "-o", "-", "--content-dir", str(content))
    assert result.exit_code == 0, result.stderr
    assert "One more tip" in _data(result.stdout)["tips"][-1]["en"]
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "bad.yaml").write_text("kind: flow\nid: bad\n", encoding="utf-8")
    failed = run("--content-dir", str(broken), "export", "html", "-o", str(tmp_path / "x.html"))
    assert failed.exit_code == 1
    assert not (tmp_path / "x.html").exists()


def test_data_block_cannot_be_closed_by_content(run: Run, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    hostile = "</script><script>alert(1)</script><!--"
    (content / "tips.yaml").write_text(
        f"kind: tips\ntips:\n  - id: evil\n    text: '{hostile}'\n", encoding="utf-8"
    )
    result = run("export", "html", "-o", "-", "--content-dir", str(content))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("</script>") == 2
    assert "<!--" not in result.stdout
    assert _data(result.stdout)["tips"][-1] == hostile


def test_rules_come_from_the_python_code() -> None:
    data = rules()
    assert data["formats"]["max"] == formats.MAX_TEXT
    assert data["formats"]["reasons"]["en"]["date"] == formats.validate_value("date", "x")
    assert data["formats"]["reasons"]["zh"]["zero"] == formats.validate_value("amount", "0", "zh")
    assert data["secrets"]["mask"] == secrets.MASK
    # re.IGNORECASE and an inline (?i) are carried over as the characters Python's engine
    # takes for each letter ("i" is also "İ" and "ı" there, not in JavaScript's "i" flag)
    assert data["formats"]["amount"][1] == "u"
    assert "[Rr][Mm][Bb]" in data["formats"]["amount"][0]
    assert data["secrets"]["labelled"][1] == "u"
    assert "[Pp][Ii\\u{130}-\\u{131}][Nn]" in data["secrets"]["labelled"][0]
    assert "(?<![a-zA-Z\\u{130}-\\u{131}\\u{17f}\\u{212a}])" in data["secrets"]["labelled"][0]
    assert "\\p{Nd}" in data["secrets"]["code"][0]
    assert "\\d" not in data["secrets"]["code"][0]


@pytest.mark.parametrize(
    ("pattern", "source"),
    [
        (r"\d+\s*[-/.]\s*\d", r"\p{Nd}+[\u{9}-\u{d}"),
        (r"a.b", r"a[^\n]b"),
        (r"[ \-]?x\-y", r"[ \-]?x-y"),
        (r"(?<!\d)x(?=y)", r"(?<!\p{Nd})x(?=y)"),
        (r"a{2,3}b{,3}c{2,}d{}e{,}", r"a{2,3}b{0,3}c{2,}d\{\}e{0,}"),
        (r"\#\:[]x]", r"\u{23}\u{3a}[\]x]"),
    ],
)
def test_python_regexes_become_javascript(pattern: str, source: str) -> None:
    assert js_regex(re.compile(pattern))[0].startswith(source)


@pytest.mark.parametrize(
    "pattern", [r"\w+", r"\bx", r"^x$", r"(?P<name>x)", r"(?m)x", r"[\S]", r"(?i)[^a-z]"]
)
def test_untranslatable_regexes_fail_the_export(pattern: str) -> None:
    with pytest.raises(UntranslatableRegex):
        js_regex(re.compile(pattern))


def test_page_assets_ship_with_the_package() -> None:
    from importlib import resources

    names = {p.name for p in resources.files("upayhelp.web").iterdir()}
    assert {"page.html", "page.css", "page.js"} <= names


def test_same_bytes_across_processes(tmp_path: Path) -> None:
    """Hash randomisation (set and dict order of strings) never reaches the page."""
    import os
    import subprocess
    import sys

    pages = []
    for seed in ("1", "2"):
        target = tmp_path / f"{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed, "UPAYHELP_NO_CACHE": "1", "LANG": "C.UTF-8"}
        env.pop("UPAYHELP_CONTENT_DIR", None)
        env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
        done = subprocess.run(
            [sys.executable, "-m", "upayhelp", "export", "html", "-o", str(target)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        pages.append(target.read_bytes())
    assert pages[0] == pages[1]
