from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import LocalePrefixPattern, Resolver404, get_resolver
from django.utils import translation


def resolves_outside_i18n_patterns(path: str, urlconf: str) -> bool:
    """Whether `path` is served by a route listed before the i18n_patterns block."""
    rest = path.removeprefix("/")
    for pattern in get_resolver(urlconf).url_patterns:
        if isinstance(getattr(pattern, "pattern", None), LocalePrefixPattern):
            return False
        try:
            if pattern.resolve(rest):
                return True
        except Resolver404:
            continue
    return False


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Content pages take their language from the path; app screens from the visitor.

    With ``prefix_default_language=False`` Django serves every unprefixed URL
    in LANGUAGE_CODE, ignoring the language a visitor chose. That is right
    for lessons (``/`` is Vietnamese, ``/en/`` English, each a shareable
    link) but wrong for the field app, dashboard, reports and verification,
    which have one URL for everyone: there the switcher's cookie, then
    Accept-Language, decide.
    """

    def process_request(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        if translation.get_language_from_path(
            request.path_info
        ) or not resolves_outside_i18n_patterns(request.path_info, urlconf):
            return super().process_request(request)
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
