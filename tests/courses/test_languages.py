"""Issue 11: German (any language) learners, slugs, skills in the page's language, synonyms."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from courses.models import LessonPage, SearchSynonym
from courses.models.pages import LessonPageForm, learner_slug
from courses.selectors import learning_search
from tests.courses.test_qr_print import decode

from . import factories


@pytest.fixture
def german(db):
    locale, _ = Locale.objects.get_or_create(language_code="de")
    return locale


@pytest.fixture
def german_tree(course, german):
    """The home, index and course translated into German; one lesson translated, one not."""
    index = course.get_parent()
    home = index.get_parent()
    home.specific.copy_for_translation(german).save_revision().publish()
    index.specific.copy_for_translation(german).save_revision().publish()
    course_de = course.copy_for_translation(german)
    course_de.title = "Behördengänge"
    course_de.save_revision().publish()
    first = factories.LessonPageFactory(parent=course, title="Cài đặt VNeID", slug="cai-dat-vneid")
    second = factories.LessonPageFactory(
        parent=course, title="Đăng ký khai sinh trực tuyến", slug="dang-ky-khai-sinh"
    )
    first_de = first.copy_for_translation(german)
    first_de.title = "VNeID installieren"
    first_de.save_revision().publish()
    return {
        "course": course,
        "course_de": course_de.specific,
        "first": first,
        "first_de": first_de.specific,
        "second": second,
    }


# --- slugs -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Cài đặt quyền riêng tư", "cai-dat-quyen-rieng-tu"),
        ("Đăng ký khai sinh", "dang-ky-khai-sinh"),
        ("Geburt anmelden: Schritt für Schritt", "geburt-anmelden-schritt-fur-schritt"),
    ],
)
def test_learner_slug_transliterates(title, slug):
    assert learner_slug(title) == slug


@pytest.mark.django_db
def test_a_lesson_without_slug_gets_a_transliterated_one(course):
    lesson = factories.LessonPageFactory(parent=course, title="Cài đặt quyền riêng tư", slug="")
    assert lesson.slug == "cai-dat-quyen-rieng-tu"
    again = factories.LessonPageFactory(parent=course, title="Cài đặt quyền riêng tư", slug="")
    assert again.slug == "cai-dat-quyen-rieng-tu-2"  # de-duplicated among siblings


@pytest.mark.django_db
def test_a_unicode_slug_from_the_admin_is_transliterated_on_save(course):
    lesson = factories.LessonPageFactory(parent=course, title="Bài", slug="cài-đặt-quyền-riêng-tư")
    lesson.refresh_from_db()
    assert lesson.slug == "cai-dat-quyen-rieng-tu"
    assert lesson.url.endswith("/cai-dat-quyen-rieng-tu/")


def test_the_admin_keeps_letters_for_the_server_to_transliterate(settings):
    # With False the admin's own JavaScript mangles "đặt" into "djt" before we see it.
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is True


# --- fallback and links in the visitor's language ---------------------------


@pytest.mark.django_db
def test_untranslated_lesson_is_shown_under_the_german_prefix_with_a_note(client, german_tree):
    second = german_tree["second"]
    response = client.get("/de" + second.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de"' in html and 'lang="vi" data-lesson=' in html
    assert "Diese Seite ist noch nicht auf Deutsch übersetzt. Sie sehen sie auf Tiếng Việt." in html
    # Breadcrumb and "back" lead to the German course, not into the Vietnamese site.
    assert f'<a href="{german_tree["course_de"].url}">Behördengänge</a>' in html


@pytest.mark.django_db
def test_translated_lesson_has_no_note(client, german_tree):
    html = client.get(german_tree["first_de"].url).content.decode()
    assert "noch nicht auf Deutsch" not in html and "VNeID installieren" in html


@pytest.mark.django_db
def test_german_course_lists_untranslated_lessons_in_place_with_german_links(client, german_tree):
    course_de = german_tree["course_de"]
    html = client.get(course_de.url).content.decode()
    first_de, second = german_tree["first_de"], german_tree["second"]
    assert html.index("VNeID installieren") < html.index("Đăng ký khai sinh trực tuyến")
    assert f'href="{first_de.url}"' in html
    assert f'href="/de{second.url}"' in html  # stays under /de/
    assert f'href="{second.url}"' not in html


@pytest.mark.django_db
def test_vietnamese_page_shown_under_de_links_its_children_under_de(client, course, german):
    """No German tree at all: /de/ shows the Vietnamese home, and its links keep /de/."""
    html = client.get("/de" + course.get_parent().url).content.decode()
    assert "Diese Seite ist noch nicht auf Deutsch übersetzt" in html
    assert f'href="/de{course.url}"' in html


@pytest.mark.django_db
def test_next_lesson_link_within_the_course(client, german_tree):
    first, second = german_tree["first"], german_tree["second"]
    html = client.get(first.url).content.decode()
    assert f'<a href="{second.url}" rel="next">{second.title}</a>' in html
    assert 'rel="next"' not in client.get(second.url).content.decode()  # the last lesson
    # In German the next lesson (untranslated) is still linked under /de/.
    html_de = client.get(german_tree["first_de"].url).content.decode()
    assert f'<a href="/de{second.url}" rel="next">' in html_de


@pytest.mark.django_db
def test_missing_page_in_every_language_is_still_404(client, german_tree):
    assert client.get("/de" + german_tree["course"].url + "no-such-lesson/").status_code == 404


# --- skills follow the page's language --------------------------------------


@pytest.fixture
def skill_pair(english):
    vi = factories.SkillFactory(code="zalo-safety", name="Dùng Zalo an toàn")
    en = factories.SkillFactory(
        code="zalo-safety",
        name="Use Zalo safely",
        locale=english,
        translation_key=vi.translation_key,
    )
    return vi, en


@pytest.mark.django_db
def test_translated_lesson_shows_and_stores_the_skills_in_its_language(
    client, course, english, skill_pair
):
    vi_skill, en_skill = skill_pair
    index, home = course.get_parent(), course.get_parent().get_parent()
    home.specific.copy_for_translation(english).save_revision().publish()
    index.specific.copy_for_translation(english).save_revision().publish()
    course.copy_for_translation(english).save_revision().publish()
    lesson = factories.LessonPageFactory(parent=course)
    lesson.skills.set([vi_skill])
    lesson.save_revision().publish()
    lesson_en = lesson.copy_for_translation(english)
    html = client.get(lesson.url).content.decode()
    assert "Dùng Zalo an toàn" in html
    lesson_en.save_revision().publish()
    lesson_en = LessonPage.objects.get(pk=lesson_en.pk)
    assert list(lesson_en.skills.all()) == [en_skill]
    html_en = client.get(lesson_en.url).content.decode()
    assert "You will learn: " in html_en and "Use Zalo safely" in html_en
    assert "Dùng Zalo an toàn" not in html_en


@pytest.mark.django_db
def test_lesson_editor_offers_only_skills_in_the_lessons_language(course, skill_pair):
    vi_skill, en_skill = skill_pair
    lesson = factories.LessonPageFactory(parent=course)
    form_class = LessonPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, LessonPageForm)
    form = form_class(instance=lesson, parent_page=course, for_user=None)
    assert list(form.fields["skills"].queryset) == [vi_skill]


# --- search: the visitor's language, the source as fallback, synonyms --------


@pytest.mark.django_db
def test_german_search_falls_back_to_untranslated_source_pages(client, german_tree, german):
    results = learning_search(
        query="dang ky khai sinh", locale=german, fallback=Locale.get_default()
    )
    assert [r.url for r in results] == ["/de" + german_tree["second"].url]
    # A lesson translated into German is found in German, not again in Vietnamese.
    results = learning_search(query="vneid", locale=german, fallback=Locale.get_default())
    urls = [r.url for r in results]
    assert german_tree["first_de"].url in urls and german_tree["first"].url not in urls
    html = client.get("/de/search/", {"q": "dang ky khai sinh"}).content.decode()
    assert f'href="/de{german_tree["second"].url}"' in html


@pytest.mark.django_db
def test_synonyms_expand_abbreviations(course):
    factories.LessonPageFactory(parent=course, title="Làm căn cước công dân gắn chip")
    factories.LessonPageFactory(parent=course, title="Nộp hồ sơ trên Cổng dịch vụ công")
    vi = Locale.get_default()
    assert learning_search(query="cccd", locale=vi) == []
    for term, phrase in [("CCCD", "căn cước công dân"), ("dvc", "dịch vụ công")]:
        synonym = SearchSynonym(term=term, phrase=phrase, locale=vi)
        synonym.full_clean()
        synonym.save()
    assert [r.title for r in learning_search(query="cccd", locale=vi)] == [
        "Làm căn cước công dân gắn chip"
    ]
    assert [r.title for r in learning_search(query="Cổng DVC", locale=vi)] == [
        "Nộp hồ sơ trên Cổng dịch vụ công"
    ]
    assert SearchSynonym.objects.get(phrase="căn cước công dân").term == "cccd"  # folded


@pytest.mark.django_db
def test_synonym_must_be_one_word(db):
    synonym = SearchSynonym(term="can cuoc", phrase="căn cước", locale=Locale.get_default())
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            synonym.full_clean()
        assert error.value.message_dict == {"term": ["Enter one word, e.g. cccd."]}


@pytest.mark.django_db
def test_synonyms_are_an_editor_snippet(admin_client):
    response = admin_client.get(reverse("wagtailsnippets_courses_searchsynonym:list"))
    assert response.status_code == 200


# --- QR codes use the request's host without SITE_BASE_URL ------------------


@pytest.mark.django_db
def test_print_view_qr_and_text_use_the_request_host(client, course, settings):
    settings.SITE_BASE_URL = ""
    lesson = factories.LessonPageFactory(parent=course)
    html = client.get(lesson.url + "print/", HTTP_HOST="hoc.xa-an-binh.vn").content.decode()
    assert f"http://hoc.xa-an-binh.vn{lesson.url}" in html
    poster = client.get(course.url + "qr/", HTTP_HOST="hoc.xa-an-binh.vn")
    assert decode(poster.content) == [f"http://hoc.xa-an-binh.vn{course.url}"]
