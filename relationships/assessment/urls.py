from django.urls import path

from relationships.assessment import views

urlpatterns = [
    path("assessment/", views.assessment, name="assessment"),
    path("assessment/new/", views.round_new, name="assessment_round_new"),
    path("assessment/<int:pk>/", views.round_detail, name="assessment_round"),
    path("assessment/<int:pk>/close/", views.round_close, name="assessment_round_close"),
    path("assessment/<int:pk>/remind/", views.round_remind, name="assessment_round_remind"),
    path("assessment/<int:pk>/answer/", views.answer, name="assessment_answer"),
    path(
        "assessment/<int:pk>/playbook/<slug:step>/action/",
        views.action_from_step,
        name="assessment_action",
    ),
]
