"""Rendered public pages kept in Django's cache for anonymous visitors, and their HTTP headers."""
