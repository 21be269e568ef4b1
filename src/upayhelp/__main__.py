"""`python -m upayhelp` and the console script.

Start-up makes many objects and no garbage, so the cyclic garbage collector is paused before
anything is imported (its passes cost 10-20 ms of every start); `resume_gc` starts it again,
with what start-up made frozen, where a command runs for long: an interactive walk, a batch.

A one-shot command also leaves without the interpreter's teardown (freeing every module and
object one by one: ~15-20 ms of a 90 ms `faq 2`), once its output is flushed and only when
nothing is left to run at exit: no exit handler registered, no other thread, no prompt shown.
"""

import gc
import os
import sys


def main() -> None:
    """Run upayhelp with the collector paused during start-up."""
    gc.disable()
    from upayhelp.app import main as run

    try:
        run()
    except SystemExit as exc:
        _leave_now(exc.code)
        raise
    _leave_now(0)


def _leave_now(code: object) -> None:
    """End the process at once with `code` when that skips nothing but freeing memory;
    otherwise return, and the interpreter exits as usual."""
    import atexit

    if code is None:
        code = 0
    pending = getattr(atexit, "_ncallbacks", None)
    if not isinstance(code, int) or pending is None or pending():
        return
    if "prompt_toolkit" in sys.modules:  # a terminal application ran: let it tidy up
        return
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return
    if sys.stdout is None or sys.stderr is None:  # started with a stream closed
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: the usual exit reports it as before
        return
    os._exit(code)


if __name__ == "__main__":
    main()
