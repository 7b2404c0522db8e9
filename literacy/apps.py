from django.apps import AppConfig


class LiteracyConfig(AppConfig):
    name = "literacy"
    verbose_name = "Digital literacy"
