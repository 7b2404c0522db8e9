"""Demo content for the learner side: locales, the editor login, skills, videos, pages.

Idempotent: everything is looked up by a stable key (locale code, skill code,
page slug under its parent, image and video title) before it is created, so a
second run creates nothing.

Languages: the Vietnamese tree is the source; English pages are translations
made with `copy_for_translation` (same translation_key, so the language
switcher links them and editors can re-sync or translate further with
wagtail-localize), then filled in with the English text and published.
"""

import io
from collections import Counter
from fractions import Fraction
from functools import lru_cache, partial
from pathlib import Path

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from core.demo import ensure_user

from . import demo_content as content
from .models import (
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
LANGS = ("vi", "en")
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

    # --- basics -----------------------------------------------------------
    def ensure_locales(self) -> None:
        for code in ("vi", "en", "de"):
            locale, created = Locale.objects.get_or_create(language_code=code)
            self.locales[code] = locale
            self.created["locale"] += created

    def ensure_editor(self) -> None:
        user = ensure_user("editor", self.password, first_name="Editor", email="editor@example.org")
        editors = Group.objects.filter(name="Editors").first()
        if editors and not user.groups.filter(pk=editors.pk).exists():
            user.groups.add(editors)
            self.created["editor-group"] += 1

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
                        name=names[index],
                        description=descriptions[index],
                        checklist=[("check", item[index]) for item in checklist],
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
                    lines = [cue[index] for cue in cues]
                    poster = self.image(
                        f"demo:video:{key}:{lang}",
                        partial(
                            video_frame,
                            app=app,
                            title=titles[index],
                            cue=lines[0],
                            number=1,
                            total=len(cues),
                            tick=0,
                        ),
                    )
                    video = Video(
                        title=titles[index],
                        description=descriptions[index],
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
        steps = []
        for number, step in enumerate(lesson.steps, start=1):
            image = self.image(
                f"demo:{lesson.slug}:{number}",
                lambda step=step: phone_screen(
                    app=step.screen, title=step.title[0], lines=step.lines, button=step.button
                ),
            )
            if index == 0:
                alt = f"Màn hình {step.screen}: {step.title[0]}. Nút “{step.button}” được đánh dấu."
            else:
                alt = f"{step.screen} screen for “{step.title[1]}”, with the “{step.button}” button circled."
            callout = {"kind": "tip", "text": ""}
            if step.callout:
                callout = {"kind": step.callout[0], "text": step.callout[1 + index]}
            steps.append(
                {
                    "type": "step",
                    "value": {
                        "title": step.title[index],
                        "instruction": step.text[index],
                        "image": image.pk,
                        "image_alt": alt,
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
                    "question": question.text[index],
                    "answers": [
                        {"text": a[index], "correct": a[2], "explanation": a[3 + index]}
                        for a in question.answers
                    ],
                },
            }
            for question in lesson.questions
        ]
        return {
            "title": lesson.title[index],
            "intro": lesson.intro[index],
            "steps": steps,
            "questions": questions,
            "audience": lesson.audience,
            "level": lesson.level,
            "estimated_minutes": lesson.minutes,
            "app_name": lesson.app[0],
            "app_version": lesson.app[1],
            "skills": [self.skills[(code, lang)] for code in lesson.skills],
        }

    def ensure_pages(self) -> None:
        home = self.ensure_home()
        (_, en_title), (_, en_intro) = content.SITE_TEXT["home"]
        home_en = self.ensure_translation(home, "en", title=en_title, intro=en_intro)

        def section(key, model, slug, parent, parent_en, **extra):
            (vi_title, en_title), (vi_intro, en_intro) = content.SITE_TEXT[key]
            vi_extra = {k: v[0] for k, v in extra.items()}
            en_extra = {k: v[1] for k, v in extra.items()}
            page = self.ensure_page(parent, model, slug, title=vi_title, intro=vi_intro, **vi_extra)
            return page, self.ensure_translation(
                page, "en", title=en_title, intro=en_intro, **en_extra
            )

        index, index_en = section("courses", CourseIndexPage, "khoa-hoc", home, home_en)
        section("videos", VideoLibraryPage, "video", home, home_en)
        faq_items = (
            [{"type": "item", "value": {"question": q[0], "answer": a[0]}} for q, a in content.FAQ],
            [{"type": "item", "value": {"question": q[1], "answer": a[1]}} for q, a in content.FAQ],
        )
        section("faq", FaqPage, "hoi-dap", home, home_en, items=faq_items)

        for course in content.COURSES:
            course_page = self.ensure_page(
                index, CoursePage, course.slug, title=course.title[0], intro=course.intro[0]
            )
            self.ensure_translation(course_page, "en", title=course.title[1], intro=course.intro[1])
            for lesson in course.lessons:
                lesson_page = self.ensure_page(
                    course_page, LessonPage, lesson.slug, **self.lesson_fields(lesson, 0)
                )
                self.ensure_translation(lesson_page, "en", **self.lesson_fields(lesson, 1))

    def run(self) -> Counter:
        with transaction.atomic():
            self.ensure_locales()
            self.ensure_editor()
            self.ensure_skills()
            self.ensure_videos()
            self.ensure_pages()
        return self.created


def load(*, stdout, password: str) -> None:
    """Create the learner-side demo content that is missing; print what was created."""
    created = Loader(password).run()
    summary = ", ".join(f"{count} {name}" for name, count in sorted(created.items()) if count)
    stdout.write(f"courses: {summary or 'nothing new'}")
