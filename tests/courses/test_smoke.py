import pytest

from courses.models import LessonPage

from . import factories


@pytest.mark.django_db
def test_every_factory_builds(home):
    skill = factories.SkillFactory()
    image = factories.ImageFactory()
    video = factories.VideoFactory(skills=[skill])
    index = factories.CourseIndexPageFactory(parent=home)
    course = factories.CoursePageFactory(parent=index)
    lesson = factories.LessonPageFactory(
        parent=course, steps=[factories.step(image=image, alt="x")]
    )
    library = factories.VideoLibraryPageFactory(parent=home)
    faq = factories.FaqPageFactory(parent=home)
    assert skill.checklist_items == ["Mở ứng dụng", "Đăng nhập"]
    assert list(video.skills.all()) == [skill]
    assert video.file.name.endswith(".mp4")
    assert LessonPage.objects.get(pk=lesson.pk).search_text.startswith("bai hoc")
    for page in (home, index, course, lesson, library, faq):
        assert page.live
