package io.firebreak.notifiers;

import io.firebreak.events.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log receiver: used when a channel has no credentials (the standalone default), so the whole pipeline
 * still runs and a newcomer sees in the log what would have been sent. Notifications carry no secrets, so
 * logging them is safe.
 */
public final class LogNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(LogNotifier.class);

    private final String channel;

    public LogNotifier(String channel) {
        this.channel = channel;
    }

    @Override
    public DeliveryOutcome deliver(Notification n) {
        log.info("notification logged (no credentials for channel) channel={} receiver={} notification={} incident={} kind={} "
                        + "severity={} stage={} cluster={} services={} title=\"{}\" summary=\"{}\" incidentUrl={}",
                channel, n.getReceiver(), n.getId(), n.getIncidentId(), n.getKind(), n.getSeverity(), n.getStage(),
                n.getCluster(), n.getServices(), n.getTitle(), n.getSummary(), n.getIncidentUrl());
        return DeliveryOutcome.logged();
    }

    @Override
    public String toString() {
        return "LogNotifier[" + channel + "]";
    }
}
