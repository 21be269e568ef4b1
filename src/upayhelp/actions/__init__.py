"""What the commands do; imported only when a command runs, to keep start-up fast."""
