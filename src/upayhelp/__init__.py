"""upayhelp: a troubleshooting assistant for UPay wallet users."""

__version__ = "0.1.0"
