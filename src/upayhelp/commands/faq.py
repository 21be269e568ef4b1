"""`upayhelp faq [QUERY]`: the numbered questions, one answer by number or id, or the best
match for the user's own words."""

import re
from typing import Annotated

import typer

from upayhelp.commands.common import (
    FAQ_KINDS,
    DirsOpt,
    JsonOpt,
    LangOpt,
    command_app,
    complete_faq,
    env,
    load_content,
)
from upayhelp.errors import NotFoundError, UsageError
from upayhelp.i18n import t
from upayhelp.model import FaqEntry, Lang
from upayhelp.output import reporter
from upayhelp.results import (
    FaqAll,
    FaqAnswer,
    FaqNoMatch,
    FaqNumberMissing,
    FaqQuestions,
    Suggestion,
)

app = command_app()

SUGGESTIONS = 2

_SCAM_REPORT = (
    r"(?i)scam|fraud|phish|suspicious|caller|called me|phoned|texted me|claim(?:s|ed|ing)? to be"
    r"|pretend|fake|impersonat|诈骗|骗|冒充|自称|假冒|可疑|来电|打电话|打来|短信说|陌生电话"
)


@app.command("faq")
def faq(
    ctx: typer.Context,
    query: Annotated[
        list[str] | None,
        typer.Argument(
            help="A number, an id, or your question in your own words.",
            autocompletion=complete_faq,
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Every question with its answer.")
    ] = False,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """Answer a frequently asked question: by number, by id, or by searching your words."""
    options = env(ctx, lang, content_dir)
    entries = list(load_content(options, FAQ_KINDS).content.faq.values())
    out = reporter(json_out)
    if show_all:
        out.show(FaqAll(options.lang, entries))
        return
    if query is None:
        out.show(FaqQuestions(options.lang, entries))
        return
    text = " ".join(query)
    stripped = text.strip()
    if not stripped:
        raise UsageError(t("faq-empty", options.lang))
    number_of = {entry.id: n for n, entry in enumerate(entries, 1)}
    if stripped.isascii() and stripped.isdigit():
        number = int(stripped)
        if not 1 <= number <= len(entries):
            out.show(FaqNumberMissing(options.lang, text, entries))
            raise NotFoundError(t("faq-number", options.lang, number=number, last=len(entries)))
        out.show(FaqAnswer(options.lang, text, entries[number - 1], number))
        return
    if stripped.casefold() in number_of:
        number = number_of[stripped.casefold()]
        out.show(FaqAnswer(options.lang, text, entries[number - 1], number))
        return
    found = search(text, entries, number_of, options.lang)
    out.show(found)
    if isinstance(found, FaqNoMatch):
        message = t("faq-none", options.lang, text=text)
        raise NotFoundError(message + (t("faq-pick", options.lang) if out.lists else ""))


def search(
    text: str, entries: list[FaqEntry], number_of: dict[str, int], lang: Lang
) -> FaqAnswer | FaqNoMatch:
    """The best answer to `text` with the next best as suggestions, or no match
    (`number_of`: each entry's 1-based number by id)."""
    from upayhelp.search import MATCH_THRESHOLD, confident, faq_documents
    from upayhelp.topics import index_for

    by_id = {entry.id: entry for entry in entries}
    matches = [
        m
        for m in index_for(faq_documents(entries)).search(text, limit=1 + SUGGESTIONS)
        if m.id in by_id
    ]
    scam = reports_scam(text)
    best = confident(matches)
    if best is None:
        return FaqNoMatch(lang, text, entries, scam)
    others = [
        Suggestion(by_id[m.id], number_of[m.id], m.score)
        for m in matches[1:]
        if m.score >= MATCH_THRESHOLD / 2
    ]
    return FaqAnswer(lang, text, by_id[best.id], number_of[best.id], best.score, others, scam)


def reports_scam(text: str) -> bool:
    """Whether a question tells of a call or message that may be a scam: it then gets the
    way to the scam check and the safety walk as well as the answer."""
    return re.search(_SCAM_REPORT, text) is not None
