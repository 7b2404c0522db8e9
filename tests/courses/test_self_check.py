"""Self-check: graded on the server without JavaScript; instant feedback data for JS."""

import gzip

import pytest
from django.contrib.staticfiles import finders

from . import factories


@pytest.fixture
def lesson(course):
    return factories.LessonPageFactory(
        parent=course,
        questions=[
            factories.question(),
            factories.question(
                "Mật khẩu nào an toàn hơn?",
                [
                    ("123456", False, "Mật khẩu này bị đoán đầu tiên."),
                    ("ComGaoNhaBa3Bat!", True, "Dài và khó đoán."),
                ],
            ),
        ],
    )


@pytest.mark.django_db
def test_unanswered_form_is_a_plain_get_form_with_hidden_explanations(client, lesson):
    html = client.get(lesson.url).content.decode()
    assert f'<form method="get" action="{lesson.url}#self-check" data-self-check' in html
    assert '<input type="hidden" name="check" value="1">' in html
    assert 'name="q1" value="0"' in html and 'name="q2" value="1"' in html
    assert 'class="score"' not in html
    # Every explanation is in the page for the JS, hidden until an answer is chosen.
    assert html.count("data-explain hidden") == 4
    assert html.count('data-correct="1"') == 2


@pytest.mark.django_db
def test_without_javascript_the_server_grades_and_explains(client, lesson):
    response = client.get(lesson.url, {"q1": "1", "q2": "0"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bạn trả lời đúng 1 trên 2 câu." in html
    assert "Đúng: mã OTP chỉ dành cho bạn." in html
    assert "Mật khẩu này bị đoán đầu tiên." in html
    assert html.count("data-explain hidden") == 2  # the two unchosen answers stay hidden
    assert 'id="q1-1" name="q1" value="1" checked' in html
    assert 'class="answer is-right"' in html and 'class="answer is-wrong"' in html
    check = response.context["check"]
    assert (check["answered"], check["correct"], check["total"]) == (2, 1, 2)


@pytest.mark.django_db
def test_garbage_answers_are_ignored(client, lesson):
    response = client.get(lesson.url, {"q1": "x", "q2": "99"})
    assert response.status_code == 200
    assert response.context["check"]["answered"] == 0


@pytest.mark.django_db
def test_vietnamese_interface_translates_the_score(client, lesson):
    html = client.get(
        lesson.url, {"q1": "1", "q2": "1"}, HTTP_ACCEPT_LANGUAGE="vi"
    ).content.decode()
    assert 'lang="vi"' in html
    assert "2" in html


def test_enhancement_script_gives_instant_feedback():
    """The JS reads the same markup: toggles explanations and right/wrong on change."""
    path = finders.find("courses/learn.js")
    source = open(path, encoding="utf-8").read()
    assert "[data-self-check]" in source and "data-explain" in source
    assert "is-right" in source and "is-wrong" in source
    assert "localStorage" in source  # progress stays on the device
    assert "submit" in source and "preventDefault" in source  # graded here, so offline too
    # The lesson page budget is small: what goes over the wire (gzip) stays under 2 KB.
    assert len(gzip.compress(source.encode())) < 2_000


@pytest.mark.django_db
def test_a_wrong_answer_shows_the_right_one_and_a_blank_question_is_named(client, lesson):
    response = client.get(lesson.url, {"check": "1", "q1": "0"})
    html = response.content.decode()
    check = response.context["check"]
    assert check["blank"] == [2] and check["submitted"]
    assert "Câu 2 chưa được trả lời." in html
    assert html.count("Bạn chưa trả lời câu này.") == 2  # q2 shown, q1's copy hidden
    assert 'class="question is-blank"' in html
    # q1 was wrong: its right answer is shown (not hidden), with the answer text.
    right = html.split('id="q1"')[1].split("</fieldset>")[0]
    assert '<p class="right-answer" data-right>' in right
    assert "<strong>" + check["questions"][0]["right"][0]["text"] + "</strong>" in right


@pytest.mark.django_db
def test_all_blank_after_pressing_check_names_every_question(client, lesson):
    check = client.get(lesson.url, {"check": "1"}).context["check"]
    assert check["blank"] == [1, 2] and check["answered"] == 0


@pytest.mark.django_db
def test_first_visit_names_no_blank_question(client, lesson):
    check = client.get(lesson.url).context["check"]
    assert check["blank"] == [] and not check["submitted"]
