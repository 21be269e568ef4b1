"""One exception base, its subclasses and the documented exit codes."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from upayhelp.i18n import Message
from upayhelp.lang import Lang


class ExitCode(IntEnum):
    """The exit codes of PRODUCT.md."""

    OK = 0
    PROBLEM = 1
    USAGE = 2
    FLAGGED = 3
    INTERNAL = 70
    INTERRUPTED = 130


class UpayhelpError(Exception):
    """Base of every error the CLI reports as one line with its own exit code.

    The message is either text already in the user's language or a catalogue `Message`
    (raised where the language is not known); `text(lang)` gives it in the user's language,
    `message` in English for a `Message`."""

    exit_code: ExitCode = ExitCode.PROBLEM

    def __init__(self, message: str | Message, *, hint: str | None = None) -> None:
        text = message if isinstance(message, str) else message.render("en")
        super().__init__(text)
        self.message = text
        self.hint = hint
        self._message = message

    def text(self, lang: Lang) -> str:
        """The message in `lang` (text given already translated is returned as it is)."""
        message = self._message
        return message if isinstance(message, str) else message.render(lang)


class ContentError(UpayhelpError):
    """Content could not be loaded (invalid files); the linter lists the details."""


class NotFoundError(UpayhelpError):
    """A topic, FAQ entry or file the user named does not exist."""


class AmbiguousTopic(NotFoundError):
    """A topic that matches several flows equally well; on a terminal they are offered."""

    def __init__(self, message: str | Message, candidates: Sequence[str]) -> None:
        super().__init__(message)
        self.candidates = tuple(candidates)


class ReportError(UpayhelpError):
    """A report could not be written."""


class UsageError(UpayhelpError):
    """Wrong usage of a command."""

    exit_code = ExitCode.USAGE


class AnswerError(UsageError):
    """An answer does not fit the node it was given for; carries the valid choices."""

    def __init__(self, message: str | Message, *, node: str, choices: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.node = node
        self.choices = tuple(choices)


class PendingAnswer(UsageError):
    """A non-interactive walk needs an answer that was not given."""

    def __init__(self, message: str | Message, *, node: str) -> None:
        super().__init__(message)
        self.node = node


class Interrupted(UpayhelpError):
    """Ctrl-C, or input closed with Ctrl-D."""

    exit_code = ExitCode.INTERRUPTED
