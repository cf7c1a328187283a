import { driftEvent } from '../../test/fetch-mock';
import { autoUpdateJob, driftMessage } from './drift-summary';

describe('driftMessage', () => {
  it('says the upstream moved, the change and how many commits', () => {
    expect(driftMessage(driftEvent({}))).toBe('skill:x: upstream moved, synced → outdated (2 commits)');
  });

  it('says a held artifact was not updated', () => {
    expect(driftMessage(driftEvent({ held: true, action: 'held' }))).toBe('skill:x: upstream moved, synced → outdated (2 commits), held, not updated');
  });

  it('says an auto-update was not started because it would conflict', () => {
    expect(driftMessage(driftEvent({ auto_update: 'clean', to: 'diverged', action: 'not_updated:conflict' }))).toBe(
      'skill:x: upstream moved, synced → diverged (2 commits), not updated: the update would conflict',
    );
  });

  it('names the auto-update job', () => {
    const event = driftEvent({ auto_update: 'clean', action: 'auto_update:job-42' });

    expect(driftMessage(event)).toBe('skill:x: upstream moved, synced → outdated (2 commits), updating (job job-42)');
    expect(autoUpdateJob(event)).toBe('job-42');
  });

  it('names the project of a project edge', () => {
    const event = driftEvent({ edge: 'collection_to_project', project_path: '/code/webapp', from: 'synced', to: 'modified', upstream: null });

    expect(driftMessage(event)).toBe('skill:x in webapp: synced → modified');
  });

  it('says why an upstream is unreachable, and when a cell is gone', () => {
    expect(driftMessage(driftEvent({ to: 'unreachable', reason: 'connection refused', upstream: null }))).toBe(
      'skill:x: upstream → collection synced → unreachable (connection refused)',
    );
    expect(driftMessage(driftEvent({ to: null, upstream: null }))).toBe('skill:x: upstream → collection synced → gone');
  });
});
