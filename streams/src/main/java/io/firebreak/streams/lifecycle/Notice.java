package io.firebreak.streams.lifecycle;

/**
 * What an incident change tells the receivers already notified: nothing, an update, an acknowledgement
 * (PagerDuty acknowledge, others an update) or a resolve. Never a new page: pages (TRIGGER) only go to
 * receivers not notified yet, see the router.
 */
public enum Notice {
    NONE, UPDATE, ACKNOWLEDGE, RESOLVE;

    /** The stronger of two notices of one change: RESOLVE over ACKNOWLEDGE over UPDATE over NONE. */
    public Notice and(Notice other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
