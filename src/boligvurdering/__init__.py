"""Boligvurdering: preventive home visits and housing adaptation for Norwegian municipalities."""

__version__ = "0.1.0"
APP_NAME = "boligvurdering"
