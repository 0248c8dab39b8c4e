from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "intreccio.api"
    verbose_name = "API"
