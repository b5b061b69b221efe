"""Settings for benchmarks/bench_wachtrij.py: the dev settings on a scratch database.

Without DATABASE_URL a scratch SQLite file (SAMENPLAN_BENCH_SQLITE) with the project's own
SQLite options (WAL, IMMEDIATE transactions), so a worker process and the benchmark can
write side by side, as in `make demo`.
"""

import os
from pathlib import Path

from config.settings.base import database_config
from config.settings.dev import *  # noqa: F403

DATABASES = {"default": database_config(Path(os.environ["SAMENPLAN_BENCH_SQLITE"]))}
