"""Every page of the leads app, under the "leads" namespace; each feature lists its own."""

from django.urls import include, path

app_name = "leads"

urlpatterns = [
    path("", include("leads.intake.urls")),
    path("", include("leads.profiles.urls")),
    path("", include("leads.campaigns.urls")),
    path("", include("leads.handoff.urls")),
    path("", include("leads.agreement.urls")),
    path("", include("leads.jobs.urls")),
]
