import { api } from '../../../lib/api-client';
import { useResource, type Resource } from '../../../lib/use-resource';
import type { ArtifactType, Fleet } from '../../../types/api';

/** The fleet's filters, as GET /api/v1/fleet takes them. */
export interface FleetFilters {
  /** Only artifacts with a cell or an upstream edge that is not synced. */
  drift: boolean;
  /** One type, or '' for all. */
  type: ArtifactType | '';
  /** The projects to show; none: every known project. */
  projects: string[];
}

export function getFleet(collection: string, filters: FleetFilters, signal?: AbortSignal): Promise<Fleet> {
  return api<Fleet>('/api/v1/fleet', {
    query: { collection, type: filters.type, project: filters.projects, drift: filters.drift || undefined },
    signal,
  });
}

/** The collection's fleet under the filters; a new reloadKey (a job ended, drift) reads it again. */
export function useFleet(collection: string, filters: FleetFilters, reloadKey: number): Resource<Fleet> {
  return useResource((signal) => getFleet(collection, filters, signal), [collection, filters.drift, filters.type, filters.projects.join('\n'), reloadKey]);
}
