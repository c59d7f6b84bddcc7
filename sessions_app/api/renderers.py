from rest_framework import renderers

_MULTIPART_FORM = 'enctype="multipart/form-data"'
_URLENCODED_FORM = 'enctype="application/x-www-form-urlencoded"'


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's browsable API, with its HTML forms posting URL-encoded: its template writes
    multipart into every form tag, and no route takes multipart (no field is a file;
    ``interview_practice.wsgi`` refuses it before reading the body)."""

    def render(self, data, accepted_media_type=None, renderer_context=None) -> str:
        page = super().render(data, accepted_media_type, renderer_context)
        return page.replace(_MULTIPART_FORM, _URLENCODED_FORM)
