from django.urls import path

from dashboards.home import views

urlpatterns = [path("", views.home, name="home")]
