"""The interactive walk: scripted through an Asker fake, and through prompt_toolkit's pipe input
driving the real questionary prompts."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from upayhelp.commands.walk import interactive_walk
from upayhelp.content.load import content_layers, load
from upayhelp.engine import Session
from upayhelp.output.terminal import make_console
from upayhelp.prompts import Choice, QuestionaryAsker, Validator

CONTENT = load(content_layers(())).content
DOWN, ENTER = "\x1b[B", "\r"


class ScriptedAsker:
    """Answers prompts from a script: a choice's value or title, or typed text."""

    def __init__(self, script: Sequence[str]) -> None:
        self.script = list(script)
        self.asked: list[tuple[str, list[str]]] = []
        self.defaults: list[str | None] = []

    def select(
        self,
        message: str,
        choices: Sequence[Choice],
        hint: str | None = None,
        default: str | None = None,
    ) -> str:
        self.asked.append((message, [c.value for c in choices]))
        self.defaults.append(default)
        want = self.script.pop(0)
        if want == "":  # Enter alone
            return default if default is not None else choices[0].value
        for choice in choices:
            if want in (choice.value, choice.title):
                return choice.value
        raise AssertionError(f"{want!r} is not among {[c.value for c in choices]} at {message!r}")

    def text(
        self,
        message: str,
        validate: Validator,
        hint: str | None = None,
        default: str = "",
        placeholder: str | None = None,
        conceal: Callable[[str], bool] | None = None,
    ) -> str:
        self.asked.append((message, []))
        self.defaults.append(default)
        value = self.script.pop(0)
        assert validate(value) is None, f"{value!r} rejected at {message!r}"
        return value

    def confirm(self, message: str) -> bool:
        self.asked.append((message, ["y", "n"]))
        return self.script.pop(0) == "y"


def _walk(
    flow_id: str, script: Sequence[str], tmp_path: Path | None = None
) -> tuple[Session, ScriptedAsker, str]:
    session = Session(CONTENT.flows[flow_id])
    asker = ScriptedAsker(script)
    out = io.StringIO()
    interactive_walk(session, CONTENT, "en", None, False, asker, make_console(out, width=100))
    assert asker.script == [], "every scripted answer was used"
    return session, asker, out.getvalue()


def test_walk_to_resolved_then_quit() -> None:
    session, asker, shown = _walk("recharge", ["1", "yes", ":quit"])
    assert session.outcome is not None
    assert session.outcome.result == "resolved"
    assert "Try this" in shown
    # Back is offered from the second question on, never on the first
    assert ":back" not in asker.asked[0][1]
    assert ":back" in asker.asked[1][1]
    assert {":restart", ":quit"} <= set(asker.asked[0][1])


def test_back_and_start_over() -> None:
    session, _, _ = _walk("recharge", ["1", ":back", "1", ":restart", "0", ":quit"])
    assert session.path[0] == "network"
    assert len(session.steps) == 1


def test_quit_at_a_question_leaves_the_state() -> None:
    session, _, _ = _walk("recharge", ["0", ":quit"])
    assert session.current.id == "method"


def test_change_an_earlier_answer_at_the_outcome() -> None:
    session, asker, _ = _walk("recharge", ["1", "yes", ":change", "1", "no", ":quit"])
    assert asker.asked[3][0] == "Which answer do you want to change?"
    assert [(s.node, s.value) for s in session.steps] == [("network", 1), ("fix-network", "no")]
    assert session.current.id == "method"
    assert not session.done


def test_save_the_summary_from_the_menu(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    session, _, shown = _walk("recharge", ["1", "yes", ":save", str(target), ":quit"])
    assert target.read_text(encoding="utf-8").startswith("# UPay support request")
    assert session.done
    del shown


def test_input_nodes_mask_secrets_and_warn() -> None:
    from upayhelp.engine import routes

    flow = CONTENT.flows["dispute"]
    route = next(
        r
        for r in routes(flow)
        if any(getattr(flow.nodes[s.node], "format", "") == "text" for s in r.steps)
    )
    script: list[str] = []
    for step in route.steps:
        node = flow.nodes[step.node]
        if node.type == "question" or node.type == "advice":
            script.append(str(step.value))
        elif node.format == "text":  # type: ignore[union-attr]
            script.append("code 123456 from 4111 1111 1111 1111")
        else:
            script.append(step.value if isinstance(step.value, str) else "")
    script.append(":quit")
    session = Session(flow)
    asker = ScriptedAsker(script)
    out = io.StringIO()
    interactive_walk(session, CONTENT, "en", None, False, asker, make_console(out, width=100))
    shown = out.getvalue()
    assert "looks like a verification code or card number" in shown
    assert "Removed" in shown
    assert "123456" not in shown
    assert "4111" not in shown
    facts = "\n".join(session.facts.values())
    assert "code from" in facts
    assert "123456" not in facts


# -- the real prompts, through a pipe ---------------------------------------------------------


def _piped_walk(keys: str, flow_id: str = "recharge") -> Session:
    session = Session(CONTENT.flows[flow_id])
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        asker = QuestionaryAsker(input=pipe, output=DummyOutput())
        interactive_walk(
            session, CONTENT, "en", None, False, asker, make_console(io.StringIO(), width=80)
        )
    return session


def test_pipe_input_arrow_keys_to_an_outcome() -> None:
    # network: down → "No, or not sure"; advice: up → solved (Enter alone says "not solved");
    # outcome menu: Enter finishes
    session = _piped_walk(DOWN + ENTER + "\x1b[A" + ENTER + ENTER)
    assert session.outcome is not None
    assert session.outcome.result == "resolved"
    assert [s.node for s in session.steps] == ["network", "fix-network"]


def test_pipe_input_back_and_start_over() -> None:
    # first question: Enter (option 1); second: move to Back and Enter; first again: Enter;
    # second: move to Quit
    method = CONTENT.flows["recharge"].nodes["method"]
    options = len(method.options)  # type: ignore[union-attr]
    back = DOWN * options
    quit_ = "q"
    session = _piped_walk(ENTER + back + ENTER + ENTER + quit_ + ENTER)
    assert [s.node for s in session.steps] == ["network"]


def test_ctrl_c_at_a_prompt_is_interrupted() -> None:
    from upayhelp.errors import Interrupted

    with pytest.raises(Interrupted):
        _piped_walk("\x03")
