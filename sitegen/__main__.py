"""`python -m sitegen` behaves exactly like the `sitegen` command."""

import sys

from sitegen.cli import main

sys.exit(main())
