from django.urls import path

from .views import dashboard, downloads, today

app_name = "reports"

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    # The volunteer's home (field app), here because its numbers are indicators.
    path("field/today/", today.today, name="today"),
    path("reports/", downloads.report_list, name="list"),
    path("reports/request/", downloads.report_request, name="request"),
    path("reports/subscribe/", downloads.subscription_create, name="subscribe"),
    path("reports/subscriptions/<id:pk>/stop/", downloads.subscription_cancel, name="unsubscribe"),
    path("reports/<uuid:public_id>/retry/", downloads.report_retry, name="retry"),
    path("reports/<uuid:public_id>/download/", downloads.report_download, name="download"),
]
