"""People's photos: how large they may be, and deleting a file nobody uses any more."""

from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.core.files.storage import Storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _

MAX_PHOTO_BYTES = 5 * 1024 * 1024
# Enough for any camera's photo scaled down a little; a browser still shows it smoothly.
MAX_PHOTO_SIDE = 5000


def validate_photo(value) -> None:
    """A new photo's size and pixels; one stored before was checked on its upload."""
    if not value or getattr(value, "_committed", False):
        return
    if value.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("The photo is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": value.size / 1024 / 1024, "limit": MAX_PHOTO_BYTES // 1024 // 1024},
            code="photo_too_large",
        )
    width, height = get_image_dimensions(value)
    if width and height and max(width, height) > MAX_PHOTO_SIDE:
        raise ValidationError(
            _("The photo is %(width)d × %(height)d pixels; at most %(limit)d wide and high.")
            % {"width": width, "height": height, "limit": MAX_PHOTO_SIDE},
            code="photo_too_many_pixels",
        )


def delete_after_commit(storage: Storage, name: str) -> None:
    """Delete a file once the change that let go of it is committed (a rollback keeps it)."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))
