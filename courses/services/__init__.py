"""Writes of the courses app (pages and snippets are written by Wagtail's admin)."""
