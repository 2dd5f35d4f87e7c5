"""How long a test waits, at most, for a condition it waits on. A ceiling, not
a measurement: a condition met in 50 ms on an idle machine ends the wait then,
and a CI machine that is slower or busy (another process on a core) still gets
there. No test should pass or fail by where this is set."""
CEILING_MS = 120_000
CEILING_S = CEILING_MS / 1000
