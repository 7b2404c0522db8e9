"""Imports as background jobs: save the upload privately, queue it, run it, keep the report.

The view calls import_job_create; django-q2 runs volunteers.imports.tasks.run_import_job
after commit with the job's id; the screen polls import_job_status.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import write_atomically
from volunteers.models import ImportJob

from .reader import MAX_UPLOAD_BYTES, MSG_TOO_LARGE
from .report import ImportReport

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

MSG_JOB_FAILED = _("The import stopped unexpectedly; the rows counted as saved were kept.")
MSG_JOB_INTERRUPTED = _(
    "The import was interrupted after %(done)s of %(total)s rows: the rows counted as saved "
    "were kept; import the others again."
)


def import_directory() -> Path:
    """Uploaded files waiting for their job (private: they hold personal data)."""
    return Path(settings.PRIVATE_MEDIA_ROOT) / "imports"


def _store(upload: IO) -> str:
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValueError(str(MSG_TOO_LARGE % {"max": MAX_UPLOAD_BYTES // 2**20}))
    name = f"imports/{uuid.uuid4().hex}.upload"
    directory = import_directory()
    directory.mkdir(parents=True, exist_ok=True)
    write_atomically(
        Path(settings.PRIVATE_MEDIA_ROOT) / name, lambda temp: Path(temp).write_bytes(data)
    )
    return name


@transaction.atomic
def import_job_create(*, user: User, kind: str, upload: Any, queue: bool = True) -> ImportJob:
    """Store `upload` privately and (with `queue`) queue its import after commit; returns the job.

    Without `queue` the caller runs it (import_job_run) at once: small files.

    The caller has checked access.can_import(user, kind); the rows still go
    through the services, which decide each row's scope.
    """
    job = ImportJob.objects.create(
        kind=kind,
        created_by=user,
        original_name=str(getattr(upload, "name", ""))[:255],
        file_name=_store(upload),
    )
    if not queue:
        return job
    from django_q.tasks import async_task

    transaction.on_commit(
        lambda: async_task(
            "volunteers.imports.tasks.run_import_job",
            job.pk,
            task_name=f"import-{job.pk}",
            group="imports",
        )
    )
    return job


def _save_progress(job: ImportJob, report: ImportReport, rows_done: int) -> None:
    job.rows_total = report.rows
    job.rows_done = rows_done
    job.created = report.created
    job.updated = report.updated
    job.failed_rows = report.failed_rows
    job.errors = [[e.row, e.column, e.message] for e in report.errors[: ImportJob.MAX_ERRORS]]
    job.save(
        update_fields=[
            "rows_total",
            "rows_done",
            "created",
            "updated",
            "failed_rows",
            "errors",
            "updated_at",
        ]
    )


def import_job_run(*, job: ImportJob) -> ImportJob:
    """Read and save the job's file; the job ends DONE (with its report) or FAILED.

    Each chunk of rows commits together with the job's counters (run_rows),
    so the report never claims a row that is not in the database.
    """
    from .rows import IMPORTERS

    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return job
    job.refresh_from_db()
    path = Path(settings.PRIVATE_MEDIA_ROOT) / job.file_name
    report = ImportReport(kind=job.kind)
    try:
        report = IMPORTERS[job.kind](
            file=path,
            user=job.created_by,
            progress=lambda report, done: _save_progress(job, report, done),
        )
        _save_progress(job, report, report.rows)
        job.status = ImportJob.Status.DONE
    except Exception:  # the report says so; the rows committed so far are counted in the job
        logger.exception("Import job %s failed", job.pk)
        job.refresh_from_db()
        job.errors = [*job.errors, [0, "", str(MSG_JOB_FAILED)]][: ImportJob.MAX_ERRORS + 1]
        job.status = ImportJob.Status.FAILED
    finally:
        path.unlink(missing_ok=True)  # personal data: never kept after the job
    job.finished_at = timezone.now()
    job.file_name = ""
    job.save(update_fields=["status", "errors", "finished_at", "file_name", "updated_at"])
    return job


def import_job_report(job: ImportJob) -> ImportReport:
    """The job's report (an interrupted job gets a line saying where it stopped)."""
    report = ImportReport(
        kind=job.kind, rows=job.rows_total, created=job.created, updated=job.updated
    )
    for row, column, message in job.errors:
        report.add_error(row, column, message)
    if job.interrupted:
        report.add_error(
            0, "", MSG_JOB_INTERRUPTED % {"done": job.rows_done, "total": job.rows_total}
        )
    return report
