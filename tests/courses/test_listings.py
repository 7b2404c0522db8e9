"""Video library filters (no JS needed) and constant query counts on listings."""

import pytest

from courses.models import Video

from . import factories


@pytest.fixture
def videos(library):
    vneid = factories.SkillFactory(code="vneid-install", name="Cài đặt VNeID")
    scam = factories.SkillFactory(code="scam-spot", name="Nhận biết lừa đảo")
    return {
        "install": factories.VideoFactory(
            title="Cài VNeID", topic=Video.Topic.PUBLIC_SERVICES, skills=[vneid]
        ),
        "scam": factories.VideoFactory(
            title="Cuộc gọi lừa đảo", topic=Video.Topic.SAFETY, skills=[scam]
        ),
        "call": factories.VideoFactory(title="Gọi video", topic=Video.Topic.FAMILY),
    }


def titles(response) -> set[str]:
    return {video.title for video in response.context["videos"]}


@pytest.mark.django_db
def test_library_lists_all_videos_with_native_player(client, library, videos):
    response = client.get(library.url)
    html = response.content.decode()
    assert titles(response) == {"Cài VNeID", "Cuộc gọi lừa đảo", "Gọi video"}
    assert html.count('<video controls preload="none"') == 3
    assert html.count('<track kind="captions"') == 3
    assert 'poster="' in html and "Đọc lời thoại" in html
    assert '<select id="filter-skill" name="skill">' in html
    assert '<option value="scam-spot">Nhận biết lừa đảo</option>' in html


@pytest.mark.django_db
def test_filter_by_skill_code(client, library, videos):
    response = client.get(library.url, {"skill": "scam-spot"})
    assert titles(response) == {"Cuộc gọi lừa đảo"}
    assert '<option value="scam-spot" selected>' in response.content.decode()


@pytest.mark.django_db
def test_filter_by_topic_and_both(client, library, videos):
    assert titles(client.get(library.url, {"topic": "family"})) == {"Gọi video"}
    assert titles(client.get(library.url, {"topic": "safety", "skill": "vneid-install"})) == set()
    html = client.get(library.url, {"topic": "safety", "skill": "vneid-install"}).content.decode()
    assert "Không có video nào phù hợp." in html
    # An unknown topic is ignored rather than an error.
    assert len(titles(client.get(library.url, {"topic": "nonsense"}))) == 3


@pytest.mark.django_db
def test_library_query_count_is_constant(client, library, django_assert_max_num_queries):
    skills = [factories.SkillFactory() for _ in range(3)]
    for _ in range(20):
        factories.VideoFactory(skills=skills)
    client.get(library.url)  # first view makes the poster renditions
    with django_assert_max_num_queries(16):
        response = client.get(library.url)
    assert len(response.context["videos"]) == 20


@pytest.mark.django_db
def test_course_index_and_course_query_counts_are_constant(
    client, course_index, django_assert_max_num_queries
):
    courses = [factories.CoursePageFactory(parent=course_index) for _ in range(12)]
    for course in courses[:3]:
        for _ in range(8):
            factories.LessonPageFactory(parent=course)
    client.get(course_index.url)
    # 13: one of them reads the visitor's Locale, for the untranslated-page note and links.
    with django_assert_max_num_queries(13):
        response = client.get(course_index.url)
    assert response.content.decode().count('class="card"') == 12
    client.get(courses[0].url)
    with django_assert_max_num_queries(13):
        response = client.get(courses[0].url)
    assert response.content.decode().count("data-lesson-url=") == 8
    with django_assert_max_num_queries(13):
        assert client.get(course_index.get_parent().url).status_code == 200


@pytest.mark.django_db
def test_lesson_lists_its_skills(client, course):
    skill = factories.SkillFactory(name="Kích hoạt định danh mức 2")
    lesson = factories.LessonPageFactory(parent=course)
    lesson.skills.set([skill])
    lesson.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    assert "Kích hoạt định danh mức 2" in html
    assert "?skill=" not in html  # no video library yet: plain text


@pytest.mark.django_db
def test_lesson_skills_link_to_the_library_filter(client, course, library):
    skill = factories.SkillFactory(code="vneid-level2", name="Kích hoạt định danh mức 2")
    lesson = factories.LessonPageFactory(parent=course)
    lesson.skills.set([skill])
    lesson.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    assert f'<a href="{library.url}?skill=vneid-level2">Kích hoạt định danh mức 2</a>' in html


@pytest.mark.django_db
def test_lesson_query_count_does_not_grow_with_embedded_videos(
    client, course, django_assert_num_queries
):
    def lesson_with(videos: int):
        clips = [factories.VideoFactory() for _ in range(videos)]
        lesson = factories.LessonPageFactory(
            parent=course,
            steps=[factories.step(title=f"Bước {n}", video=clip) for n, clip in enumerate(clips)],
        )
        client.get(lesson.url)  # first view makes the poster renditions
        return lesson

    def queries(lesson) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(lesson.url).status_code == 200
        return len(captured)

    one, four = lesson_with(1), lesson_with(4)
    assert queries(four) == queries(one)
