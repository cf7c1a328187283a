package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.Config;
import dev.tiersync.engine.model.ArtifactId;
import java.util.LinkedHashMap;

/**
 * tiersync's copy of an artifact's hold and auto-update policy in the collection's sidecar
 * ({@code [policies."<type>:<name>"]} of {@code .tiersync/collection.toml}). SkillMeat drops the
 * policy keys from {@code collection.toml} whenever it rewrites the file; an entry left without
 * any of them takes its policy from here, when the copy was written for the same {@code upstream}
 * (an artifact removed and added again from elsewhere starts without a policy).
 *
 * @param upstream the entry's {@code upstream} when the policy was written; null for none
 */
public record SidecarPolicy(ArtifactId id, String upstream, ArtifactPolicy policy) {
  static final SidecarFile.Codec<SidecarPolicy> CODEC =
      new SidecarFile.Codec<>(
          "policies", SidecarPolicy::read, SidecarPolicy::id, SidecarPolicy::fields);

  public SidecarPolicy {
    TierValues.required(id, "id");
    TierValues.required(policy, "policy");
  }

  private static SidecarPolicy read(ArtifactId id, Config t) {
    return new SidecarPolicy(id, TomlValues.string(t, "upstream"), ArtifactPolicy.read(t));
  }

  private LinkedHashMap<String, Object> fields() {
    LinkedHashMap<String, Object> f = new LinkedHashMap<>();
    f.put("upstream", upstream);
    f.putAll(policy.fields());
    return f;
  }
}
