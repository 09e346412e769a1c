from django.urls import path

from dashboards.budget import views

urlpatterns = [
    path("budget/", views.budget, name="budget"),
    path("budget/plan/", views.plan_edit, name="budget_plan"),
    path("budget/spend/", views.spend_add, name="spend_add"),
    path("budget/spend/<int:pk>/delete/", views.spend_delete, name="spend_delete"),
]
