package io.tidewatch.streams.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The data the REST endpoints and the dashboard show that other stages own: scores and alerts (scoring), model
 * versions, progressive metrics and drift events (training). Each is optional; an endpoint whose source is absent
 * answers {@code {"available": false}} and the dashboard says "not available yet". A stage that adds one passes it
 * to {@link io.tidewatch.streams.app.StreamsApp} together with the meters it wants on {@code /metrics}
 * (scores/s, alerts, drift events, model versions).
 *
 * @param alerts recent alerts, all and per host
 * @param scores the score distribution and the most anomalous hosts
 * @param models the model catalogue (versions, sizes, progressive metrics)
 * @param drift recent drift events
 * @param meters extra meters bound to the app's registry when the app starts
 */
public record RestDataSources(Optional<AlertFeed> alerts, Optional<ScoreFeed> scores, Optional<ModelCatalog> models,
        Optional<DriftFeed> drift, List<MeterBinder> meters) {

    public RestDataSources {
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(drift, "drift");
        meters = List.copyOf(meters);
    }

    /** No stage has added anything yet. */
    public static RestDataSources none() {
        return new RestDataSources(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** Recent alerts (newest first), JSON arrays of alert objects. */
    public interface AlertFeed {
        /** False while the feed's source (e.g. its topic) does not exist. */
        default boolean alertsAvailable() {
            return true;
        }

        JsonNode recent(int limit);

        JsonNode forHost(InetAddress host, int limit);
    }

    /** {@code distribution()}: an object with {@code bins} (upper bounds) and {@code counts}; {@code topHosts}: an array. */
    public interface ScoreFeed {
        default boolean scoresAvailable() {
            return true;
        }

        JsonNode distribution();

        JsonNode topHosts(int limit);
    }

    /** An array of models: name, version, size in bytes, progressive metrics. */
    public interface ModelCatalog {
        default boolean modelsAvailable() {
            return true;
        }

        JsonNode models();
    }

    /** Recent drift events, newest first. */
    public interface DriftFeed {
        default boolean driftAvailable() {
            return true;
        }

        JsonNode recent(int limit);
    }
}
