import { api } from '../../../lib/api-client';
import { useResource, type Resource } from '../../../lib/use-resource';
import type { Workspace } from '../../../types/api';

export function getWorkspace(signal?: AbortSignal): Promise<Workspace> {
  return api<Workspace>('/api/v1/workspace', { signal });
}

export function useWorkspace(): Resource<Workspace> {
  return useResource((signal) => getWorkspace(signal), []);
}
