"""What reaches the logs: one line per record, whatever a request put in it, and no flood
of tracebacks that any client can cause.

Used by the ``LOGGING`` setting and by gunicorn's access log (gunicorn.conf.py).
"""

import logging
import time


def escaped(text: str) -> str:
    """``text`` with control characters written as escapes (``\\n`` as ``\\x0a``), so a
    value taken from a request (a path with ``%0a``, ``%00``) cannot forge a second line
    or put raw bytes in a log."""
    return "".join(char if char.isprintable() else f"\\x{ord(char):02x}" for char in text)


class OneLine(logging.Filter):
    """Every record as one line: its message with control characters escaped."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = escaped(record.getMessage()), ()
        return True


class OncePerMinute(logging.Filter):
    """For a logger any client can trigger on every request (a ``Host`` header the site does
    not serve): at most one record a minute per process, at WARNING, without a traceback."""

    interval = 60.0

    def __init__(self) -> None:
        super().__init__()
        self._last = -self.interval

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        if now - self._last < self.interval:
            return False
        self._last = now
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        record.msg = f"{record.getMessage()} (more like it in the next minute go unlogged)"
        record.args = ()
        return True
