"""Forms learners fill in."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models.reviews import NOTE_MAX_LENGTH


class ScreenReportForm(forms.Form):
    """ "My screen looks different": a note, the version the phone shows, a photo (all optional
    but one of note and photo). The service checks the photo like any image upload."""

    note = forms.CharField(
        label=_("What looks different?"),
        help_text=_("For example: the button is called “Tiếp tục” now, not “Đăng nhập”."),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": NOTE_MAX_LENGTH}),
    )
    version_seen = forms.CharField(
        label=_("App version on your phone (if you know it)"),
        required=False,
        max_length=40,
    )
    photo = forms.FileField(
        label=_("A photo or screenshot of your screen (optional)"),
        help_text=_("Cover your ID number and other personal details first."),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
