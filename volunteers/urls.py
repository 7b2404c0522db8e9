from django.urls import path

from .views import certificates, field_app, households, sync, visits
from .views import mentors as mentor_views
from .views import profile as profile_views

app_name = "volunteers"

urlpatterns = [
    path("field/", households.household_list, name="home"),
    # The offline field app's shell, and its routes for what exists only on the phone.
    path("field/app/", field_app.field_app, name="field_app"),
    path("field/app/<path:route>", field_app.field_app, name="field_app_route"),
    path("field/manifest.webmanifest", field_app.manifest, name="field_manifest"),
    path("field/households/new/", households.household_register, name="household_register"),
    path("field/households/<id:pk>/", households.household_detail, name="household"),
    path("field/households/<id:pk>/learners/new/", households.learner_add, name="learner_add"),
    path("field/households/<id:pk>/visit/", visits.visit_log, name="visit_log"),
    path("field/households/<id:pk>/certify/", certificates.certify, name="certify"),
    path("field/households/<id:pk>/export/", households.household_export, name="household_export"),
    path("field/households/<id:pk>/erase/", households.household_erase, name="household_erase"),
    path("field/h/<str:code>/", households.household_by_code, name="household_by_code"),
    path("field/certificates/<id:pk>/", certificates.certificate, name="certificate"),
    path(
        "field/certificates/<id:pk>/revoke/",
        certificates.certificate_revoke,
        name="certificate_revoke",
    ),
    path("field/week/", visits.my_week, name="my_week"),
    path("field/teams/<id:team_pk>/", households.team_detail, name="team"),
    path("field/teams/<id:team_pk>/refused/", sync.team_refused, name="team_refused"),
    path("field/teams/<id:team_pk>/cards/", households.household_cards, name="household_cards"),
    # Learners who become mentors (issue 12); the acceptance link lies outside /field/ (no login,
    # never kept by the field app's service worker).
    path("field/teams/<id:team_pk>/mentors/", mentor_views.team_mentors, name="team_mentors"),
    path(
        "field/teams/<id:team_pk>/mentors/skills/",
        mentor_views.team_mentor_skills,
        name="team_mentor_skills",
    ),
    path(
        "field/teams/<id:team_pk>/mentors/invite/", mentor_views.mentor_invite, name="mentor_invite"
    ),
    path(
        "field/mentor-invitations/<id:pk>/",
        mentor_views.mentor_invitation,
        name="mentor_invitation",
    ),
    path(
        "field/mentor-invitations/<id:pk>/answer/",
        mentor_views.mentor_invitation_answer,
        name="mentor_invitation_answer",
    ),
    path("mentor/<str:token>/", mentor_views.mentor_accept, name="mentor_accept"),
    path("field/profile/", profile_views.profile, name="profile"),
    path("field/learn/", profile_views.volunteer_courses, name="volunteer_courses"),
    path("verify/", certificates.verify_form, name="verify_form"),
    path("verify/<str:code>/", certificates.verify, name="verify"),
]
