from django.urls import path

from relationships.rotation import views

urlpatterns = [
    path("rotations/", views.rotations, name="rotations"),
    path("rotations/new/", views.rotation_new, name="rotation_new"),
    path("rotations/<int:pk>/", views.rotation_detail, name="rotation"),
    path("rotations/<int:pk>/decide/", views.rotation_decide, name="rotation_decide"),
    path("rotations/<int:pk>/learnings/", views.rotation_learnings, name="rotation_learnings"),
]
