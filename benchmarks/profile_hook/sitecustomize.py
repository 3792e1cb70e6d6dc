"""Profiles every Python process started with this folder on PYTHONPATH (cProfile, main
thread), writing `$PROFILE_OUT.<pid>` when the process exits. For the servers under load:

    PYTHONPATH=benchmarks/profile_hook PROFILE_OUT=/tmp/load.prof \
        .venv/bin/python benchmarks/load.py --no-minimal --quick
    .venv/bin/python -m pstats /tmp/load.prof.<pid>     # sort cumtime, stats 30
"""
import atexit
import cProfile
import os

_out = os.environ.get("PROFILE_OUT")
if _out:
    _profile = cProfile.Profile()
    _profile.enable()

    @atexit.register
    def _dump() -> None:
        _profile.disable()
        _profile.dump_stats(f"{_out}.{os.getpid()}")
