"""Cross-file and practice checks over a loaded case (RU2xx-RU4xx after the schema)."""
