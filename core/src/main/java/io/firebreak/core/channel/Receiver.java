package io.firebreak.core.channel;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whom a route notifies (DESIGN §7 and the {@code receivers:} config): a receiver delivers through one {@link Channel}
 * and does one {@link Duty} there. Two receivers may share a channel: {@code slack} posts to the alerts channel,
 * {@code slack-war-room} opens a room of its own, both through the Slack notifier. A route with no receiver leaves the
 * incident on the dashboard only (the seed table's LOW).
 */
public enum Receiver {
    PAGERDUTY("pagerduty", Channel.PAGERDUTY),
    SLACK("slack", Channel.SLACK),
    SLACK_WAR_ROOM("slack-war-room", Channel.SLACK),
    TEAMS("teams", Channel.TEAMS),
    SOAR("soar", Channel.SOAR);

    /** What notifying a receiver means for the incident and for the notices it is sent later. */
    public enum Duty {
        /** Pages a person: the incident reaches PAGED, and acknowledgements are passed on as such. */
        PAGES,
        /** Opens a war room: the incident reaches WAR_ROOM_OPEN. */
        OPENS_WAR_ROOM,
        /** Posts the incident and keeps the post up to date. */
        POSTS,
        /** Automation that hears every change of the incident, even those no person needs to see. */
        HEARS_EVERY_CHANGE
    }

    private final String id;
    private final Channel channel;

    Receiver(String id, Channel channel) {
        this.id = id;
        this.channel = channel;
    }

    /** The name in the {@code routes:} config, on {@code Notification.receiver} and in an incident's paged receivers. */
    public String id() {
        return id;
    }

    /** What notifying this receiver does; the switch names every receiver, so one added without its duty does not compile. */
    public Duty duty() {
        return switch (this) {
            case PAGERDUTY -> Duty.PAGES;
            case SLACK_WAR_ROOM -> Duty.OPENS_WAR_ROOM;
            case SLACK, TEAMS -> Duty.POSTS;
            case SOAR -> Duty.HEARS_EVERY_CHANGE;
        };
    }

    /** Whose notifier delivers for this receiver, so on whose topic its notifications wait. */
    public Channel channel() {
        return channel;
    }

    public boolean pages() {
        return duty() == Duty.PAGES;
    }

    /** Whether the receiver a name stands for pages a person; false for a name no receiver has. */
    public static boolean paging(String id) {
        return named(id).filter(Receiver::pages).isPresent();
    }

    public boolean opensWarRoom() {
        return duty() == Duty.OPENS_WAR_ROOM;
    }

    public boolean hearsEveryChange() {
        return duty() == Duty.HEARS_EVERY_CHANGE;
    }

    /** The receiver a name stands for; names are matched exactly, as they are written in the config. */
    public static Optional<Receiver> named(String id) {
        return Arrays.stream(values()).filter(receiver -> receiver.id.equals(id)).findFirst();
    }

    /** Every receiver's name, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Receiver::id).toList();
    }
}
