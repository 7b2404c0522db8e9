from django.apps import AppConfig


class CoursesConfig(AppConfig):
    verbose_name = "Courses"
    name = "courses"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the SITE_BASE_URL check)
        from .answers import connect_signals

        connect_signals()
