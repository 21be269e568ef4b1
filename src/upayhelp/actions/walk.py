"""The interactive diagnosis: questions as single-choice lists, advice panels, input prompts,
and the outcome menu (change an answer, save the summary, quit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upayhelp.actions.shared import outcome_channels
from upayhelp.engine import Session
from upayhelp.errors import AnswerError, ReportError
from upayhelp.formats import EXAMPLES, validate_value
from upayhelp.i18n import t
from upayhelp.model import Advice, Content, Input, Lang, Outcome, Question
from upayhelp.prompts import Asker, Choice

if TYPE_CHECKING:
    from rich.console import Console

BACK, RESTART, QUIT = ":back", ":restart", ":quit"
CHANGE, SAVE = ":change", ":save"


def _controls(session: Session, lang: Lang) -> list[Choice]:
    controls = [Choice(t("back", lang), BACK)] if session.steps else []
    return [*controls, Choice(t("restart", lang), RESTART), Choice(t("quit", lang), QUIT)]


def interactive_walk(
    session: Session,
    content: Content,
    lang: Lang,
    report: str | None,
    force: bool,
    asker: Asker | None = None,
    console: Console | None = None,
) -> None:
    """Walk `session` to its end with the user; returns when the user quits."""
    if asker is None:
        from upayhelp.prompts import QuestionaryAsker

        asker = QuestionaryAsker()
    try:
        _loop(session, content, lang, report, force, asker, _Screen(console))
    except _Quit:
        return


def _loop(
    session: Session,
    content: Content,
    lang: Lang,
    report: str | None,
    force: bool,
    asker: Asker,
    screen: _Screen,
) -> None:
    saved = False
    while True:
        node = session.current
        if isinstance(node, Outcome):
            from upayhelp.render_walk import show_outcome

            show_outcome(
                screen.get(),
                node,
                outcome_channels(content, node),
                session.facts,
                list(content.tips.values()),
                lang,
            )
            if report is not None and not saved:
                saved = _save(session, content, lang, report, force, screen)
            choice = asker.select(t("after", lang), _outcome_menu(session, lang))
            if choice == QUIT:
                return
            if choice == RESTART:
                session.restart()
            elif choice == BACK:
                session.back()
            elif choice == CHANGE:
                _change_answer(session, lang, asker)
            elif choice == SAVE:
                path = asker.text(t("save-where", lang), lambda v: None if v.strip() else "?", None)
                _save(session, content, lang, path.strip(), force, screen)
            continue
        if isinstance(node, Question):
            choices = [
                Choice(option.label.get(lang), str(index))
                for index, option in enumerate(node.options)
            ]
            hint = node.help.get(lang) if node.help else None
            picked = asker.select(node.ask.get(lang), [*choices, *_controls(session, lang)], hint)
            if not _control(session, picked):
                session.choose(int(picked))
        elif isinstance(node, Advice):
            from upayhelp.render_walk import show_advice

            show_advice(screen.get(), node.text.get(lang), t("try-this", lang))
            choices = [Choice(t("yes-solved", lang), "yes"), Choice(t("no-unsolved", lang), "no")]
            picked = asker.select(t("solved-q", lang), [*choices, *_controls(session, lang)])
            if not _control(session, picked):
                session.solved(picked == "yes")
        elif isinstance(node, Input):
            _ask_input(session, node, lang, asker, screen)


def _control(session: Session, picked: str) -> bool:
    """Apply Back / Start over / Quit; True when `picked` was one of them."""
    if picked == BACK:
        session.back()
    elif picked == RESTART:
        session.restart()
    elif picked == QUIT:
        raise _Quit()
    else:
        return False
    return True


class _Quit(Exception):
    pass


class _Screen:
    """The console, made on first use: Rich is not imported before the first question."""

    def __init__(self, console: Console | None) -> None:
        self._console = console

    def get(self) -> Console:
        if self._console is None:
            from upayhelp.render import make_console

            self._console = make_console()
        return self._console

    def say(self, text: str, style: str) -> None:
        from upayhelp.render import plain, safe

        plain(self.get(), safe(text, style))


def _ask_input(session: Session, node: Input, lang: Lang, asker: Asker, screen: _Screen) -> None:
    def validate(value: str) -> str | None:
        text = value.strip()
        if text == "<" or (not text and node.optional):
            return None
        if not text:
            return "需要填写" if lang == "zh" else "a value is needed"
        return validate_value(node.format, text, lang)

    hint_key = "skip-hint" if node.optional else "back-hint"
    example = EXAMPLES.get(node.format)
    hint = t(hint_key, lang) + (f" · {example}" if example and node.format != "text" else "")
    if node.help:
        hint = node.help.get(lang) + " · " + hint
    value = asker.text(node.ask.get(lang), validate, hint).strip()
    if value == "<":
        session.back()
        return
    try:
        session.provide(value or None)
    except AnswerError as exc:  # the validator above should have caught it
        screen.say(exc.message, "red")
        return
    kinds = session.steps[-1].masked
    if kinds:
        names = "、".join if lang == "zh" else ", ".join
        listed = names(t(f"kind-{kind}", lang) for kind in kinds)
        screen.say(t("masked", lang, kinds=listed), "bold red")


def _outcome_menu(session: Session, lang: Lang) -> list[Choice]:
    menu = []
    if session.steps:
        menu.append(Choice(t("change", lang), CHANGE))
    menu.append(Choice(t("save", lang), SAVE))
    return [*menu, *_controls(session, lang)]


def _change_answer(session: Session, lang: Lang, asker: Asker) -> None:
    from upayhelp.engine import node_prompt

    flow = session.flow
    choices = [
        Choice(f"{node_prompt(flow.nodes[step.node]).get(lang)} → {step.label(flow, lang)}", str(i))
        for i, step in enumerate(session.steps)
    ]
    choices.append(Choice(t("back", lang), BACK))
    picked = asker.select(t("which", lang), choices)
    if picked != BACK:
        session.rewind(int(picked))


def _save(
    session: Session, content: Content, lang: Lang, path: str, force: bool, screen: _Screen
) -> bool:
    from upayhelp.actions.diagnose import save_report

    try:
        save_report(session, content, lang, path, force)
    except ReportError as exc:
        screen.say(exc.message, "red")
        return False
    return True
