"""Production settings plus one bare JSON endpoint beside the sync API (bench/sync.py)."""

from literacy.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench._sync_urls"
