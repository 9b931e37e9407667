"""Builders of the shipped data: ``python -m data.build.build_data`` rebuilds data/*.json."""
