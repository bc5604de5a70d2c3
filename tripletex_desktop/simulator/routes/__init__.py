"""The handlers, registered on import with `dispatch.route`."""

from . import company, lines, sessions, travel

__all__ = ["company", "lines", "sessions", "travel"]
