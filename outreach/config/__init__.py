"""outreach.yaml and the shipped files: frozen settings, secrets, default locations."""
