"""Signals any app may send; the project (literacy) listens."""

from django.dispatch import Signal

# Something a learner page shows changed although no content row was saved
# (rows marked `page_cache_neutral`, such as screen reports, do not bump the
# page cache by themselves): cached copies of learner pages are stale.
learner_pages_changed = Signal()
