"""The only module that imports questionary: prompts behind the `Asker` protocol.

Questionary (and prompt_toolkit under it) costs ~140 ms to import, so it is imported only when a
prompt is actually shown. `unsafe_ask()` lets Ctrl-C and Ctrl-D reach us as exceptions, which
become `Interrupted` (exit 130) instead of questionary printing and returning None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from upayhelp.errors import Interrupted
from upayhelp.sanitize import clean


@dataclass(frozen=True)
class Choice:
    """One entry of a single-choice list; `value` is what the asker returns."""

    title: str
    value: str


Validator = Callable[[str], "str | None"]  # None when valid, else the reason


class Asker(Protocol):
    """What the interactive walk needs from a prompt library."""

    def select(self, message: str, choices: Sequence[Choice], hint: str | None = None) -> str:
        """One value out of `choices`."""
        ...

    def text(self, message: str, validate: Validator, hint: str | None = None) -> str:
        """A line of text that `validate` accepts."""
        ...


class QuestionaryAsker:
    """The real prompts: arrow keys and Enter, on a terminal."""

    def __init__(self, **prompt_options: Any) -> None:
        # `input`/`output` (prompt_toolkit) let tests drive the real prompts through a pipe.
        self.prompt_options = prompt_options

    def select(self, message: str, choices: Sequence[Choice], hint: str | None = None) -> str:
        import questionary

        items = [questionary.Choice(clean(c.title, keep_newlines=False), c.value) for c in choices]
        question = questionary.select(
            clean(message, keep_newlines=False),
            choices=items,
            instruction=hint,
            **self.prompt_options,
        )
        return str(self._ask(question))

    def text(self, message: str, validate: Validator, hint: str | None = None) -> str:
        import questionary

        def check(value: str) -> bool | str:
            problem = validate(value)
            return True if problem is None else problem

        question = questionary.text(
            clean(message, keep_newlines=False),
            validate=check,
            instruction=hint,
            **self.prompt_options,
        )
        return str(self._ask(question))

    @staticmethod
    def _ask(question: Any) -> Any:
        _close_on_ctrl_d(question)
        try:
            answer = question.unsafe_ask()
        except KeyboardInterrupt:
            raise Interrupted("interrupted") from None
        except EOFError:
            raise Interrupted("input closed") from None
        if answer is None:  # pragma: no cover - questionary's own abort path
            raise Interrupted("interrupted")
        return answer


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
