/** The server's rule for a collection name (the artifact naming rules of docs/api.md). */
const NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;

/** Why a collection name would be refused, or null when the server will take it. */
export function collectionNameProblem(name: string): string | null {
  if (name.length === 0) {
    return 'Enter a name.';
  }
  if (name.length > 64) {
    return 'At most 64 characters.';
  }
  if (name.startsWith('.')) {
    return 'Must not start with “.”.';
  }
  return NAME.test(name) ? null : 'Only letters, digits, “.”, “_” and “-”.';
}
