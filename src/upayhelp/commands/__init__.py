"""The commands, one module per group; importing this package registers them on `cli.app`."""

from upayhelp.commands import diagnose  # noqa: I001 - the order of `--help`
from upayhelp.commands import answers, guard, flows

__all__ = ["answers", "diagnose", "flows", "guard"]
