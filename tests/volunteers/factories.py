"""factory_boy factories for the coordination models (and the courses Skill they use)."""

import datetime

import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from courses.models import Skill
from volunteers.models import (
    Area,
    Certification,
    Household,
    Learner,
    Membership,
    Official,
    Service,
    Target,
    Team,
    Visit,
    Volunteer,
)


def default_locale() -> Locale:
    """The default content locale; made if a transactional test flushed the migration's row."""
    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return Locale.objects.get_or_create(language_code=code)[0]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    password = factory.django.Password("pw")


class AreaFactory(factory.django.DjangoModelFactory):
    """An area; pass `parent=<Area>` for a child node, else a root is made."""

    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Xã Đông {n}")
    level = Area.Level.COMMUNE
    code = factory.Sequence(lambda n: f"A{n:05d}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            return model_class.add_root(**kwargs)
        parent.refresh_from_db()  # treebeard needs fresh numchild/path
        return parent.add_child(**kwargs)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    area = factory.SubFactory(AreaFactory)
    indicator = Target.Indicator.HOUSEHOLDS_REACHED
    value = 100
    period_start = datetime.date(2026, 1, 1)
    period_end = datetime.date(2026, 12, 31)


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    user = factory.SubFactory(UserFactory)
    area = factory.SubFactory(AreaFactory)
    role = Official.Role.DISTRICT
    can_see_names = False


class VolunteerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Volunteer

    user = factory.SubFactory(UserFactory)
    display_name = factory.Faker("name")
    phone = "0900000000"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Tổ số {n}")
    area = factory.SubFactory(AreaFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    role = Membership.Role.MEMBER


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    team = factory.SubFactory(TeamFactory)
    area = factory.SelfAttribute("team.area")
    code = factory.Sequence(lambda n: f"HH{n:06d}")
    address = factory.Sequence(lambda n: f"Số {n}, thôn Đồng Tâm")
    head_name = factory.Sequence(lambda n: f"Nguyễn Văn Đức {n}")
    phone = "0911000000"
    size = 3
    consent_given_by = factory.SelfAttribute("head_name")
    consent_at = factory.LazyFunction(timezone.now)
    consent_scope = "Lưu thông tin hộ để hỗ trợ kỹ năng số"


class LearnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Learner

    household = factory.SubFactory(HouseholdFactory)
    name = factory.Sequence(lambda n: f"Trần Thị Ánh {n}")
    birth_year = 1950


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"service-{n}")
    name = factory.Sequence(lambda n: f"Service {n}")


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    code = factory.Sequence(lambda n: f"skill-{n}")
    name = factory.Sequence(lambda n: f"Kích hoạt định danh {n}")
    locale = factory.LazyFunction(lambda: default_locale())
    checklist = factory.LazyFunction(
        lambda: [("check", "Opens the app"), ("check", "Logs in with a PIN")]
    )


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit
        skip_postgeneration_save = True

    household = factory.SubFactory(HouseholdFactory)
    team = factory.SelfAttribute("household.team")
    recorded_by = factory.SubFactory(UserFactory)
    visited_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    duration_minutes = 30
    outcome = Visit.Outcome.DONE
    satisfaction = 5

    @factory.post_generation
    def volunteers(self, create, extracted, **kwargs):
        if create:
            self.volunteers.set(extracted or [self.recorded_by])


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    learner = factory.SubFactory(LearnerFactory)
    skill = factory.SubFactory(SkillFactory)
    team = factory.SelfAttribute("learner.household.team")
    certified_by = factory.SubFactory(UserFactory)
    certified_on = factory.LazyFunction(timezone.localdate)
    checklist = factory.LazyAttribute(lambda o: o.skill.checklist_items)
    code = factory.Sequence(lambda n: f"TESTC{n:05d}")
