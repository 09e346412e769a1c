from django.urls import path

from relationships.accounts import views

urlpatterns = [
    path("key-accounts/", views.key_account_list, name="key_accounts"),
    path("key-accounts/<int:pk>/", views.key_account, name="key_account"),
    path("key-accounts/<int:pk>/edit/", views.key_account_edit, name="key_account_edit"),
    path(
        "key-accounts/<int:pk>/activities/new/",
        views.activity_new,
        name="key_account_activity_new",
    ),
    path(
        "key-accounts/<int:pk>/activities/<int:activity_pk>/edit/",
        views.activity_edit,
        name="key_account_activity_edit",
    ),
    path(
        "key-accounts/<int:pk>/activities/<int:activity_pk>/delete/",
        views.activity_delete,
        name="key_account_activity_delete",
    ),
    path("key-accounts/<int:pk>/next-steps/new/", views.next_step_new, name="key_account_step_new"),
    path(
        "key-accounts/<int:pk>/next-steps/<int:item_pk>/done/",
        views.next_step_done,
        name="key_account_step_done",
    ),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path(
        "organisations/<int:pk>/merge/",
        views.organisation_merge,
        name="organisation_merge",
    ),
    path(
        "organisations/<int:pk>/split/",
        views.organisation_split,
        name="organisation_split",
    ),
    path(
        "organisations/<int:pk>/key-account/",
        views.key_account_new,
        name="key_account_new",
    ),
]
