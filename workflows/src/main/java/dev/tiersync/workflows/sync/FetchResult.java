package dev.tiersync.workflows.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.engine.model.FetchedArtifact;
import java.util.List;

/** Output of {@link FetchActivities#fetch}, one entry per artifact in request order. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FetchResult(List<FetchedArtifact> artifacts) {}
