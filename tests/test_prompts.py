"""`prompts.once_drawn`: work that waits until the first question is on the screen."""

from __future__ import annotations

import io

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from upayhelp.prompts import Choice, PlainAsker, QuestionaryAsker, once_drawn

CHOICES = [Choice("Yes", "yes"), Choice("No", "no")]


class _Log:
    def __init__(self) -> None:
        self.events: list[str] = []


def test_plain_asker_runs_it_between_the_question_and_reading_the_answer() -> None:
    log = _Log()

    class Output(io.StringIO):
        def write(self, text: str) -> int:
            log.events.append("write")
            return super().write(text)

    class Input(io.StringIO):
        def readline(self, size: int | None = -1) -> str:
            log.events.append("read")
            return super().readline(size)

    asker = PlainAsker("en", input=Input("2\n1\n"), output=Output())
    with once_drawn(lambda: log.events.append("drawn")):
        assert asker.select("Is it working?", CHOICES) == "no"
        assert asker.select("And now?", CHOICES) == "yes"
    assert log.events.count("drawn") == 1  # once, for the first question only
    at = log.events.index("drawn")
    assert log.events[at - 1] == "write"
    assert log.events[at + 1] == "read"
    assert "read" not in log.events[:at]


def test_real_prompt_runs_it_after_drawing_once() -> None:
    drawn: list[str] = []
    with create_pipe_input() as pipe:
        pipe.send_text("\r\r")
        asker = QuestionaryAsker(input=pipe, output=DummyOutput())
        with once_drawn(lambda: drawn.append("drawn")):
            assert asker.select("Is it working?", CHOICES) == "yes"
            assert drawn == ["drawn"]
            assert asker.select("And now?", CHOICES) == "yes"
    assert drawn == ["drawn"]


def test_it_runs_when_the_block_ends_without_a_question() -> None:
    drawn: list[str] = []
    try:
        with once_drawn(lambda: drawn.append("drawn")):
            raise LookupError("no such topic")
    except LookupError:
        pass
    assert drawn == ["drawn"]
    with once_drawn(lambda: drawn.append("again")):
        pass
    assert drawn == ["drawn", "again"]
