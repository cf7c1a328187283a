import { act, fireEvent, screen } from '@testing-library/react';
import { job, mockFetch } from '../../test/fetch-mock';
import { CreateCollectionDialog } from './create-collection-dialog';
import { plan, renderWithJobs } from '../../test/render-with-jobs';

const PLANNED = job({ job_id: 'dry-1', kind: 'create_collection', state: 'success', pct: 100, plans: [plan('collection:team', 'create')] });
const CREATED = job({ job_id: 'apply-1', kind: 'create_collection', state: 'success', pct: 100 });

function open(onCreated = vi.fn()) {
  const rendered = renderWithJobs((following) => <CreateCollectionDialog {...following} onCreated={onCreated} onClose={() => {}} />);
  return { ...rendered, onCreated };
}

function typeName(name: string) {
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: name } });
}

describe('CreateCollectionDialog', () => {
  it('checks the name as the server does before sending anything', () => {
    const calls = mockFetch(() => undefined);
    open();

    typeName('.hidden');

    expect(screen.getByText('Must not start with “.”.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Preview' }) as HTMLButtonElement).disabled).toBe(true);
    expect(calls).toHaveLength(0);
  });

  it('previews what it will create, then creates and hands over the new name', async () => {
    const calls = mockFetch((call) => ({ status: 202, body: (call.body as { dry_run: boolean }).dry_run ? PLANNED : CREATED }));
    const { onCreated, started } = open();
    typeName('team');
    const create = screen.getByRole('button', { name: 'Create' }) as HTMLButtonElement;
    expect(create.disabled).toBe(true);

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Preview' })));

    expect(screen.getByText('collection:team')).toBeTruthy();
    expect(screen.getByText('Create', { selector: '.plan-action' })).toBeTruthy();
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/api/v1/collections', body: { name: 'team', dry_run: true } });

    await act(async () => fireEvent.click(create));

    expect(calls[1].body).toEqual({ name: 'team', dry_run: false });
    expect(started).toHaveBeenLastCalledWith(CREATED, 'Create collection team', false);
    expect(onCreated).toHaveBeenCalledWith('team');
  });

  it('shows the server’s refusal under the name field', async () => {
    mockFetch(() => ({ status: 409, body: { status: 409, detail: 'collection team already exists', field: 'name' } }));
    open();
    typeName('team');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Preview' })));

    const input = screen.getByLabelText('Name');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(input.getAttribute('aria-describedby') as string)?.textContent).toBe('collection team already exists');
  });
});
