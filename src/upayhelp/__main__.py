"""`python -m upayhelp` and the console script.

Start-up makes many objects and no garbage, so the cyclic garbage collector is paused before
anything is imported (its passes cost 10-20 ms of every start); `resume_gc` starts it again,
with what start-up made frozen, where a command runs for long: an interactive walk, a batch.
"""

import gc


def main() -> None:
    """Run upayhelp with the collector paused during start-up."""
    gc.disable()
    from upayhelp.app import main as run

    run()


if __name__ == "__main__":
    main()
