"""Gunicorn settings for one Mitreden app server (copy to /etc/mitreden/gunicorn.conf.py).

Read by deploy/mitreden-web.service. `systemctl reload mitreden-web` (HUP) re-reads this file,
starts new workers with the application code now on disk and lets the old ones finish their
requests. Changes to /etc/mitreden/env need `systemctl restart`: HUP keeps the environment.
"""

# The app server's private address: only the reverse proxies and the load balancer's health
# checks reach it (firewall), never the internet.
bind = ["10.0.1.11:8000"]
wsgi_app = "wsgi:app"

# One worker process per CPU core, four threads each (requests mostly wait for the database).
# Memory: workers x peak RSS per worker (docs/DEPLOYMENT.md, "Sizing"), plus 64 MiB for every
# password being hashed at that moment (argon2id, production cost).
workers = 2
threads = 4  # implies the gthread worker
# Restart each worker after about this many requests (the jitter keeps them from restarting
# together), so slow memory growth never adds up.
max_requests = 1000
max_requests_jitter = 100
# A worker that stops answering the master for this long is replaced; on TERM or HUP, running
# requests get graceful_timeout seconds to finish.
timeout = 30
graceful_timeout = 30
# Longer than the proxy's keepalive_timeout for idle upstream connections (deploy/nginx.conf:
# 4 s), so gunicorn never closes a connection nginx is about to reuse.
keepalive = 5
# Not preloaded: a HUP loads the new code in the new workers.
preload_app = False
# gunicornc's control socket is not used; systemd manages the process.
control_socket_disable = True

# No access log here: nginx writes one without client addresses (the privacy notice promises
# that IP addresses are never written to a log file). Everything else goes to stderr, i.e. the
# journal, in the app's own line format ("LEVEL:logger:message"), so the `mitreden.security`
# lines can be selected for log shipping. Flask-Limiter names the client address when a limit is
# exceeded (INFO); the app logs the same event without it (`rate_limit.exceeded`).
accesslog = None
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s:%(name)s:%(message)s"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
        "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
        "flask-limiter": {"level": "WARNING"},
        "alembic.runtime.plugins": {"level": "WARNING"},
    },
}
