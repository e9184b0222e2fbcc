"""Small-group suppression for figures shown about groups of people.

A figure about a group of fewer than ``minimum`` people is never shown, and
neither is a figure that would let someone find one by subtraction: when the
hidden groups together count fewer than ``minimum`` people, the total minus
the groups shown would give the figure of the hidden ones, so the smallest
shown groups are hidden with them until the hidden ones count at least
``minimum`` people together (complementary suppression). When the whole
population counts fewer than ``minimum``, everything is hidden, the total
included.

Pure functions: the committee's absence figures and the pulse results use
them, and the tests check them as properties."""


def hidden_groups(counts, minimum):
    """The keys of ``counts`` ({group: number of people}) whose figures must
    not be shown. Groups of no one are hidden (there is no figure) but count
    for nothing in the complementary suppression."""
    hidden = {key for key, count in counts.items() if count < minimum}
    hidden_total = sum(counts[key] for key in hidden)
    shown = sorted(
        (key for key in counts if key not in hidden),
        key=lambda key: (counts[key], str(key)),
    )
    while 0 < hidden_total < minimum and shown:
        key = shown.pop(0)
        hidden.add(key)
        hidden_total += counts[key]
    return hidden


def total_shown(counts, minimum):
    """Whether the total over all groups may be shown."""
    return sum(counts.values()) >= minimum


def publishable(counts, minimum):
    """(shown groups, whether the total is shown) for ``counts``: the groups
    are returned in the order of ``counts``."""
    if not total_shown(counts, minimum):
        return [], False
    hidden = hidden_groups(counts, minimum)
    return [key for key in counts if key not in hidden], True
