"""Task names of the noticing concern: beat's ticks over what is due."""

DIFFICULT_DATES = "noticing.difficult_dates"
LEAD_WATCH = "noticing.lead_watch"
QUIET_SCAN = "noticing.quiet_scan"
LEAD_DIGESTS = "noticing.lead_digests"
