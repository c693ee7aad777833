"""Many cases at once: a process pool (pool.py) feeding `status` and `audit` rows."""
