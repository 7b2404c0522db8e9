"""Editors manage skills, videos and lessons in the Wagtail admin."""

import pytest
from django.urls import reverse
from django.utils import translation

from courses.models import Skill
from courses.models.blocks import StepBlock

from . import factories


@pytest.mark.django_db
def test_skill_and_video_snippets_are_listed_and_editable(admin_client, home):
    skill = factories.SkillFactory(name="Cài đặt VNeID", code="vneid-install")
    video = factories.VideoFactory(title="Cài VNeID", skills=[skill])
    for name, obj in (("skill", skill), ("video", video)):
        listing = admin_client.get(reverse(f"wagtailsnippets_courses_{name}:list"))
        assert listing.status_code == 200
        assert str(obj) in listing.content.decode()
        edit = admin_client.get(reverse(f"wagtailsnippets_courses_{name}:edit", args=[obj.pk]))
        assert edit.status_code == 200
    assert (
        "checklist"
        in admin_client.get(
            reverse("wagtailsnippets_courses_skill:edit", args=[skill.pk])
        ).content.decode()
    )


@pytest.mark.django_db
def test_editor_can_add_a_skill_with_its_checklist(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_courses_skill:add"),
        {
            "code": "zalo-safety",
            "name": "Dùng Zalo an toàn",
            "description": "",
            "checklist-count": "2",
            "checklist-0-type": "check",
            "checklist-0-value": "Ẩn ngày sinh",
            "checklist-0-deleted": "",
            "checklist-0-order": "0",
            "checklist-1-type": "check",
            "checklist-1-value": "Bật xác thực hai lớp",
            "checklist-1-deleted": "",
            "checklist-1-order": "1",
        },
    )
    assert response.status_code == 302
    skill = Skill.objects.get(code="zalo-safety")
    assert skill.checklist_items == ["Ẩn ngày sinh", "Bật xác thực hai lớp"]


@pytest.mark.django_db
def test_lesson_edit_view_with_every_block(admin_client, course):
    video = factories.VideoFactory()
    lesson = factories.LessonPageFactory(
        parent=course,
        steps=[
            factories.step(image=factories.ImageFactory(), alt="ảnh", video=video),
            {"type": "video", "value": {"video": video.pk, "caption": ""}},
            {"type": "callout", "value": {"kind": "warning", "text": "Cẩn thận"}},
        ],
    )
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))
    assert response.status_code == 200


@pytest.mark.django_db
def test_lesson_can_be_submitted_for_translation_with_wagtail_localize(
    admin_client, course, english
):
    lesson = factories.LessonPageFactory(parent=course)
    response = admin_client.get(
        reverse("wagtail_localize:submit_page_translation", args=[lesson.pk])
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_wagtail_localize_creates_an_english_draft_of_a_lesson(admin_client, course, english):
    from wagtail_localize.models import StringSegment, TranslationSource

    lesson = factories.LessonPageFactory(
        parent=course, steps=[factories.step(title="Mở CH Play", instruction="Chạm vào CH Play.")]
    )
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[lesson.pk]),
        {"locales": [english.pk]},
    )
    assert response.status_code == 302
    translation = lesson.get_translation(english)
    assert translation.locale == english
    source = TranslationSource.objects.get(object_id=lesson.translation_key)
    strings = set(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )
    assert {"Mở CH Play", "Chạm vào CH Play."} <= strings
    # The questions and answers are translatable too.
    assert "Có nên đọc mã OTP cho người lạ?" in strings


@pytest.mark.django_db
def test_step_alt_text_says_it_is_what_screen_readers_read(admin_client, course):
    """The step's alt text, not the image library's Description, is what learners hear."""
    image = factories.ImageFactory(description="Mô tả trong thư viện")
    lesson = factories.LessonPageFactory(
        parent=course, steps=[factories.step(image=image, alt="Nút Đăng nhập màu xanh")]
    )
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).status_code == 200
    help_text = StepBlock().child_blocks["image_alt"].field.help_text
    with translation.override("en"):
        assert "Description in the image library is not used" in str(help_text)
    with translation.override("vi"):
        assert "Mô tả của ảnh trong thư viện ảnh không được dùng" in str(help_text)
    page = admin_client.get(lesson.url).content.decode()
    assert 'alt="Nút Đăng nhập màu xanh"' in page and "Mô tả trong thư viện" not in page
