"""`upayhelp diagnose` on a terminal, the interactive walk: questions as single-choice lists,
advice panels, input prompts, and the outcome menu (finish, save the summary, change an answer).

Enter alone never says something the user did not: "Did this solve it?" starts on "no", an
answer that leads to alarming advice is never the one under the cursor, and at the end Enter
finishes. Prompts and panels go to the terminal; when standard output is redirected, it gets
only the final result, as plain text.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from upayhelp.engine import Session, Step, is_scam_warning, node_prompt
from upayhelp.errors import AnswerError, Interrupted, ReportError
from upayhelp.i18n import t
from upayhelp.model import Advice, Content, Flow, Input, Lang, Outcome, Question
from upayhelp.prompts import Asker, Choice
from upayhelp.topics import outcome_channels

if TYPE_CHECKING:
    from rich.console import Console

BACK, RESTART, QUIT = ":back", ":restart", ":quit"
CHANGE, SAVE, FINISH, TOPICS, LIST = ":change", ":save", ":finish", ":topics", ":list"
OTHER_TOPICS = "topics"
"""What `interactive_walk` returns when the user asked for the topic list."""


def _controls(session: Session, lang: Lang, topics: bool = False) -> list[Choice]:
    first = [Choice(t("back", lang), BACK, "b")] if session.steps else []
    if topics and not session.steps:
        first = [Choice(t("other-topics", lang), TOPICS, "t")]
    return [*first, Choice(t("restart", lang), RESTART, "r"), Choice(t("quit", lang), QUIT, "q")]


def interactive_walk(
    session: Session,
    content: Content,
    lang: Lang,
    report: str | None,
    force: bool,
    asker: Asker | None = None,
    console: Console | None = None,
    *,
    plain: bool = False,
    topics: bool = False,
) -> str | None:
    """Walk `session` to its end with the user; returns when the user finishes or quits, or
    `OTHER_TOPICS` when the user asked for the topic list (offered when `topics`)."""
    if asker is None:
        from upayhelp.prompts import make_asker

        asker = make_asker(lang, plain)
    walk = _Walk(session, content, lang, asker, _Screen(console, plain), report, force, topics)
    try:
        return walk.run()
    except _Quit:
        walk.keep_report_true(only_if_written=True)
        return None
    except Interrupted:
        walk.keep_report_true(only_if_written=True)
        raise


def pick_topic(
    content: Content,
    lang: Lang,
    asker: Asker,
    candidates: Sequence[str] | None = None,
    message: str | None = None,
) -> Flow | None:
    """The topic picker: every flow (the FAQ's order, the seed's), or only `candidates`."""
    linked = [
        e.flow for e in content.faq.values() if e.flow is not None and e.flow in content.flows
    ]
    order = list(dict.fromkeys([*linked, *content.flows]))
    if candidates is not None:
        order = [c for c in candidates if c in content.flows]
    choices = [Choice(f"{content.flows[i].title.get(lang)}  ({i})", i) for i in order]
    choices.append(Choice(t("quit", lang), QUIT, "q"))
    picked = asker.select(message or t("pick-topic", lang), choices)
    return None if picked == QUIT else content.flows[picked]


class _Quit(Exception):
    pass


class _Screen:
    """The console, made on first use: Rich is not imported before the first question. It is
    the terminal's (stderr when stdout is redirected); `--plain` draws no boxes."""

    def __init__(self, console: Console | None, plain: bool = False) -> None:
        self._console = console
        self.plain = plain

    def get(self) -> Console:
        if self._console is None:
            from upayhelp.output.terminal import make_console
            from upayhelp.prompts import prompt_stream

            self._console = make_console(prompt_stream(), plain=self.plain)
        return self._console

    def say(self, text: str, style: str = "") -> None:
        from upayhelp.output.terminal import plain, safe

        plain(self.get(), safe(text, style))


class _Walk:
    def __init__(
        self,
        session: Session,
        content: Content,
        lang: Lang,
        asker: Asker,
        screen: _Screen,
        report: str | None,
        force: bool,
        topics: bool,
    ) -> None:
        self.session = session
        self.content = content
        self.lang = lang
        self.asker = asker
        self.screen = screen
        self.report = report
        self.force = force
        self.topics = topics
        self.remembered: dict[str, Step] = {}  # earlier answers, offered again as defaults
        self.changing: tuple[Step, ...] | None = None  # the steps before "change an answer"
        self.change_index: str | None = None
        self.report_steps: tuple[Step, ...] | None = None  # what the --report file holds
        self.saved_to: Path | None = None
        self.asked_missing: tuple[Step, ...] | None = None

    # -- the loop ------------------------------------------------------------------------

    def run(self) -> str | None:
        session = self.session
        while True:
            node = session.current
            if isinstance(node, Outcome):
                if self._outcome(node):
                    return None
                continue
            if isinstance(node, Question):
                picked = self._question(node)
            elif isinstance(node, Advice):
                picked = self._advice(node)
            else:
                assert isinstance(node, Input)
                picked = self._input(node)
            if picked == TOPICS:
                return OTHER_TOPICS
            if picked == LIST:
                self._back_to_list()
            elif picked is not None:
                self._control(picked)

    def _control(self, picked: str) -> None:
        if picked == BACK:
            if self.session.steps:  # asked again, the cursor starts on the answer given
                last = self.session.steps[-1]
                self.remembered[last.node] = last
            self.session.back()
        elif picked == RESTART:
            self.session.restart()
            self.remembered.clear()
        elif picked == QUIT:
            raise _Quit()
        self.changing = None

    def _extra(self) -> list[Choice]:
        """Controls under a question; while changing an answer, "< back to the list" first."""
        controls = _controls(self.session, self.lang, self.topics)
        if self.changing is not None:
            controls.insert(0, Choice(t("back-to-list", self.lang), LIST, "<"))
        return controls

    def _answered(self) -> None:
        self.changing = None

    # -- nodes ---------------------------------------------------------------------------

    def _question(self, node: Question) -> str | None:
        lang = self.lang
        choices = [
            Choice(option.label.get(lang), str(index)) for index, option in enumerate(node.options)
        ]
        previous = self.remembered.get(node.id)
        if previous is not None and isinstance(previous.value, int):
            default = str(previous.value)
        else:
            default = str(_safe_default(self.session.flow, node))
        hint = node.help.get(lang) if node.help else None
        picked = self.asker.select(
            node.ask.get(lang), [*choices, *self._extra()], hint, default=default
        )
        if picked.startswith(":"):
            return picked
        self.session.choose(int(picked))
        self._answered()
        return None

    def _advice(self, node: Advice) -> str | None:
        from upayhelp.output.text import show_advice

        lang = self.lang
        if is_scam_warning(node):
            show_advice(self.screen.get(), node.text.get(lang), t("reminder", lang), "red")
            # ask directly; "yes, I paid" leads where "not solved" does
            message = t("paid-q", lang)
            choices = [Choice(t("paid-no", lang), "yes"), Choice(t("paid-yes", lang), "no")]
            default = "yes"
        else:
            show_advice(self.screen.get(), node.text.get(lang), t("try-this", lang))
            message = t("solved-q", lang)
            choices = [Choice(t("yes-solved", lang), "yes"), Choice(t("no-unsolved", lang), "no")]
            default = "no"
        previous = self.remembered.get(node.id)
        if previous is not None and isinstance(previous.value, str):
            default = previous.value
        picked = self.asker.select(message, [*choices, *self._extra()], default=default)
        if picked.startswith(":"):
            return picked
        self.session.solved(picked == "yes")
        self._answered()
        return None

    def _input(self, node: Input) -> str | None:
        lang, session = self.lang, self.session
        previous = self.remembered.get(node.id)
        prefill = ""
        if previous is not None and isinstance(previous.value, str):
            prefill = previous.typed or previous.value
        while True:
            typed = self._ask_text(node, prefill, required_later=not node.optional)
            if typed == "<":
                return LIST if self.changing is not None else BACK
            value = self._without_secrets(typed, node.format)
            if value is None:
                continue  # typed again
            if not value:
                self.screen.say(t("skipped", lang), "dim")
            try:
                session.provide(value or None, lang, defer=True)
            except AnswerError:
                # what is left once a secret is removed may not be a valid value any more
                session.provide(None, lang, defer=True)
                self.screen.say(t("skipped", lang), "dim")
            self._answered()
            return None

    def _ask_text(self, node: Input, prefill: str, required_later: bool, hint: str = "") -> str:
        lang = self.lang
        now = self.session.now

        from upayhelp.formats import validate_value

        def validate(value: str) -> str | None:
            text = value.strip()
            if text in ("<", "") or _secrets_in(text, node.format):
                return None  # secrets are dealt with next, whatever the format
            return validate_value(node.format, text, lang, now)

        notes = [node.help.get(lang)] if node.help else []
        notes.append(hint or t("later-hint" if required_later else "skip-hint", lang))
        example = t(f"example-{node.format}", lang) if node.format != "text" else ""
        placeholder = t("example", lang, example=example) if example else None
        message = node.ask.get(lang)
        return self.asker.text(
            message,
            validate,
            "\n".join(notes),
            default=prefill,
            placeholder=placeholder,
            conceal=lambda text: bool(_secrets_in(text, node.format)),
        ).strip()

    def _without_secrets(self, value: str, fmt: str) -> str | None:
        """`value` with any secret removed (the user is told and asked), or None to type it
        again."""
        from upayhelp.secrets import redact

        kinds = _secrets_in(value, fmt)
        if not kinds:
            return value
        lang = self.lang
        joiner = t("list-or", lang)
        listed = joiner.join(t(f"kind-{kind}", lang) for kind in kinds)
        self.screen.say(t("secret-found", lang, kinds=listed), "bold red")
        choices = [
            Choice(t("secret-remove", lang), "remove"),
            Choice(t("secret-retype", lang), "retype"),
        ]
        if self.asker.select(t("secret-q", lang), choices, default="remove") == "retype":
            return None
        masked, _ = redact(value, codes=_codes_matter(fmt))
        left = masked.replace("•••", " ")
        self.screen.say(t("secret-removed", lang), "dim")
        return " ".join(left.split())

    # -- the outcome ---------------------------------------------------------------------

    def _outcome(self, node: Outcome) -> bool:
        """Show the outcome and its menu; True when the walk is finished."""
        from upayhelp.output.text import show_outcome

        session, lang = self.session, self.lang
        self._ask_missing()
        show_outcome(
            self.screen.get(),
            node,
            outcome_channels(self.content, node),
            session.facts,
            list(self.content.tips.values()),
            lang,
        )
        self.keep_report_true()
        choice = self.asker.select(
            t("after", lang), self._outcome_menu(), t("finished-hint", lang), default=FINISH
        )
        if choice in (FINISH, QUIT):
            self._finish(node)
            return True
        if choice == CHANGE:
            self._change_answer()
        elif choice == SAVE:
            self._save_from_menu()
        else:
            self._control(choice)
        return False

    def _outcome_menu(self) -> list[Choice]:
        lang = self.lang
        menu = [Choice(t("finish", lang), FINISH), Choice(t("save", lang), SAVE)]
        if self.session.steps:
            menu.append(Choice(t("change", lang), CHANGE))
        return [*menu, *_controls(self.session, lang)]

    def _finish(self, node: Outcome) -> None:
        """The result on stdout when it is redirected; "Saved to …" stays the last line."""
        if not sys.stdout.isatty():
            from upayhelp.output.terminal import make_console
            from upayhelp.output.text import show_outcome

            show_outcome(
                make_console(sys.stdout),
                node,
                outcome_channels(self.content, node),
                self.session.facts,
                list(self.content.tips.values()),
                self.lang,
            )
            sys.stdout.flush()
        if self.saved_to is not None:
            self.screen.say(t("saved", self.lang, path=str(self.saved_to)), "green")

    def _ask_missing(self) -> None:
        """Facts skipped on the way that the flow wanted: asked for once more, optional."""
        session = self.session
        if self.asked_missing == session.steps:
            return
        missing = [
            index
            for index, step in enumerate(session.steps)
            if step.value is None
            and isinstance(node := session.flow.nodes[step.node], Input)
            and not node.optional
        ]
        if missing:
            self.screen.say(t("missing-intro", self.lang))
        for index in missing:
            node = session.flow.nodes[session.steps[index].node]
            assert isinstance(node, Input)
            while True:
                value = self._ask_text(node, "", False, t("missing-hint", self.lang))
                if value == "<":
                    value = ""
                cleaned = self._without_secrets(value, node.format)
                if cleaned is not None:
                    break
            try:
                session.fill(index, cleaned or None, self.lang)
            except AnswerError:
                session.fill(index, None, self.lang)
            if not cleaned:
                self.screen.say(t("skipped", self.lang), "dim")
        self.asked_missing = session.steps

    # -- changing an answer --------------------------------------------------------------

    def _change_answer(self, start: str | None = None) -> None:
        session, lang = self.session, self.lang
        flow = session.flow
        choices = []
        for index, step in enumerate(session.steps):
            node = flow.nodes[step.node]
            asked = node_prompt(node).get(lang)
            if isinstance(node, Advice):
                asked = t("paid-q" if is_scam_warning(node) else "solved-q", lang)
            choices.append(Choice(f"{asked} → {step.label(flow, lang)}", str(index)))
        choices.append(Choice(t("back-to-menu", lang), BACK, "b"))
        start = start or str(len(session.steps) - 1)
        picked = self.asker.select(t("which", lang), choices, t("which-hint", lang), start)
        if picked == BACK:
            return
        steps = session.steps
        self.changing = steps
        self.change_index = picked
        self.remembered = {}
        for step in steps[int(picked) :]:
            self.remembered.setdefault(step.node, step)
        session.rewind(int(picked))

    def _back_to_list(self) -> None:
        """`<` while changing an answer: the walk as it was, and the list again."""
        assert self.changing is not None
        steps, self.changing = self.changing, None
        self.session.restore(steps)
        self._change_answer(self.change_index)

    # -- the summary file ----------------------------------------------------------------

    def keep_report_true(self, only_if_written: bool = False) -> None:
        """Write the --report file, and rewrite it whenever the answers have changed."""
        if self.report is None or self.report_steps == self.session.steps:
            return
        if only_if_written and self.report_steps is None:
            return
        force = self.force or self.report_steps is not None
        path = Path(self.report).expanduser().absolute()
        if not force and path.exists() and path.is_file():
            if not self.asker.confirm(t("overwrite-q", self.lang, path=str(path))):
                self.screen.say(t("save-cancelled", self.lang))
                self.report = None
                return
            force = True
        if self._write(path, force):
            self.report_steps = self.session.steps
            self.report = str(path)

    def _save_from_menu(self) -> None:
        lang = self.lang
        suggested = f"upay-request-{(self.session.now or datetime.now()):%Y-%m-%d}.md"
        plain = self.screen.plain
        name = self.asker.text(
            t("save-where", lang),
            lambda value: None,
            t("save-hint-plain" if plain else "save-hint", lang),
            default=suggested,
        ).strip()
        if not name or name == "<":
            self.screen.say(t("save-cancelled", lang))
            return
        path = _report_path(name)
        force = False
        if path.exists() and not path.is_dir():
            if not self.asker.confirm(t("overwrite-q", lang, path=str(path))):
                self.screen.say(t("save-cancelled", lang))
                return
            force = True
        self._write(path, force)

    def _write(self, path: Path, force: bool) -> bool:
        from upayhelp.report import write_report

        try:
            write_report(self.session, self.content, self.lang, str(path), force)
        except ReportError as exc:
            self.screen.say(exc.text(self.lang), "red")
            return False
        self.saved_to = path
        self.screen.say(t("saved", self.lang, path=str(path)), "green")
        return True


def _report_path(name: str) -> Path:
    """`~` expanded, `.md` added when there is no extension, made absolute."""
    path = Path(name).expanduser()
    if not path.suffix:
        path = path.with_name(path.name + ".md")
    return path.absolute()


def _codes_matter(fmt: str) -> bool:
    """Whether a bare six-digit number counts as a verification code in this format (it is a
    normal amount or part of a date)."""
    return fmt in ("text", "order-id")


def _secrets_in(text: str, fmt: str) -> tuple[str, ...]:
    from upayhelp.secrets import find_secrets

    found = find_secrets(text, codes=_codes_matter(fmt))
    return tuple(dict.fromkeys(s.kind for s in found))


def _alarming(flow: Flow, node_id: str) -> bool:
    """Where an answer leads to alarming advice: a scam warning, or "contact support now"."""
    node = flow.nodes[node_id]
    if is_scam_warning(node):
        return True
    return isinstance(node, Outcome) and node.result == "escalate"


def _safe_default(flow: Flow, node: Question) -> int:
    """The option under the cursor at first: the first one that does not lead to alarming
    advice (Enter alone must not claim a scam or a stolen account)."""
    for index, option in enumerate(node.options):
        if not _alarming(flow, option.next):
            return index
    return 0
