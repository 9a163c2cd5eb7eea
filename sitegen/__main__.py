"""`python -m sitegen` behaves exactly like the `sitegen` command."""

from sitegen.cli import run

run()
