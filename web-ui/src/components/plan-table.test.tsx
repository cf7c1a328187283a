import { render, screen } from '@testing-library/react';
import { PlanTable } from './plan-table';

describe('PlanTable', () => {
  it('shows a remove with the files it takes out, and why an artifact cannot be synced', () => {
    render(
      <PlanTable
        plans={[
          { artifact_id: 'command:deploy', action: 'remove', reason: null, files_added: [], files_removed: ['deploy.md'], files_modified: [], predicted_conflicts: [] },
          { artifact_id: 'skill:bad', action: 'error', reason: null, error: 'collection.toml:9: artifacts[1].path: leaves the collection', files_added: [], files_removed: [], files_modified: [], predicted_conflicts: [] },
        ]}
      />,
    );

    expect(screen.getByText('Remove', { selector: '.plan-action' })).toBeTruthy();
    expect(screen.getByText('deploy.md')).toBeTruthy();
    expect(screen.getByText('Cannot sync', { selector: '.plan-action' })).toBeTruthy();
    expect(screen.getByText('collection.toml:9: artifacts[1].path: leaves the collection')).toBeTruthy();
  });
});
