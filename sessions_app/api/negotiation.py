from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer


class ContentNegotiation(DefaultContentNegotiation):
    """DRF's negotiation, but an unknown ``?format=`` is 406 ``NOT_ACCEPTABLE``: DRF raises
    a 404, which on a session's URL would read as "session not found"."""

    def filter_renderers(self, renderers: list[BaseRenderer], format: str) -> list[BaseRenderer]:
        matching = [renderer for renderer in renderers if renderer.format == format]
        if not matching:
            formats = ", ".join(renderer.format for renderer in renderers)
            raise NotAcceptable(f"Unknown format {format!r}; use one of: {formats}.")
        return matching
