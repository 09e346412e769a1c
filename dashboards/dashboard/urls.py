from django.urls import path

from dashboards.dashboard import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export.csv", views.export, name="dashboard_export"),
    path("dashboard/recompute/", views.recompute, name="dashboard_recompute"),
    path("dashboard/runs/<int:pk>/", views.run_progress, name="dashboard_run"),
]
