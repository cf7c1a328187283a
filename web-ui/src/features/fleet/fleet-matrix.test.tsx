import { render, screen, within } from '@testing-library/react';
import type { FleetArtifact, FleetProject } from '../../types/api';
import { FleetMatrix, offlineSince } from './fleet-matrix';

const SERVER: FleetProject = { path: '/srv/code/api', name: 'api', counts: { synced: 1 } };
const LAPTOP: FleetProject = { path: 'laptop:/home/ann/code/web', name: 'web', counts: { modified: 1 }, host: 'laptop', online: true, as_of: '2026-12-06T10:00:00Z' };
const CLOSED: FleetProject = {
  path: 'desk:/home/bob/code/app',
  name: 'app',
  counts: { missing: 1 },
  host: 'desk',
  online: false,
  as_of: '2026-12-05T18:30:00Z',
  offline_reason: "host 'desk' is offline: no agent picked its request up from task queue 'tiersync-host-desk' within 5 s",
};

const ROW: FleetArtifact = {
  artifact_id: 'skill:review',
  type: 'skill',
  name: 'review',
  upstream_to_collection: null,
  upstream_reason: null,
  policy: { held: false, hold_reason: null, hold_until: null, hold_expired: false, auto_update: 'off' },
  error: null,
  cells: [
    { project_path: SERVER.path, collection_to_project: 'synced', reason: null, overall: 'synced' },
    { project_path: LAPTOP.path, collection_to_project: 'modified', reason: null, overall: 'modified' },
    { project_path: CLOSED.path, collection_to_project: 'missing', reason: null, overall: 'missing' },
  ],
};

describe('FleetMatrix with projects on hosts', () => {
  it('names the host of a host column, and greys out and labels the columns of an offline host', () => {
    render(<FleetMatrix projects={[SERVER, LAPTOP, CLOSED]} artifacts={[ROW]} selectedId={null} onSelect={() => {}} />);

    const headings = screen.getAllByRole('columnheader').slice(2);
    expect(headings.map((h) => h.getAttribute('title')?.split(' · ')[0])).toEqual([SERVER.path, LAPTOP.path, CLOSED.path]);
    const [server, laptop, closed] = headings;
    expect(server.querySelector('.fleet-host')).toBeNull();
    expect(server.className).not.toContain('fleet-offline');

    expect(within(laptop).getByText('laptop')).toBeTruthy();
    expect(within(laptop).getByText('web')).toBeTruthy();
    expect(laptop.className).not.toContain('fleet-offline');
    expect(within(laptop).queryByText(/offline since/)).toBeNull();

    expect(within(closed).getByText('desk')).toBeTruthy();
    expect(closed.className).toContain('fleet-offline');
    expect(within(closed).getByText(offlineSince(CLOSED))).toBeTruthy();
    expect(offlineSince(CLOSED)).toBe(`offline since ${new Date('2026-12-05T18:30:00Z').toLocaleString()}`);
    expect(closed.getAttribute('title')).toContain(CLOSED.offline_reason);

    const cells = within(screen.getAllByRole('row')[1]).getAllByRole('cell').slice(1);
    expect(cells.map((c) => c.className.includes('fleet-offline'))).toEqual([false, false, true]);
    expect(cells[2].textContent).toContain('Missing');
  });
});
