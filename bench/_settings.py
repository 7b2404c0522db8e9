"""Production settings with a throwaway STATIC_ROOT, for measuring what goes over the wire."""

import os
from pathlib import Path

from literacy.settings.production import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
