"""`python -m upayhelp`."""

from upayhelp.app import main

if __name__ == "__main__":
    main()
