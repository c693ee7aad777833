"""Many cases at once: a process pool (pool.py) feeding `status`, `audit` and `validate`, and the cache (cache.py)."""
