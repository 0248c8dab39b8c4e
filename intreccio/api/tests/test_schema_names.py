"""django-ninja names each schema component after its class: two routers' `CloseIn`
would share one component, and the OpenAPI schema would promise one router the
other's body (a valid request then fails validation)."""

import importlib
import inspect
import pkgutil
from collections import Counter

from ninja import Schema

import intreccio.api as package
from intreccio.api import main  # noqa: F401 — mounts the routers first (they import each other through it)


def test_every_schema_class_of_the_api_has_its_own_name():
    names = Counter()
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"intreccio.api.{info.name}")
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Schema) and value.__module__ == module.__name__:
                names[value.__name__] += 1
    assert [name for name, count in names.items() if count > 1] == []
