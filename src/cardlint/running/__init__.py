"""Many files: the file planner, configuration, the cache, worker processes and the Python
API. Imports fixing and below."""
