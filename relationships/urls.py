"""Every page of the relationships app, under the "relationships" namespace."""

from django.urls import include, path

app_name = "relationships"

urlpatterns = [
    path("", include("relationships.assessment.urls")),
    path("", include("relationships.actions.urls")),
    path("", include("relationships.rotation.urls")),
    path("", include("relationships.notes.urls")),
    path("", include("relationships.updates.urls")),
    path("", include("relationships.accounts.urls")),
]
