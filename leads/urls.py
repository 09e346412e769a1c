from django.urls import path

from leads import api, handoff_views, views

urlpatterns = [
    path("leads/", views.lead_list, name="lead_list"),
    path("leads/new/", views.lead_create, name="lead_create"),
    path("leads/export.csv", views.lead_export, name="lead_export"),
    path("leads/<int:pk>/", views.lead_detail, name="lead_detail"),
    path("leads/import/", views.import_upload, name="import_upload"),
    path("leads/import/<int:pk>/", views.import_mapping, name="import_mapping"),
    path("leads/import/<int:pk>/rejected.csv", views.import_rejected, name="import_rejected"),
    path("segments/", views.segment_list, name="segment_list"),
    path("segments/new/", views.segment_create, name="segment_create"),
    path("segments/<int:pk>/edit/", views.segment_edit, name="segment_edit"),
    path("segments/preview/", views.segment_preview, name="segment_preview"),
    path("jobs/<int:pk>/", views.job_progress, name="job_progress"),
    path("api-tokens/", views.api_tokens, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("api/v1/leads", api.leads_endpoint, name="api_leads"),
    path("api/v1/openapi.json", api.openapi, name="api_openapi"),
]

urlpatterns += [
    path("queue/", handoff_views.queue, name="queue"),
    path("leads/<int:pk>/accept/", handoff_views.lead_accept, name="lead_accept"),
    path("leads/<int:pk>/reject/", handoff_views.lead_reject, name="lead_reject"),
    path("leads/<int:pk>/contact/", handoff_views.lead_contact, name="lead_contact"),
    path("leads/<int:pk>/stage/", handoff_views.lead_stage, name="lead_stage"),
    path("leads/<int:pk>/reassign/", handoff_views.lead_reassign, name="lead_reassign"),
    path("handoff/", handoff_views.handoff_list, name="handoff_list"),
    path("rejected/", handoff_views.rejected_list, name="rejected_list"),
    path("agreement/", handoff_views.agreement, name="agreement"),
    path("agreement/history/", handoff_views.agreement_history, name="agreement_history"),
    path("agreement/edit/", handoff_views.agreement_edit, name="agreement_edit"),
    path("agreement/<int:pk>/", handoff_views.agreement_version, name="agreement_version"),
    path("agreement/<int:pk>/approve/", handoff_views.agreement_approve, name="agreement_approve"),
]
