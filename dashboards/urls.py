"""Every page of the dashboards app, under the "dashboards" namespace."""

from django.urls import include, path

app_name = "dashboards"

urlpatterns = [
    path("", include("dashboards.home.urls")),
    path("", include("dashboards.budget.urls")),
    path("", include("dashboards.dashboard.urls")),
    path("", include("dashboards.targets.urls")),
    path("", include("dashboards.meeting.urls")),
]
