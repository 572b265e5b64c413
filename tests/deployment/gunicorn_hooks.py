"""Gunicorn settings for the deployment tests' app instances (`gunicorn -c <this file>`).

The instances run `wsgi:app` with production settings, with one exception made here: password
hashing costs what the suite's TestingConfig uses instead of argon2's production cost. At
production cost one login takes about half a second of CPU on a two-core machine, so the 500
logins of the vote storm alone would take minutes; the login path itself (verify the hash,
rotate the session token, set the cookie) stays the same. Every other setting is the
environment's, as an operator sets it.
"""

ARGON2_TIME_COST = 1
ARGON2_MEMORY_COST = 1024

# Gunicorn's control socket would be one file in the home directory for every instance (and
# every other gunicorn of the user): the instances are managed through their processes instead.
control_socket_disable = True


def post_worker_init(worker):
    worker.wsgi.config.update(
        ARGON2_TIME_COST=ARGON2_TIME_COST, ARGON2_MEMORY_COST=ARGON2_MEMORY_COST
    )
