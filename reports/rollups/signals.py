"""Signal handlers: log the buckets that no timestamp shows (old places, deleted rows).

A visit moved to another day or household, a certification revoked or
moved, a household moved to another area, a deleted row: the refresh finds
their *new* place through ``updated_at``, but the old bucket must be
recomputed too, so its (area, day) goes to the dirty log before the write.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from volunteers.models import Certification, Household, Learner, Visit

from .refresh import households_buckets, mark_dirty


def _eager() -> bool:
    """Log the new place too (tests, demo): the watermark finds it otherwise."""
    from django.conf import settings

    return getattr(settings, "ROLLUPS_EAGER", False)


def _visit_bucket(visit_id: int) -> set:
    row = Visit.objects.filter(pk=visit_id).values_list("household__area_id", "visited_at").first()
    if row is None:
        return set()
    day = timezone.localtime(row[1], timezone.get_default_timezone()).date()
    return {(row[0], day), (row[0], None)}


def _certification_bucket(cert_id: int) -> set:
    row = (
        Certification.objects.filter(pk=cert_id)
        .values_list("learner__household__area_id", "certified_on")
        .first()
    )
    return {row} if row else set()


def _before_visit_save(sender, instance: Visit, **kwargs):
    if instance.pk:
        instance._rollup_old = _visit_bucket(instance.pk)


def _after_visit_save(sender, instance: Visit, **kwargs):
    if kwargs.get("created"):
        instance._rollup_created = True
    new = _visit_bucket(instance.pk) if _eager() else set()
    mark_dirty(getattr(instance, "_rollup_old", set()) | new)


def _visit_deleted(sender, instance: Visit, **kwargs):
    area_id = Household.objects.filter(pk=instance.household_id).values_list("area_id", flat=True)
    day = timezone.localtime(instance.visited_at, timezone.get_default_timezone()).date()
    mark_dirty({(area, d) for area in area_id for d in (day, None)})


def _visit_people_changed(sender, instance, action: str, pk_set=None, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
        return
    if isinstance(instance, Visit):
        if getattr(instance, "_rollup_created", False) and not _eager():
            return  # a visit created just now: the watermark finds it with its links
        mark_dirty(_visit_bucket(instance.pk))
    elif pk_set:
        buckets: set = set()
        for pk in pk_set:
            buckets |= _visit_bucket(pk)
        mark_dirty(buckets)


def _before_certification_save(sender, instance: Certification, **kwargs):
    if instance.pk:
        instance._rollup_old = _certification_bucket(instance.pk)


def _after_certification_save(sender, instance: Certification, **kwargs):
    new = _certification_bucket(instance.pk) if _eager() else set()
    mark_dirty(getattr(instance, "_rollup_old", set()) | new)


def _certification_deleted(sender, instance: Certification, **kwargs):
    area = (
        Learner.objects.filter(pk=instance.learner_id)
        .values_list("household__area_id", flat=True)
        .first()
    )
    mark_dirty({(area, instance.certified_on)})


def _before_household_save(sender, instance: Household, **kwargs):
    if instance.pk:
        old_area = Household.objects.filter(pk=instance.pk).values_list("area_id", flat=True)
        instance._rollup_old = {(area, None) for area in old_area}
        if old_area and old_area[0] != instance.area_id:
            instance._rollup_old |= households_buckets([instance.pk], area_id=old_area[0])


def _after_household_save(sender, instance: Household, **kwargs):
    buckets = getattr(instance, "_rollup_old", set())
    if _eager():
        buckets = buckets | {(instance.area_id, None)}
        if not kwargs.get("created"):
            buckets |= households_buckets([instance.pk])  # flags are copied into day rows
    mark_dirty(buckets)


def _household_deleted(sender, instance: Household, **kwargs):
    mark_dirty({(instance.area_id, None)})


def _learner_changed(sender, instance: Learner, **kwargs):
    if kwargs.get("signal") is post_save and not _eager():
        return
    area = Household.objects.filter(pk=instance.household_id).values_list("area_id", flat=True)
    mark_dirty({(a, None) for a in area})


def _before_learner_save(sender, instance: Learner, **kwargs):
    if instance.pk:
        old = Learner.objects.filter(pk=instance.pk).values_list("household__area_id", flat=True)
        if old:
            mark_dirty({(old[0], None)})


def connect() -> None:
    uid = "reports.rollups."
    pre_save.connect(_before_visit_save, sender=Visit, dispatch_uid=uid + "v1")
    post_save.connect(_after_visit_save, sender=Visit, dispatch_uid=uid + "v2")
    post_delete.connect(_visit_deleted, sender=Visit, dispatch_uid=uid + "v3")
    for through in (Visit.volunteers.through, Visit.skills.through):
        m2m_changed.connect(
            _visit_people_changed, sender=through, dispatch_uid=uid + through.__name__
        )
    pre_save.connect(_before_certification_save, sender=Certification, dispatch_uid=uid + "c1")
    post_save.connect(_after_certification_save, sender=Certification, dispatch_uid=uid + "c2")
    post_delete.connect(_certification_deleted, sender=Certification, dispatch_uid=uid + "c3")
    pre_save.connect(_before_household_save, sender=Household, dispatch_uid=uid + "h1")
    post_save.connect(_after_household_save, sender=Household, dispatch_uid=uid + "h2")
    post_delete.connect(_household_deleted, sender=Household, dispatch_uid=uid + "h3")
    pre_save.connect(_before_learner_save, sender=Learner, dispatch_uid=uid + "l1")
    post_save.connect(_learner_changed, sender=Learner, dispatch_uid=uid + "l2")
    post_delete.connect(_learner_changed, sender=Learner, dispatch_uid=uid + "l3")
    connect_area_moves()


def _areas_merged(sender, source_id: int, target_id: int, **kwargs) -> None:
    from .refresh import rekey_area

    rekey_area(source_id=source_id, target_id=target_id)


def _area_moved(sender, area_id: int, old_parent_id: int | None, **kwargs) -> None:
    from .area_tables import recompute_areas

    recompute_areas([area_id] + ([old_parent_id] if old_parent_id else []))


def connect_area_moves() -> None:
    from volunteers.services.area_moves import area_moved, areas_merged

    areas_merged.connect(_areas_merged, dispatch_uid="reports.rollups.areas_merged")
    area_moved.connect(_area_moved, dispatch_uid="reports.rollups.area_moved")
