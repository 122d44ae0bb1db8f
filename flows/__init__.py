"""Prefect flows: thin orchestration over factsheet.pipeline (import with the repo root on sys.path)."""
