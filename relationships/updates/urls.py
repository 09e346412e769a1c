from django.urls import path

from relationships.updates import views

urlpatterns = [
    path("updates/", views.update_list, name="update_list"),
    path("updates/new/", views.update_create, name="update_create"),
    path("updates/<int:pk>/", views.update_detail, name="update_detail"),
    path("updates/<int:pk>/edit/", views.update_edit, name="update_edit"),
]
