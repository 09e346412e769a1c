from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class AlignmentConfig(AppConfig):
    name = "alignment"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from alignment import db  # noqa: F401  (its statement timeouts apply from here on)
        from alignment.models import Person
        from alignment.photos import delete_after_commit

        def delete_photo(sender, instance: Person, **kwargs) -> None:
            # A person is deleted with their account (the Django admin): their photo too.
            delete_after_commit(instance.photo.storage, instance.photo.name)

        post_delete.connect(delete_photo, sender=Person, weak=False)
