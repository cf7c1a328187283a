/** The longest name the server takes (ArtifactId.MAX_NAME_LENGTH). */
const MAX_LENGTH = 128;

/**
 * Why the server would refuse this collection name, or null when it takes it: the artifact naming
 * rules of docs/api.md, checked in the order ArtifactId.validateName checks them.
 */
export function collectionNameProblem(name: string): string | null {
  if (name.trim() === '') {
    return 'Enter a name.';
  }
  if (name.length > MAX_LENGTH) {
    return `At most ${MAX_LENGTH} characters.`;
  }
  if (name.includes('/') || name.includes('\\')) {
    return 'No “/” or “\\”.';
  }
  if (name.includes('..')) {
    return 'No “..”.';
  }
  if (name.startsWith('.')) {
    return 'Must not start with “.”.';
  }
  if (name.trim() !== name) {
    return 'No spaces at the start or end.';
  }
  // C0 and C1 control characters, as Java’s Character.isISOControl counts them.
  return /[\u0000-\u001f\u007f-\u009f]/.test(name) ? 'No control characters.' : null;
}
