"""`upayhelp contacts [--topic TOPIC]`: the official contact channels."""

from typing import Annotated

import typer

from upayhelp.commands.common import (
    CONTACT_KINDS,
    DirsOpt,
    JsonOpt,
    LangOpt,
    command_app,
    complete_topic,
    env,
    load_content,
)
from upayhelp.output import reporter
from upayhelp.results import Contacts
from upayhelp.topics import find_flow, topic_channels

app = command_app()


@app.command("contacts")
def contacts(
    ctx: typer.Context,
    topic: Annotated[
        str | None,
        typer.Option(
            "--topic",
            help="Only the channels recommended for this topic, in order.",
            autocompletion=complete_topic,
        ),
    ] = None,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """List the official contact channels: how to reach each and what it is best for."""
    options = env(ctx, lang, content_dir)
    content = load_content(options, CONTACT_KINDS).content
    if topic is None:
        result = Contacts(options.lang, None, list(content.channels.values()))
    else:
        flow = find_flow(content, topic, options.lang)
        result = Contacts(options.lang, flow, topic_channels(content, flow.id))
    reporter(json_out).show(result)
