"""Team lead and administrator tools: settings, access log, user accounts."""
