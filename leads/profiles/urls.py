from django.urls import path

from leads.profiles import views

urlpatterns = [
    path("segments/", views.segment_list, name="segment_list"),
    path("segments/new/", views.segment_create, name="segment_create"),
    path("segments/<int:pk>/edit/", views.segment_edit, name="segment_edit"),
    path("segments/preview/", views.segment_preview, name="segment_preview"),
    path("segments/<int:pk>/preview/", views.segment_preview, name="segment_edit_preview"),
]
