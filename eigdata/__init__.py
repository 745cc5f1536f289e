"""EIG impact dashboard data layer: schemas, validation, DuckDB store and named queries.

This package never imports streamlit: it takes paths or bytes and returns DataFrames.
"""

from eigdata.errors import DataProblem, EigDataError, QueryError, ValidationFailed

__all__ = ["DataProblem", "EigDataError", "QueryError", "ValidationFailed"]
