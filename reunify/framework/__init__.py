"""The practice rules: pure functions of (case, as-of date), each naming its source document."""
