from django.urls import path

from leads.campaigns import views

urlpatterns = [
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/coming/", views.coming, name="campaigns_coming"),
    path("campaigns/calendar/", views.calendar_feed, name="calendar_feed"),
    path("campaigns/calendar/<str:token>.ics", views.calendar_ics, name="calendar_ics"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/costs/", views.cost_add, name="cost_add"),
    path("campaigns/costs/<int:pk>/delete/", views.cost_delete, name="cost_delete"),
]
