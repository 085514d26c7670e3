"""Ratusz: an ISO 9001:2015 quality management system for a city office."""

__version__ = "0.1.0"
