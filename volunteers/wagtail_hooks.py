"""Registers the "Coordination" admin menu (volunteers/admin/) and its permission policies.

The screens themselves live in volunteers/admin/: viewsets.py declares them.
"""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin.scoped import AuditLogPermissionPolicy, NoAddPermissionPolicy, ReadOnlyPermissionPolicy
from .admin.viewsets import CoordinationGroup
from .models import AccessLog, Certification, CoordinationLogEntry, Household, Learner, Visit

register_permission_policy(Learner, NoAddPermissionPolicy(Learner), exact_class=True)
register_permission_policy(Visit, ReadOnlyPermissionPolicy(Visit), exact_class=True)
register_permission_policy(Certification, ReadOnlyPermissionPolicy(Certification), exact_class=True)
register_permission_policy(AccessLog, AuditLogPermissionPolicy(AccessLog), exact_class=True)


@hooks.register("register_log_actions")
def register_coordination_log_model(actions):
    """Admin history of the models that hold or point to people goes to CoordinationLogEntry:
    labels are codes, and the site-history report is scoped by area (see its manager)."""
    for model in (Household, Learner, Visit, Certification):
        actions.register_model(model, CoordinationLogEntry)


@hooks.register("register_admin_viewset")
def register_coordination_viewsets():
    return CoordinationGroup()
