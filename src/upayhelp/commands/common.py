"""What several commands share: loading the content for the user's options."""

from __future__ import annotations

from upayhelp.cli import Env
from upayhelp.content.load import Loaded, content_layers, load
from upayhelp.errors import ContentError


def load_content(env: Env) -> Loaded:
    """The merged content; a ContentError naming the first problem when any file is invalid."""
    loaded = load(content_layers(env.content_dirs))
    errors = loaded.errors
    if errors:
        more = len(errors) - 1
        extra = f" (and {more} more; run 'upayhelp flows validate')" if more else ""
        raise ContentError(errors[0].render(env.lang) + extra)
    return loaded
