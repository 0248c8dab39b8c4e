"""Domain event kinds of the audit app."""

ALERT_CLOSED = "ALERT_CLOSED"
