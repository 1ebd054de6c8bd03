from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "omshub.payments"
    verbose_name = "Payments"
