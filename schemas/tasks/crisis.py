"""Task names of the crisis concern. The name keeps its first spelling (`safety.`)
so tasks already queued under it still run."""

FOLLOW_UPS = "safety.follow_ups"
