from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class AutosavedDraft(models.Model):
    """A page that exists only because the editor's autosave created it: nobody pressed
    "Save draft", submit or publish on it. When the same user starts a new page with the
    same slug under the same parent, the abandoned one is deleted so that the new page
    gets the slug (see courses.wagtail_hooks and free_slug_of_abandoned_drafts)."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("autosaved draft")

    def __str__(self) -> str:
        return f"{self.page_id} ({self.user_id})"


def free_slug_of_abandoned_drafts(parent: Page, slug: str, user) -> int:
    """Delete the `user`'s autosave-only drafts under `parent` that hold `slug`: never
    published, not live, no workflow in progress, no children. Returns how many."""
    deleted = 0
    for marker in AutosavedDraft.objects.filter(user=user, page__slug=slug).select_related("page"):
        page = marker.page
        if (
            page.is_child_of(parent)
            and not page.live
            and page.first_published_at is None
            and page.numchild == 0
            and not page.workflow_in_progress
            and not page.revisions.exclude(user=user).exists()
        ):
            page.delete()
            deleted += 1
    return deleted
