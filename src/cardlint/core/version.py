"""The package version, one place for the CLI, reports, the cache key and the server."""

__version__ = "0.1.0"
