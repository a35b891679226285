"""Pure, typed transforms: polars frames in, polars frames out. No I/O, no Prefect."""
