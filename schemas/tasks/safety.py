"""Task names of the safety concern."""

FOLLOW_UPS = "safety.follow_ups"
