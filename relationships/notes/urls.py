from django.urls import path

from relationships.notes import views

urlpatterns = [
    path("notes/", views.note_feed, name="note_feed"),
    path("notes/new/", views.note_create, name="note_create"),
    path("notes/<int:pk>/", views.note_detail, name="note_detail"),
    path("notes/<int:pk>/acknowledge/", views.note_acknowledge, name="note_acknowledge"),
    path("notes/<int:pk>/reply/", views.note_reply, name="note_reply"),
]
