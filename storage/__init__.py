"""The encrypted local store: SQLite through sqlite-utils, AES-256-GCM, keys, migrations, repositories."""
