"""Fixtures for the pupil import tests: `sam` and `noor` come from tests/conftest.py;
the import helpers are plain functions in helpers.py and tests/accounts/import_helpers.py."""
