import { api } from '../../../lib/api-client';
import type { Job } from '../../../types/api';

/** One collection → project sync job of one artifact into several projects (`project_paths`). */
export function syncToProjects(collection: string, artifactId: string, projectPaths: string[], dryRun: boolean): Promise<Job> {
  return api<Job>('/api/v1/sync/jobs', {
    method: 'POST',
    body: {
      direction: 'collection_to_project',
      collection,
      artifact_ids: [artifactId],
      project_paths: projectPaths,
      strategy: 'auto',
      dry_run: dryRun,
    },
  });
}
