"""Task names of the noticing concern: beat's ticks over what is due."""

DIFFICULT_DATES = "noticing.difficult_dates"
LEAD_WATCH = "noticing.lead_watch"
