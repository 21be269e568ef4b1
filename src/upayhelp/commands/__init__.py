"""One module per command, named after it; `upayhelp.app` loads each when it is run."""
