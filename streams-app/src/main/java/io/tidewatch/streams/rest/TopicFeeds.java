package io.tidewatch.streams.rest;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.tidewatch.config.Settings;
import io.tidewatch.streams.topology.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The REST feeds the app reads from its own output topics when no stage supplies a view of its own: models and
 * drift events from the trainer's topics ({@link ModelTopicsFeed}), alerts and scores from the scorer's
 * ({@link ScoringTopicsFeed}). Created with the app, started with it, closed with it.
 */
public final class TopicFeeds implements AutoCloseable {

    private final RestDataSources sources;
    private final ModelTopicsFeed models;
    private final ScoringTopicsFeed scoring;

    private TopicFeeds(RestDataSources sources, ModelTopicsFeed models, ScoringTopicsFeed scoring) {
        this.sources = sources;
        this.models = models;
        this.scoring = scoring;
    }

    /** {@code given}, with each feed it lacks filled from the topics. */
    public static TopicFeeds over(RestDataSources given, Topics topics, Settings settings) {
        List<MeterBinder> meters = new ArrayList<>(given.meters());
        ModelTopicsFeed models = null;
        if (given.models().isEmpty() && given.drift().isEmpty()) {
            models = new ModelTopicsFeed(topics.name(Topics.MODELS), topics.name(Topics.MODEL_METRICS),
                    settings.kafkaProperties(), Topics.serdeConfig(settings));
            meters.add(models);
        }
        ScoringTopicsFeed scoring = null;
        if (given.alerts().isEmpty() && given.scores().isEmpty()) {
            scoring = new ScoringTopicsFeed(topics.name(Topics.ALERTS), topics.name(Topics.SCORED_FLOWS),
                    settings.kafkaProperties(), Topics.serdeConfig(settings));
            meters.add(scoring);
        }
        RestDataSources sources = new RestDataSources(
                scoring == null ? given.alerts() : Optional.of(scoring),
                scoring == null ? given.scores() : Optional.of(scoring),
                models == null ? given.models() : Optional.of(models),
                models == null ? given.drift() : Optional.of(models), meters);
        return new TopicFeeds(sources, models, scoring);
    }

    public RestDataSources sources() {
        return sources;
    }

    public void start() {
        if (models != null) {
            models.start();
        }
        if (scoring != null) {
            scoring.start();
        }
    }

    @Override
    public void close() {
        if (models != null) {
            models.close();
        }
        if (scoring != null) {
            scoring.close();
        }
    }
}
