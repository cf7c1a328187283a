import type { ArtifactType } from '../types/api';

const ICONS: Record<ArtifactType, string> = { skill: '✦', command: '⌘', agent: '☺', hook: '⚓', mcp: '⛭' };

/** An artifact type as an icon and its name. */
export function TypeTag({ type }: { type: ArtifactType }) {
  return (
    <span className="type-tag">
      <span aria-hidden="true">{ICONS[type] ?? '•'}</span> {type}
    </span>
  );
}
