"""Lessons that stay true (issue 12): app versions as data, the review report (most read
first, overdue lessons too), what learners see, the phrase search and reading level."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from courses.freshness import is_older, lessons_to_review
from courses.models import LessonReads
from courses.phrase_search import steps_mentioning
from courses.reading_level import score_text, step_scores, target_for
from courses.services.reads import lesson_read

from . import factories
from .test_editors import people  # noqa: F401 (the demo editor and moderator)


@pytest.fixture
def counting(settings):
    """Reads written at once, and none left over from another test's pages."""
    from courses.services import reads

    settings.LESSON_READS_FLUSH_SECONDS = 0
    reads._pending.clear()
    yield
    reads._pending.clear()


@pytest.fixture
def vneid(db):
    return factories.AppFactory(name="VNeID", current_version="2.1")


def vneid_lesson(course, vneid, *, title="Kích hoạt VNeID", version="2.1", **fields):
    return factories.LessonPageFactory(
        parent=course,
        title=title,
        steps=[
            factories.step(title="Mở CH Play", instruction="Tìm ứng dụng."),
            factories.step(
                title="Đăng nhập",
                instruction="Bấm nút Đăng nhập.",
                app=vneid,
                app_version=version,
            ),
        ],
        **fields,
    )


@pytest.mark.parametrize(
    ("version", "current", "older"),
    [
        ("2.1", "2.3", True),
        ("2.9", "2.10", True),
        ("24.10", "24.9", False),
        ("2.3", "2.3", False),
        ("2024", "2025", True),
        ("beta", "gamma", True),
        ("", "2.3", False),
    ],
)
def test_versions_compare_as_numbers(version, current, older):
    assert is_older(version, current) is older


@pytest.mark.django_db
def test_a_lesson_is_flagged_once_its_app_moves_on(course, vneid):
    lesson = vneid_lesson(course, vneid)
    assert lessons_to_review() == []
    vneid.current_version = "2.3"
    vneid.save()
    [row] = lessons_to_review()
    assert row.lesson.pk == lesson.pk
    assert row.apps == ["VNeID 2.1 → 2.3"]
    assert row.step_numbers == "2"  # the first step records no app
    assert not row.overdue


@pytest.mark.django_db
def test_overdue_lessons_are_listed_and_the_most_read_come_first(course, vneid, counting):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    overdue = vneid_lesson(course, vneid, title="Quá hạn", review_by=yesterday)
    outdated = vneid_lesson(course, vneid, title="Cũ", version="2.0")
    vneid_lesson(course, vneid, title="Còn đúng", review_by=timezone.localdate())
    for _ in range(3):
        lesson_read(outdated.pk)
    lesson_read(overdue.pk)
    rows = lessons_to_review()
    assert [row.lesson.title for row in rows] == ["Cũ", "Quá hạn"]
    assert [row.reads for row in rows] == [3, 1]
    assert rows[1].overdue and not rows[1].outdated


@pytest.mark.django_db
def test_reads_are_counted_per_day_also_from_the_page_cache(
    course, vneid, client, settings, counting
):
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    lesson = vneid_lesson(course, vneid)
    first = client.get(lesson.url)
    second = client.get(lesson.url)
    caches["pages"].clear()
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert "X-Lesson-Read" not in second  # counted, not sent
    assert LessonReads.objects.get(lesson=lesson, day=timezone.localdate()).count == 2


@pytest.mark.django_db
def test_editors_see_the_review_report_with_edit_links(course, vneid, people, client):  # noqa: F811
    editor, _moderator = people
    lesson = vneid_lesson(course, vneid)
    vneid.current_version = "2.3"
    vneid.save()
    client.force_login(editor)
    response = client.get(reverse("lessons_to_review"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kích hoạt VNeID" in html and "VNeID 2.1 → 2.3" in html
    assert reverse("wagtailadmin_pages:edit", args=[lesson.pk]) in html


@pytest.mark.django_db
def test_the_review_report_is_for_editors_only(course, client, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x")
    client.force_login(nobody)
    response = client.get(reverse("lessons_to_review"))
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_learners_see_what_the_lesson_was_checked_against(course, vneid, client):
    lesson = vneid_lesson(course, vneid, last_checked_on=datetime.date(2026, 3, 1))
    html = client.get(lesson.url).content.decode()
    assert "VNeID 2.1" in html
    assert "vào ngày 01 tháng 3 năm 2026" in html
    assert "đã được cập nhật" not in html  # not yet outdated
    vneid.current_version = "2.3"
    vneid.save()
    html = client.get(lesson.url).content.decode()
    assert "Ứng dụng đã được cập nhật" in html


@pytest.mark.django_db
def test_translators_are_never_asked_to_translate_a_version(course, vneid):
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    lesson = vneid_lesson(course, vneid, version="2.1")
    texts = [
        segment.string.data
        for segment in extract_segments(lesson)
        if isinstance(segment, StringSegmentValue)
    ]
    assert "Bấm nút Đăng nhập." in texts and "2.1" not in texts


# --- phrase search ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_phrase_search_finds_every_step_whatever_the_diacritics(course, vneid, english):
    vneid_lesson(course, vneid, title="Bài một")
    factories.LessonPageFactory(
        parent=course,
        title="Bài hai",
        steps=[
            factories.step(title="Mở", instruction="Mở ứng dụng."),
            factories.step(
                title="Xong",
                instruction="Chạm Tiếp tục.",
                callout={"kind": "tip", "text": "Nếu thấy nút ĐĂNG NHẬP, bấm vào đó."},
            ),
        ],
    )
    factories.LessonPageFactory(parent=course, title="Bài ba")  # no mention
    hits = steps_mentioning("dang nhap")
    found = {(hit.lesson.title, hit.step_number, hit.field) for hit in hits}
    assert found == {
        ("Bài một", 2, "title"),
        ("Bài một", 2, "instruction"),
        ("Bài hai", 2, "callout"),
    }
    callout = next(hit for hit in hits if hit.lesson.title == "Bài hai")
    assert "<mark>ĐĂNG NHẬP</mark>" in callout.excerpt


@pytest.mark.django_db
def test_the_phrase_search_escapes_what_it_marks(course):
    factories.LessonPageFactory(
        parent=course,
        steps=[factories.step(instruction="<script>x</script> Đăng nhập")],
    )
    [hit] = steps_mentioning("đăng")
    assert "&lt;script&gt;" in hit.excerpt and "<script>" not in hit.excerpt


@pytest.mark.django_db
def test_editors_search_steps_in_the_admin(
    course,
    vneid,
    people,  # noqa: F811
    client,
    django_assert_max_num_queries,
):
    editor, _moderator = people
    lessons = [vneid_lesson(course, vneid, title=f"Bài {n}") for n in range(6)]
    client.force_login(editor)
    url = reverse("step_phrase_search")
    with django_assert_max_num_queries(40):
        response = client.get(url, {"phrase": "DANG NHAP"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<mark>") == 12  # title and instruction of step 2 in six lessons
    assert reverse("wagtailadmin_pages:edit", args=[lessons[0].pk]) in html
    assert client.get(url, {"phrase": "x" * 5000}).status_code == 200


# --- reading level ---------------------------------------------------------------


def test_vietnamese_is_counted_in_syllables_and_word_length_is_not_measured():
    score = score_text("Mở ứng dụng VNeID. Bấm Đăng nhập.", language="vi", audience="citizen")
    assert (score.sentences, score.words) == (2, 7)
    assert score.words_per_sentence == 3.5 and score.letters_per_word is None
    assert score.plain


def test_long_sentences_and_long_words_miss_the_target():
    long_sentence = " ".join(["Bấm"] * 30) + "."
    assert score_text(long_sentence, language="vi", audience="citizen").long_sentences
    assert not score_text(long_sentence, language="vi", audience="volunteer").long_sentences
    german = "Die Personalausweisnummer eintragen. Datenschutzeinstellungen überprüfen."
    score = score_text(german, language="de", audience="citizen")
    assert score.long_words and not score.long_sentences
    with translation.override("en"):
        assert score.verdict == "Shorter words"
    english = "Open the app. Tap Sign in."
    assert score_text(english, language="en", audience="citizen").plain


def test_officials_get_the_volunteer_target():
    assert target_for("de", "official") == target_for("de", "volunteer")
    assert (
        target_for("vi", "citizen").words_per_sentence
        < target_for("vi", "volunteer").words_per_sentence
    )


def test_each_step_is_scored_from_its_instruction_and_tip():
    raw = [
        factories.step(instruction="Open it.", callout={"kind": "tip", "text": "Wait."}),
        {"type": "callout", "value": {"kind": "tip", "text": "Not a step."}},
        factories.step(instruction=" ".join(["word"] * 20) + "."),
    ]
    first, second = step_scores(raw, language="en", audience="citizen")
    assert (first.number, first.score.sentences, first.score.words) == (1, 2, 3)
    assert second.number == 2 and second.score.long_sentences


@pytest.mark.django_db
def test_the_lesson_editor_shows_the_reading_level_per_step(course, vneid, people, client):  # noqa: F811
    editor, _moderator = people
    lesson = vneid_lesson(course, vneid)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).content.decode()
    assert "Syllables per sentence" in html or "Số tiếng mỗi câu" in html
    assert "2. Đăng nhập" in html


def test_the_migration_gives_every_step_with_a_screenshot_the_lessons_app():
    import importlib

    migration = importlib.import_module("courses.migrations.0010_step_app_versions")
    raw = [
        {"type": "step", "value": {"title": "Mở", "image": 7}},
        {"type": "step", "value": {"title": "Không ảnh", "image": None}},
        {"type": "video", "value": {"video": 1}},
        {"type": "step", "value": {"title": "Đã có", "image": 8, "app": 3, "app_version": "9"}},
    ]
    assert migration._with_app(raw, 5, "2.1")
    assert raw[0]["value"] == {"title": "Mở", "image": 7, "app": 5, "app_version": "2.1"}
    assert (raw[1]["value"]["app"], raw[1]["value"]["app_version"]) == (None, "")
    assert raw[3]["value"]["app"] == 3  # a step that records its app keeps it
    assert not migration._with_app(raw, 5, "2.1")  # nothing left to change
