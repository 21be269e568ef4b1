"""The web edition: `upayhelp export html` writes the decision trees as one self-contained page."""
