"""Uploaded files checked by what they contain, not by their name."""

from __future__ import annotations

import av
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

ERROR_VIDEO_TOO_LARGE = _("The video is %(size)s; the limit is %(limit)s.")
ERROR_NOT_A_VIDEO = _("This file is not a video we can play (MP4 or WebM with a video track).")
# PyAV's names for the containers a phone's browser plays natively.
PLAYABLE_FORMATS = {"mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm"}


@deconstructible
class VideoFileValidator:
    """Refuses a file over VIDEO_MAX_UPLOAD_BYTES, or one PyAV cannot open as MP4/WebM with
    a video stream. Only the container's header is read, not the whole file."""

    def __call__(self, file) -> None:
        limit = settings.VIDEO_MAX_UPLOAD_BYTES
        if file.size is not None and file.size > limit:
            raise ValidationError(
                ERROR_VIDEO_TOO_LARGE,
                code="video_too_large",
                params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            )
        position = file.tell() if hasattr(file, "tell") else 0
        try:
            file.seek(0)
            with av.open(file, mode="r") as container:
                formats = set(container.format.name.split(","))
                has_video = any(stream.type == "video" for stream in container.streams)
        except (av.FFmpegError, OSError, ValueError, UnicodeDecodeError) as error:
            raise ValidationError(ERROR_NOT_A_VIDEO, code="not_a_video") from error
        finally:
            file.seek(position)
        if not has_video or not formats & PLAYABLE_FORMATS:
            raise ValidationError(ERROR_NOT_A_VIDEO, code="not_a_video")

    def __eq__(self, other) -> bool:
        return isinstance(other, VideoFileValidator)
