import { mockFetch } from '../test/fetch-mock';
import { api, ApiError, setUnauthorizedHandler, withToken } from './api-client';
import { getToken, setToken } from './auth';

describe('api client', () => {
  beforeEach(() => setToken('t0k3n'));

  it('sends the bearer token and parses JSON', async () => {
    const calls = mockFetch(() => ({ body: { ok: true } }));

    const answer = await api<{ ok: boolean }>('/api/v1/workspace', { query: { project_path: null, limit: 5 } });

    expect(answer.ok).toBe(true);
    expect(calls[0].url).toBe('/api/v1/workspace?limit=5');
    expect(calls[0].headers.Authorization).toBe('Bearer t0k3n');
  });

  it('forgets the token and returns to sign-in on 401', async () => {
    mockFetch(() => ({ status: 401, body: { status: 401, detail: 'bad token' } }));
    const handler = vi.fn();
    setUnauthorizedHandler(handler);

    await expect(api('/api/v1/artifacts')).rejects.toBeInstanceOf(ApiError);

    expect(handler).toHaveBeenCalledOnce();
    expect(getToken()).toBeNull();
  });

  it('turns a problem document into an error naming the rule', async () => {
    mockFetch(() => ({ status: 400, body: { status: 400, detail: 'direction is required', field: 'direction' } }));

    await expect(api('/api/v1/sync/jobs', { method: 'POST', body: {} })).rejects.toThrow('direction is required');
  });

  it('adds the token as access_token for links and event streams', () => {
    expect(withToken('/api/v1/sync/events')).toBe('/api/v1/sync/events?access_token=t0k3n');
    expect(withToken('/x?a=1')).toBe('/x?a=1&access_token=t0k3n');
  });
});
