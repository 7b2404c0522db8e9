"""Move each lesson's app and version (page fields until now) onto its steps.

Lessons had one `app_name`/`app_version` for the whole page. Each named app
becomes an App snippet (its current version: the highest any lesson showed),
and every step with a screenshot records that app and the lesson's version:
the migration cannot tell which screenshots showed the app, and a step
flagged for review by mistake costs an editor a look, while one missed keeps
a wrong screen in front of learners. Editors clear a step's app where it
does not apply. Translations take the app named by their source lesson
(same translation key, default language), since their app names are
translated ("National Public Service Portal"). The page rows and the latest
revision of each lesson are both updated, so the next publish keeps them.
"""

import json
import re

from django.conf import settings
from django.db import migrations


def _key(version):
    return tuple(int(n) for n in re.findall(r"\d+", version)) or (0,)


def _with_app(raw, app_id, version):
    changed = False
    for block in raw:
        value = block.get("value") or {}
        if block.get("type") == "step" and value.get("image") and not value.get("app"):
            value["app"], value["app_version"] = app_id, version
            changed = True
        elif block.get("type") == "step":
            value.setdefault("app", None)
            value.setdefault("app_version", "")
    return changed


def forwards(apps, schema_editor):
    LessonPage = apps.get_model("courses", "LessonPage")
    App = apps.get_model("courses", "App")
    Locale = apps.get_model("wagtailcore", "Locale")
    Revision = apps.get_model("wagtailcore", "Revision")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    lessons = list(LessonPage.objects.exclude(app_version=""))
    source_names = {
        lesson.translation_key: lesson.app_name
        for lesson in lessons
        if default is not None and lesson.locale_id == default.pk
    }
    by_name = {}
    for lesson in lessons:
        name = (source_names.get(lesson.translation_key) or lesson.app_name).strip()[:80]
        if not name:
            continue
        version = lesson.app_version.strip()[:40]
        app = by_name.get(name) or App.objects.filter(name=name).first()
        if app is None:
            app = App.objects.create(name=name, current_version=version)
        elif _key(version) > _key(app.current_version):
            app.current_version = version
            app.save(update_fields=["current_version"])
        by_name[name] = app
        raw = [dict(block, value=dict(block.get("value") or {})) for block in lesson.steps.raw_data]
        if _with_app(raw, app.pk, version):
            lesson.steps = raw
            lesson.save(update_fields=["steps"])
        revision = (
            Revision.objects.filter(pk=lesson.latest_revision_id).first()
            if lesson.latest_revision_id
            else None
        )
        if revision is not None and isinstance(revision.content, dict):
            steps = revision.content.get("steps")
            data = json.loads(steps) if isinstance(steps, str) else steps
            if isinstance(data, list) and _with_app(data, app.pk, version):
                revision.content["steps"] = json.dumps(data)
                revision.content["app_version"] = version
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0009_lessons_that_stay_true"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
