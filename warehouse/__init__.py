"""The DuckDB warehouse: schema and views as `.sql` files, and the single-writer loader."""
