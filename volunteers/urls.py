from django.urls import path

from .views import certificates, households, visits

app_name = "volunteers"

urlpatterns = [
    path("field/", households.household_list, name="home"),
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
    path("field/teams/<id:team_pk>/cards/", households.household_cards, name="household_cards"),
    path("verify/", certificates.verify_form, name="verify_form"),
    path("verify/<str:code>/", certificates.verify, name="verify"),
]
