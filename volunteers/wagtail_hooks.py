"""Registers the "Coordination" admin menu (volunteers/admin/) and its permission policies.

The screens themselves live in volunteers/admin/: viewsets.py declares them.
"""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin.scoped import NoAddPermissionPolicy, ReadOnlyPermissionPolicy
from .admin.viewsets import CoordinationGroup
from .models import Certification, Learner, Visit

register_permission_policy(Learner, NoAddPermissionPolicy(Learner), exact_class=True)
register_permission_policy(Visit, ReadOnlyPermissionPolicy(Visit), exact_class=True)
register_permission_policy(Certification, ReadOnlyPermissionPolicy(Certification), exact_class=True)


@hooks.register("register_admin_viewset")
def register_coordination_viewsets():
    return CoordinationGroup()
