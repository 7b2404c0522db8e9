"""Demo content for the learner side: locales, the editor login, skills, videos, pages.

Idempotent: everything is looked up by a stable key (locale code, skill code,
page slug under its parent, image and video title) before it is created, so a
second run creates nothing.

Languages: the Vietnamese tree is the source; English pages are translations
made with `copy_for_translation` (same translation_key, so the language
switcher links them and editors can re-sync or translate further with
wagtail-localize), then filled in with the English text and published.
"""

import datetime
import io
from collections import Counter
from fractions import Fraction
from functools import lru_cache, partial
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.demo import ensure_user

from . import demo_content as content
from .demo_content_de import APP_NAMES, german
from .freshness import is_older
from .models import (
    App,
    CourseIndexPage,
    CoursePage,
    FaqPage,
    HomePage,
    LessonPage,
    Skill,
    Video,
    VideoLibraryPage,
)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
LANGS = ("vi", "en", "de")


def text(pair: tuple[str, str], index: int) -> str:
    """The text of a (vi, en) pair in LANGS[index]; German is looked up by the English."""
    return german(pair[1]) if index == 2 else pair[index]


def app_name(name: str, index: int) -> str:
    """The app's name on the lesson badge in LANGS[index] ("VNeID" stays "VNeID")."""
    return name if index == 0 or name not in APP_NAMES else APP_NAMES[name][index - 1]


SCREEN = (480, 860)
VIDEO_SIZE = (640, 360)
VIDEO_FPS = 4
SECONDS_PER_CUE = 2


@lru_cache
def font(size: int, bold: bool = False) -> ImageFont.ImageFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:  # fonts-dejavu-core missing: Pillow's own font still draws Vietnamese
        return ImageFont.load_default(size=size)


def wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int) -> list[str]:
    """Split `text` into lines that fit `width` pixels."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=face) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def phone_screen(*, app: str, title: str, lines: list[str], button: str) -> PILImage.Image:
    """A phone screen mock-up: app bar, screen title, fields, the button to tap (highlighted)."""
    width, height = SCREEN
    colour = content.APP_COLOURS.get(app, "#0b5394")
    image = PILImage.new("RGB", SCREEN, "#e9edf2")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, width - 8, height - 8), radius=48, fill="#1d1d1f")
    left, top, right, bottom = 24, 56, width - 24, height - 56
    draw.rounded_rectangle((left, top, right, bottom), radius=20, fill="#ffffff")
    draw.rounded_rectangle((width // 2 - 40, 28, width // 2 + 40, 36), radius=4, fill="#555")
    draw.text((left + 16, top + 8), "09:41", font=font(18, True), fill="#222")
    draw.rectangle((right - 56, top + 12, right - 22, top + 28), outline="#222", width=2)
    draw.rectangle((right - 54, top + 14, right - 32, top + 26), fill="#222")
    draw.rectangle((left, top + 40, right, top + 104), fill=colour)
    draw.text((left + 20, top + 56), app, font=font(28, True), fill="#ffffff")
    y = top + 128
    for line in wrap(draw, title, font(26, True), right - left - 40):
        draw.text((left + 20, y), line, font=font(26, True), fill="#1a1a1a")
        y += 36
    y += 16
    for text in lines:
        draw.rounded_rectangle(
            (left + 20, y, right - 20, y + 60), radius=10, outline="#9aa3ad", width=2
        )
        draw.text((left + 36, y + 16), text, font=font(21), fill="#333")
        y += 76
    y = max(y + 12, bottom - 170)
    draw.rounded_rectangle((left + 20, y, right - 20, y + 72), radius=36, fill=colour)
    label_font = font(26, True)
    label_width = draw.textlength(button, font=label_font)
    draw.text(((width - label_width) / 2, y + 20), button, font=label_font, fill="#ffffff")
    # The tap marker: an orange ring where the finger goes.
    cx, cy = right - 70, y + 36
    draw.ellipse((cx - 34, cy - 34, cx + 34, cy + 34), outline="#ff9e00", width=7)
    draw.rounded_rectangle(
        (width // 2 - 60, bottom - 24, width // 2 + 60, bottom - 16), radius=4, fill="#333"
    )
    return image


def video_frame(
    *, app: str, title: str, cue: str, number: int, total: int, tick: int
) -> PILImage.Image:
    """One landscape frame of a demo clip: app band, the spoken sentence, a moving tap ring."""
    width, height = VIDEO_SIZE
    colour = content.APP_COLOURS.get(app, "#0b5394")
    image = PILImage.new("RGB", VIDEO_SIZE, "#f4f6f9")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 70), fill=colour)
    draw.text((24, 18), title, font=font(28, True), fill="#ffffff")
    draw.text((width - 90, 22), f"{number}/{total}", font=font(24, True), fill="#ffffff")
    y = 120
    for line in wrap(draw, cue, font(34, True), width - 80):
        draw.text((40, y), line, font=font(34, True), fill="#1a1a1a")
        y += 46
    x = 80 + (tick * 37) % (width - 160)
    draw.ellipse((x - 22, 290 - 22, x + 22, 290 + 22), outline="#ff9e00", width=6)
    return image


def encode_mp4(frames: list[PILImage.Image]) -> bytes:
    """H.264 MP4 of `frames` (PyAV ships its own FFmpeg)."""
    import tempfile

    import av

    # faststart (index first, so playback starts before the whole file arrives)
    # rewrites the file, which needs a real path rather than a BytesIO.
    with tempfile.NamedTemporaryFile(suffix=".mp4") as target:
        with av.open(target.name, "w", options={"movflags": "faststart"}) as container:
            stream = container.add_stream("libx264", rate=Fraction(VIDEO_FPS))
            stream.width, stream.height = VIDEO_SIZE
            stream.pix_fmt = "yuv420p"
            stream.options = {"preset": "veryfast", "crf": "32"}
            for frame in frames:
                for packet in stream.encode(av.VideoFrame.from_image(frame)):
                    container.mux(packet)
            for packet in stream.encode():
                container.mux(packet)
        return Path(target.name).read_bytes()


def webvtt(cues: list[str]) -> str:
    """WebVTT captions, one cue per SECONDS_PER_CUE."""
    parts = ["WEBVTT", ""]
    for index, cue in enumerate(cues):
        start, end = index * SECONDS_PER_CUE, (index + 1) * SECONDS_PER_CUE
        parts += [f"00:{start:02d}.000 --> 00:{end:02d}.000", cue, ""]
    return "\n".join(parts)


def png_bytes(image: PILImage.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # renditions re-encode to WebP anyway
    return buffer.getvalue()


class Loader:
    """Creates what is missing and counts it; `created` shows what a run changed."""

    def __init__(self, password: str):
        self.password = password
        self.created: Counter = Counter()
        self.locales: dict[str, Locale] = {}
        self.skills: dict[tuple[str, str], Skill] = {}
        self.videos: dict[tuple[str, str], Video] = {}
        self.images: dict[str, object] = {}
        self.apps: dict[str, App] = {}

    # --- basics -----------------------------------------------------------
    def ensure_locales(self) -> None:
        for code in ("vi", "en", "de"):
            locale, created = Locale.objects.get_or_create(language_code=code)
            self.locales[code] = locale
            self.created["locale"] += created

    def ensure_editor(self) -> None:
        """`editor` writes and submits; `moderator` approves and publishes (Wagtail's
        "Moderators approval" workflow on the whole tree). Both may edit the snippets."""
        snippet_perms = Permission.objects.filter(
            content_type__app_label="courses",
            # Unanswered questions come from the question box: editors read, mark and
            # delete them, never add them.
            codename__regex=r"^(add|change|delete)_(skill|video|searchsynonym)$"
            r"|^(view|change|delete)_unansweredquestion$"
            # Apps and their versions; the queue of "my screen looks different" reports.
            r"|^(add|change|delete)_app$|^(view|change)_screenreport$",
        )
        for username, group_name in (("editor", "Editors"), ("moderator", "Moderators")):
            user = ensure_user(
                username,
                self.password,
                first_name=username.capitalize(),
                email=f"{username}@example.org",
            )
            group, _created = Group.objects.get_or_create(name=group_name)
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
                self.created[f"{username}-group"] += 1
            missing = snippet_perms.exclude(group=group)
            if missing.exists():
                group.permissions.add(*missing)
                self.created["snippet-permission"] += 1
        self.ensure_moderation()

    def ensure_moderation(self) -> None:
        """Moderators publish anywhere, and every page change goes through their approval."""
        root = Page.get_first_root_node()
        moderators = Group.objects.get(name="Moderators")
        editors = Group.objects.get(name="Editors")
        # Stated here rather than left to the rows Wagtail's migrations make, which
        # a site's administrators (or a flushed test database) may not have.
        for group, codenames in (
            (moderators, ("add_page", "change_page", "publish_page")),
            (editors, ("add_page", "change_page")),
        ):
            for codename in codenames:
                permission = Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                )
                _perm, created = GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=permission
                )
                self.created["page-permission"] += created
        admin = Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        # wagtail-localize makes this permission (on a content type of its own) in a data
        # migration, which a flushed database no longer has: made here the same way.
        translate, _created = Permission.objects.get_or_create(
            content_type=ContentType.objects.get_or_create(
                app_label="wagtail_localize", model="translation"
            )[0],
            codename="submit_translation",
            defaults={"name": "Can submit translations"},
        )
        for group in (moderators, editors):
            group.permissions.add(admin, translate)
        if not WorkflowPage.objects.filter(page=root).exists():
            workflow, created = Workflow.objects.get_or_create(name="Moderators approval")
            self.created["workflow"] += created
            if not workflow.workflow_tasks.exists():
                task = GroupApprovalTask.objects.create(name="Moderators approval")
                task.groups.set([moderators])
                WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
            WorkflowPage.objects.create(workflow=workflow, page=root)

    def ensure_apps(self) -> None:
        """The apps the demo lessons show, at their current versions. VNeID has moved on
        from the 2.1 the demo screenshots show, so its lessons are listed for review."""
        today = timezone.localdate()
        for name, version, days_ago in content.APPS:
            app, created = App.objects.get_or_create(
                name=name,
                defaults={
                    "current_version": version,
                    "version_changed_on": today - datetime.timedelta(days=days_ago),
                },
            )
            self.created["app"] += created
            # A database migrated from page-level versions has the app at the lessons' version.
            if not created and is_older(app.current_version, version):
                app.current_version = version
                app.version_changed_on = today - datetime.timedelta(days=days_ago)
                app.save()
                self.created["app-version"] += 1
            self.apps[name] = app

    def ensure_skills(self) -> None:
        existing = {(s.code, s.locale_id): s for s in Skill.objects.all()}
        for code, names, descriptions, checklist in content.SKILLS:
            source = None
            for index, lang in enumerate(LANGS):
                locale = self.locales[lang]
                skill = existing.get((code, locale.pk))
                if skill is None:
                    skill = Skill(
                        code=code,
                        name=text(names, index),
                        description=text(descriptions, index),
                        checklist=[("check", text(item, index)) for item in checklist],
                        locale=locale,
                    )
                    if source is not None:
                        skill.translation_key = source.translation_key
                    skill.save()
                    self.created["skill"] += 1
                source = source or skill
                self.skills[(code, lang)] = skill

    def image(self, title: str, draw) -> object:
        """The Wagtail image called `title`, drawn by `draw()` the first time."""
        if not self.images:
            Image = get_image_model()
            self.images = {i.title: i for i in Image.objects.filter(title__startswith="demo:")}
        if title not in self.images:
            Image = get_image_model()
            name = title.replace("demo:", "").replace(":", "-") + ".png"
            image = Image(title=title, file=ImageFile(io.BytesIO(png_bytes(draw())), name=name))
            image.save()
            self.images[title] = image
            self.created["image"] += 1
        return self.images[title]

    # --- videos -----------------------------------------------------------
    def ensure_videos(self) -> None:
        for key, titles, descriptions, topic, skill_codes, app, cues in content.VIDEOS:
            source = Video.objects.filter(locale=self.locales["vi"], title=titles[0]).first()
            if source is None:
                frames = [
                    video_frame(
                        app=app, title=titles[0], cue=cue[0], number=n, total=len(cues), tick=t
                    )
                    for n, cue in enumerate(cues, start=1)
                    for t in range(VIDEO_FPS * SECONDS_PER_CUE)
                ]
                mp4 = encode_mp4(frames)
            for index, lang in enumerate(LANGS):
                locale = self.locales[lang]
                if source is not None and lang == "vi":
                    video = source
                else:
                    video = (
                        source
                        and Video.objects.filter(
                            locale=locale, translation_key=source.translation_key
                        ).first()
                    )
                if video is None:
                    lines = [text(cue, index) for cue in cues]
                    poster = self.image(
                        f"demo:video:{key}:{lang}",
                        partial(
                            video_frame,
                            app=app,
                            title=text(titles, index),
                            cue=lines[0],
                            number=1,
                            total=len(cues),
                            tick=0,
                        ),
                    )
                    video = Video(
                        title=text(titles, index),
                        description=text(descriptions, index),
                        poster=poster,
                        duration_seconds=len(cues) * SECONDS_PER_CUE,
                        transcript=" ".join(lines),
                        topic=topic,
                        locale=locale,
                    )
                    if lang != "vi":
                        video.translation_key = source.translation_key
                        video.file = source.file.name  # one clip, captions per language
                    else:
                        video.file.save(f"{key}.mp4", ContentFile(mp4), save=False)
                    video.captions.save(
                        f"{key}.{lang}.vtt", ContentFile(webvtt(lines).encode()), save=False
                    )
                    video.save()
                    video.skills.set([self.skills[(code, lang)] for code in skill_codes])
                    self.created["video"] += 1
                    if lang == "vi":
                        source = video
                self.videos[(key, lang)] = video

    # --- pages ------------------------------------------------------------
    def ensure_home(self) -> HomePage:
        vi = self.locales["vi"]
        home = HomePage.objects.filter(locale=vi).first()
        if home is None:
            (title, _), (intro, _) = content.SITE_TEXT["home"]
            root = Page.get_first_root_node()
            home = HomePage(title=title, slug="trang-chu", intro=intro, locale=vi)
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created["page"] += 1
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                Site.objects.create(
                    hostname="localhost", port=80, root_page=home, is_default_site=True
                )
            else:
                site.root_page = home
                site.save()
            # Wagtail's "Welcome to your new Wagtail site!" page, now unused.
            Page.objects.filter(
                depth=2, slug="home", content_type=ContentType.objects.get_for_model(Page)
            ).delete()
        return home

    def ensure_page(self, parent: Page, model, slug: str, **fields):
        """The live page `slug` under `parent`, created with `fields` if missing."""
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            skills = fields.pop("skills", None)
            page = model(slug=slug, locale=parent.locale, **fields)
            if skills is not None:
                page.skills = skills
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.created["page"] += 1
        return page

    def ensure_translation(self, page: Page, lang: str, **fields):
        """The translation of `page` into `lang`, copied and filled with `fields` if missing."""
        locale = self.locales[lang]
        translation = page.get_translation_or_none(locale)
        if translation is None:
            translation = page.copy_for_translation(locale)
            for name, value in fields.items():
                setattr(translation, name, value)
            translation.save_revision().publish()
            self.created["page"] += 1
        return translation.specific

    def lesson_fields(self, lesson: content.Lesson, index: int) -> dict:
        lang = LANGS[index]
        today = timezone.localdate()
        steps = []
        for number, step in enumerate(lesson.steps, start=1):
            image = self.image(
                f"demo:{lesson.slug}:{number}",
                lambda step=step: phone_screen(
                    app=step.screen, title=step.title[0], lines=step.lines, button=step.button
                ),
            )
            title = text(step.title, index)
            if index == 0:
                alt = f"Màn hình {step.screen}: {title}. Nút “{step.button}” được đánh dấu."
            elif index == 1:
                alt = (
                    f"{step.screen} screen for “{title}”, with the “{step.button}” button circled."
                )
            else:
                alt = f"Bildschirm {step.screen} zu „{title}“, die Schaltfläche „{step.button}“ ist markiert."
            app = self.apps.get(content.SCREEN_APPS.get(step.screen, ""))
            callout = {"kind": "tip", "text": ""}
            if step.callout:
                callout = {"kind": step.callout[0], "text": text(step.callout[1:], index)}
            steps.append(
                {
                    "type": "step",
                    "value": {
                        "title": title,
                        "instruction": text(step.text, index),
                        "image": image.pk,
                        "image_alt": alt,
                        "app": app.pk if app else None,
                        "app_version": (lesson.app[1] or app.current_version) if app else "",
                        "video": None,
                        "callout": callout,
                    },
                }
            )
        if lesson.video:
            video = self.videos[(lesson.video, lang)]
            steps.append({"type": "video", "value": {"video": video.pk, "caption": ""}})
        questions = [
            {
                "type": "question",
                "value": {
                    "question": text(question.text, index),
                    "answers": [
                        {
                            "text": text(a[:2], index),
                            "correct": a[2],
                            "explanation": text(a[3:], index),
                        }
                        for a in question.answers
                    ],
                },
            }
            for question in lesson.questions
        ]
        return {
            "title": text(lesson.title, index),
            "intro": text(lesson.intro, index),
            "steps": steps,
            "questions": questions,
            "audience": lesson.audience,
            "level": lesson.level,
            "estimated_minutes": lesson.minutes,
            "app_name": app_name(lesson.app[0], index),
            "last_checked_on": today - datetime.timedelta(days=lesson.checked_days_ago),
            "review_by": today + datetime.timedelta(days=lesson.review_in_days),
            "skills": [self.skills[(code, lang)] for code in lesson.skills],
        }

    def ensure_pages(self) -> None:
        home = self.ensure_home()
        translated = LANGS[1:]

        def translate(page, fields_for):
            """Translations of `page` into every other language; `fields_for(index)` fills each."""
            for index, lang in enumerate(translated, start=1):
                self.ensure_translation(page, lang, **fields_for(index))

        def section(key, model, slug, parent, **extra):
            title, intro = content.SITE_TEXT[key]

            def fields(index):
                values = {"title": text(title, index), "intro": text(intro, index)}
                return values | {name: value[index] for name, value in extra.items()}

            page = self.ensure_page(parent, model, slug, **fields(0))
            translate(page, fields)
            return page

        translate(
            home,
            lambda i: {
                key: text(pair, i)
                for key, pair in zip(("title", "intro"), content.SITE_TEXT["home"], strict=True)
            },
        )
        index = section("courses", CourseIndexPage, "khoa-hoc", home)
        section("videos", VideoLibraryPage, "video", home)
        faq_items = [
            [
                {
                    "type": "item",
                    "value": {
                        "question": text(q, i),
                        "answer": text(a, i),
                        "paraphrases": text(paraphrases, i),
                    },
                }
                for q, a, paraphrases in content.FAQ
            ]
            for i in range(len(LANGS))
        ]
        section("faq", FaqPage, "hoi-dap", home, items=faq_items)

        for course in content.COURSES:

            def course_fields(i, course=course):
                return {"title": text(course.title, i), "intro": text(course.intro, i)}

            course_page = self.ensure_page(index, CoursePage, course.slug, **course_fields(0))
            translate(course_page, course_fields)
            for lesson in course.lessons:
                lesson_page = self.ensure_page(
                    course_page, LessonPage, lesson.slug, **self.lesson_fields(lesson, 0)
                )
                translate(lesson_page, partial(self.lesson_fields, lesson))

    def run(self) -> Counter:
        with transaction.atomic():
            self.ensure_locales()
            self.ensure_editor()
            self.ensure_apps()
            self.ensure_skills()
            self.ensure_videos()
            self.ensure_pages()
        return self.created


def load(*, stdout, password: str) -> None:
    """Create the learner-side demo content that is missing; print what was created."""
    created = Loader(password).run()
    summary = ", ".join(f"{count} {name}" for name, count in sorted(created.items()) if count)
    stdout.write(f"courses: {summary or 'nothing new'}")
