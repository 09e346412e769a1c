from django.urls import path

from leads.intake import api, views

urlpatterns = [
    path("leads/", views.lead_list, name="lead_list"),
    path("leads/new/", views.lead_create, name="lead_create"),
    path("leads/export.csv", views.lead_export, name="lead_export"),
    path("leads/<int:pk>/", views.lead_detail, name="lead_detail"),
    path("leads/<int:pk>/edit/", views.lead_edit, name="lead_edit"),
    path("leads/import/", views.import_upload, name="import_upload"),
    path("leads/import/<int:pk>/", views.import_mapping, name="import_mapping"),
    path("leads/import/<int:pk>/valid-rows/", views.import_valid_rows, name="import_valid_rows"),
    path("leads/import/<int:pk>/rejected.csv", views.import_rejected, name="import_rejected"),
    path("api-tokens/", views.api_tokens, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("api/v1/leads", api.leads_endpoint, name="api_leads"),
    path("api/v1/openapi.json", api.openapi, name="api_openapi"),
]
