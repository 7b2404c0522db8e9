"""Counts lesson reads, also those the anonymous page cache answers."""

import logging

from django.db import DatabaseError

from .models.pages import READ_HEADER

logger = logging.getLogger(__name__)


class LessonReadsMiddleware:
    """Sits outside the page cache: a lesson page carries READ_HEADER (kept in the cached
    copy too); this counts the read and takes the header off before it leaves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        lesson_id = response.get(READ_HEADER)
        if lesson_id is not None:
            del response[READ_HEADER]
        if lesson_id and request.method == "GET" and response.status_code == 200:
            from .services.reads import lesson_read

            try:
                lesson_read(int(lesson_id))
            except (DatabaseError, ValueError):  # a count is never worth a failed page
                logger.exception("lesson read not counted")
        return response
