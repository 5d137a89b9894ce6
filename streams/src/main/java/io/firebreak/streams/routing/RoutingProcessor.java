package io.firebreak.streams.routing;

import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import io.firebreak.streams.correlation.IncidentUpdate;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each changed incident (see {@link Router}), records the pages on the stored incident and emits the
 * incident and its notifications. The incident and its pages leave in the same transaction
 * (exactly_once_v2): either both are visible to read_committed consumers or neither.
 */
public final class RoutingProcessor implements Processor<String, IncidentUpdate, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingProcessor.class);

    private final String incidentStoreName;
    private final String incidentSink;
    private final Map<String, String> sinkByChannel;
    private final Router router;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Incident> incidents;

    public RoutingProcessor(String incidentStoreName, String incidentSink, Map<String, String> sinkByChannel, Router router) {
        this.incidentStoreName = incidentStoreName;
        this.incidentSink = incidentSink;
        this.sinkByChannel = Map.copyOf(sinkByChannel);
        this.router = router;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.incidents = context.getStateStore(incidentStoreName);
    }

    @Override
    public void process(Record<String, IncidentUpdate> record) {
        IncidentUpdate update = record.value();
        Router.Routed routed = router.route(update.incident(), update.runbookUrl(), Instant.ofEpochMilli(record.timestamp()));
        Incident incident = routed.incident();
        if (!routed.notifications().isEmpty()) {
            incidents.put(incident.getId(), incident);
        }
        context.forward(new Record<String, SpecificRecord>(incident.getId(), incident, record.timestamp()), incidentSink);
        for (Notification notification : routed.notifications()) {
            String sink = sinkByChannel.get(notification.getChannel());
            if (sink == null) {
                LOG.error("event=notification_dropped reason=no_topic_for_channel incident={} receiver={} channel={}",
                        incident.getId(), notification.getReceiver(), notification.getChannel());
                continue;
            }
            LOG.info("event=page incident={} receiver={} channel={} severity={} notification={}", incident.getId(),
                    notification.getReceiver(), notification.getChannel(), notification.getSeverity(), notification.getId());
            context.forward(new Record<String, SpecificRecord>(incident.getId(), notification, record.timestamp()), sink);
        }
    }
}
