"""gunicorn, the production web server: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Every value can be changed from the environment (README, "Productie"; why these values:
docs/productie.md, "Webserver").
"""

import os
import time


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# Pages are rendered by Python (CPU-bound): the classic two processes per core plus one,
# capped so that a large machine does not open more database connections than PostgreSQL
# allows (each thread holds one). WEB_CONCURRENCY is the convention hosting platforms use.
MAX_WORKERS = 12
workers = _int("WEB_CONCURRENCY", min(2 * (os.cpu_count() or 1) + 1, MAX_WORKERS))
# Threads let a worker wait for a slow client or database while another thread renders.
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 2)

bind = [os.environ.get("SAMENPLAN_BIND") or f"127.0.0.1:{_int('PORT', 8000)}"]

# A request that takes longer than this is stuck: the worker is restarted. The slowest
# real pages (an import of a whole school, a 10-page PDF) take a few seconds.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On a restart or deploy, requests in flight get this long to finish.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# A fresh worker now and then keeps memory (WeasyPrint, fonts) from creeping up; the
# jitter keeps the workers from restarting at the same moment. Not too often: a new
# worker spends about half a second of CPU on loading WeasyPrint.
max_requests = _int("GUNICORN_MAX_REQUESTS", 10000)
max_requests_jitter = 1000
# The heartbeat file in memory, not on a disk that might stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Each worker imports the app itself, after the fork: no database connection or thread
# is shared between processes. WeasyPrint is loaded by post_worker_init instead.
preload_app = False

# The addresses of the proxies or load balancers whose X-Forwarded-* headers are trusted.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# The access log goes to standard output in the app's format, without query strings or
# the tokens of links (config/logs.py); the error log to standard error.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
logger_class = "config.logs.GunicornLogger"
proc_name = "samenplan"
# gunicorn's control socket (in $HOME) is not used; two instances on one machine would
# share its path.
control_socket_disable = True


def post_worker_init(worker):
    """Loads WeasyPrint and the fonts now, not on a user's first PDF."""
    from opp.pdf import opwarmen

    start = time.perf_counter()
    try:
        opwarmen()
    except Exception:  # a PDF problem must not keep the worker from serving pages
        worker.log.exception("PDF opwarmen mislukt")
        return
    worker.log.info("PDF opgewarmd in %.2f s", time.perf_counter() - start)
