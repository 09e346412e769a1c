"""The project's URLs. The organisation's pages are under the "alignment" namespace, each
app's under its own; login, health and language switching are the project's."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from alignment import views

organisation = [
    path("people/", views.directory, name="directory"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("notifications/read/", views.notifications_read_all, name="notifications_read_all"),
]

urlpatterns = [
    path("", include("dashboards.urls")),
    path("", include((organisation, "alignment"))),
    path("", include("leads.urls")),
    path("", include("relationships.urls")),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages without an icon link (e.g. the admin).
    path("favicon.ico", views.favicon, name="favicon"),
    path("media/<path:path>", views.media, name="media"),
    # Django's authentication views find each other by these plain names.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/setlang/", views.switch_language, name="set_language"),
    path("admin/", admin.site.urls),
]
