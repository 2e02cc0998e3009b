"""Task names of the moderation concern."""

ESCALATE = "moderation.escalate"
