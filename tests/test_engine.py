"""The session engine: unit tests on a small flow, and property tests on random valid flows."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upayhelp.engine import Session, Step, routes
from upayhelp.errors import AnswerError
from upayhelp.model import Advice, Flow, Input, Node, Option, Outcome, Question, Text


def _flow() -> Flow:
    nodes: dict[str, Node] = {
        "network": Question(
            "network",
            Text("网络正常吗？", "Network OK?"),
            (
                Option(Text("正常", "Yes"), "amount"),
                Option(Text("不正常", "No"), "fix"),
            ),
        ),
        "fix": Advice("fix", Text("换网络", "Switch networks"), "fixed", "amount"),
        "amount": Input("amount", "amount", "amount", Text("金额", "Amount"), "when"),
        "when": Input("when", "when", "date", Text("日期", "Date"), "contact", optional=True),
        "fixed": Outcome("fixed", "resolved", Text("好", "Good")),
        "contact": Outcome("contact", "escalate", Text("联系", "Contact"), ("app",)),
    }
    return Flow("t", Text("测试", "Test"), "network", nodes)


def test_walk_to_an_outcome_collects_facts() -> None:
    session = Session(_flow())
    assert session.current.id == "network"
    session.answer("no")
    session.answer("No")  # advice: not solved
    session.answer("¥128.50")
    session.answer("-")
    assert session.done
    assert session.outcome is not None
    assert session.outcome.id == "contact"
    assert session.path == ("network", "fix", "amount", "when", "contact")
    assert session.facts == {"amount": "¥128.50"}


@pytest.mark.parametrize("raw", ["1", "yes", "YES", " Yes ", "正常"])
def test_option_by_number_or_label_in_either_language(raw: str) -> None:
    session = Session(_flow())
    session.answer(raw)
    assert session.current.id == "amount"


@pytest.mark.parametrize("raw", ["0", "3", "maybe", "", "1.0"])
def test_unknown_option_lists_the_valid_ones(raw: str) -> None:
    session = Session(_flow())
    with pytest.raises(AnswerError) as info:
        session.answer(raw)
    assert info.value.choices == ("1=Yes", "2=No")
    assert session.steps == ()


def test_required_input_cannot_be_skipped_and_is_validated() -> None:
    session = Session(_flow())
    session.answer("1")
    with pytest.raises(AnswerError, match="cannot be skipped"):
        session.answer("-")
    with pytest.raises(AnswerError, match="amount"):
        session.answer("lots")
    session.answer("100")
    with pytest.raises(AnswerError, match="date"):
        session.answer("2026-02-30")
    session.answer("2026-02-28")
    assert session.facts == {"amount": "100", "when": "2026-02-28"}


def test_back_restart_and_rewind() -> None:
    session = Session(_flow())
    session.back()  # nothing to undo at the first question
    assert session.current.id == "network"
    session.answer("2")
    session.answer("no")
    session.back()
    assert session.current.id == "fix"
    session.answer("yes")
    assert session.outcome is not None
    assert session.outcome.result == "resolved"
    session.rewind(0)
    assert session.steps == ()
    session.answer("1")
    session.restart()
    assert session.path == ("network",)


def test_answering_after_the_outcome_is_an_error() -> None:
    session = Session(_flow())
    session.answer("2")
    session.answer("yes")
    with pytest.raises(AnswerError, match="over"):
        session.answer("1")


def test_routes_enumerate_every_way_to_an_outcome() -> None:
    flow = _flow()
    found = [(route.outcome, route.answers(flow)) for route in routes(flow)]
    assert found == [
        ("contact", [("network", "1"), ("amount", "100.00"), ("when", "-")]),
        ("fixed", [("network", "2"), ("fix", "yes")]),
        ("contact", [("network", "2"), ("fix", "no"), ("amount", "100.00"), ("when", "-")]),
    ]


# -- property tests ------------------------------------------------------------------------


@st.composite
def flows(draw: st.DrawFn) -> Flow:
    """Random valid flows: every node can reach an outcome (links go forward, plus back-edges
    from advice nodes whose other link goes forward)."""
    size = draw(st.integers(min_value=2, max_value=12))
    ids = [f"n{i}" for i in range(size)]
    nodes: dict[str, Node] = {}
    last = size - 1
    nodes[ids[last]] = Outcome(ids[last], "resolved", Text.plain("end"))
    for i in range(last - 1, -1, -1):
        forward = st.sampled_from(ids[i + 1 :])
        kind = draw(st.sampled_from(["question", "advice", "input", "outcome"]))
        node_id = ids[i]
        if kind == "question":
            count = draw(st.integers(min_value=1, max_value=4))
            options = tuple(Option(Text.plain(f"option {k}"), draw(forward)) for k in range(count))
            nodes[node_id] = Question(node_id, Text.plain("q?"), options)
        elif kind == "advice":
            back = draw(st.sampled_from(ids[: i + 1]))
            nodes[node_id] = Advice(node_id, Text.plain("try"), draw(forward), back)
        elif kind == "input":
            optional = draw(st.booleans())
            nodes[node_id] = Input(
                node_id, f"f{i}", "text", Text.plain("?"), draw(forward), optional
            )
        else:
            nodes[node_id] = Outcome(node_id, "escalate", Text.plain("end"), ("app",))
    return Flow("random", Text.plain("Random"), ids[0], nodes)


def _legal_move(session: Session, data: st.DataObject) -> None:
    node = session.current
    if isinstance(node, Question):
        session.choose(data.draw(st.integers(0, len(node.options) - 1)))
    elif isinstance(node, Advice):
        session.solved(data.draw(st.booleans()))
    elif isinstance(node, Input):
        value = data.draw(st.sampled_from(["value", None] if node.optional else ["value"]))
        session.provide(value)


@settings(max_examples=150, deadline=None)
@given(flows(), st.data())
def test_walk_invariants(flow: Flow, data: st.DataObject) -> None:
    session = Session(flow)
    for _ in range(data.draw(st.integers(0, 30))):
        if session.done:
            break
        before = (session.steps, session.current, session.path, session.facts)
        _legal_move(session, data)
        assert session.path[0] == flow.start
        assert session.done or not isinstance(session.current, Outcome)
        assert session.current.id in flow.nodes
        session.back()
        assert (session.steps, session.current, session.path, session.facts) == before
        _legal_move(session, data)
    if session.done:
        assert isinstance(session.outcome, Outcome)
    else:
        assert isinstance(session.current, (Question, Advice, Input))
    session.restart()
    assert session.current.id == flow.start
    assert session.path == (flow.start,)


@settings(max_examples=100, deadline=None)
@given(flows())
def test_every_route_replays_to_its_outcome(flow: Flow) -> None:
    for route in routes(flow):
        session = Session(flow)
        for node_id, answer in route.answers(flow):
            assert session.current.id == node_id
            session.answer(answer)
        assert session.outcome is not None
        assert session.outcome.id == route.outcome


@settings(max_examples=100, deadline=None)
@given(flows(), st.lists(st.text(max_size=12), max_size=20))
def test_random_text_answers_never_corrupt_the_state(flow: Flow, answers: list[str]) -> None:
    session = Session(flow)
    for raw in answers:
        before = session.steps
        try:
            session.answer(raw)
        except AnswerError:
            assert session.steps == before
        else:
            assert len(session.steps) == len(before) + 1
        assert isinstance(session.steps, tuple)
        assert all(isinstance(step, Step) for step in session.steps)
