"""Reports' answers to signals from the layers below (connected in apps.py ready())."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.dispatch import receiver

from volunteers.models import Area
from volunteers.services.households import household_erased

from .models import ReportRequest

logger = logging.getLogger(__name__)


def _covering(area_path: str) -> Q:
    """Report areas at or above the area with `area_path` (materialised path prefixes)."""
    steplen = Area.steplen
    prefixes = [area_path[:end] for end in range(steplen, len(area_path) + 1, steplen)]
    return Q(area__path__in=prefixes)


@receiver(household_erased, dispatch_uid="reports.forget_erased_household")
def forget_erased_household(sender, *, household, area_path: str, **kwargs) -> None:
    """Delete every workbook with names that covers the erased household's area, then rebuild it.

    The file goes at once; the request is queued again and its new workbook
    is built from the erased rows, so it carries no trace of the names.
    """
    from django_q.tasks import async_task

    requests = ReportRequest.objects.filter(_covering(area_path), include_names=True).exclude(
        file_name=""
    )
    for request in requests:
        path = Path(settings.PRIVATE_MEDIA_ROOT) / request.file_name
        path.unlink(missing_ok=True)
        ReportRequest.objects.filter(pk=request.pk).update(
            status=ReportRequest.Status.QUEUED, file_name="", file_size=None, progress=0
        )
        logger.info("Workbook %s removed after an erasure; rebuilding", request.public_id)
        async_task(
            "reports.tasks.build_report",
            request.pk,
            task_name=f"report-{request.public_id}-rebuild",
            group="reports",
        )
