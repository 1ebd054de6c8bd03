"""Hypothesis profiles of the fuzz tests: modest in the everyday suite, longer on demand.

The suite runs on every change, on SQLite and on PostgreSQL, so the fuzz tests keep to a few
dozen examples each; `HYPOTHESIS_PROFILE=fuzz-thorough` searches for as long as one cares to wait.
Only the tests that ask for these profiles use them (the money tests keep Hypothesis's defaults).
"""

import os

from hypothesis import HealthCheck, settings

# Examples share the test's database and signed-in clients: each request is independent of the last.
_CHECKS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
settings.register_profile("fuzz", max_examples=20, deadline=None, suppress_health_check=_CHECKS)
settings.register_profile("fuzz-thorough", max_examples=1000, deadline=None, suppress_health_check=_CHECKS)

FUZZ = settings.get_profile("fuzz-thorough" if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz-thorough" else "fuzz")
