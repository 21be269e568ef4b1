"""The commands, one module per group; `upayhelp.app.register` imports them."""
