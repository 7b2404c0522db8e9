"""django-q2 task of an import: takes the job's id, fetches it, calls the service (STYLE.md)."""

from __future__ import annotations

from volunteers.models import ImportJob

from .jobs import import_job_run


def run_import_job(job_id: int) -> str:
    """Run one queued import; returns its final status ("skipped" if gone or already run)."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or job.status != ImportJob.Status.QUEUED:
        return "skipped"
    return import_job_run(job=job).status
