"""The command line: click commands, loaded lazily; orchestration only."""
