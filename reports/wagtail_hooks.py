"""Campaigns in the Wagtail admin ("Reports" menu): phases inline, rows scoped by volunteers.access.

A campaign is listed and opened only when its area is one the user may see
(another area's campaign id answers 404); the area picker offers only those
areas. Who may add or change campaigns at all is Wagtail's model permission
(reports.add_campaign, ...).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, DateColumn

from volunteers import access
from volunteers.admin.scoped import ScopedViewSet

from .models import Campaign

ERROR_PHASE_OUTSIDE = _("Each phase must lie within the campaign's dates.")


def campaigns_visible(user):
    """Campaigns whose area the user may see."""
    return access.within_visible_areas(Campaign.objects.all(), user)


class CampaignForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "area" in self.fields and self.for_user is not None:
            self.fields["area"].queryset = access.visible_areas(self.for_user).order_by("path")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date must be on or after the start date."))
        formset = self.formsets.get("phases")
        if start and end and formset is not None:
            for phase_form in formset.forms:
                # The phase forms are validated after this form: validate them now.
                if not phase_form.is_valid():
                    continue
                phase = phase_form.cleaned_data
                if not phase or phase.get("DELETE"):
                    continue
                if (phase.get("start") and phase["start"] < start) or (
                    phase.get("end") and phase["end"] > end
                ):
                    raise forms.ValidationError(ERROR_PHASE_OUTSIDE)
        return data


class CampaignViewSet(ScopedViewSet):
    model = Campaign
    icon = "date"
    menu_label = _("Campaigns")
    menu_order = 260
    add_to_admin_menu = True
    read_scope = staticmethod(campaigns_visible)
    write_scope = staticmethod(campaigns_visible)
    list_select_related = ("area",)
    list_display = [
        "name",
        Column("area", label=_("Area"), accessor="area.name"),
        DateColumn("start", label=_("Start")),
        DateColumn("end", label=_("End")),
    ]
    search_fields = ["name", "area__name"]
    edit_handler = ObjectList(Campaign.panels, base_form_class=CampaignForm)


@hooks.register("register_admin_viewset")
def register_campaign_viewset():
    return CampaignViewSet("campaigns")
