"""`khabar` console script. Each command group lives in its own module with a `register()`."""

from __future__ import annotations

import argparse
import importlib
import sys

from flows.startup import own_process, quick_exit, quick_imports

# Modules that add sub-commands; imported lazily so `khabar --help` stays fast.
COMMAND_MODULES = [
    "flows.run_command",
    "flows.ner_commands",
    "flows.entity_commands",
    "flows.quantity_commands",
    "flows.export_command",
    "flows.dq_command",
    "flows.serve_command",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="khabar", description="Arabic news to a DuckDB warehouse.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # the console script: this process is the command
        own_process()
    with quick_imports():
        parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    finally:
        quick_exit()


if __name__ == "__main__":
    sys.exit(main())
