import { fireEvent, render, screen } from '@testing-library/react';
import { mockFetch } from '../../test/fetch-mock';
import { SignIn } from './sign-in';

describe('SignIn', () => {
  it('accepts a token the server accepts', async () => {
    const calls = mockFetch(() => ({ body: { collections: [], projects: [], ui_toasts: true, patch_format: 'tar.gz' } }));
    const onSignedIn = vi.fn();
    render(<SignIn notice={null} onSignedIn={onSignedIn} />);

    fireEvent.change(screen.getByLabelText('API token'), { target: { value: ' abc ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(onSignedIn).toHaveBeenCalledWith('abc');
    expect(calls[0].headers.Authorization).toBe('Bearer abc');
  });

  it('says so when the token is rejected', async () => {
    mockFetch(() => ({ status: 401, body: { status: 401 } }));
    const onSignedIn = vi.fn();
    render(<SignIn notice={null} onSignedIn={onSignedIn} />);

    fireEvent.change(screen.getByLabelText('API token'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toContain('rejected');
    expect(onSignedIn).not.toHaveBeenCalled();
  });
});
