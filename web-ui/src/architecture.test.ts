// The walls between the folders of src/, checked on the import statements (the UI's counterpart of
// the ArchUnit rules in the Java modules): shared code (lib, components, types, test) knows no
// feature, features know no other feature and not the app shell, and only the shell composes them.

const SOURCES = import.meta.glob<string>(['./**/*.ts', './**/*.tsx'], { query: '?raw', import: 'default', eager: true });

interface Import {
  /** The importing file, relative to src/, e.g. `features/jobs/jobs-panel.tsx`. */
  file: string;
  /** The imported module, relative to src/ when it is one of ours, e.g. `lib/api-client`. */
  target: string;
}

function resolve(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) {
    return specifier;
  }
  const parts = file.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') {
      parts.pop();
    } else if (part !== '.') {
      parts.push(part);
    }
  }
  return parts.join('/');
}

const IMPORTS: Import[] = Object.entries(SOURCES).flatMap(([path, text]) => {
  const file = path.replace(/^\.\//, '');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gm)].map((m) => ({ file, target: resolve(file, m[1]) }));
});

/** The feature a module belongs to, or null outside `features/`. */
function feature(path: string): string | null {
  return /^features\/([^/]+)\//.exec(path)?.[1] ?? null;
}

function violations(rule: (i: Import) => boolean): string[] {
  return IMPORTS.filter(rule).map((i) => `${i.file} imports ${i.target}`);
}

describe('src/ layout', () => {
  it('reads the sources it checks', () => {
    expect(IMPORTS.some((i) => i.file === 'app/workbench.tsx' && i.target === 'features/jobs')).toBe(true);
  });

  it('keeps features apart: a feature imports no other feature', () => {
    const crossing = (i: Import) => feature(i.file) !== null && feature(`${i.target}/`) !== null && feature(`${i.target}/`) !== feature(i.file);
    expect(violations(crossing)).toEqual([]);
  });

  it('keeps shared code shared: lib, components, types and test import no feature and not the app shell', () => {
    expect(violations((i) => /^(lib|components|types|test)\//.test(i.file) && /^(features|app)\//.test(`${i.target}/`))).toEqual([]);
  });

  it('lets only main.tsx import the app shell from outside it', () => {
    expect(violations((i) => !/^(app\/|main\.tsx$)/.test(i.file) && i.target.startsWith('app/'))).toEqual([]);
  });

  it('reaches the jobs feature from outside only through its index', () => {
    expect(violations((i) => feature(i.file) !== 'jobs' && i.target.startsWith('features/jobs/'))).toEqual([]);
  });
});
