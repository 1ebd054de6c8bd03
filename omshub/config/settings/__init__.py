"""Settings modules: `base` reads the environment; `dev`, `test` and `production` adjust it."""
