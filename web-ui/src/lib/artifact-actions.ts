/** What can be done to one artifact besides syncing it (each opens a dialog of the collections feature). */
export type ArtifactAction = 'pin' | 'remove' | 'undeploy' | 'adopt';

export const ACTION_LABELS: Record<ArtifactAction, string> = {
  pin: 'Pin / bump…',
  remove: 'Remove from collection…',
  undeploy: 'Undeploy from project…',
  adopt: 'Adopt into collection…',
};

/** Where an artifact is, as the list and the detail know it. */
export interface Presence {
  inCollection: boolean;
  inProject: boolean;
  hasUpstream: boolean;
}

/** The actions that apply: pin needs an upstream, adopt an artifact only the project has. */
export function availableActions({ inCollection, inProject, hasUpstream }: Presence): ArtifactAction[] {
  const actions: ArtifactAction[] = [];
  if (inCollection && hasUpstream) {
    actions.push('pin');
  }
  if (inCollection) {
    actions.push('remove');
  }
  if (inProject) {
    actions.push('undeploy');
  }
  if (inProject && !inCollection) {
    actions.push('adopt');
  }
  return actions;
}
