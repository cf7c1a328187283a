import { api } from '../../../lib/api-client';
import type { Job } from '../../../types/api';

/** Pins or bumps an artifact to a branch, tag, commit or `latest`. */
export function pinArtifact(collection: string, artifactId: string, versionSpec: string, dryRun: boolean): Promise<Job> {
  return api<Job>(`/api/v1/collections/${encodeURIComponent(collection)}/artifacts/${encodeURIComponent(artifactId)}`, {
    method: 'PATCH',
    body: { version_spec: versionSpec, dry_run: dryRun },
  });
}
