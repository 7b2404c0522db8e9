from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("search/", views.search, name="search"),
    path(
        "lessons/<id:lesson_id>/steps/<uuid:step_id>/looks-different/",
        views.screen_report,
        name="screen_report",
    ),
]
