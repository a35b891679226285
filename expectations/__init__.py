"""Great Expectations suites, one module per pipeline stage; `suite.py` runs them."""
