"""Who may see or change what. Every view, form, admin list, export and API asks here.

(The foundation keeps only the role predicates; the coordination work grows
this module into the full set of scoped querysets.)
"""


def is_official(user) -> bool:
    return user.is_authenticated and user.official_roles.exists()


def is_volunteer(user) -> bool:
    return user.is_authenticated and user.memberships.exists()
