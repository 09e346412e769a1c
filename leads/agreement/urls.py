from django.urls import path

from leads.agreement import views

urlpatterns = [
    path("agreement/", views.agreement, name="agreement"),
    path("agreement/history/", views.agreement_history, name="agreement_history"),
    path("agreement/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreement/cycle/", views.agreement_cycle, name="agreement_cycle"),
    path("agreement/<int:pk>/", views.agreement_version, name="agreement_version"),
    path("agreement/<int:pk>/approve/", views.agreement_approve, name="agreement_approve"),
]
