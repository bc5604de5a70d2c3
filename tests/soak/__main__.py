"""`python -m tests.soak [--ci] [--reports N] [--seed S]`: see tests/soak/run.py."""

import sys

from tests.soak.run import main

sys.exit(main())
