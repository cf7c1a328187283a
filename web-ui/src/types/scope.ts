/** What the UI looks at: one collection and, optionally, one project. */
export interface Scope {
  collection: string;
  projectPath: string | null;
}
