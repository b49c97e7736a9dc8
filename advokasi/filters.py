"""List filters of the advocacy pages (django-filter), one class per list."""

import django_filters  # noqa: F401
