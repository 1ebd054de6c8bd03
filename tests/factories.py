"""factory_boy factories for the models tests build most often."""

from typing import Any

import factory
from django.contrib.auth import get_user_model
from wagtail_factories import PageFactory

from omshub.pages.models import StandardPage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class StaffFactory(UserFactory):
    """Staff as the admin requires them: a verified email and an authenticator app (`user.totp_secret`)."""

    is_staff = True
    is_superuser = True

    class Meta:
        skip_postgeneration_save = True  # the hook writes rows of its own, never the user's

    @factory.post_generation
    def two_factor(user, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted is not False:
            staff_ready(user)


def staff_ready(user: Any) -> Any:
    """Give an existing staff user what the admin asks: a verified email and two-factor."""
    from allauth.account.models import EmailAddress

    from omshub.accounts.two_factor import totp_enable

    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    user.totp_secret = totp_enable(user)
    return user


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Topic {n}")
    intro = "A short introduction."
    live = True
