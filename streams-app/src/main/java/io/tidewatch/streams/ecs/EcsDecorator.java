package io.tidewatch.streams.ecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewatch.proto.v1.FlowRecord;

/**
 * Adds fields to a flow's ECS document after the base mapping: the place where scoring puts
 * {@code event.risk_score}, {@code tidewatch.score} and its reasons.
 */
@FunctionalInterface
public interface EcsDecorator {

    void decorate(FlowRecord flow, ObjectNode document);
}
