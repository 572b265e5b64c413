"""The load driver behind `bench/run.py`: manifest, server, load runs, measurements, report.

Modules that the app's virtualenv imports (manifest, procs, report, inapp) use only the standard
library or the app; `loadrun` needs locust and runs in `.venv-bench`.
"""
