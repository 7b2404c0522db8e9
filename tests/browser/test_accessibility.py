"""axe-core (WCAG 2.2 A/AA) finds nothing on the pages a learner and a volunteer open first."""

from tests.browser.conftest import axe_violations
from tests.browser.test_learner_journey import build_learner_site


def learner_pages(world) -> dict[str, str]:
    return {
        "home": world.home.url,
        "course index": world.index.url,
        "course": world.course.url,
        "lesson (image, video, callout, self-check)": world.lesson.url,
        "lesson with answers checked": f"{world.lesson.url}?q1=1&q2=0",
        "lesson print view": f"{world.lesson.url}print/",
        "course QR poster": f"{world.course.url}poster/",
        "video library": world.library.url,
        "video library filtered by topic": f"{world.library.url}?topic={world.video.topic}",
        "FAQ": world.faq.url,
        "search results": "/search/?q=dang+ky+khai+sinh",
        "search without results": "/search/?q=khong+co+gi",
        "login": "/accounts/login/",
        "offline": "/offline/",
        "English lesson": f"/en{world.lesson.url}",
    }


def test_learner_pages_have_no_axe_violations(live_server, phone, desktop):
    world = build_learner_site()
    found = {}
    for label, page in (("phone", phone), ("desktop", desktop)):
        for name, path in learner_pages(world).items():
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, f"{name}: {path} answered {response.status}"
            violations = axe_violations(page)
            if violations:
                found[f"{label}: {name}"] = violations
    assert found == {}
