"""The commands, one module per group; importing this package registers them on `cli.app`."""

from upayhelp.commands import diagnose, flows

__all__ = ["diagnose", "flows"]
