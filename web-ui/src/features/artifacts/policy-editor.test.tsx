import { act, fireEvent, render, screen } from '@testing-library/react';
import { mockFetch } from '../../test/fetch-mock';
import type { Policy } from '../../types/api';
import { PolicyEditor } from './policy-editor';

const URL = '/api/v1/collections/team/artifacts/skill%3Areview/policy';
const FREE: Policy = { held: false, hold_reason: null, hold_until: null, hold_expired: false, auto_update: 'off' };

function renderEditor(policy: Policy, answer: { status?: number; body?: unknown } = { body: FREE }) {
  const calls = mockFetch(() => answer);
  const onChanged = vi.fn();
  render(<PolicyEditor artifactId="skill:review" collection="team" policy={policy} onChanged={onChanged} />);
  return { calls, onChanged };
}

describe('PolicyEditor', () => {
  it('holds with a reason and an end, then has the artifact read again', async () => {
    const { calls, onChanged } = renderEditor(FREE);

    fireEvent.change(screen.getByLabelText('Hold reason'), { target: { value: ' waiting for the security review ' } });
    fireEvent.change(screen.getByLabelText('Until (optional)'), { target: { value: '2027-01-15T09:30' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Hold' })));

    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'PUT',
      url: URL,
      body: { hold: { reason: 'waiting for the security review', until: new Date('2027-01-15T09:30').toISOString() } },
    });
    expect(onChanged).toHaveBeenCalledOnce();
  });

  it('holds without an end', async () => {
    const { calls } = renderEditor(FREE);

    fireEvent.change(screen.getByLabelText('Hold reason'), { target: { value: 'freeze' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Hold' })));

    expect(calls[0].body).toEqual({ hold: { reason: 'freeze', until: null } });
  });

  it('shows a refused end under its field and reads nothing again', async () => {
    const { onChanged } = renderEditor(FREE, {
      status: 400,
      body: { status: 400, detail: 'hold.until must be in the future, got 2020-01-01T00:00:00Z', field: 'hold.until' },
    });

    fireEvent.change(screen.getByLabelText('Until (optional)'), { target: { value: '2020-01-01T00:00' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Hold' })));

    const until = screen.getByLabelText('Until (optional)');
    expect(until.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(until.getAttribute('aria-describedby') as string)?.textContent).toBe(
      'hold.until must be in the future, got 2020-01-01T00:00:00Z',
    );
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('shows a refused reason under the reason field', async () => {
    renderEditor(FREE, { status: 400, body: { status: 400, detail: 'hold.reason must not contain control characters', field: 'hold.reason' } });

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Hold' })));

    const reason = screen.getByLabelText('Hold reason');
    expect(document.getElementById(reason.getAttribute('aria-describedby') as string)?.textContent).toBe('hold.reason must not contain control characters');
  });

  it('releases a hold, and offers no second hold while one applies', async () => {
    const { calls, onChanged } = renderEditor({ ...FREE, held: true, hold_reason: 'freeze' });

    expect(screen.getByText(/Held: freeze\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Hold' })).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Release' })));

    expect(calls[0]).toMatchObject({ method: 'PUT', url: URL, body: { hold: null } });
    expect(onChanged).toHaveBeenCalledOnce();
  });

  it('offers to release an expired hold or to hold again', () => {
    renderEditor({ ...FREE, hold_expired: true, hold_reason: 'freeze', hold_until: '2026-11-01T00:00:00Z' });

    expect(screen.getByText(/The hold expired on .*: freeze\./)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Release' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Hold' })).toBeTruthy();
  });

  it('switches auto-update to clean updates', async () => {
    const { calls, onChanged } = renderEditor(FREE);

    expect((screen.getByLabelText('Off') as HTMLInputElement).checked).toBe(true);
    await act(async () => fireEvent.click(screen.getByLabelText(/^Clean updates/)));

    expect(calls[0]).toMatchObject({ method: 'PUT', url: URL, body: { auto_update: 'clean' } });
    expect(onChanged).toHaveBeenCalledOnce();
  });
});
