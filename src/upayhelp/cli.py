"""The complete command-line application, every command registered (for `CliRunner` and for
anyone embedding it); the console script starts from `upayhelp.app.main`, which registers only
the command it runs."""

from __future__ import annotations

from upayhelp.app import (
    SCHEMA_VERSION,
    DirsOpt,
    Env,
    JsonOpt,
    LangOpt,
    State,
    app,
    env,
    fail,
    flows_app,
    main,
    print_json,
    register,
)

register()

__all__ = [
    "SCHEMA_VERSION",
    "DirsOpt",
    "Env",
    "JsonOpt",
    "LangOpt",
    "State",
    "app",
    "env",
    "fail",
    "flows_app",
    "main",
    "print_json",
]
