"""The monthly review of the access log: which reads of residents' data look unusual.

The Dutch DPA expects a desk that holds health and money notes to look at its access log
regularly (AVG art. 32; NEN 7513). Nobody reads thousands of lines, so this rule picks out
what deserves a second look; the desk decides whether it was fine. `findings` is a pure
function over plain values: the month's log lines and the facts about who belongs where.

What is flagged:

- MANY: one user opened more than `MANY_RESIDENTS` (20) distinct residents within
  `MANY_WINDOW` (one hour). A coordinator preparing the weekly meeting sees the board, which
  counts as a list ("search") and is left out of this count; opening 20 separate files in an
  hour is what someone browsing out of curiosity does.
- NO_MEMBERSHIP: a logged-in user read residents of a village in which they hold no role
  (also a beheerder in the administration site: allowed, but worth knowing).
- NOT_ASSIGNED: a volunteer read a resident whose task they were never asked for, or whose
  task is no longer theirs (withdrawn).
- NIGHT: a read between 23:00 and 06:00, Amsterdam time.

One finding per user and kind (per burst for MANY), with the first and last time, the number
of log lines and of distinct residents.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MANY_RESIDENTS = 20
MANY_WINDOW = timedelta(hours=1)
NIGHT_STARTS = time(23, 0)
NIGHT_ENDS = time(6, 0)

MANY = "many"
NO_MEMBERSHIP = "no_membership"
NOT_ASSIGNED = "not_assigned"
NIGHT = "night"
KINDS = [MANY, NO_MEMBERSHIP, NOT_ASSIGNED, NIGHT]

# Lists and searches show names in passing; opening residents one by one is what counts.
LIST_ACTIONS = {"search"}


@dataclass(frozen=True)
class Read:
    """One line of the access log, as plain values."""

    at: datetime
    user_id: int | None
    role: str
    action: str
    resident_id: int
    village_id: int


@dataclass(frozen=True)
class Facts:
    """Who belongs where: the villages each user holds a role in, and for volunteers' users
    the residents whose tasks they were asked for and that are still (or were) theirs."""

    memberships: dict[int, set[int]] = field(default_factory=dict)
    volunteer_residents: dict[int, set[int]] = field(default_factory=dict)


@dataclass
class Finding:
    kind: str
    user_id: int | None
    first_at: datetime
    last_at: datetime
    reads: int = 0
    residents: set[int] = field(default_factory=set)

    def add(self, read: Read) -> None:
        self.first_at = min(self.first_at, read.at)
        self.last_at = max(self.last_at, read.at)
        self.reads += 1
        self.residents.add(read.resident_id)


def is_night(at: datetime) -> bool:
    """Between 23:00 and 06:00 on the clock in Amsterdam (summer and winter time alike)."""
    local = at.astimezone(AMSTERDAM).time()
    return local >= NIGHT_STARTS or local < NIGHT_ENDS


def _bursts(reads: list[Read]) -> list[Finding]:
    """Windows of `MANY_WINDOW` in which more than `MANY_RESIDENTS` distinct residents were
    opened; a burst ends when the window has moved past its last read."""
    found: list[Finding] = []
    reads = sorted(reads, key=lambda r: r.at)
    start = 0
    current: Finding | None = None
    for end, read in enumerate(reads):
        while reads[start].at < read.at - MANY_WINDOW:
            start += 1
        window = reads[start : end + 1]
        if len({r.resident_id for r in window}) > MANY_RESIDENTS:
            if current is None or window[0].at > current.last_at:
                current = Finding(MANY, read.user_id, window[0].at, read.at)
                found.append(current)
                for earlier in window:
                    current.add(earlier)
            else:
                current.add(read)
    return found


def findings(reads: list[Read], facts: Facts) -> list[Finding]:
    """The unusual reads among `reads` (see the module's docstring), ordered by kind, then
    by the first time."""
    per_kind: dict[tuple[str, int | None], Finding] = {}
    opened_by_user: dict[int | None, list[Read]] = defaultdict(list)

    def flag(kind: str, read: Read) -> None:
        key = (kind, read.user_id)
        if key not in per_kind:
            per_kind[key] = Finding(kind, read.user_id, read.at, read.at)
        per_kind[key].add(read)

    for read in reads:
        if read.user_id is not None and read.action not in LIST_ACTIONS:
            opened_by_user[read.user_id].append(read)
        if read.user_id is not None and read.village_id not in facts.memberships.get(
            read.user_id, set()
        ):
            flag(NO_MEMBERSHIP, read)
        if (
            read.role == "volunteer"
            and read.user_id is not None
            and read.resident_id not in facts.volunteer_residents.get(read.user_id, set())
        ):
            flag(NOT_ASSIGNED, read)
        if is_night(read.at):
            flag(NIGHT, read)
    result = list(per_kind.values())
    for user_reads in opened_by_user.values():
        result.extend(_bursts(user_reads))
    return sorted(result, key=lambda f: (KINDS.index(f.kind), f.first_at))
