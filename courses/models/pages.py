"""Learner-facing Wagtail pages. Presentation only: listings live in get_context."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.links import absolute_url
from core.models import SearchTextMixin
from core.qr import qr_png, qr_svg
from core.text import fold

from .blocks import CalloutBlock, FaqItemBlock, QuestionBlock, StepBlock, VideoBlock
from .videos import Video


def page_absolute_url(page: Page, request=None) -> str:
    """The public URL of `page` for QR codes."""
    relative = page.get_url(request=request, current_site=getattr(request, "site", None))
    return absolute_url(relative, request)


def language_url(url: str, code: str) -> str:
    """`url` (a site-relative path) under the prefix of language `code` ("/" for the default)."""
    for language, _name in settings.LANGUAGES:
        if url.startswith(f"/{language}/"):
            url = url[len(language) + 1 :]
            break
    return url if code == settings.LANGUAGE_CODE else f"/{code}{url}"


class LearnerPage(Page):
    """Base for every learner page: links to the page in each language."""

    class Meta:
        abstract = True

    def language_links(self, request) -> list[dict]:
        """One entry per interface language: the translated page if one is live, else this page
        under that language's prefix (Wagtail falls back to the default-locale content)."""
        translations = {
            page.locale.language_code: page
            for page in self.get_translations(inclusive=True).live().select_related("locale")
        }
        own_url = self.get_url(request=request)
        links = []
        for code, name in settings.LANGUAGES:
            translation = translations.get(code)
            url = (
                translation.get_url(request=request) if translation else language_url(own_url, code)
            )
            links.append(
                {"code": code, "name": name, "url": url, "translated": translation is not None}
            )
        return links

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["language_links"] = self.language_links(request)
        context["content_lang"] = self.locale.language_code
        return context


class HomePage(LearnerPage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage", "courses.VideoLibraryPage", "courses.FaqPage"]
    template = "courses/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.descendant_of(self).live().order_by("path")
        children = {
            type(page): page
            for page in self.get_children()
            .live()
            .type(VideoLibraryPage, FaqPage, CourseIndexPage)
            .specific()
        }
        context["video_library"] = children.get(VideoLibraryPage)
        context["faq"] = children.get(FaqPage)
        context["course_index"] = children.get(CourseIndexPage)
        return context


class CourseIndexPage(LearnerPage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]
    template = "courses/course_index_page.html"
    per_page = 12

    class Meta:
        verbose_name = _("course index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        courses = CoursePage.objects.child_of(self).live().order_by("path")
        context["courses"] = Paginator(courses, self.per_page).get_page(request.GET.get("page"))
        return context


class CoursePage(RoutablePageMixin, LearnerPage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]
    template = "courses/course_page.html"

    class Meta:
        verbose_name = _("course")

    def lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = self.lessons()
        context["parent"] = self.get_parent()
        context["poster_url"] = self.url + self.reverse_subpage("poster")
        return context

    @path("poster/", name="poster")
    def poster(self, request):
        """A printable A4 poster with a large QR code to this course."""
        url = page_absolute_url(self, request)
        return TemplateResponse(
            request,
            "courses/course_poster.html",
            {"page": self, "lessons": self.lessons(), "url": url, "qr": qr_svg(url)},
        )

    @path("qr/", name="qr")
    def qr(self, request):
        return HttpResponse(qr_png(page_absolute_url(self, request)), content_type="image/png")


class LessonPage(SearchTextMixin, RoutablePageMixin, LearnerPage):
    class Audience(models.TextChoices):
        CITIZEN = "citizen", _("Citizens")
        VOLUNTEER = "volunteer", _("Volunteers")
        OFFICIAL = "official", _("Officials")

    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    intro = models.TextField(_("introduction"), blank=True)
    steps = StreamField(
        [("step", StepBlock()), ("video", VideoBlock()), ("callout", CalloutBlock())],
        verbose_name=_("steps"),
    )
    questions = StreamField(
        [("question", QuestionBlock())], blank=True, verbose_name=_("self-check questions")
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.CITIZEN
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.BEGINNER
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)
    skills = ParentalManyToManyField(
        "courses.Skill", blank=True, related_name="lessons", verbose_name=_("skills taught")
    )
    app_name = models.CharField(
        _("app shown"), max_length=80, blank=True, help_text=_("e.g. VNeID")
    )
    app_version = models.CharField(
        _("app version shown"),
        max_length=40,
        blank=True,
        help_text=_("e.g. 2.1, so outdated screenshots can be found"),
    )
    search_text = models.TextField(editable=False, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("level"),
                FieldPanel("estimated_minutes"),
                FieldPanel("skills"),
                FieldPanel("app_name"),
                FieldPanel("app_version"),
            ],
            heading=_("About this lesson"),
        ),
        FieldPanel("steps"),
        FieldPanel("questions"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("search_text"),
        index.FilterField("app_name"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
    template = "courses/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")

    def build_search_text(self) -> str:
        """Title, intro and step text: what the diacritic-free search matches."""
        parts = [self.title, self.intro, self.app_name]
        for block in self.steps:
            if block.block_type == "step":
                parts += [block.value["title"], block.value["instruction"]]
            elif block.block_type == "callout":
                parts.append(block.value["text"])
        return " ".join(part for part in parts if part)

    @property
    def app_label(self) -> str:
        return f"{self.app_name} {self.app_version}".strip()

    def numbered_steps(self) -> list[tuple[int | None, object]]:
        """(number, block) for each block; only step blocks are numbered."""
        number = 0
        items = []
        for block in self.steps:
            if block.block_type == "step":
                number += 1
                items.append((number, block))
            else:
                items.append((None, block))
        return items

    def self_check(self, answers) -> dict:
        """Grade the answers in `answers` (a QueryDict: q1=<answer index>...) without storing anything.

        Returns {"questions": [...], "answered": n, "correct": n, "total": n}; each question
        carries its answers with `chosen` and, once answered, the explanation to show.
        """
        questions = []
        answered = correct = 0
        for number, block in enumerate(self.questions, start=1):
            name = f"q{number}"
            try:
                chosen = int(answers.get(name, ""))
            except ValueError:
                chosen = None
            options = [
                {
                    "index": index,
                    "text": answer["text"],
                    "correct": bool(answer["correct"]),
                    "explanation": answer["explanation"],
                    "chosen": index == chosen,
                }
                for index, answer in enumerate(block.value["answers"])
            ]
            picked = next((option for option in options if option["chosen"]), None)
            if picked:
                answered += 1
                correct += picked["correct"]
            questions.append(
                {
                    "name": name,
                    "number": number,
                    "question": block.value["question"],
                    "answers": options,
                    "picked": picked,
                }
            )
        return {
            "questions": questions,
            "answered": answered,
            "correct": correct,
            "total": len(questions),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course"] = self.get_parent().specific
        context["steps"] = self.numbered_steps()
        context["check"] = self.self_check(request.GET)
        context["print_url"] = self.url + self.reverse_subpage("print")
        # Each skill links to the videos for it in the library of the same language.
        library = VideoLibraryPage.objects.live().filter(locale_id=self.locale_id).first()
        context["video_library_url"] = library.get_url(request=request) if library else ""
        return context

    @path("print/", name="print")
    def print_view(self, request):
        """A4 print version: every step with its picture and a QR code to the online lesson."""
        url = page_absolute_url(self, request)
        return TemplateResponse(
            request,
            "courses/lesson_print.html",
            {
                "page": self,
                "steps": self.numbered_steps(),
                "check": self.self_check({}),
                "url": url,
                "qr": qr_svg(url),
            },
        )

    @path("qr/", name="qr")
    def qr(self, request):
        return HttpResponse(qr_png(page_absolute_url(self, request)), content_type="image/png")


class VideoLibraryPage(LearnerPage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types: list[str] = []
    template = "courses/video_library_page.html"
    per_page = 20

    class Meta:
        verbose_name = _("video library")

    def get_context(self, request, *args, **kwargs):
        from wagtail.images import get_image_model

        from .skills import Skill

        context = super().get_context(request, *args, **kwargs)
        skills = list(Skill.objects.filter(locale=self.locale).order_by("name"))
        skill_code = request.GET.get("skill", "")
        topic = request.GET.get("topic", "")
        videos = Video.objects.filter(locale=self.locale).select_related("locale")
        # Filter by skill code, not id: the code is the same in every language.
        if skill_code:
            videos = videos.filter(skills__code=skill_code)
        if topic in Video.Topic.values:
            videos = videos.filter(topic=topic)
        posters = get_image_model().objects.prefetch_renditions("fill-640x360|format-webp")
        videos = videos.distinct().prefetch_related(
            models.Prefetch("poster", queryset=posters), "skills"
        )
        context.update(
            videos=Paginator(videos, self.per_page).get_page(request.GET.get("page")),
            skills=skills,
            topics=Video.Topic.choices,
            selected_skill=skill_code,
            selected_topic=topic,
        )
        return context


class FaqPage(SearchTextMixin, LearnerPage):
    intro = models.TextField(_("introduction"), blank=True)
    items = StreamField([("item", FaqItemBlock())], blank=True, verbose_name=_("questions"))
    search_text = models.TextField(editable=False, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("items")]
    search_fields = [*Page.search_fields, index.SearchField("search_text")]
    parent_page_types = ["courses.HomePage"]
    subpage_types: list[str] = []
    template = "courses/faq_page.html"

    class Meta:
        verbose_name = _("FAQ page")

    def build_search_text(self) -> str:
        return " ".join([self.title, *(f"{q['question']} {q['text']}" for q in self.faq_items())])

    def faq_items(self) -> list[dict]:
        """Each question with a stable anchor id made from its text (linkable as #faq-...)."""
        items, seen = [], set()
        for block in self.items:
            anchor = "faq-" + (slugify(fold(block.value["question"]))[:60] or str(block.id)[:8])
            while anchor in seen:
                anchor += "-2"
            seen.add(anchor)
            answer = block.value["answer"]
            items.append(
                {
                    "anchor": anchor,
                    "question": block.value["question"],
                    "answer": answer,
                    "text": strip_tags(answer.source),
                }
            )
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["faq_items"] = self.faq_items()
        return context
