"""{% field_app_config %}: the field app's words and settings as a JSON data element."""

from django import template
from django.utils.html import json_script

register = template.Library()

# What every server-rendered field page needs: the sync bar and the logout guard.
BAR_KEYS = (
    "waiting",
    "nothing_waiting",
    "refused",
    "send_now",
    "sending",
    "sent_ok",
    "offline_now",
    "send_failed",
    "last_sync",
    "never_synced",
    "storage",
    "logout_warning",
    "download_unsent",
    "logout_anyway",
    "cancel",
    "kind_visit",
    "kind_household",
    "kind_learner",
    "kind_certification",
)


@register.simple_tag
def field_app_config(full: bool = False) -> str:
    """The whole configuration for the shell; the sync bar's part elsewhere."""
    from volunteers.views.field_app import field_app_config as config_for_shell

    config = config_for_shell()
    if not full:
        config["strings"] = {key: config["strings"][key] for key in BAR_KEYS}
        for key in ("outcomes", "household_flags", "learner_flags", "consent_scope"):
            config.pop(key)
    return json_script(config, "field-config")
