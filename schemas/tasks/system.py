"""Task names of the system concern: the contract between beat, API and workers."""

TICK = "system.tick"
