"""Exports: the eval prediction format, CSV, Parquet and schema.org ClaimReview."""
