"""Who may see or change what. Every view, form, admin list, export and API asks here.

Rules (DESIGN.md, issue 3):

- anonymous: nothing;
- superuser: everything;
- volunteer (any membership): the households of their teams, and those
  households' learners, visits and certifications; the areas of their teams
  and everything below them; they may change their teams' households;
- team leader: as a volunteer, and may also manage (change) their teams;
- mentor (role "mentor": a certified learner a leader invited, issue 12): a
  volunteer of the team like a member (households, visits, certificates, QR
  cards); never a leader (no team management, erasure, audit trail or
  dashboard of their own);
- official: the subtree of each area they are assigned to, read-only: they
  never get anything from the ``editable_*`` functions (unless they are also a
  volunteer, in which case their team rights apply as for any volunteer).

Decisions beyond the scopes, each made here and nowhere else:

- registering households: volunteers (any membership) and superusers
  (``can_register``);
- erasing a household's personal data: a leader of the household's team or a
  superuser (``can_erase_household``; the erase service checks it too);
- personal data (names, phones, addresses, consent text, visit notes,
  revocation reasons): ``can_see_personal_data`` / ``personal_data_scope_q``,
  the same rule as ``can_see_names``; volunteers.masking applies it on every
  path, and search by name or address only reaches the rows it allows;
- withdrawing consent: as erasing (``can_withdraw_consent``);
- the offline field app keeps the households of the user's own teams only
  (``offline_teams``, ``offline_households``); a team's leaders see the sync
  items its members' phones sent and had refused (``can_view_sync_refusals``);
- mentors: a leader of the team (or a superuser) chooses the team's mentor
  skills, invites its certified learners and withdraws invitations
  (``can_invite_mentor``); the learners offered are the team's own
  (``mentor_invitable_learners``), so another team's learner id is a 404;
- the audit trail: officials (their subtrees), leaders (their teams'
  households), superusers (``can_view_audit_log``, ``visible_access_logs``);
  nobody may change or delete an entry;
- importing areas or households: the Django model permission to add them
  (``can_import``); the rows still go through the scopes above;
- the team a visit, certificate or household is recorded for by default: the
  household's team when the user belongs to it, else the user's first team
  (``default_team``);
- areas are found by official code (``area_for_user_by_code``) or by primary
  key (``area_for_user_by_pk``), never by guessing which one a string is:
  official codes are numeric too (province 79, commune 26734).

Each ``visible_*`` / ``editable_*`` function returns one lazy QuerySet; the
scope is an OR of indexed conditions (team id subquery, area path prefixes),
never a Python loop over rows. The user's official area paths and team area
paths are read once per user object and cached on it (two tiny queries per
request at most).

An id outside the user's scope answers 404 (``get_visible_or_404``), never
403, so ids cannot be probed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import (
    AccessLog,
    Area,
    Certification,
    Household,
    Learner,
    Membership,
    MentorInvitation,
    Official,
    Target,
    Team,
    Visit,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from typing_extensions import TypeIs

    AnyUser = User | AnonymousUser | None

_NOTHING = Q(pk__in=[])


def _authenticated(user: AnyUser) -> TypeIs[User]:
    return user is not None and user.is_authenticated and user.is_active


def _is_superuser(user: AnyUser) -> bool:
    return _authenticated(user) and user.is_superuser


def is_official(user: AnyUser) -> bool:
    """True if the user is assigned to at least one area as an official."""
    return _authenticated(user) and bool(_official_paths(user))


def requires_two_factor(user: AnyUser) -> bool:
    """Officials, staff and superusers must confirm a second factor; volunteers may.

    They see (or run) whole areas, so a guessed password must not be enough.
    """
    return _authenticated(user) and (user.is_staff or user.is_superuser or is_official(user))


def is_volunteer(user: AnyUser) -> bool:
    """True if the user belongs to at least one team."""
    return _authenticated(user) and bool(_team_rows(user))


def is_leader(user: AnyUser, team: Team | int | None = None) -> bool:
    """True if the user leads `team` (or any team when `team` is None)."""
    if not _authenticated(user):
        return False
    team_id = getattr(team, "pk", team)
    return any(
        role == Membership.Role.LEADER and (team_id is None or tid == team_id)
        for tid, _path, role in _team_rows(user)
    )


# --- cached per user object -------------------------------------------------

_OFFICIAL_ROWS = "_access_official_rows"
_TEAM_ROWS = "_access_team_rows"


def _official_rows(user: AnyUser) -> list[tuple[str, bool]]:
    """(area path, can_see_names) for each official role of the user."""
    if not _authenticated(user):
        return []
    cached = getattr(user, _OFFICIAL_ROWS, None)
    if cached is None:
        cached = list(Official.objects.filter(user=user).values_list("area__path", "can_see_names"))
        setattr(user, _OFFICIAL_ROWS, cached)
    return cached


def _official_paths(user: AnyUser) -> list[str]:
    return [path for path, _names in _official_rows(user)]


def _team_rows(user: AnyUser) -> list[tuple[int, str, str]]:
    """(team id, team area path, role) for each membership of the user."""
    if not _authenticated(user):
        return []
    cached = getattr(user, _TEAM_ROWS, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).values_list("team_id", "team__area__path", "role")
        )
        setattr(user, _TEAM_ROWS, cached)
    return cached


def forget(user: AnyUser) -> None:
    """Drop the cached roles (after memberships or official roles change in a request)."""
    for name in (_OFFICIAL_ROWS, _TEAM_ROWS):
        if hasattr(user, name):
            delattr(user, name)


def _team_ids(user: AnyUser) -> list[int]:
    return [tid for tid, _path, _role in _team_rows(user)]


def _leader_team_ids(user: AnyUser) -> list[int]:
    return [tid for tid, _path, role in _team_rows(user) if role == Membership.Role.LEADER]


def _paths_q(paths: list[str], prefix: str) -> Q:
    """OR of ``<prefix>path__startswith`` over `paths` (nested paths collapsed)."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(parent) for parent in kept):
            kept.append(path)
    query = _NOTHING
    for path in kept:
        query |= Area.path_q(path, prefix)
    return query


# --- scopes as Q objects ----------------------------------------------------


def household_scope_q(user: AnyUser, prefix: str = "", *, write: bool = False) -> Q | None:
    """The Q a Household query (via `prefix`, e.g. "household__") needs; None means all."""
    if _is_superuser(user):
        return None
    if not _authenticated(user):
        return _NOTHING
    query = Q(**{f"{prefix}team_id__in": _team_ids(user)}) if _team_ids(user) else _NOTHING
    if not write:
        query |= _paths_q(_official_paths(user), f"{prefix}area__")
    return query


def _filter(queryset: QuerySet, scope: Q | None) -> QuerySet:
    return queryset if scope is None else queryset.filter(scope)


# --- what a user may see ----------------------------------------------------


def visible_areas(user: AnyUser) -> QuerySet[Area]:
    """Areas the user may see: official subtrees, their teams' area subtrees."""
    if _is_superuser(user):
        return Area.objects.all()
    paths = _official_paths(user) + [path for _tid, path, _role in _team_rows(user)]
    return Area.objects.filter(_paths_q(paths, ""))


def visible_teams(user: AnyUser) -> QuerySet[Team]:
    """Teams the user belongs to, plus the teams working in an official's subtree."""
    if _is_superuser(user):
        return Team.objects.all()
    query = Q(pk__in=_team_ids(user)) if _team_ids(user) else _NOTHING
    query |= _paths_q(_official_paths(user), "area__")
    return Team.objects.filter(query)


def visible_households(user: AnyUser) -> QuerySet[Household]:
    """Households the user may see (read)."""
    return _filter(Household.objects.all(), household_scope_q(user))


def visible_learners(user: AnyUser) -> QuerySet[Learner]:
    return _filter(Learner.objects.all(), household_scope_q(user, "household__"))


def visible_visits(user: AnyUser) -> QuerySet[Visit]:
    return _filter(Visit.objects.all(), household_scope_q(user, "household__"))


def visible_certifications(user: AnyUser) -> QuerySet[Certification]:
    return _filter(Certification.objects.all(), household_scope_q(user, "learner__household__"))


def within_visible_areas(queryset: QuerySet, user: AnyUser, field: str = "area") -> QuerySet:
    """Rows of `queryset` whose `field` is an area the user may see (targets, officials, campaigns)."""
    return queryset.filter(**{f"{field}__in": visible_areas(user).values("pk")})


def visible_memberships(user: AnyUser) -> QuerySet[Membership]:
    return Membership.objects.filter(team__in=visible_teams(user).values("pk"))


def visible_officials(user: AnyUser) -> QuerySet[Official]:
    return within_visible_areas(Official.objects.all(), user)


def visible_targets(user: AnyUser) -> QuerySet[Target]:
    return within_visible_areas(Target.objects.all(), user)


# --- what a user may change -------------------------------------------------


def editable_memberships(user: AnyUser) -> QuerySet[Membership]:
    """Memberships of the teams the user leads."""
    return Membership.objects.filter(team__in=editable_teams(user).values("pk"))


def editable_officials(user: AnyUser) -> QuerySet[Official]:
    """Official roles grant whole subtrees, so only superusers assign or change them."""
    return Official.objects.all() if _is_superuser(user) else Official.objects.none()


def editable_targets(user: AnyUser) -> QuerySet[Target]:
    """Targets are planning figures, not personal data: anyone who sees the area may set them
    (the admin's model permissions decide who gets the screen at all)."""
    return visible_targets(user)


def editable_households(user: AnyUser) -> QuerySet[Household]:
    """Households the user may change: their teams' households (officials: none)."""
    return _filter(Household.objects.all(), household_scope_q(user, write=True))


def editable_learners(user: AnyUser) -> QuerySet[Learner]:
    return _filter(Learner.objects.all(), household_scope_q(user, "household__", write=True))


def editable_teams(user: AnyUser) -> QuerySet[Team]:
    """Teams the user may manage: the teams they lead (officials: none)."""
    if _is_superuser(user):
        return Team.objects.all()
    ids = _leader_team_ids(user)
    return Team.objects.filter(pk__in=ids) if ids else Team.objects.none()


def assignable_users(user: AnyUser) -> QuerySet:
    """People a user may add to the teams they lead.

    Superusers: anyone. A team leader: members of teams working in the areas
    of the teams they lead (moving a volunteer between neighbouring teams),
    and accounts with no role at all yet (a new volunteer). Never staff,
    superusers or officials, so a leader's picker does not list who runs the
    system or watches a district.
    """
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    if _is_superuser(user):
        return users
    leader_paths = [path for _tid, path, role in _team_rows(user) if role == Membership.Role.LEADER]
    if not leader_paths:
        return users.none()
    neighbours = Membership.objects.filter(_paths_q(leader_paths, "team__area__")).values("user_id")
    no_role = Q(memberships__isnull=True, official_roles__isnull=True)
    return (
        users.filter(is_staff=False, is_superuser=False, official_roles__isnull=True)
        .filter(Q(pk__in=neighbours) | no_role)
        .distinct()
        .order_by("username")
    )


def recordable_teams(user: AnyUser) -> QuerySet[Team]:
    """Teams on whose behalf the user may record visits and certifications."""
    if _is_superuser(user):
        return Team.objects.all()
    ids = _team_ids(user)
    return Team.objects.filter(pk__in=ids) if ids else Team.objects.none()


def recordable_areas(user: AnyUser) -> QuerySet[Area]:
    """Areas where the user may register households: their teams' areas and below."""
    if _is_superuser(user):
        return Area.objects.all()
    return Area.objects.filter(_paths_q([path for _tid, path, _role in _team_rows(user)], ""))


def revocable_certifications(user: AnyUser) -> QuerySet[Certification]:
    """Certifications the user may revoke: ones they issued, or issued by a team they lead."""
    if _is_superuser(user):
        return Certification.objects.all()
    if not _authenticated(user):
        return Certification.objects.none()
    query = Q(certified_by=user, team_id__in=_team_ids(user))
    if _leader_team_ids(user):
        query |= Q(team_id__in=_leader_team_ids(user))
    return Certification.objects.filter(query)


def can_see_names(user: AnyUser, area: Area | None = None) -> bool:
    """May names (not only codes) be shown to the user for rows in `area`?

    Superusers: yes. Volunteers: for their teams' areas and below. Officials:
    only through a role with ``can_see_names`` whose subtree holds `area`
    (any such role when `area` is None).
    """
    if not _authenticated(user):
        return False
    if user.is_superuser:
        return True
    path = getattr(area, "path", None)

    def covers(prefix: str) -> bool:
        return path is None or path.startswith(prefix)

    if any(covers(team_path) for _tid, team_path, _role in _team_rows(user)):
        return True
    return any(names and covers(official_path) for official_path, names in _official_rows(user))


def can_register(user: AnyUser) -> bool:
    """May the user register households in the field app (volunteers and superusers)?"""
    return _is_superuser(user) or is_volunteer(user)


def is_member(user: AnyUser, team: Team | int) -> bool:
    """True if the user belongs to `team` (superusers: every team)."""
    team_id = getattr(team, "pk", team)
    return _is_superuser(user) or team_id in _team_ids(user)


def can_erase_household(user: AnyUser, household: Household) -> bool:
    """May the user erase the household's personal data? Only a leader of its team (or a superuser)."""
    return _is_superuser(user) or household.team_id in _leader_team_ids(user)


def can_invite_mentor(user: AnyUser, team: Team | int) -> bool:
    """May the user choose `team`'s mentor skills, invite its learners as mentors and withdraw
    invitations? A leader of that team, or a superuser (a mentor or member may not)."""
    return _is_superuser(user) or is_leader(user, getattr(team, "pk", team))


def mentor_invitable_learners(user: AnyUser, team: Team) -> QuerySet[Learner]:
    """Learners of `team`'s households the user may invite as mentors (none unless they may
    invite for the team); erased learners and those who already have an account are left out."""
    if not can_invite_mentor(user, team):
        return Learner.objects.none()
    return editable_learners(user).filter(
        household__team=team, erased_at__isnull=True, volunteer__isnull=True
    )


def managed_mentor_invitations(user: AnyUser) -> QuerySet[MentorInvitation]:
    """Mentor invitations the user may show, withdraw or answer for: those of the teams they lead."""
    if _is_superuser(user):
        return MentorInvitation.objects.all()
    ids = _leader_team_ids(user)
    if not ids:
        return MentorInvitation.objects.none()
    return MentorInvitation.objects.filter(team_id__in=ids)


def can_revoke(user: AnyUser, certification: Certification) -> bool:
    """May the user revoke `certification` (its certifier in its team, or a leader of its team)?"""
    return revocable_certifications(user).filter(pk=certification.pk).exists()


IMPORT_KINDS = {"areas": "volunteers.add_area", "households": "volunteers.add_household"}


def can_import(user: AnyUser, kind: str | None = None) -> bool:
    """May the user import `kind` ("areas" or "households"; None: either) from a file?

    The model permission to add such rows; which rows the import may write is
    still decided by the scopes (the rows go through the services).
    """
    if not _authenticated(user):
        return False
    kinds = IMPORT_KINDS if kind is None else {kind: IMPORT_KINDS[kind]}
    return any(user.has_perm(permission) for permission in kinds.values())


def default_team(user: AnyUser, household: Household | None = None) -> Team | None:
    """The team to record for: the household's team when the user belongs to it, else
    the user's first team; None when the user may record for no team."""
    if household is not None and is_member(user, household.team_id):
        if Household.team.is_cached(household):
            return household.team  # read with the household (household_for_user_or_404)
    teams = recordable_teams(user)
    if household is not None:
        team = teams.filter(pk=household.team_id).first()
        if team is not None:
            return team
    return teams.first()


# --- lookups ------------------------------------------------------------------


def area_for_user_by_code(user: AnyUser, code: str) -> Area | None:
    """The area with the official `code` (e.g. "79"), if the user may see it; else None."""
    return visible_areas(user).filter(code=code.strip()).first()


def area_for_user_by_pk(user: AnyUser, pk: int) -> Area | None:
    """The area with primary key `pk`, if the user may see it; else None."""
    return visible_areas(user).filter(pk=pk).first()


def require_or_404(predicate: Callable[[Any], bool]) -> Callable:
    """A view decorator: 404 unless ``predicate(request.user)`` (a rule from this module)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not predicate(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# --- lookups that answer 404 outside the scope ------------------------------


def get_visible_or_404(queryset_fn: Callable[[Any], QuerySet], user: AnyUser, **lookup: Any):
    """The one object matching `lookup` in ``queryset_fn(user)``; 404 if outside scope."""
    return get_object_or_404(queryset_fn(user), **lookup)


def household_for_user_or_404(
    user: AnyUser, *, pk: int | None = None, code: str | None = None, write: bool = False
) -> Household:
    """The household by pk or card code, if the user may see it (or change it, `write`)."""
    if pk is None and code is None:
        raise Http404
    queryset = editable_households(user) if write else visible_households(user)
    lookup = {"pk": pk} if pk is not None else {"code": code}
    return get_object_or_404(queryset.select_related("area", "team"), **lookup)


# --- personal data: who may see names, phones, addresses, consent and notes
# One rule for every path (field pages, admin lists and object views, search,
# certificates, workbooks); volunteers.masking applies it.


def _names_paths(user: AnyUser) -> list[str]:
    """Area paths under which the user may see personal data (teams' areas, names-right roles)."""
    return [path for _tid, path, _role in _team_rows(user)] + [
        path for path, names in _official_rows(user) if names
    ]


def personal_data_scope_q(user: AnyUser, prefix: str = "") -> Q | None:
    """The Q of households (via `prefix`) whose personal data the user may see; None means all.

    The same rule as ``can_see_names``, as a query: searching by name or
    address is limited to these rows, so a search never confirms a masked name.
    """
    if _is_superuser(user):
        return None
    if not _authenticated(user):
        return _NOTHING
    return _paths_q(_names_paths(user), f"{prefix}area__")


def can_see_personal_data(user: AnyUser, household: Household) -> bool:
    """May the user see `household`'s (and its learners') names, phone, address, consent and notes?

    Officials without the names right see codes and initials only.
    """
    return can_see_names(user, household.area)


def can_search_by_name(user: AnyUser) -> bool:
    """May the user search people by name anywhere (else only by code)?"""
    return _is_superuser(user) or bool(_authenticated(user) and _names_paths(user))


def can_withdraw_consent(user: AnyUser, household: Household) -> bool:
    """May the user record that the household withdrew its consent? As for erasure: its leaders."""
    return can_erase_household(user, household)


# --- the audit trail


def can_view_audit_log(user: AnyUser) -> bool:
    """May the user read the access log? Officials, team leaders and superusers."""
    return _is_superuser(user) or is_official(user) or is_leader(user)


def visible_access_logs(user: AnyUser) -> QuerySet[AccessLog]:
    """Access-log entries the user may read: officials their subtrees, leaders their teams'
    households, superusers all. Nobody may change or delete any (the model refuses)."""
    if _is_superuser(user):
        return AccessLog.objects.all()
    if not can_view_audit_log(user):
        return AccessLog.objects.none()
    query = _paths_q(_official_paths(user), "area__")
    if _leader_team_ids(user):
        query |= Q(household__team_id__in=_leader_team_ids(user))
    return AccessLog.objects.filter(query)


# --- reports
# The reports app (dashboard, workbooks, monthly subscriptions) asks these; this
# module never imports it, so report requests come in as a QuerySet to narrow.


def can_view_dashboard(user: AnyUser) -> bool:
    """May the user open the indicators dashboard? Officials, team leaders and superusers."""
    return _is_superuser(user) or is_official(user) or is_leader(user)


def report_teams(user: AnyUser) -> list[int] | None:
    """The team ids whose rows the user's dashboard and workbooks count; None: the whole area.

    Officials and superusers count whole subtrees; a team leader's reports
    cover the teams they lead; any other volunteer's, the teams they belong to.
    """
    if _is_superuser(user) or is_official(user):
        return None
    return sorted(_leader_team_ids(user) or _team_ids(user))


def can_subscribe(user: AnyUser) -> bool:
    """May the user subscribe to an area's monthly workbook by e-mail? Officials and superusers."""
    return _is_superuser(user) or is_official(user)


def own_reports(reports: QuerySet, user: AnyUser) -> QuerySet:
    """The rows of `reports` (report requests) the user asked for, in areas they still see.

    A report belongs to whoever asked for it (``requested_by``); one who has
    since lost sight of its area loses the report too, and one who has lost
    the names right for it loses the workbooks that carry names. Anyone else's report
    is outside the scope, so it answers 404, never 403.
    """
    if not _authenticated(user):
        return reports.none()
    reports = within_visible_areas(reports.filter(requested_by=user), user)
    names = personal_data_scope_q(user)
    if names is None:
        return reports
    # A workbook with names is only theirs while they keep the names right for its area.
    return reports.filter(Q(include_names=False) | names)


def can_reorganise_areas(user: AnyUser, area: Area) -> bool:
    """May the user move or merge `area` (services/area_moves.py)? Superusers, and officials
    with the admin's "change area" permission for areas strictly below their own."""
    if _is_superuser(user):
        return True
    if not _authenticated(user) or not user.has_perm("volunteers.change_area"):
        return False
    return any(area.path.startswith(path) and area.path != path for path in _official_paths(user))


# --- offline sync (the field app's download and outbox, volunteers/api)


def offline_teams(user: AnyUser) -> QuerySet[Team]:
    """Teams whose households the user's phone keeps: the teams they are a member of.

    Superusers and officials get only their own memberships too: a phone holds
    a team's households, never a whole district.
    """
    ids = _team_ids(user)
    return Team.objects.filter(pk__in=ids) if ids else Team.objects.none()


def offline_households(user: AnyUser) -> QuerySet[Household]:
    """Households the user's phone keeps: visible ones of their own teams."""
    ids = _team_ids(user)
    if not ids:
        return Household.objects.none()
    return visible_households(user).filter(team_id__in=ids)


def can_view_sync_refusals(user: AnyUser, team: Team | int) -> bool:
    """May the user see the refused sync items of `team`'s members? Its leaders and superusers."""
    return _is_superuser(user) or is_leader(user, team)
