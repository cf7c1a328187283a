package dev.tiersync.workflows.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.engine.model.ArtifactPlan;
import java.util.List;

/** Output of {@link MergeActivities#merge}, one plan per artifact in request order. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MergeResult(List<ArtifactPlan> plans) {}
