from django.apps import AppConfig


class LiteracyConfig(AppConfig):
    name = "literacy"
    verbose_name = "Digital literacy"

    def ready(self):
        from . import page_cache

        page_cache.connect_signals()
