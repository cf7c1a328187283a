import { job } from '../../test/fetch-mock';
import type { JobArtifact, JobKind } from '../../types/api';
import { jobHeadline, jobSummary, jobTitle } from './job-summary';

function removed(id: string): JobArtifact {
  return { artifact_id: id, outcome: 'removed', reason: null, files_added: 0, files_removed: 2, files_modified: 0, before_hash: 'h', after_hash: null };
}

describe('job summary of the collection lifecycle kinds', () => {
  it.each([
    ['create_collection', 'Create collection finished', 'Create collection'],
    ['add', 'Add finished', 'Add from upstream'],
    ['pin', 'Pin finished', 'Pin / bump'],
    ['remove', 'Remove finished', 'Remove from collection'],
    ['undeploy', 'Undeploy finished', 'Undeploy from project'],
  ] as [JobKind, string, string][])('names a %s job', (kind, headline, title) => {
    expect(jobHeadline({ kind, state: 'success' })).toBe(headline);
    expect(jobTitle({ kind, direction: 'upstream_to_collection' })).toBe(title);
  });

  it('counts removed artifacts, and counts them as written when a remove is canceled', () => {
    const artifacts = [removed('command:deploy'), removed('skill:x')];
    expect(jobSummary(job({ kind: 'remove', state: 'success', artifacts }))).toBe('2 removed');
    expect(jobSummary(job({ kind: 'undeploy', state: 'canceled', artifacts }))).toBe('Canceled; 2 artifacts written before the cancel took effect.');
  });
});
