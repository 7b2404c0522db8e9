import io

import av
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import ERROR_NOT_A_VIDEO, VideoFileValidator


def tiny_video(container: str = "mp4", codec: str = "mpeg4") -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=container) as output:
        stream = output.add_stream(codec, rate=5)
        stream.width = stream.height = 32
        stream.pix_fmt = "yuv420p"
        for index in range(5):
            frame = av.VideoFrame(32, 32, "yuv420p")
            for plane in frame.planes:
                plane.update(bytes([index * 40]) * plane.buffer_size)
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode():
            output.mux(packet)
    return buffer.getvalue()


def test_a_real_video_passes_and_the_file_is_left_at_its_start():
    upload = SimpleUploadedFile("clip.mp4", tiny_video(), content_type="video/mp4")
    VideoFileValidator()(upload)
    assert upload.tell() == 0


@pytest.mark.parametrize(
    "content",
    [b"not a video at all" * 100, b"\x00" * 4096, b"<?xml version='1.0'?><svg/>"],
)
def test_a_file_named_mp4_that_is_no_video_is_refused(content):
    with pytest.raises(ValidationError) as error:
        VideoFileValidator()(SimpleUploadedFile("clip.mp4", content))
    assert error.value.messages == [str(ERROR_NOT_A_VIDEO)]


def test_an_image_sequence_container_without_video_is_refused():
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="wav") as output:
        stream = output.add_stream("pcm_s16le", rate=8000)
        frame = av.AudioFrame(format="s16", layout="mono", samples=800)
        frame.planes[0].update(bytes(frame.planes[0].buffer_size))
        frame.sample_rate = 8000
        for packet in stream.encode(frame):
            output.mux(packet)
    with pytest.raises(ValidationError):
        VideoFileValidator()(SimpleUploadedFile("sound.mp4", buffer.getvalue()))


def test_a_video_over_the_limit_is_refused_before_it_is_read(settings):
    settings.VIDEO_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        VideoFileValidator()(SimpleUploadedFile("clip.mp4", b"x" * 2000))
    assert error.value.code == "video_too_large"
