from django.urls import path

from relationships.actions import views

urlpatterns = [
    path("actions/", views.action_items, name="action_items"),
    path("actions/<int:pk>/done/", views.action_item_done, name="action_item_done"),
]
