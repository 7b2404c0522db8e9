"""Demo mentors (issue 12): the named leader's team asks for two skills; one of its learners
became the `mentor` login, another holds both skills and waits to be invited.

Idempotent on its own (run after every demo load): the mentor is made once,
certificates only where missing.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from core.demo import ensure_user
from courses.models import Skill
from volunteers.models import (
    Certification,
    Learner,
    Membership,
    MentorInvitation,
    Team,
    Volunteer,
)
from volunteers.services.certifications import new_certification_code

MENTOR_USERNAME = "mentor"
MENTOR_SKILLS = 2


def _demo_team() -> Team | None:
    membership = (
        Membership.objects.filter(user__username="leader", role=Membership.Role.LEADER)
        .select_related("team", "user")
        .first()
    )
    return membership.team if membership else None


def _certify_all(learner: Learner, skills: list[Skill], team: Team, by) -> None:
    held = set(
        learner.certifications.filter(revoked_at__isnull=True).values_list("skill_id", flat=True)
    )
    for skill in skills:
        if skill.pk not in held:
            Certification.objects.create(
                learner=learner,
                skill=skill,
                team=team,
                certified_by=by,
                certified_on=timezone.localdate(),
                checklist=skill.checklist_items,
                code=new_certification_code(),
            )


@transaction.atomic
def ensure_mentors(*, password: str) -> str:
    """Make the demo mentor and an invitable learner unless they exist; returns a status line."""
    team = _demo_team()
    skills = [
        skill
        for skill in Skill.objects.filter(locale=Locale.get_default()).order_by("code")
        if skill.checklist_items
    ][:MENTOR_SKILLS]
    if team is None or not skills:
        return "Mentors demo: no team or no skills, skipped."
    if not team.mentor_skills.exists():
        team.mentor_skills.set(skills)
    skills = list(team.mentor_skills.order_by("code"))
    leader = Membership.objects.get(team=team, user__username="leader").user
    learners = list(
        Learner.objects.filter(
            household__team=team,
            household__erased_at__isnull=True,
            household__consent_at__isnull=False,
            erased_at__isnull=True,
            volunteer__isnull=True,
        ).order_by("household__code", "pk")[:2]
    )
    made = []
    if not Volunteer.objects.filter(user__username=MENTOR_USERNAME).exists() and learners:
        learner = learners.pop(0)
        _certify_all(learner, skills, team, leader)
        user = ensure_user(MENTOR_USERNAME, password, first_name=learner.name.split()[-1])
        Volunteer.objects.create(user=user, display_name=learner.name, learner=learner)
        Membership.objects.get_or_create(
            user=user, team=team, defaults={"role": Membership.Role.MENTOR}
        )
        now = timezone.now()
        MentorInvitation.objects.create(
            team=team,
            learner=learner,
            invited_by=leader,
            status=MentorInvitation.Status.ACCEPTED,
            consent_given_by=learner.name,
            consent_at=now,
            answered_at=now,
            user=user,
        )
        made.append(MENTOR_USERNAME)
    if learners:
        _certify_all(learners[0], skills, team, leader)
    return (
        f"Mentors demo: team {team.name} asks for {len(skills)} skills; made {made or 'nothing'}."
    )
