"""An asker's `on_first_draw`: work that waits until the first question is on the screen."""

from __future__ import annotations

import io

from prompt_toolkit.application import get_app
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from questionary.prompts.common import InquirerControl

from upayhelp.prompts import Choice, PlainAsker, QuestionaryAsker

CHOICES = [Choice("Yes", "yes"), Choice("No", "no")]


def test_plain_asker_runs_it_between_the_question_and_reading_the_answer() -> None:
    events: list[str] = []

    class Output(io.StringIO):
        def write(self, text: str) -> int:
            events.append("write")
            return super().write(text)

    class Input(io.StringIO):
        def readline(self, size: int | None = -1) -> str:
            events.append("read")
            return super().readline(size)

    asker = PlainAsker(
        "en", input=Input("2\n1\n"), output=Output(), on_first_draw=lambda: events.append("drawn")
    )
    assert asker.select("Is it working?", CHOICES) == "no"
    assert asker.select("And now?", CHOICES) == "yes"
    assert events.count("drawn") == 1  # once, for the first question only
    at = events.index("drawn")
    assert events[at - 1] == "write"
    assert events[at + 1] == "read"
    assert "read" not in events[:at]


def test_real_prompt_runs_it_once_the_first_frame_is_drawn_before_a_key_is_handled() -> None:
    seen: list[tuple[int, int]] = []  # (frames drawn, the answer under the cursor)

    def drawn() -> None:
        app = get_app()
        [control] = [c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl)]
        seen.append((app.render_counter, control.pointed_at))

    with create_pipe_input() as pipe:
        pipe.send_text("\x1b[B\r\r")  # down and Enter; then Enter
        asker = QuestionaryAsker(input=pipe, output=DummyOutput(), on_first_draw=drawn)
        assert asker.select("Is it working?", CHOICES) == "no"
        assert asker.select("And now?", CHOICES) == "yes"
    # once, after the first frame, while "Yes" was still under the cursor
    assert seen == [(1, 0)]


def test_no_callback_no_change() -> None:
    with create_pipe_input() as pipe:
        pipe.send_text("\r")
        asker = QuestionaryAsker(input=pipe, output=DummyOutput())
        assert asker.select("Is it working?", CHOICES) == "yes"
