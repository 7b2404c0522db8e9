"""Print, as JSON, every live demo lesson with its step count and the queries its page takes.

Run by bench/page_weight.py against the bench site's database (dev settings).
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "literacy.settings.dev")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from courses.models import LessonPage  # noqa: E402


def main() -> None:
    client = Client()
    lessons = list(LessonPage.objects.live().public().order_by("path"))
    rows = []
    for lesson in lessons:
        url = lesson.get_url()
        client.get(url)  # renditions and per-process caches, as a running site has them
    for lesson in lessons:
        url = lesson.get_url()
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        steps = sum(1 for block in lesson.steps if block.block_type == "step")
        videos = sum(
            1
            for block in lesson.steps
            if block.block_type == "video"
            or (block.block_type == "step" and block.value.get("video"))
        )
        rows.append(
            {
                "url": url,
                "title": lesson.title,
                "locale": lesson.locale.language_code,
                "steps": steps,
                "videos": videos,
                "questions": len(lesson.questions),
                "status": status,
                "queries": len(queries),
            }
        )
    json.dump(rows, sys.stdout)


if __name__ == "__main__":
    main()
