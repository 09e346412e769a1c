from django.urls import path

from leads.handoff import views

urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("queue/view/", views.queue_view, name="queue_view"),
    path("queue/reassign/", views.queue_reassign, name="queue_reassign"),
    path("leads/<int:pk>/accept/", views.lead_accept, name="lead_accept"),
    path("leads/<int:pk>/reject/", views.lead_reject, name="lead_reject"),
    path("leads/<int:pk>/contact/", views.lead_contact, name="lead_contact"),
    path("leads/<int:pk>/stage/", views.lead_stage, name="lead_stage"),
    path("leads/<int:pk>/reassign/", views.lead_reassign, name="lead_reassign"),
    path("leads/<int:pk>/deal/", views.lead_deal, name="lead_deal"),
    path("handoff/", views.handoff_list, name="handoff_list"),
    path("rejected/", views.rejected_list, name="rejected_list"),
]
