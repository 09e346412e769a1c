import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(settings):
    """The tests read the English texts; the Dutch ones are checked by test_translations."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
