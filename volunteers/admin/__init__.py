"""The "Coordination" admin screens, registered by volunteers/wagtail_hooks.py.

scoped.py    ScopedViewSet: lists and object views whose rows come from volunteers.access
viewsets.py  one viewset per model, and the Coordination menu group
views.py     per-model list views; household and area saves call volunteers.services
forms.py     the add/edit forms, with pickers inside the user's scope
filters.py   the list filters
imports.py   the import screen (volunteers.imports does the work)

Nothing is imported here: Django's admin autodiscovery imports this package.
"""
