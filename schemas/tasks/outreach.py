"""Task names of the outreach concern: beat's follow-through tick over threads waiting for a reply."""

FOLLOW_THROUGH = "outreach.follow_through"
