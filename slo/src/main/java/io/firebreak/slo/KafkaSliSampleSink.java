package io.firebreak.slo;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends samples to {@link SloTopology#SAMPLES_TOPIC} (key = SLO name), where the engine's topology counts them
 * into the same buckets as log events. A failed send is logged: the poll's counts are lost, the next poll's are not.
 */
public final class KafkaSliSampleSink implements SliSampleSink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSliSampleSink.class);

    private final Producer<String, SliSample> producer;

    /** {@code producer} with String keys and {@link SliSample#serde()} values; the caller closes it. */
    public KafkaSliSampleSink(Producer<String, SliSample> producer) {
        this.producer = producer;
    }

    @Override
    public void accept(SliSample sample) {
        producer.send(new ProducerRecord<>(SloTopology.SAMPLES_TOPIC, sample.slo(), sample), (metadata, error) -> {
            if (error != null) {
                LOG.error("event=sli_sample_send_failed slo={} reason={}", sample.slo(), error.toString());
            }
        });
    }
}
