"""Entry point of the temporary Prefect server of a `khabar run` (flows/prefect_api.py).

The same as `python -m uvicorn ...`, except that the server's modules, most of its boot,
are imported first without the garbage collector's overhead (flows/startup.py).
"""

from __future__ import annotations

from flows.startup import own_process, quick_imports


def main() -> None:
    """Import Prefect's server app, then run uvicorn's command line (sys.argv) on it."""
    own_process()
    with quick_imports():
        import prefect.server.api.server  # noqa: F401 - the app uvicorn's factory option names
        import uvicorn.main
    uvicorn.main.main()


if __name__ == "__main__":
    main()
