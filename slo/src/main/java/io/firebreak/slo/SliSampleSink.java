package io.firebreak.slo;

/** Where {@link PrometheusSliPoller} puts its samples (Kafka in production: {@link KafkaSliSampleSink}). */
@FunctionalInterface
public interface SliSampleSink {

    void accept(SliSample sample);
}
