"""The text reporter: results drawn for people. Rich panels and colour on a terminal; plain,
wrapped text without trailing spaces when the output is piped (or `TERM=dumb`).

Rich is imported only where a result is drawn with it, so that a piped answer does not pay for
it. Text from content files and from users goes through `terminal.safe` or `clean`: never
parsed as markup, control characters and bidi overrides made visible and inert.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from functools import singledispatchmethod
from typing import IO, TYPE_CHECKING, Any

from upayhelp.i18n import STRINGS, fact_label, t
from upayhelp.model import Channel, FaqEntry, Lang, Node, Outcome, Tip
from upayhelp.output.layout import Para, para
from upayhelp.output.plain import PlainScreen
from upayhelp.results import (
    Batch,
    BatchLine,
    CheckReport,
    Contacts,
    Diagram,
    EntryList,
    ExampleRun,
    FaqAll,
    FaqAnswer,
    FaqNoMatch,
    FaqNumberMissing,
    FaqQuestions,
    FlowTree,
    Paths,
    Validation,
    VerifyReport,
    WalkDone,
    WalkPending,
)
from upayhelp.sanitize import clean

if TYPE_CHECKING:
    from rich.console import Console

    from upayhelp.output.terminal import Block, RichScreen


def screen_for(stream: IO[str] | None = None) -> PlainScreen | RichScreen:
    """Rich on a terminal, plain text otherwise (and `TERM=dumb` counts as plain)."""
    stream = stream or sys.stdout
    is_tty = bool(getattr(stream, "isatty", lambda: False)())
    if is_tty and os.environ.get("TERM") != "dumb":
        from upayhelp.output.terminal import RichScreen

        return RichScreen(stream)
    return PlainScreen(stream)


def console_for(stream: IO[str] | None = None) -> Console:
    """A Rich console on `stream` (see `terminal.make_console`)."""
    from upayhelp.output.terminal import make_console

    return make_console(stream)


class TextReporter:
    """Draws each result on `stream`; summaries that are not the result go to `err`."""

    lists = True
    """Whether an error may point at a list printed above it ("pick a number from the list")."""

    def __init__(self, stream: IO[str] | None = None, err: IO[str] | None = None) -> None:
        self.stream = stream or sys.stdout
        self.err = err or sys.stderr

    def _write(self, line: str) -> None:
        self.stream.write(line + "\n")

    @singledispatchmethod
    def show(self, result: object) -> None:
        """Draw `result`."""
        raise TypeError(f"no text form for {type(result).__name__}")

    # -- contacts and faq ----------------------------------------------------------------

    @show.register
    def _contacts(self, result: Contacts) -> None:
        lang, flow = result.lang, result.topic
        screen = screen_for(self.stream)
        title = t("contact-order", lang) if flow is not None else t("channels", lang)
        if flow is not None:
            title += f" — {flow.title.get(lang)}"
        screen.section(title, channel_paras(result.channels, lang, numbered=flow is not None))
        screen.line((t("address-where", lang), "bold yellow"))

    @show.register
    def _faq_all(self, result: FaqAll) -> None:
        for number, entry in enumerate(result.entries, 1):
            self._answer(entry, number, result.lang)

    @show.register
    def _faq_questions(self, result: FaqQuestions) -> None:
        self._questions(result.entries, result.lang)

    @show.register
    def _faq_answer(self, result: FaqAnswer) -> None:
        lang = result.lang
        self._answer(result.entry, result.number, lang)
        if result.scam:
            screen_for(self.stream).line((t("faq-scam", lang), "bold red"))
        if result.suggestions:
            screen = screen_for(self.stream)
            screen.line((t("see-also", lang), "bold"))
            for s in result.suggestions:
                screen.line(f"  {s.number}. {s.entry.question.get(lang)}")
                screen.line((f"     upayhelp faq {s.number}", "dim"))

    @show.register
    def _faq_no_match(self, result: FaqNoMatch) -> None:
        self._questions(result.entries, result.lang)
        if result.scam:
            screen_for(self.stream).line((t("faq-scam", result.lang), "bold red"))

    @show.register
    def _faq_number_missing(self, result: FaqNumberMissing) -> None:
        """Nothing to draw: the error names the numbers there are."""

    def _questions(self, entries: Sequence[FaqEntry], lang: Lang) -> None:
        screen = screen_for(self.stream)
        screen.line((t("faq-title", lang), "bold"))
        for number, entry in enumerate(entries, 1):
            screen.line(f"{number:>3}. {entry.question.get(lang)}")
        screen.line((t("faq-hint", lang), "dim"))

    def _answer(self, entry: FaqEntry, number: int, lang: Lang) -> None:
        paras = [para(entry.answer.get(lang).strip())]
        if entry.flow:
            paras.append(para(""))
            paras.append(
                para((t("diagnose-hint", lang) + f"upayhelp diagnose {entry.flow}", "cyan"))
            )
        screen_for(self.stream).section(f"{number}. {entry.question.get(lang)}", paras)

    # -- the guard -----------------------------------------------------------------------

    @show.register
    def _check(self, result: CheckReport) -> None:
        console = console_for(self.stream)
        _show_findings(console, result)
        if result.explain:
            _show_explain(console, result)

    @show.register
    def _batch(self, result: Batch) -> None:
        """The flagged lines (number, score, rules, a preview), then the counts."""
        rows: list[BatchLine] = [line for line in result.lines if line.flagged]
        lang = result.lang
        if rows:
            self._write(t("check-each-header", lang))
            for line in rows:
                preview = clean(" ".join(line.text.split()), keep_newlines=False)
                if len(preview) > 60:
                    preview = preview[:59] + "…"
                ids = ",".join(line.findings)
                self._write(f"{line.number:>6}  {line.score:>5.2f}  {ids}  {preview}")
            self._write("")
        checked = result.total - result.empty
        share = f"{result.flagged / checked:.1%}" if checked else "0%"
        counts = t(
            "check-each-counts",
            lang,
            file=clean(result.name, keep_newlines=False),
            total=checked,
            flagged=result.flagged,
            share=share,
            empty=result.empty,
        )
        self._write(counts)

    @show.register
    def _verify(self, result: VerifyReport) -> None:
        _show_verdict(console_for(self.stream), result)

    # -- diagnose ------------------------------------------------------------------------

    @show.register
    def _done(self, result: WalkDone) -> None:
        outcome = result.session.outcome
        assert isinstance(outcome, Outcome)
        show_outcome(
            console_for(self.stream),
            outcome,
            result.channels,
            result.session.facts,
            list(result.content.tips.values()),
            result.lang,
        )

    @show.register
    def _pending(self, result: WalkPending) -> None:
        """Nothing to draw: the error names the question and its valid answers."""

    # -- flows ---------------------------------------------------------------------------

    @show.register
    def _entries(self, result: EntryList) -> None:
        """One line per entry: kind, id, title (cut to 30 cells), source, overrides."""
        from rich.cells import cell_len, set_cell_size

        from upayhelp.content.load import BUILTIN
        from upayhelp.output.terminal import safe

        lang = result.lang
        builtin = t("list-builtin", lang)
        rows = result.rows
        kind_width = max([4, *(len(r.kind) for r in rows)])
        id_width = max([2, *(len(r.id) for r in rows)])
        title_width = 30
        console = console_for(self.stream)
        for row in rows:
            source = row.source
            if row.layer == BUILTIN:
                source = builtin + os.path.basename(source)
            title = clean(row.title, keep_newlines=False)
            if cell_len(title) > title_width:
                title = set_cell_size(title, title_width - 1) + "…"
            line = (
                f"{row.kind:<{kind_width}}  {row.id:<{id_width}}  "
                f"{set_cell_size(title, title_width)}  {source}"
            )
            if row.overridden_by:
                line += t("list-overridden-by", lang, source=row.overridden_by)
            elif row.overrides:
                line += t("list-overrides", lang, source=row.overrides)
            console.print(safe(line.rstrip()), soft_wrap=True)

    @show.register
    def _validation(self, result: Validation) -> None:
        lang = result.lang
        for diagnostic in result.problems:
            self._write(clean(diagnostic.render(lang), keep_newlines=False))
        summary = t(
            "validate-summary",
            lang,
            files=_count("file", len(result.files), lang),
            errors=_count("error", result.errors, lang),
            warnings=_count("warning", result.warnings, lang),
        )
        self.err.write(summary + "\n")

    @show.register
    def _examples(self, result: ExampleRun) -> None:
        lang = result.lang
        for diagnostic in result.errors:
            self._write(clean(diagnostic.render(lang), keep_newlines=False))
        failed = result.failed
        for example in failed:
            for diagnostic in example.failures:
                self._write(clean(diagnostic.render(lang), keep_newlines=False))
        if result.errors:
            summary = t("examples-not-run", lang, errors=_count("error", len(result.errors), lang))
        else:
            summary = t(
                "examples-summary",
                lang,
                flows=_count("flow", len(result.flows), lang),
                examples=_count("example", len(result.results), lang),
                passed=len(result.results) - len(failed),
                failed=len(failed),
            )
        self.err.write(summary + "\n")

    @show.register
    def _tree(self, result: FlowTree) -> None:
        _show_tree(console_for(self.stream), result.flow, result.lang)

    @show.register
    def _diagram(self, result: Diagram) -> None:
        self.stream.write(result.text)

    @show.register
    def _paths(self, result: Paths) -> None:
        """Each route as the command line that takes it."""
        import shlex

        for number, route in enumerate(result.routes, 1):
            args = " ".join(shlex.quote(a) for a in route.args)
            self._write(
                f"{number}. {route.outcome} ({route.result}): "
                f"upayhelp diagnose {result.flow.id} {args}".rstrip()
            )


def _count(noun: str, number: int, lang: Lang) -> str:
    """A number with its noun in the right form: "3 files", "1 error", "3 个文件"."""
    key = f"count-{noun}" if number == 1 else f"count-{noun}s"
    return t(key, lang, n=number)


# -- the walk's panels (also drawn by the interactive walk) ---------------------------------


def channel_paras(channels: Sequence[Channel], lang: Lang, numbered: bool = True) -> list[Para]:
    """Each channel: name, how to reach it, what it is best for, and its addresses if any."""
    out: list[Para] = []
    for number, channel in enumerate(channels, 1):
        out.append(para(f"{number}. " if numbered else "• ", (channel.name.get(lang), "bold")))
        out.append(para(channel.how.get(lang), indent=3))
        out.append(para((t("best-for", lang) + channel.best_for.get(lang), "dim"), indent=3))
        if channel.addresses:
            listed = ", ".join(channel.addresses)
            out.append(para((t("official", lang) + listed, "green"), indent=3))
    return out


def channel_lines(channels: Sequence[Channel], lang: Lang, numbered: bool = True) -> list[Block]:
    """Each channel as Rich paragraphs (see `channel_paras`)."""
    from upayhelp.output.terminal import RichScreen

    return [
        (RichScreen.text(spans), indent)
        for spans, indent in channel_paras(channels, lang, numbered)
    ]


def show_advice(console: Console, text: str, title: str, style: str = "blue") -> None:
    """Something to try, as a panel."""
    from upayhelp.output.terminal import safe, section

    section(console, title, safe(text), style=style)


def show_outcome(
    console: Console,
    outcome: Outcome,
    channels: Sequence[Channel],
    facts: Mapping[str, str],
    tips: Sequence[Tip],
    lang: Lang,
) -> None:
    """The end of a walk: result, channels in order, what to prepare, facts, tips, reminder."""
    from rich.text import Text as RichText

    from upayhelp.output.terminal import lines, plain, safe, section

    resolved = outcome.result == "resolved"
    section(
        console,
        t(outcome.result, lang),
        safe(outcome.text.get(lang)),
        style="green" if resolved else "yellow",
    )
    if channels:
        section(console, t("contact-order", lang), channel_lines(channels, lang))
        if not any(c.addresses for c in channels):
            plain(console, safe(t("address-where", lang), "dim"))
            console.print()
    if outcome.prepare:
        items = [RichText("• ") + safe(item.get(lang)) for item in outcome.prepare]
        section(console, t("prepare", lang), lines(items))
    if facts:
        items = [
            RichText("• ") + safe(f"{fact_label(name, lang)}: {value}")
            for name, value in facts.items()
        ]
        section(console, t("facts", lang), lines(items))
    if not resolved and tips:
        items = [RichText("• ") + safe(tip.text.get(lang)) for tip in tips]
        section(console, t("tips", lang), lines(items))
    if not resolved:
        section(console, t("reminder", lang), safe(t("anti-scam", lang)), style="red")


# -- the guard's panels ---------------------------------------------------------------------


def _show_findings(console: Console, result: CheckReport) -> None:
    """Each red flag (what matched, why it matters, what to do), the message with the matches
    marked, and what to do now; or a panel saying nothing was found."""
    from rich.text import Text as RichText

    from upayhelp.output.terminal import safe, section

    lang, message = result.lang, result.message
    findings = list(result.assessment.findings)
    if not findings:
        section(console, t("check-none-title", lang), safe(t("check-clear", lang)), "green")
        return
    quote_sep = t("list-separator", lang)
    for number, finding in enumerate(findings, 1):
        body = RichText()
        words = quote_sep.join(f"“{clean(m, keep_newlines=False)}”" for m in finding.matched)
        body.append_text(safe(t("check-matched", lang), "dim"))
        body.append_text(safe(words, "bold red"))
        body.append("\n")
        body.append_text(safe(finding.rule.explain.get(lang)))
        body.append("\n")
        body.append_text(safe("→ " + finding.rule.advice.get(lang), "bold"))
        section(console, f"⚠ {number}. {finding.rule.title.get(lang)}", body, "red")
    highlighted = RichText()
    spans = sorted(span for f in findings for span in f.spans)
    # without colour (NO_COLOR, piped, TERM=dumb) the red flags are marked with brackets
    opening, closing = ("", "")
    if not console.color_system:
        opening, closing = t("check-mark-open", lang), t("check-mark-close", lang)
    last = 0
    for start, end in spans:
        if start < last:
            continue
        highlighted.append_text(safe(message[last:start]))
        highlighted.append_text(safe(opening + message[start:end] + closing, "bold reverse red"))
        last = end
    highlighted.append_text(safe(message[last:]))
    section(console, t("check-message", lang), highlighted, "dim")
    section(console, t("check-what-now", lang), safe(t("check-stop", lang)), "red")


def _show_explain(console: Console, result: CheckReport) -> None:
    """Every cue that fired, its weight, each rule's score against its threshold, and what a
    suppressor cancelled."""
    from rich.text import Text as RichText

    from upayhelp.output.terminal import safe, section

    lang, assessment = result.lang, result.assessment
    body = RichText()
    rules = {item.rule.id: item for item in result.guard.rules}
    by_rule: dict[str, list[Any]] = {}
    for hit in assessment.cues:
        by_rule.setdefault(hit.rule, []).append(hit)
    fired = {f.rule.id for f in assessment.findings}
    scores = {rule_id: round(sum(h.weight for h in hits), 6) for rule_id, hits in by_rule.items()}
    for rule_id in sorted(by_rule, key=lambda r: (r not in fired, -scores[r])):
        hits, item = by_rule[rule_id], rules[rule_id]
        if rule_id in fired:
            verdict = t("explain-fired", lang)
        elif scores[rule_id] >= item.threshold:  # enough weight, but not the family's core sign
            verdict = t("explain-no-core", lang, cues=", ".join(sorted(item.requires)))
        else:
            verdict = t("explain-below", lang)
        head = t(
            "explain-rule",
            lang,
            rule=rule_id,
            score=_num(scores[rule_id]),
            threshold=_num(item.threshold),
            verdict=verdict,
        )
        body.append_text(safe(head, "bold" if rule_id in fired else ""))
        body.append("\n")
        for hit in hits:
            words = ", ".join(f"“{clean(m, keep_newlines=False)}”" for m in hit.matched)
            body.append_text(safe(f"  +{_num(hit.weight)}  {hit.cue}: {words}\n"))
    if assessment.cancelled:
        body.append_text(safe(t("explain-cancelled", lang), "bold"))
        body.append("\n")
        seen: set[tuple[str, str, str, str]] = set()
        for cancelled in assessment.cancelled:
            key = (cancelled.rule, cancelled.cue, cancelled.text, cancelled.by)
            if key in seen:
                continue
            seen.add(key)
            line = t(
                "explain-cancel-line",
                lang,
                rule=cancelled.rule,
                cue=cancelled.cue,
                text=clean(cancelled.text, keep_newlines=False),
                by=cancelled.by,
            )
            body.append_text(safe(f"  {line}\n"))
    if not by_rule and not assessment.cancelled:
        body.append_text(safe(t("explain-nothing", lang)))
    section(console, t("explain-title", lang, score=_num(assessment.score)), body, "dim")


def _num(value: float) -> str:
    return f"{value:g}"


def _show_verdict(console: Console, result: VerifyReport) -> None:
    """Official (and which channel), or why not: unconfigured, a look-alike, or unknown."""
    from rich.text import Text as RichText

    from upayhelp.output.terminal import safe, section

    lang, verdict, contact = result.lang, result.verdict, result.contact
    kind = t(f"contact-{verdict.contact.kind.value}", lang)
    head = f"{kind}: {verdict.contact.normalized or contact}"
    if verdict.status == "official":
        channel = result.channels.get(verdict.channel_id or "")
        name = channel.name.get(lang) if channel is not None else verdict.channel_id
        section(
            console,
            t("verify-official", lang),
            safe(head + "\n" + t("verify-channel", lang) + str(name)),
            "green",
        )
        return
    body = RichText()
    body.append_text(safe(head))
    if verdict.status == "unconfigured":
        title = t("verify-unconfigured-title", lang)
        body.append("\n")
        body.append_text(safe(t("verify-unconfigured", lang)))
    elif verdict.lookalikes:
        title = t("verify-lookalike-title", lang)
        for la in verdict.lookalikes:
            body.append("\n")
            key = f"reason-{la.reason}"
            reason = t(key, lang) if key in STRINGS else la.reason
            body.append_text(
                safe(t("verify-looks-like", lang) + la.address + f" ({reason})", "bold red")
            )
        body.append("\n")
        body.append_text(safe(t("verify-lookalike", lang)))
    else:
        title = t("verify-unknown-title", lang)
        body.append("\n")
        body.append_text(safe(t("verify-unknown", lang)))
    section(console, title, body, "red")


# -- flows show -----------------------------------------------------------------------------


def _show_tree(console: Console, flow: Any, lang: Lang) -> None:
    """The tree from the start; a loop is marked "back to", a node reached again "shown
    above", so that nothing is drawn twice."""
    from rich.tree import Tree

    from upayhelp.engine import node_prompt
    from upayhelp.graph import edges
    from upayhelp.output.terminal import safe

    def label(node: Node) -> Any:
        text = safe(f"[{t('tag-' + node.type, lang)}] ", "dim")
        text.append_text(safe(node.id, "bold"))
        text.append(": ")
        text.append_text(safe(node_prompt(node).get(lang)))
        if isinstance(node, Outcome):
            text.append_text(
                safe(f"  ({node.result})", "green" if node.result == "resolved" else "yellow")
            )
        return text

    shown: set[str] = set()

    def grow(tree: Tree, node_id: str, ancestors: tuple[str, ...]) -> None:
        node = flow.nodes[node_id]
        shown.add(node_id)
        for target, edge in edges(node, lang):
            prefix = safe(f"{edge} → " if edge else "→ ", "cyan")
            if target in ancestors or target == node_id:
                tree.add(prefix + safe(t("tree-back-to", lang, node=target), "magenta"))
            elif target in shown:
                tree.add(prefix + safe(t("tree-shown-above", lang, node=target), "dim"))
            elif target in flow.nodes:
                branch = tree.add(prefix + label(flow.nodes[target]))
                grow(branch, target, (*ancestors, node_id))

    root = Tree(safe(f"{flow.title.get(lang)} ({flow.id})", "bold"))
    start = root.add(label(flow.nodes[flow.start]))
    grow(start, flow.start, ())
    console.print(root)
