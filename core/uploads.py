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


ERROR_PHOTO_TOO_LARGE = _("The photo is %(size)s; the limit is %(limit)s.")
ERROR_NOT_A_PHOTO = _("This file is not a photo we can read. Send a JPEG, PNG or WebP picture.")
ERROR_PHOTO_TOO_MANY_PIXELS = _(
    "The photo is too large (%(pixels)s megapixels); the limit is %(limit)s."
)
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# A kept photo is re-encoded this size at most: enough to read a button's label.
PHOTO_KEPT_EDGE = 1600


def _open_photo(file):
    from PIL import Image, UnidentifiedImageError

    file.seek(0)
    try:
        image = Image.open(file)
        image_format = image.format
        width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(ERROR_NOT_A_PHOTO, code="not_a_photo") from error
    if image_format not in PHOTO_FORMATS:
        raise ValidationError(ERROR_NOT_A_PHOTO, code="not_a_photo")
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    if width * height > limit:
        raise ValidationError(
            ERROR_PHOTO_TOO_MANY_PIXELS,
            code="photo_too_many_pixels",
            params={"pixels": round(width * height / 1e6), "limit": round(limit / 1e6)},
        )
    return image


@deconstructible
class PhotoFileValidator:
    """Refuses what the image library would refuse: a file over WAGTAILIMAGES_MAX_UPLOAD_SIZE,
    more pixels than WAGTAILIMAGES_MAX_IMAGE_PIXELS, or anything Pillow does not read as a
    JPEG, PNG, WebP or GIF picture (judged by the content, not the name)."""

    def __call__(self, file) -> None:
        limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
        if file.size is not None and file.size > limit:
            raise ValidationError(
                ERROR_PHOTO_TOO_LARGE,
                code="photo_too_large",
                params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            )
        position = file.tell() if hasattr(file, "tell") else 0
        try:
            image = _open_photo(file)
            try:
                image.verify()
            except Exception as error:  # Pillow raises many kinds for bad data
                raise ValidationError(ERROR_NOT_A_PHOTO, code="not_a_photo") from error
        finally:
            file.seek(position)

    def __eq__(self, other) -> bool:
        return isinstance(other, PhotoFileValidator)


def photo_reencoded(file) -> bytes:
    """`file` (already validated) as a JPEG at most PHOTO_KEPT_EDGE pixels on its longer side,
    without its metadata (a phone photo's EXIF may hold where it was taken)."""
    import io

    from PIL import ImageOps

    image = _open_photo(file)
    try:
        image = ImageOps.exif_transpose(image)  # keep it upright once EXIF is gone
        image.thumbnail((PHOTO_KEPT_EDGE, PHOTO_KEPT_EDGE))
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="JPEG", quality=80)
    except (OSError, ValueError) as error:
        raise ValidationError(ERROR_NOT_A_PHOTO, code="not_a_photo") from error
    finally:
        file.seek(0)
    return buffer.getvalue()
