"""One self-contained HTML page: the template, style and script shipped with the package, the
decision table and the CLI's rules as inline JSON, the FAQ and the channels as static HTML (they
read without scripting), and a Content-Security-Policy that allows nothing but the inline script
and style, by their hashes."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from typing import Any

from upayhelp import __version__
from upayhelp.i18n import t
from upayhelp.lang import Lang
from upayhelp.model import Content, Text
from upayhelp.sanitize import clean
from upayhelp.web.rules import LANGS, rules
from upayhelp.web.table import fallback, table

HTML_LANG = {"zh": "zh-CN", "en": "en"}


def _asset(name: str) -> str:
    return resources.files("upayhelp.web").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _json(data: Any) -> str:
    """JSON that cannot end its <script> element or open a comment, that a UTF-8 file can hold
    (no lone surrogates), and with no invisible or control character left raw in the file."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", raw)


_UNSAFE_IN_JSON = re.compile(
    "[<>&\x7f-\xa0\u00ad\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\ud800-\udfff]"
)


def _e(value: str) -> str:
    return html.escape(value, quote=True)


def _paragraphs(value: str, attrs: str = "") -> str:
    return "".join(f"<p{attrs}>{_e(part)}</p>" for part in value.split("\n") if part.strip())


def _lang(value: Text, lang: Lang) -> str:
    """A `lang` attribute when `value` has no `lang` text and shows the other language."""
    return "" if getattr(value, lang) is not None else f' lang="{HTML_LANG[fallback(lang)]}"'


def _static(content: Content, lang: Lang, shown: bool) -> str:
    """The FAQ and every channel in `lang`, as HTML that needs no script."""
    hidden = "" if shown else " hidden"
    out = [f'<div class="static" data-lang="{lang}" lang="{HTML_LANG[lang]}"{hidden}>']
    out.append(f'<section aria-labelledby="faq-{lang}"><h2 id="faq-{lang}">')
    out.append(_e(t("web-faq", lang)) + "</h2>")
    for entry in content.faq.values():
        out.append(f'<details data-faq="{_e(entry.id)}"><summary{_lang(entry.question, lang)}>')
        out.append(_e(clean(entry.question.get(lang))) + "</summary>")
        out.append(_paragraphs(clean(entry.answer.get(lang)), _lang(entry.answer, lang)))
        out.append("</details>")
    out.append("</section>")
    out.append(f'<section aria-labelledby="channels-{lang}"><h2 id="channels-{lang}">')
    out.append(_e(t("web-channels", lang)) + '</h2><ul class="channels">')
    for channel in content.channels.values():
        name, best = channel.name, channel.best_for
        out.append(f'<li data-static-channel="{_e(channel.id)}"><h3{_lang(name, lang)}>')
        out.append(_e(clean(name.get(lang))) + "</h3>")
        out.append(_paragraphs(clean(channel.how.get(lang)), _lang(channel.how, lang)))
        out.append(f"<p>{_e(t('best-for', lang))}<span{_lang(best, lang)}>")
        out.append(_e(clean(best.get(lang))) + "</span></p>")
        for address in channel.addresses:
            out.append(f'<p class="address">{_e(clean(address))}</p>')
        out.append("</li>")
    out.append("</ul>")
    if not any(c.addresses for c in content.channels.values()):
        out.append(f'<p class="note">{_e(t("address-where", lang))}</p>')
    out.append("</section></div>")
    return "".join(out)


def build_page(content: Content, lang: Lang) -> str:
    """The whole page for `content`, opening in `lang`; the same content gives the same bytes."""
    data = {"lang": lang, **table(content), "rules": rules()}
    script = _asset("page.js")
    style = _asset("page.css")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(script)}",
            f"style-src {_csp_hash(style)}",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    noscript = "".join(
        f'<p class="noscript" data-lang="{code}" lang="{HTML_LANG[code]}"'
        f"{'' if code == lang else ' hidden'}>{_e(t('web-noscript', code))}</p>"
        for code in LANGS
    )
    values = {
        "html_lang": HTML_LANG[lang],
        "generator": f"upayhelp {__version__}",
        "csp": _e(csp),
        "title": _e(t("web-title", lang)),
        "intro": _e(t("web-intro", lang)),
        "switch": _e(t("web-language", lang)),
        "switch_lang": HTML_LANG["en" if lang == "zh" else "zh"],
        "noscript": noscript,
        "static": "".join(_static(content, code, code == lang) for code in LANGS),
        "data": _json(data),
        "style": style,
        "script": script,
    }
    page = _asset("page.html")
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m[1]], page)
