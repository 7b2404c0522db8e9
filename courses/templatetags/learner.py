from django import template

from courses.models.pages import learner_url as page_learner_url

register = template.Library()


@register.simple_tag(takes_context=True)
def learner_url(context, page) -> str:
    """`{% learner_url page %}`: like `pageurl`, but stays in the visitor's language."""
    return page_learner_url(page, context.get("request"))
