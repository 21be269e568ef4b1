"""The commands, one module per group; importing this package registers them on `cli.app`."""

from upayhelp.commands import answers, diagnose, flows, guard

__all__ = ["answers", "diagnose", "flows", "guard"]
