"""Storage: the DuckDB database built from the CSVs (`store`), the imported versions and
their atomic activation (`versions`), and the import journal as pages show it (`journal`)."""
