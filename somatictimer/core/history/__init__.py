"""Practice history: the SQLite store and its schema, session records and their checks, the
recorder that checkpoints a running session, locks that tell a live session from a crashed
one, unsaved sessions kept aside, stats, outcomes ("completed" or not) and import/export."""
