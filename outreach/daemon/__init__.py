"""The daemon: one loop, its jobs, systemd notify and the service unit."""
