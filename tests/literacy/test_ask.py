"""The "Ask a question" page: answers linked to the exact FAQ entry or lesson step, in the
visitor's language; unanswered questions logged without personal data; the team's contact."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.urls import reverse
from wagtail.models import Locale, Site

from courses import demo
from courses.answers import GENERATION_KEY
from courses.models import UnansweredQuestion
from literacy import page_cache
from tests.courses import factories
from tests.world import WorldBuilder

FAQ_ITEMS = [
    {
        "type": "item",
        "value": {
            "question": "Tôi quên mật khẩu VNeID thì làm sao?",
            "answer": "<p>Bấm <b>Quên mật khẩu</b> và nhập mã OTP.</p>",
            "paraphrases": "Không đăng nhập được VNeID\nLấy lại mật khẩu",
        },
    },
    {
        "type": "item",
        "value": {
            "question": "Học có mất phí không?",
            "answer": "<p>Không. Mọi bài học đều miễn phí.</p>",
            "paraphrases": "Có phải trả tiền không?",
        },
    },
]


@pytest.fixture
def site(db):
    home = factories.HomePageFactory()
    default = Site.objects.get(is_default_site=True)
    default.root_page = home
    default.save()
    faq = factories.FaqPageFactory(parent=home, slug="hoi-dap", items=FAQ_ITEMS)
    index = factories.CourseIndexPageFactory(parent=home, slug="khoa-hoc")
    course = factories.CoursePageFactory(parent=index, slug="dich-vu-cong")
    lesson = factories.LessonPageFactory(
        parent=course,
        slug="thanh-toan-tien-dien",
        title="Thanh toán tiền điện trực tuyến",
        steps=[
            factories.step(title="Tìm mã khách hàng", instruction="Mã in trên hóa đơn điện."),
            factories.step(title="Chọn Thanh toán hóa đơn", instruction="Mở ứng dụng ngân hàng."),
        ],
    )
    return {"home": home, "faq": faq, "course": course, "lesson": lesson}


def ask(client, question, prefix="", **extra):
    return client.get(f"{prefix}/ask/", {"q": question, **extra})


@pytest.mark.django_db
def test_answers_link_to_the_faq_entry_and_the_exact_step(client, site):
    html = ask(client, "khong dang nhap duoc vneid").content.decode()
    assert 'href="/hoi-dap/#faq-toi-quen-mat-khau-vneid-thi-lam-sao"' in html
    html = ask(client, "Mã khách hàng tiền điện ở đâu?").content.decode()
    lesson_url = site["lesson"].url
    assert f'href="{lesson_url}#step-1"' in html
    assert (
        html.index(f"{lesson_url}#step-1") < html.index(f"{lesson_url}#step-2")
        if (f"{lesson_url}#step-2" in html)
        else True
    )
    # The anchor is the one the lesson page gives its first step.
    assert 'id="step-1"' in site["lesson"].steps[0].render(context={"number": 1})
    assert "Ask your community digital team" in html or "tổ công nghệ số" in html
    assert not UnansweredQuestion.objects.exists()


@pytest.mark.django_db
def test_the_box_is_on_the_home_and_faq_pages(client, site):
    for url in ("/", site["faq"].url):
        html = client.get(url).content.decode()
        assert 'action="/ask/"' in html and 'method="get"' in html
        assert "Hỏi đáp" in html


@pytest.mark.django_db
def test_unanswered_questions_are_stored_folded_counted_and_empty_no_cache(client, site):
    caches["pages"].set(page_cache.GENERATION_KEY, 7)
    for question in ("Giá vàng hôm nay bao nhiêu?", "gia vang hom nay bao nhieu"):
        response = ask(client, question)
        assert response.status_code == 200
        assert "We have no answer" in response.content.decode() or "chưa có" in (
            response.content.decode()
        )
    row = UnansweredQuestion.objects.get()
    assert (row.language, row.text, row.times_asked) == ("vi", "gia vang hom nay bao nhieu", 2)
    assert caches["pages"].get(page_cache.GENERATION_KEY) == 7  # the page cache kept its pages
    row.resolved = True
    row.save()
    ask(client, "GIÁ VÀNG hôm nay bao nhiêu")
    row.refresh_from_db()
    assert row.times_asked == 3 and not row.resolved


@pytest.mark.django_db
def test_a_too_long_question_is_a_clear_error_and_keeps_the_text(client, site):
    question = "mật khẩu " * 40
    response = ask(client, question)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html and "200" in html
    assert " ".join(question.split()) in html
    assert not UnansweredQuestion.objects.exists()


@pytest.mark.django_db
def test_html_in_a_question_is_escaped(client, site):
    html = ask(client, "<script>alert(1)</script> mật khẩu").content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


@pytest.mark.django_db
def test_a_new_faq_entry_is_found_after_publishing(client, site):
    assert ask(client, "cach luu so dien thoai vao danh ba").content.decode().count(
        'class="card"'
    ) in (0, 1)  # (only the team card)
    generation = caches["pages"].get(GENERATION_KEY)
    faq = site["faq"]
    faq.items = [
        *FAQ_ITEMS,
        {
            "type": "item",
            "value": {
                "question": "Làm sao lưu số điện thoại vào danh bạ?",
                "answer": "<p>Mở Danh bạ, bấm dấu +.</p>",
                "paraphrases": "",
            },
        },
    ]
    faq.save_revision().publish()
    assert caches["pages"].get(GENERATION_KEY) != generation
    html = ask(client, "cach luu so dien thoai vao danh ba").content.decode()
    assert "#faq-lam-sao-luu-so-dien-thoai-vao-danh-ba" in html


@pytest.mark.django_db
def test_english_visitors_get_english_answers_under_their_prefix(client, site):
    english, _ = Locale.objects.get_or_create(language_code="en")
    site["home"].copy_for_translation(english).save_revision().publish()
    faq_en = site["faq"].copy_for_translation(english)
    faq_en.items = [
        {
            "type": "item",
            "value": {
                "question": "Do the lessons cost anything?",
                "answer": "<p>No. All lessons are free.</p>",
                "paraphrases": "Is it free?",
            },
        }
    ]
    faq_en.save_revision().publish()
    response = ask(client, "how much does it cost", prefix="/en")
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="en"' in html
    assert 'href="/en/hoi-dap/#faq-do-the-lessons-cost-anything"' in html
    # The untranslated lesson is still found, linked under /en/.
    html = ask(client, "ma khach hang hoa don dien", prefix="/en").content.decode()
    assert f'href="/en{site["lesson"].url}#step-1"' in html


@pytest.mark.django_db
def test_the_team_contact_is_shown_for_the_chosen_commune(client, site):
    builder = WorldBuilder()
    province = builder.area("Hà Giang", "province", code="02")
    commune = builder.area("Xã Minh Tân", "commune", parent=province, code="00715")
    village = builder.area("Thôn Nà Cú", "village", parent=commune, code="0071501")
    team = builder.team(commune, name="Tổ công nghệ số Minh Tân")
    team.contact_url = "https://zalo.me/g/minhtan"
    team.save()
    html = ask(client, "hoc co mat phi khong").content.decode()
    assert "https://zalo.me/g/minhtan" not in html  # no commune chosen: the general message
    assert '<option value="00715">Xã Minh Tân</option>' in html
    for code in ("00715", "0071501"):  # the commune, or a village below it
        html = ask(client, "hoc co mat phi khong", area=code).content.decode()
        assert 'href="https://zalo.me/g/minhtan"' in html
        assert "Tổ công nghệ số Minh Tân" in html
    html = ask(client, "hoc co mat phi khong", area="99999").content.decode()
    assert "https://zalo.me/g/minhtan" not in html
    assert village  # a village has no team of its own


@pytest.mark.django_db
def test_editors_see_the_unanswered_questions_in_the_admin(client, site):
    loader = demo.Loader("demo")
    loader.ensure_locales()
    loader.ensure_editor()
    ask(client, "thoi tiet ngay mai the nao")
    editor = get_user_model().objects.get(username="editor")
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_courses_unansweredquestion:list"))
    assert response.status_code == 200
    assert "thoi tiet ngay mai the nao" in response.content.decode()
    assert client.get(reverse("wagtailsnippets_courses_unansweredquestion:add")).status_code in (
        302,
        403,
    )
