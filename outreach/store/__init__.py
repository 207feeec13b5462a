"""The database: connection, transactions, migrations, tables and locks."""
