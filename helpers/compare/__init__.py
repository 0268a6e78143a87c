"""Outlet comparison: how each outlet reports the same events (notebook 04)."""
