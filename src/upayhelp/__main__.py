"""`python -m upayhelp`."""

from upayhelp.cli import main

if __name__ == "__main__":
    main()
