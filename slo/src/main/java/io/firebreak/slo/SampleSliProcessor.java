package io.firebreak.slo;

import io.firebreak.slo.config.SliSource;
import io.firebreak.slo.config.SloDefinition;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Feeds Prometheus poll results into the same buckets as log events; samples of unknown SLOs are ignored. */
final class SampleSliProcessor implements Processor<String, SliSample, String, SliCount> {

    private final Set<String> prometheusSlos;
    private ProcessorContext<String, SliCount> context;

    SampleSliProcessor(List<SloDefinition> slos) {
        this.prometheusSlos = slos.stream().filter(slo -> slo.source() instanceof SliSource.Prometheus)
                .map(SloDefinition::name).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void init(ProcessorContext<String, SliCount> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, SliSample> record) {
        SliSample sample = record.value();
        if (sample != null && prometheusSlos.contains(sample.slo())) {
            context.forward(record.withKey(sample.slo())
                    .withValue(new SliCount(sample.at(), sample.good(), sample.total(), Optional.empty())));
        }
    }
}
