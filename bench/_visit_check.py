"""Print, as JSON, how many of the uuids in a file (one a line) are stored as visits.

Run by bench/load.py against the bench site's database (dev settings).
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "literacy.settings.dev")

import django

django.setup()

from volunteers.models import Visit  # noqa: E402


def main(path: str) -> None:
    acknowledged = [line.strip() for line in Path(path).read_text().splitlines() if line.strip()]
    unique = set(acknowledged)
    stored = Visit.objects.filter(uuid__in=unique).count()
    print(json.dumps({"acknowledged": len(acknowledged), "unique": len(unique), "stored": stored}))


if __name__ == "__main__":
    main(sys.argv[1])
