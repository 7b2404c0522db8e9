"""Every factory builds a valid, saved row."""

import pytest

from . import factories

pytestmark = pytest.mark.django_db

ALL = [
    factories.UserFactory,
    factories.AreaFactory,
    factories.TargetFactory,
    factories.OfficialFactory,
    factories.VolunteerFactory,
    factories.TeamFactory,
    factories.MembershipFactory,
    factories.HouseholdFactory,
    factories.LearnerFactory,
    factories.ServiceFactory,
    factories.SkillFactory,
    factories.VisitFactory,
    factories.CertificationFactory,
]


@pytest.mark.parametrize("factory", ALL, ids=lambda f: f.__name__)
def test_factory_builds_a_valid_row(factory):
    obj = factory()
    obj.full_clean(validate_unique=False, exclude=["path", "depth", "numchild"])
    assert obj.pk


def test_child_area_lies_in_parent_subtree():
    root = factories.AreaFactory()
    child = factories.AreaFactory(parent=root)
    assert child.path.startswith(root.path) and child.depth == root.depth + 1
