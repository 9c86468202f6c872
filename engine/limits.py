"""The one step limit that the window and the command line share.

Every row of a run is kept in memory (144 bytes a row for the neuron), and a window run
can always be reproduced with ``backprop-lab train --steps N``, so both stop at the same
place.  At the limit a neuron history holds about 290 MB; the CSV is about 600 MB.
"""

from __future__ import annotations

#: The most training steps one run may take, in the window and on the command line.
MAX_STEPS = 2_000_000

#: Rows a window run reserves beyond its steps: every edit made during a run adds a row.
#: (A run with more edits than this still works; its history then grows by doubling.)
EDIT_ROWS = 1 << 14

#: The rows a window run reserves up front.  Reserving is only address space: memory
#: becomes resident as rows are written, so the history never needs two copies at once.
RESERVED_ROWS = MAX_STEPS + 1 + EDIT_ROWS
