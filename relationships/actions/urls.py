from django.urls import path

from relationships.actions import views

urlpatterns = [
    path("actions/", views.action_items, name="action_items"),
    path("actions/mine/", views.my_action_items, name="my_action_items"),
    path("actions/<int:pk>/edit/", views.action_item_edit, name="action_item_edit"),
    path("actions/<int:pk>/done/", views.action_item_done, name="action_item_done"),
]
