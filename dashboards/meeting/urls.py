from django.urls import path

from dashboards.meeting import views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/plan/", views.meeting_plan, name="meeting_plan"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/present/", views.meeting_present, name="meeting_present"),
    path("meetings/<int:pk>/items/", views.item_add, name="meeting_item_add"),
    path("meetings/<int:pk>/items/<int:item_id>/facts/", views.item_facts,
         name="meeting_item_facts"),
    path("meetings/<int:pk>/items/<int:item_id>/move/", views.item_move, name="meeting_item_move"),
    path("meetings/<int:pk>/items/<int:item_id>/hide/", views.item_hide, name="meeting_item_hide"),
    path("meetings/<int:pk>/items/<int:item_id>/decisions/", views.decision_add,
         name="meeting_decision_add"),
    path("meetings/<int:pk>/items/<int:item_id>/actions/", views.action_add,
         name="meeting_action_add"),
    path("meetings/<int:pk>/close/", views.meeting_close, name="meeting_close"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/invitation.ics", views.meeting_ics, name="meeting_ics"),
]  # fmt: skip
