from django.urls import path

from relationships.actions import views

urlpatterns = [
    path("actions/", views.action_items, name="action_items"),
    path("actions/mine/", views.my_action_items, name="my_action_items"),
    path("actions/new/", views.action_item_new, name="action_item_new"),
    path("actions/<int:pk>/", views.action_item, name="action_item"),
    path("actions/<int:pk>/reassign/", views.action_item_reassign, name="action_item_reassign"),
    path("actions/<int:pk>/comments/", views.action_item_comment, name="action_item_comment"),
    path("actions/<int:pk>/edit/", views.action_item_edit, name="action_item_edit"),
    path("actions/<int:pk>/done/", views.action_item_done, name="action_item_done"),
]
