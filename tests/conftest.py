"""Settings of every test process."""

import gc

# Each Textual app a test makes and tears down leaves many short-lived reference cycles;
# collecting them less often takes about a sixth off the app tests' CPU time. Memory is not
# what the tests measure (the benchmarks do, in processes of their own).
gc.set_threshold(50_000, 20, 20)
