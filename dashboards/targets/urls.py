from django.urls import path

from dashboards.targets import views

urlpatterns = [
    path("dashboard/targets/", views.targets, name="targets"),
    path("dashboard/targets/cell/", views.target_cell, name="target_cell"),
]
