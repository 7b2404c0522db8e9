from django.apps import AppConfig


class CoursesConfig(AppConfig):
    verbose_name = "Courses"
    name = "courses"
