"""The only module that imports questionary: prompts behind the `Asker` protocol.

Questionary (and prompt_toolkit under it) costs ~140 ms to import, so it is imported only when a
prompt is actually shown. `unsafe_ask()` lets Ctrl-C and Ctrl-D reach us as exceptions, which
become `Interrupted` (exit 130) instead of questionary printing and returning None.

Two askers: `QuestionaryAsker` (arrow keys or number keys, then Enter) and `PlainAsker` (numbered
lines and a plain line prompt: no cursor movement, for screen readers and `TERM=dumb`). Both write
to the terminal even when standard output is redirected, so that only the result goes there.
"""

import gc
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any, NamedTuple, Protocol, TextIO, cast

from upayhelp.errors import Interrupted
from upayhelp.i18n import t
from upayhelp.lang import Lang
from upayhelp.sanitize import clean


class Choice(NamedTuple):
    """One entry of a single-choice list; `value` is what the asker returns. `key` is the letter
    that picks it (Back, Start over, Quit); entries without one are numbered 1, 2, 3…"""

    title: str
    value: str
    key: str | None = None


Validator = Callable[[str], "str | None"]  # None when valid, else the reason


class Asker(Protocol):
    """What the interactive walk needs from a prompt library."""

    def select(
        self,
        message: str,
        choices: Sequence[Choice],
        hint: str | None = None,
        default: str | None = None,
    ) -> str:
        """One value out of `choices`; Enter alone gives `default` (else the first)."""
        ...

    def text(
        self,
        message: str,
        validate: Validator,
        hint: str | None = None,
        default: str = "",
        placeholder: str | None = None,
        conceal: Callable[[str], bool] | None = None,
    ) -> str:
        """A line of text that `validate` accepts; `default` is pre-filled, `placeholder` is
        shown dimmed while the line is empty and is never the answer. An answer for which
        `conceal` is true (a secret) is not left on the screen."""
        ...

    def confirm(self, message: str) -> bool:
        """A yes/no question whose default is no."""
        ...


def plain_wanted(option: bool = False, environ: dict[str, str] | None = None) -> bool:
    """`--plain`, `UPAYHELP_PLAIN=1`, or a terminal that cannot move the cursor (`TERM=dumb`)."""
    env = os.environ if environ is None else environ
    flag = env.get("UPAYHELP_PLAIN", "").strip().casefold()
    return option or flag in ("1", "true", "yes", "on") or env.get("TERM", "") == "dumb"


_TTY: list[IO[str]] = []


def prompt_stream() -> IO[str]:
    """Where prompts and walk panels go: stdout on a terminal, else stderr, else the terminal
    itself (`upayhelp diagnose > result.txt 2> log.txt`): stdout holds only the result."""
    for stream in (sys.stdout, sys.stderr):
        if stream.isatty():
            return stream
    if not _TTY:
        try:
            _TTY.append(open("/dev/tty", "w", encoding="utf-8"))  # noqa: SIM115 - kept open
        except OSError:
            _TTY.append(sys.stderr)
    return _TTY[0]


def make_asker(
    lang: Lang,
    plain: bool = False,
    *,
    own_process: bool = False,
    on_first_draw: Callable[[], None] | None = None,
) -> Asker:
    """The asker for this terminal. `on_first_draw` runs once, as soon as the first question is
    on the screen and before a key is read (it must not raise). `own_process`: upayhelp is the
    program (its console script), not a library inside another one."""
    if not plain:
        _import_questionary(without_tls=own_process)  # now, so its objects are frozen below
    # An interactive walk runs for minutes: the collector (paused by upayhelp.__main__ for
    # start-up) runs again once the first question is on screen and answered, leaving what
    # start-up made out of its passes.
    gc.freeze()
    if plain:
        return PlainAsker(lang, on_first_draw=on_first_draw)
    return QuestionaryAsker(lang, on_first_draw=on_first_draw)


def _import_questionary(without_tls: bool = False) -> None:
    """Import questionary, and with it prompt_toolkit and asyncio; `without_tls`: without
    loading OpenSSL.

    asyncio imports `ssl` only if it can (Python can be built without it), for encrypted
    connections, and a prompt makes none. Loading OpenSSL costs ~5 ms of every first question,
    so in upayhelp's own process `ssl` is refused while questionary is imported, as on such a
    build. asyncio then keeps no TLS support for the rest of the process (`ssl` itself can be
    imported again); nothing in upayhelp uses it. A program that embeds upayhelp keeps it."""
    if "questionary" in sys.modules:
        return
    blocked = without_tls and "ssl" not in sys.modules
    if blocked:
        sys.modules["ssl"] = None  # type: ignore[assignment] # the documented way to refuse
    try:
        import questionary  # noqa: F401
    finally:
        if blocked and "ssl" in sys.modules and sys.modules["ssl"] is None:
            del sys.modules["ssl"]


def _collect_again() -> None:
    """The cyclic collector on again, once the first question has been drawn and answered
    (drawing it makes thousands of objects and no garbage worth a pass)."""
    if not gc.isenabled():
        gc.enable()


def _columns(stream: IO[str]) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return shutil.get_terminal_size(fallback=(80, 24)).columns


def _overflows(message: str, answers: Sequence[str], width: int) -> bool:
    """Whether "? MESSAGE ANSWER" would run past the edge for one of `answers`."""
    from upayhelp.output.layout import cells

    last = cells(message.rsplit("\n", 1)[-1]) + (2 if "\n" not in message else 0)
    longest = max((cells(a) for a in answers), default=0)
    return last + 1 + longest >= width


def _fit(example: str, width: int) -> str:
    """A placeholder on one line: "(e.g. A, B)" becomes "(e.g. A)" on a narrow terminal
    (prompt_toolkit would fold it at the edge, a bracket alone on the next line)."""
    from upayhelp.output.layout import cells

    for sep in ("、", ", "):
        if cells(example) > width and sep in example:
            example = example.split(sep)[0] + example[-1]
    return example


def _wrapped(text: str, width: int, indent: int = 0) -> str:
    """`text` wrapped at word or character boundaries; continuation lines indented."""
    from upayhelp.output.layout import wrap

    lines = wrap(clean(text), max(width - indent, 10))
    return ("\n" + " " * indent).join(lines)


class QuestionaryAsker:
    """The real prompts: arrow keys or number keys, then Enter, on a terminal."""

    def __init__(
        self,
        lang: Lang = "en",
        on_first_draw: Callable[[], None] | None = None,
        **prompt_options: Any,
    ) -> None:
        # `input`/`output` (prompt_toolkit) let tests drive the real prompts through a pipe.
        self.lang = lang
        self.prompt_options = prompt_options
        self._on_first_draw = on_first_draw

    @property
    def width(self) -> int:
        """The terminal's width now (it may have been resized since the last question)."""
        return 80 if "output" in self.prompt_options else _columns(prompt_stream())

    def _options(self) -> dict[str, Any]:
        if "output" in self.prompt_options or sys.stdout.isatty():
            return self.prompt_options
        from prompt_toolkit.output import create_output

        stream = cast("TextIO", prompt_stream())
        return {**self.prompt_options, "output": create_output(stdout=stream)}

    def _below(self, hint: str) -> str:
        """A hint on its own lines under the question, so neither is cut mid-word."""
        return "\n  " + _wrapped(hint, self.width - 2, indent=2)

    def select(
        self,
        message: str,
        choices: Sequence[Choice],
        hint: str | None = None,
        default: str | None = None,
    ) -> str:
        import questionary
        from questionary.prompts.common import InquirerControl

        items = []
        own_keys: dict[str, int] = {}  # keys questionary cannot bind, such as "<"
        for index, choice in enumerate(choices):
            title = _wrapped(choice.title, self.width, indent=6)
            shortcut: str | bool = choice.key or True
            if choice.key and choice.key not in InquirerControl.SHORTCUT_KEYS:
                own_keys[choice.key] = index
                shortcut = False  # its key is set once questionary has checked the others
            items.append(questionary.Choice(title, choice.value, shortcut_key=shortcut))
        keys = t("keys-select", self.lang)
        instruction = (self._below(hint) if hint else "") + self._below(keys)
        pointed = default if any(c.value == default for c in choices) else None
        text = _wrapped(message, self.width - 2, indent=2)
        if _overflows(text, [c.title for c in choices], self.width):
            # the answer is shown after the question once picked: on a line of its own
            text += "\n "
            instruction = instruction.lstrip("\n ")
        question = questionary.select(
            text,
            choices=items,
            default=pointed,
            instruction=instruction,
            use_shortcuts=True,
            use_jk_keys=False,
            **self._options(),
        )
        _bind_own_keys(question, own_keys)
        return str(self._ask(question))

    def text(
        self,
        message: str,
        validate: Validator,
        hint: str | None = None,
        default: str = "",
        placeholder: str | None = None,
        conceal: Callable[[str], bool] | None = None,
    ) -> str:
        import questionary
        from prompt_toolkit.application import get_app
        from prompt_toolkit.filters import Condition
        from prompt_toolkit.formatted_text import FormattedText

        extra: dict[str, Any] = {}
        if placeholder:
            placeholder = _fit(placeholder, self.width - 4)
            shown = FormattedText([("fg:ansibrightblack italic", placeholder)])
            # gone once answered: an empty answer must not read as the example
            extra["placeholder"] = lambda: FormattedText() if get_app().is_done else shown
        if conceal is not None:
            hide = conceal

            @Condition
            def secret_answer() -> bool:
                app = get_app()
                return app.is_done and hide(app.current_buffer.text)

            # the answer line drawn last shows •••• instead of a card number or a code
            extra["is_password"] = secret_answer
        typed = default
        while True:
            question = questionary.text(
                _wrapped(message, self.width - 2, indent=2),
                default=typed,
                # the hint under the question, and the answer on a line of its own
                instruction=(self._below(hint) if hint else "") + "\n  ›",
                **extra,
                **self._options(),
            )
            typed = str(self._ask(question))
            problem = validate(typed)
            if problem is None:
                return typed
            # under the answer, wrapped (prompt_toolkit's one-line toolbar cuts it off at the
            # edge), and the question again with what was typed, to be corrected
            self._error(problem)

    def _error(self, problem: str) -> None:
        from prompt_toolkit import print_formatted_text
        from prompt_toolkit.formatted_text import FormattedText

        text = "  " + _wrapped("✗ " + problem, self.width - 2, indent=4)
        output = self._options().get("output")
        print_formatted_text(FormattedText([("fg:ansired bold", text)]), output=output)

    def confirm(self, message: str) -> bool:
        import questionary

        question = questionary.confirm(message, default=False, auto_enter=False, **self._options())
        # questionary shows "(y/N)"; the answer itself is typed as y/n in either language.
        return bool(self._ask(question))

    def _ask(self, question: Any) -> Any:
        _close_on_ctrl_d(question)
        if self._on_first_draw is not None:
            drawn, self._on_first_draw = self._on_first_draw, None
            _after_first_render(question.application, drawn)
        try:
            answer = question.unsafe_ask()
        except KeyboardInterrupt:
            raise Interrupted("interrupted") from None
        except EOFError:
            raise Interrupted("input closed") from None
        finally:
            _collect_again()
        if answer is None:  # pragma: no cover - questionary's own abort path
            raise Interrupted("interrupted")
        return answer


def _after_first_render(application: Any, callback: Callable[[], None]) -> None:
    """Run `callback` once, right after `application` has drawn its first frame."""
    pending = [callback]

    def rendered(_: Any) -> None:
        while pending:
            pending.pop()()

    application.after_render += rendered


def _bind_own_keys(question: Any, keys: dict[str, int]) -> None:
    """Each key picks its choice at once (`<`: back to the list of answers)."""
    if not keys:
        return
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from questionary.prompts.common import InquirerControl

    application = question.application
    control = next(
        c for c in application.layout.find_all_controls() if isinstance(c, InquirerControl)
    )
    bindings = KeyBindings()
    for key, index in keys.items():
        control.choices[index].shortcut_key = key  # shown as "<) …"

        def pick(event: Any, index: int = index) -> None:
            control.pointed_at = index
            control.is_answered = True
            event.app.exit(result=control.get_pointed_at().value)

        bindings.add(key, eager=True)(pick)
    application.key_bindings = merge_key_bindings([application.key_bindings, bindings])


def _close_on_ctrl_d(question: Any) -> None:
    """Ctrl-D ends the walk at a list too (prompt_toolkit only does that for empty text)."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _closed(event: Any) -> None:
        if not event.app.current_buffer.text:
            event.app.exit(exception=EOFError(), style="class:aborting")
        else:
            event.app.current_buffer.delete()

    application = question.application
    existing = application.key_bindings
    application.key_bindings = (
        merge_key_bindings([existing, bindings]) if existing is not None else bindings
    )


def _bare(title: str) -> str:
    """A title without its decorative arrow or cross, which a screen reader would spell out."""
    if len(title) > 2 and title[0] in "←↺✕☰" and title[1] == " ":
        return title[2:]
    return title


class PlainAsker:
    """Numbered lines and a plain line prompt: nothing is redrawn, so a screen reader or a dumb
    terminal reads it as it comes. Back, Start over and Quit are typed as b, r and q."""

    def __init__(
        self,
        lang: Lang = "en",
        input: IO[str] | None = None,
        output: IO[str] | None = None,
        on_first_draw: Callable[[], None] | None = None,
    ) -> None:
        self.lang = lang
        self.input = input or sys.stdin
        self.output = output or prompt_stream()
        self.width = _columns(self.output)
        self._on_first_draw = on_first_draw

    def _write(self, text: str) -> None:
        self.output.write(text)
        self.output.flush()

    def _line(self, prompt: str) -> str:
        self._write(prompt)
        if self._on_first_draw is not None:
            drawn, self._on_first_draw = self._on_first_draw, None
            drawn()
        try:
            line = self.input.readline()
        except KeyboardInterrupt:
            _collect_again()
            self._write("\n")
            raise Interrupted("interrupted") from None
        _collect_again()
        if not line:
            self._write("\n")
            raise Interrupted("input closed")
        return line.rstrip("\r\n")

    def _say(self, text: str, indent: int = 0) -> None:
        self._write(" " * indent + _wrapped(text, self.width, indent) + "\n")

    def select(
        self,
        message: str,
        choices: Sequence[Choice],
        hint: str | None = None,
        default: str | None = None,
    ) -> str:
        self._write("\n")
        self._say(message)
        if hint:
            self._say(hint, 2)
        numbered = [c for c in choices if c.key is None]
        keyed = [c for c in choices if c.key is not None]
        for number, choice in enumerate(numbered, 1):
            self._say(f"{number}) {_bare(choice.title)}", 2)
        if keyed:
            self._say("   ".join(f"{c.key}) {_bare(c.title)}" for c in keyed), 2)
        chosen = next((c for c in choices if c.value == default), None)
        if chosen is None and numbered:
            chosen = numbered[0]
        label = ""
        if chosen is not None:
            label = str(numbered.index(chosen) + 1) if chosen in numbered else str(chosen.key)
        ask = t(
            "plain-choose",
            self.lang,
            last=len(numbered),
            keys=", ".join(str(c.key) for c in keyed),
        )
        prompt = f"{ask} [{label}]: " if label else f"{ask}: "
        while True:
            typed = self._line(prompt).strip().casefold()
            if not typed and chosen is not None:
                return chosen.value
            if typed.isdigit() and typed.isascii() and 1 <= int(typed) <= len(numbered):
                return numbered[int(typed) - 1].value
            for choice in keyed:
                if typed == str(choice.key).casefold():
                    return choice.value
            self._say(t("plain-invalid", self.lang, last=len(numbered)), 2)

    def text(
        self,
        message: str,
        validate: Validator,
        hint: str | None = None,
        default: str = "",
        placeholder: str | None = None,
        conceal: Callable[[str], bool] | None = None,
    ) -> str:
        # a line already echoed by the terminal cannot be taken back: `conceal` is not used
        self._write("\n")
        self._say(message)
        notes = [n for n in (placeholder, hint) if n]
        if default:
            notes.append(t("plain-current", self.lang, value=default))
        for note in notes:
            self._say(note, 2)
        while True:
            value = self._line("> ")
            if not value.strip() and default:
                value = default
            problem = validate(value)
            if problem is None:
                return value
            self._say(problem, 2)

    def confirm(self, message: str) -> bool:
        answer = self._line(f"{message} (y/N): ").strip().casefold()
        return answer in ("y", "yes", "是", "是的", "好")
